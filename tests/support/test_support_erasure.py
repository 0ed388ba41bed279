"""`erasure-plan`: every place holding a subject's data, the action, the order and the gaps."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from policycheck.errors import UsageError
from policycheck.load.repo import load_repo
from policycheck.support import erasure
from tests.support_repos import AS_OF, copy_fixture, repo, same_loop, subject_edges


def built(*args: object) -> erasure.ErasurePlan:
    """The plan as the outputs show it: its sentences worded in its language."""
    return erasure.words(erasure.build(*args))  # type: ignore[arg-type]


def plan(name: str, subject: str = "customer", lang: str = "en", as_of: dt.date = AS_OF) -> erasure.ErasurePlan:
    return built(repo(name), subject, as_of, lang)


def steps(p: erasure.ErasurePlan) -> dict[str, erasure.Step]:
    return {s.node: s for s in p.steps}


# --- data reaching a system only through a flow; anonymized flows ---------------------------


def test_data_reaching_a_system_only_through_a_flow_gets_a_step() -> None:
    s = steps(plan("flows"))
    crm = s["crm"]
    assert crm.action == "delete"
    assert crm.only_through_flow is True
    assert crm.fed_by == ("webform",)
    assert crm.categories == ("contact", "order")
    assert any("only through flows from Web contact form" in n for n in crm.notes)
    assert s["webform"].only_through_flow is False


def test_anonymized_flows_give_no_step() -> None:
    p = plan("flows")
    assert set(steps(p)) == {"webform", "crm"}
    # `stats` stores nothing; `reports` declares the category it receives only anonymized
    assert [(a.node, a.sources, a.categories) for a in p.anonymized] == [
        ("reports", ("webform",), ("order",)),
        ("stats", ("webform",), ("order",)),
    ]
    assert p.gaps == ()


def test_only_the_subjects_data_counts() -> None:
    p = plan("flows", subject="employee")
    assert [s.node for s in p.steps] == ["hr"]
    assert [(g.node, g.blocking) for g in p.gaps] == [("hr", True)]
    assert p.steps[0].action == "no-routine"


def test_unknown_subject_is_a_usage_error_with_a_hint() -> None:
    with pytest.raises(UsageError, match=r"unknown data subject 'custmer' \(did you mean 'customer'\?\)"):
        plan("flows", subject="custmer")


# --- retention forced by law, backups, paper, recipients ---------------------------------------


def test_retention_forced_by_law_means_keep_and_restrict() -> None:
    ledger = steps(plan("law"))["ledger"]
    assert ledger.action == "restrict"
    (part,) = ledger.parts
    assert part.purpose == "accounting" and part.action == "restrict"
    assert part.article == "Art. 17(3)(b)"
    assert part.laws[0].id == "bokforingslagen-7-kap-2"
    assert part.retention == "P7Y"
    assert "Bokföringslagen (1999:1078) 7 kap. 2 §" in ledger.instruction
    assert "Do not delete." in ledger.instruction


def test_a_place_can_keep_part_of_the_data_under_law() -> None:
    ticketing = steps(plan("org_example"))["ticketing"]
    assert ticketing.action == "delete"
    actions = {p.purpose: p.action for p in ticketing.parts}
    assert actions == {"customer-support": "delete", "complaints": "restrict"}
    complaints = next(p for p in ticketing.parts if p.purpose == "complaints")
    assert complaints.article == "Art. 17(3)(e)"  # Konsumentköplagen, Preskriptionslagen: legal claims
    assert "Exception:" in ticketing.instruction


def test_backups_expire_by_rotation() -> None:
    nightly = steps(plan("law"))["nightly"]
    assert nightly.system_kind == "backup"
    assert nightly.action == "delete"
    # copies are taken until the source is erased (2026-11-28 + its 30 days), then rotate (P35D,
    # the backup's own purpose counted from the copy)
    assert nightly.rotation_until == "2027-02-01"
    assert any("rotate out" in n and "2027-02-01" in n for n in nightly.notes)


def test_paper_is_a_place_to_erase() -> None:
    letters = steps(plan("law"))["letters"]
    assert (letters.kind, letters.system_kind, letters.channel) == ("system", "paper", True)
    assert letters.action == "delete"
    assert letters.procedure == "Take the customer's folder to the shredding bin"
    assert any(n.startswith("Paper:") for n in letters.notes)


def test_recipients_are_informed_under_art_19() -> None:
    p = plan("law")
    tax = steps(p)["tax"]
    assert (tax.kind, tax.action) == ("recipient", "inform")
    assert [(r.node, r.kind, r.sent_from) for r in p.recipients] == [("tax", "authority", ("ledger",))]
    # its only source keeps the data under law: nothing is erased there now
    # it is told what actually happened: nothing was erased, the ledger keeps it under law
    assert "not erased but kept restricted in Ledger under Bokföringslagen" in tax.instruction
    assert "erased" not in tax.instruction.replace("not erased", "")
    # an authority decides on its own records: no claim that it erases its copy
    assert "decides itself on its own records" in tax.instruction
    assert "erases its own copy" not in tax.instruction and "own controller" not in tax.instruction


# --- processors, sub-processors, gaps, loops ---------------------------------------------------


def test_processor_is_instructed_under_its_dpa() -> None:
    chatco = steps(plan("chain"))["chatco"]
    assert (chatco.kind, chatco.action) == ("processor", "instruct")
    assert chatco.processor is not None and chatco.processor.contact == "privacy@chatco.example"
    assert "Art. 28(3)(e)" in chatco.instruction and "HostCo Inc." in chatco.instruction


def test_sub_processor_is_instructed_through_its_processor() -> None:
    hostco = steps(plan("chain"))["hostco"]
    assert (hostco.action, hostco.via) == ("instruct", ("chatco",))
    assert hostco.processor is None
    assert "Art. 28(4)" in hostco.instruction


def test_node_without_routine_is_a_blocking_gap() -> None:
    p = plan("chain")
    gaps = {g.node: g for g in p.gaps}
    assert set(gaps) == {"notes", "sms"}
    assert all(g.blocking for g in gaps.values())
    assert gaps["notes"].kind == "system" and gaps["notes"].file == "systems/notes.yaml"
    assert "no erasure routine" in gaps["notes"].reason
    assert gaps["sms"].kind == "processor" and "no DPA" in gaps["sms"].reason
    s = steps(p)
    assert s["notes"].action == "no-routine" and s["notes"].blocking
    assert s["notes"].only_through_flow
    assert s["sms"].action == "no-routine"
    assert p.blocked


def test_loops_are_erased_together_and_flagged() -> None:
    p = plan("chain")
    assert p.cycles == (("crm", "mailer"),)
    order = [s.node for s in p.steps]
    assert order.index("mailer") == order.index("crm") + 1
    s = steps(p)
    assert s["crm"].loop == 1 and s["mailer"].loop == 1
    assert s["mailer"].action == "anonymize"


@pytest.mark.parametrize("name", ["flows", "law", "chain", "breach", "org_example", "forward"])
def test_upstream_is_erased_before_downstream(name: str) -> None:
    p = plan(name)
    position = {s.node: s.order for s in p.steps}
    edges = subject_edges(repo(name), "customer")
    assert edges
    for u, v in edges:
        assert position[u] < position[v] or same_loop(edges, u, v), f"{u} -> {v}"


def test_deadline_is_one_month_extendable_by_two() -> None:
    p = plan("law", as_of=dt.date(2026, 1, 31))
    assert (p.as_of, p.deadline, p.deadline_extended) == ("2026-01-31", "2026-02-28", "2026-04-30")
    assert {s.deadline for s in p.steps} == {"2026-02-28"}


# --- the example organization --------------------------------------------------------------------


def test_org_example_plan() -> None:
    p = plan("org_example")
    s = steps(p)
    assert [g.node for g in p.gaps] == ["agent-notes"]
    assert s["knowledge-base"].only_through_flow and s["knowledge-base"].action == "delete"
    assert "analytics" not in s and "infomaniak" not in s
    assert [a.node for a in p.anonymized] == ["analytics"]
    assert s["bookkeeping"].action == "restrict"
    assert s["paper-archive"].action == "restrict"
    assert s["backup"].rotation_until == "2027-02-01"
    assert s["kaveri-data"].via == ("intercom",)
    # AWS is also Twilio's sub-processor, but Twilio is Zendesk's: we instruct through Zendesk
    assert set(s["aws"].via) == {"hubspot", "intercom", "zendesk"}
    assert [r.node for r in p.recipients] == ["intrum", "skatteverket"]
    assert [c.node for c in p.caveats] == ["telavox"]  # hosts the phone system, but no DPA
    assert s["telavox"].action == "instruct"
    kinds = {st.kind for st in p.steps}
    assert kinds == {"system", "processor", "recipient"}
    assert p.summary == {"delete": 7, "restrict": 2, "no-routine": 1, "instruct": 13, "inform": 2}


def test_rendering_in_both_languages() -> None:
    en = erasure.render(plan("law"), "text")
    sv = erasure.render(plan("law", lang="sv"), "text")
    assert "Erasure plan for the customer: Lagbutiken AB" in en
    assert "keep and restrict" in en and "Art. 17(3)(b)" in en
    assert "Raderingsplan för kunden: Lagbutiken AB" in sv
    assert "behåll och begränsa" in sv and "art. 17.3 b" in sv
    assert "Radera inte." in sv
    md = erasure.render(plan("chain", lang="sv"), "markdown")
    assert md.startswith("# Raderingsplan för kunden: Kedjan AB\n")
    assert "## Blockerande luckor (2)" in md
    assert "| 1 | Web chat (`chat`) |" in md


# --- QA findings: sub-processors, laws, plurals --------------------------------------------------


def test_a_sub_processor_step_keeps_what_its_processors_keep_under_law() -> None:
    """The text must carry the same keep-and-restrict exception as the JSON parts."""
    p = plan("shop")
    s = steps(p)
    bangalore = s["bangalore-care"]
    kept = {part.purpose: part.action for part in bangalore.parts}
    assert kept == {"customer-service": "delete", "bookkeeping": "restrict"}
    assert "Exception: Keep Contact details and Invoice and payment data" in bangalore.instruction
    assert "Bokföringslagen (1999:1078) 7 kap. 2 §" in bangalore.instruction
    # the processor it is instructed through says the same
    assert "Exception: Keep Contact details and Invoice and payment data" in s["crmvendor"].instruction
    sv = steps(plan("shop", lang="sv"))["bangalore-care"].instruction
    assert "Undantag: Behåll Contact details och Invoice and payment data" in sv


def test_a_second_level_sub_processor_is_instructed_through_our_processor() -> None:
    """Mumbai Cloud works for Bangalore Care, which works for ChattCo and CRM Vendor: we have
    contracts only with the latter two."""
    s = steps(plan("shop"))
    mumbai = s["mumbai-cloud"]
    assert mumbai.via == ("chattco", "crmvendor")
    assert mumbai.processor is None
    assert mumbai.instruction.startswith(
        "Sub-processor of Bangalore Care Ltd: ask ChattCo, Inc. and CRM Vendor AB to have Mumbai Cloud Ltd "
        "delete the customer's data (Art. 28(4))"
    )
    assert s["bangalore-care"].via == ("chattco", "crmvendor")
    assert s["bangalore-care"].instruction.startswith("Sub-processor: ask ChattCo, Inc. and CRM Vendor AB")
    sv = steps(plan("shop", lang="sv"))["mumbai-cloud"].instruction
    assert sv.startswith("Underbiträde till Bangalore Care Ltd: be ChattCo, Inc. och CRM Vendor AB se till att")


def test_laws_from_unverified_reference_data_are_marked() -> None:
    crm = steps(plan("shop"))["crm"]
    assert crm.parts[1].laws[0].verified is False
    assert "Bokföringslagen (1999:1078) 7 kap. 2 § (unverified: confirm before relying on it)" in crm.instruction
    text = erasure.render(plan("shop", lang="sv"), "text")
    assert "Bokföringslagen (1999:1078) 7 kap. 2 § (ej verifierat: kontrollera innan du förlitar dig på det)" in text
    md = erasure.render(plan("law"), "markdown")
    assert "(unverified: confirm before relying on it)" in md


def test_one_step_is_one_step() -> None:
    assert "\n1 step: 1 NO ROUTINE.\n" in erasure.render(plan("flows", subject="employee"), "text")
    assert "\n13 steps: " in erasure.render(plan("shop"), "text")


def test_a_sub_processor_of_data_kept_under_law_keeps_it_restricted(tmp_path: Path) -> None:
    """The CRM keeps only accounting data, so its vendor's sub-processors keep it too."""
    target = copy_fixture("shop", tmp_path, {
        "processors/chattco.yaml": ("subprocessors: [bangalore-care]", "subprocessors: []"),
        "systems/crm.yaml": ("  - {categories: [contact-details], purpose: customer-service}\n", ""),
        "systems/arenden.yaml": (
            "  - {to: crm, categories: [contact-details], purpose: customer-service, transform: none, "
            "encrypted: true}\n", ""),
    })
    s = {st.node: st for st in built(load_repo(target), "customer", AS_OF, "en").steps}
    assert s["crm"].action == "restrict"
    assert s["crmvendor"].instruction.startswith("Instruct CRM Vendor AB under the DPA to keep")
    bangalore = s["bangalore-care"]
    assert (bangalore.action, bangalore.via) == ("instruct", ("crmvendor",))
    assert bangalore.instruction.startswith(
        "Sub-processor: ask CRM Vendor AB to have Bangalore Care Ltd keep the customer's data restricted"
    )
    assert "delete the customer's data" not in bangalore.instruction
    assert "Keep Contact details and Invoice and payment data" in bangalore.instruction
    assert s["mumbai-cloud"].instruction.startswith("Sub-processor of Bangalore Care Ltd: ask CRM Vendor AB")


# --- QA round 2: forward-only systems, flows, partial keeping, restriction, Art. 10 -------------


def test_a_forward_only_channel_is_a_step_that_keeps_nothing() -> None:
    """The web chat stores nothing and has no erasure routine: it only forwards (QA o3 webchat).
    Transmission is processing, so it is listed and feeds the places after it, but it is no gap."""
    p = plan("forward")
    s = steps(p)
    chat = s["webchat"]
    assert chat.action == "none" and not chat.blocking
    assert chat.forwarded == ("contact", "order", "messages", "consent")
    assert chat.instruction.startswith("Nothing to erase here: Web chat widget keeps none of the customer's data")
    assert "Marketing CRM and Help desk" in chat.instruction
    assert "webchat" not in {g.node for g in p.gaps} and not p.blocked
    assert p.summary["none"] == 1
    # it comes before the places it feeds, which name it as their source
    assert chat.order < s["helpdesk"].order and chat.order < s["crm"].order
    assert s["helpdesk"].fed_by == ("webchat",)
    assert s["crm"].fed_by == ("webchat",)
    assert "Also receives Order details through flows from Web chat widget" in " ".join(s["crm"].notes)
    # the processor running it deletes what passes through its service
    assert s["chatco"].instruction.startswith("Web chat widget keeps nothing, but the customer's data passes through")
    text = erasure.render(p, "text")
    assert "from ?" not in text and "?," not in text
    assert "[nothing kept] webchat: Web chat widget" in text
    assert "[inget sparas] webchat" in erasure.render(plan("forward", lang="sv"), "text")


def test_the_qa_forward_only_repro_names_every_source(tmp_path: Path) -> None:
    """The QA repo's minimal case: a chat with `stores: []` forwarding to the help desk only."""
    target = copy_fixture("forward", tmp_path, {
        "systems/webchat.yaml": (
            "  - {to: crm, categories: [contact, order, consent], purpose: marketing, transform: none, "
            "encrypted: true}\n", ""),
    })
    p = built(load_repo(target), "customer", AS_OF, "en")
    s = steps(p)
    assert s["webchat"].action == "none" and s["helpdesk"].fed_by == ("webchat",)
    assert "webchat" not in {g.node for g in p.gaps}
    assert "order" not in s["crm"].categories  # nothing brings it there now


def test_the_instruction_names_data_that_arrives_only_by_a_flow() -> None:
    """The CRM stores contact details and consent; order details arrive only from the chat."""
    crm = steps(plan("forward"))["crm"]
    assert crm.categories == ("contact", "order", "consent")
    assert crm.instruction == (
        "Delete the customer's data (Contact details, Order details and Marketing consent) following the "
        "procedure."
    )
    assert {c for part in crm.parts for c in part.categories} == {"contact", "order", "consent"}


def test_a_source_keeping_part_of_the_data_under_law_may_send_it_again() -> None:
    """The help desk keeps complaints under law and sends its data to the backup."""
    backup = steps(plan("forward"))["backup"]
    assert (
        "Help desk keeps part of the data under law (Contact details and Support conversations): make sure "
        "its flow does not send that part of the customer's data here again (exclude the customer or pause "
        "the flow)." in backup.notes
    )
    sv = steps(plan("forward", lang="sv"))["backup"]
    assert any(n.startswith("Help desk behåller en del av uppgifterna enligt lag") for n in sv.notes)
    # a source that deletes everything gives no such note
    assert not any("under law" in n for n in steps(plan("forward"))["crm"].notes)


def test_recipients_of_restricted_data_are_told_of_the_restriction() -> None:
    """Art. 19 covers restriction: the ledger keeps the data restricted, so the recipients are told."""
    collector = steps(plan("forward"))["collector"]
    assert collector.action == "inform"
    assert "nothing is erased at the source now" not in collector.instruction
    assert "not erased but kept restricted in Ledger" in collector.instruction
    assert "tell Inkasso A/S what happened to the customer's data it received (Art. 19)" in collector.instruction
    sv = steps(plan("forward", lang="sv"))["collector"].instruction
    assert "meddela Inkasso A/S vad som har hänt med kundens uppgifter" in sv
    assert "har inte raderats utan behålls begränsade i Ledger" in sv
    assert "inget raderas hos källan nu" not in sv


def test_criminal_offence_data_is_not_called_a_special_category() -> None:
    fraud = steps(plan("forward"))["fraud-register"]
    assert fraud.special is True
    assert (fraud.special_categories, fraud.criminal_categories) == ((), ("fraud",))
    text = erasure.render(plan("forward"), "text")
    line = next(ln for ln in text.splitlines() if "Fraud flags" in ln and "Data:" in ln)
    assert line.endswith("(includes criminal-offence data, Art. 10)")
    assert "special-category" not in text
    md = erasure.render(plan("forward", lang="sv"), "markdown")
    assert "(innehåller uppgifter om lagöverträdelser, art. 10)" in md
    assert "känsliga personuppgifter" not in md
    # a special category (Art. 9) is still named as such
    org = erasure.render(plan("org_example"), "text")
    assert "(includes special-category data, Art. 9)" in org


# --- issue 11: legal precision --------------------------------------------------------------------


def _copies(tmp_path: Path, basis: str = "Bokföringslagen (1999:1078) 7 kap. 2 §") -> erasure.ErasurePlan:
    """The law fixture with a mailbox keeping 30 days of the accounting data, and a USB backup of
    the ledger keeping one month of it."""
    target = copy_fixture("law", tmp_path, {
        "purposes.yaml": ('retention_basis: "Bokföringslagen (1999:1078) 7 kap. 2 §"', f'retention_basis: "{basis}"'),
        "systems/ledger.yaml": (
            "flows:\n",
            "flows:\n  - {to: usb, categories: [contact, payment], purpose: accounting, transform: none, "
            "encrypted: true}\n",
        ),
    })
    (target / "systems" / "mailbox.yaml").write_text(
        "name: Invoice mailbox\nkind: email\nowner: finance\nlocation: [SE]\nstores:\n"
        "  - {categories: [contact, payment], purpose: accounting, retention: P30D}\n"
        "erasure: {method: delete, automated: true, procedure: Mail older than 30 days is deleted, within_days: 30}\n"
        "security: {access_control: role-based, mfa: true, encryption_at_rest: true, audit_log: true}\n",
        encoding="utf-8",
    )
    (target / "systems" / "usb.yaml").write_text(
        "name: USB backup\nkind: backup\nowner: finance\nlocation: [SE]\nstores:\n"
        "  - {categories: [contact, payment], purpose: accounting, retention: P1M}\n"
        "erasure: {method: delete, automated: true, procedure: The disk is overwritten monthly, within_days: 1}\n"
        "security: {access_control: role-based, mfa: true, encryption_at_rest: true, audit_log: true}\n",
        encoding="utf-8",
    )
    return built(load_repo(target), "customer", AS_OF, "en")


def test_the_hold_is_on_the_record_and_copies_are_erased(tmp_path: Path) -> None:
    s = steps(_copies(tmp_path))
    assert s["ledger"].action == "restrict"
    # the mailbox keeps 30 days of a 7-year record, the USB disk is a backup: copies, erased
    for copy in ("mailbox", "usb"):
        assert s[copy].action == "delete", copy
        assert "Do not delete" not in s[copy].instruction and "Keep" not in s[copy].instruction
        part = next(x for x in s[copy].parts if x.purpose == "accounting")
        assert (part.action, part.kept_at, part.article) == ("delete", ("ledger",), None)
        assert any("kept under law at Ledger, which keeps the record" in n for n in s[copy].notes)
    # a backup's own retention counts from the copy, not from the end of the financial year
    usb = next(x for x in s["usb"].parts if x.purpose == "accounting")
    assert usb.retention_text == "1 month after the backup is taken"
    assert s["usb"].rotation_until is not None


def _more_records(tmp_path: Path, extra: int, lang: str = "en") -> erasure.ErasurePlan:
    """:func:`_copies` with ``extra`` more ledgers keeping the accounting record (no flows)."""
    _copies(tmp_path)
    target = tmp_path / "law"
    ledger = (target / "systems" / "ledger.yaml").read_text(encoding="utf-8").split("flows:\n")[0]
    for i in range(1, extra + 1):
        (target / "systems" / f"ledger-{i:03}.yaml").write_text(
            ledger.replace("name: Ledger", f"name: Ledger {i:03}"), encoding="utf-8"
        )
    return built(load_repo(target), "customer", AS_OF, lang)


def _copy_note(p: erasure.ErasurePlan, node: str = "mailbox") -> str:
    (note,) = [n for n in steps(p)[node].notes if "Ledger" in n]
    return note


def test_a_copy_note_names_the_first_record_places_then_how_many_more(tmp_path: Path) -> None:
    cap = erasure.NAMED_RECORDS
    p = _more_records(tmp_path, cap + 2)  # Ledger and cap + 2 more keep the record
    part = next(x for x in steps(p)["mailbox"].parts if x.purpose == "accounting")
    assert part.kept_at == ("ledger", *(f"ledger-{i:03}" for i in range(1, cap + 3)))  # every one, in JSON
    named = ", ".join(["Ledger", *(f"Ledger {i:03}" for i in range(1, cap - 1))]) + f" and Ledger {cap - 1:03}"
    assert f"kept under law at {named}, 3 more (`--format json` lists every one" not in _copy_note(p)
    assert (
        f"kept under law at {', '.join(['Ledger', *(f'Ledger {i:03}' for i in range(1, cap))])} and 3 more "
        "(`--format json` lists every one in the part's kept_at), which keeps the record" in _copy_note(p)
    )
    assert f"Ledger {cap:03}" not in _copy_note(p)
    sv = _copy_note(_more_records(tmp_path / "sv", cap + 2, "sv"))
    assert "och 3 till (`--format json` listar alla i delens kept_at), där originalet finns" in sv
    assert f"Ledger {cap:03}" not in sv


def test_a_copy_note_at_the_cap_names_every_record_place(tmp_path: Path) -> None:
    cap = erasure.NAMED_RECORDS
    note = _copy_note(_more_records(tmp_path, cap - 1))  # Ledger and cap - 1 more: exactly the cap
    named = ", ".join(["Ledger", *(f"Ledger {i:03}" for i in range(1, cap - 1))]) + f" and Ledger {cap - 1:03}"
    assert f"kept under law at {named}, which keeps the record" in note
    assert "more" not in note


def test_the_longest_note_does_not_grow_with_the_places_keeping_the_record(tmp_path: Path) -> None:
    """The plan grows linearly (issue 12): a copy's note is as long with 20 record places as with 80."""

    def longest(extra: int) -> int:
        p = _more_records(tmp_path / str(extra), extra)
        return max(len(n) for s in p.steps for n in s.notes)

    assert longest(20) == longest(80)


def test_legal_claims_are_art_17_3_e_not_a_duty_to_keep(tmp_path: Path) -> None:
    law = "Preskriptionslagen (1981:130) 2 §"
    p = _copies(tmp_path / "e", basis=law)
    ledger = steps(p)["ledger"]
    assert "legal claims" in ledger.instruction and "Art. 17(3)(e)" in ledger.instruction
    assert "impose no duty to keep" in ledger.instruction
    assert "use it only for legal claims" in ledger.instruction
    assert "requires keeping it" not in ledger.instruction and "what the law requires" not in ledger.instruction
    # Bokföringslagen is an obligation: Art. 17(3)(b)
    ledger_b = steps(_copies(tmp_path / "b"))["ledger"]
    assert "Bokföringslagen (1999:1078) 7 kap. 2 §" in ledger_b.instruction
    assert "requires keeping it (Art. 17(3)(b))" in ledger_b.instruction and "legal claims" not in ledger_b.instruction
    # both
    both = steps(_copies(tmp_path / "both", basis=f"Bokföringslagen (1999:1078) 7 kap. 2 §; {law}"))["ledger"]
    assert "requires keeping it, and it may be needed for legal claims" in both.instruction
    # Swedish
    sv = steps(built(load_repo(tmp_path / "e" / "law"), "customer", AS_OF, "sv"))["ledger"]
    # (cited "art. 17.3 e" when rendered)
    assert "rättsliga anspråk" in sv.instruction and "17(3)(e)" in sv.instruction
    assert "ingen skyldighet att spara" in sv.instruction and "det lagen kräver" not in sv.instruction


def test_a_processor_step_uses_the_stores_own_retention() -> None:
    s = steps(plan("org_example"))
    # Microsoft runs the shared mailbox (P30D of support cases) and the agent notes
    microsoft = {x.purpose: x.retention for x in s["microsoft"].parts}
    mailbox = {x.purpose: x.retention for x in s["shared-mailbox"].parts}
    assert microsoft["customer-support"] in {mailbox["customer-support"], "P2Y"}
    # a processor running only a 30-day store is not shown the purpose's longer period
    assert all(
        x.retention == y.retention for x in s["glesys"].parts for y in s["backup"].parts if x.purpose == y.purpose
    )


def test_live_systems_come_before_backups_when_nothing_orders_them(tmp_path: Path) -> None:
    target = copy_fixture("law", tmp_path, {
        "systems/shop.yaml": ("  - {to: nightly, categories: [contact, order, payment], purpose: backup, "
                              "transform: none, encrypted: true}\n", ""),
    })
    (target / "systems" / "aaa-backup.yaml").write_text(
        "name: A backup\nkind: backup\nowner: it\nlocation: [SE]\nstores:\n"
        "  - {categories: [contact, order, payment], purpose: backup}\n"
        "erasure: {method: delete, automated: true, procedure: Rotates, within_days: 1}\n"
        "security: {access_control: role-based, mfa: true, encryption_at_rest: true, audit_log: true}\n",
        encoding="utf-8",
    )
    order = [x.node for x in built(load_repo(target), "customer", AS_OF, "en").steps]
    systems = [n for n in order if n in {"aaa-backup", "nightly", "shop", "ledger", "letters"}]
    assert systems.index("shop") < systems.index("aaa-backup")
    assert systems[-2:] == ["aaa-backup", "nightly"]


def test_recipients_are_told_what_actually_happened_per_category(tmp_path: Path) -> None:
    """A recipient fed by a source that erases part and keeps part is told both."""
    target = copy_fixture("law", tmp_path, {
        "systems/shop.yaml": (
            "  - {to: ledger,",
            "  - {to: tax, categories: [order], purpose: support, transform: none, encrypted: true}\n  - {to: ledger,",
        ),
        "recipients/tax.yaml": ("kind: authority", "kind: partner"),
    })
    p = built(load_repo(target), "customer", AS_OF, "en")
    tax = steps(p)["tax"]
    assert "Order history erased" in tax.instruction
    assert "Contact details and Payment details not erased but kept restricted in Ledger" in tax.instruction
    assert "its own controller: it decides on its own copy" in tax.instruction
    sv = steps(built(load_repo(target), "customer", AS_OF, "sv"))["tax"]
    assert "Order history har raderats" in sv.instruction
    assert "har inte raderats utan behålls begränsade i Ledger" in sv.instruction


def test_swedish_plan_names_kinds_and_countries_not_ids() -> None:
    text = erasure.render(plan("org_example", lang="sv"), "text")
    assert "Registrerade: kunder" in text and "customer\n" not in text
    assert "Skatteverket (myndighet, Sverige)" in text and "(skatteverket, authority, SE)" not in text
    assert "  - Telavox AB: " in text
    md = erasure.render(plan("org_example", lang="sv"), "markdown")
    assert "Skatteverket** (myndighet, Sverige)" in md and "`customer`" not in md


def test_an_unmapped_customer_channel_is_a_gap_in_both_plans(tmp_path: Path) -> None:
    from policycheck.support import access

    target = copy_fixture("law", tmp_path)
    (target / "systems" / "phone.yaml").write_text(
        "name: Phone queue\nkind: phone\nchannel: true\nowner: support\nlocation: [SE]\n"
        "security: {access_control: role-based, mfa: true, encryption_at_rest: true, audit_log: true}\n",
        encoding="utf-8",
    )
    r = load_repo(target)
    for lang, words in (("en", "not mapped"), ("sv", "finns inte med i kartläggningen")):
        p = built(r, "customer", AS_OF, lang)
        gap = next(g for g in p.gaps if g.node == "phone")
        assert gap.blocking and words in gap.reason and gap.file == "systems/phone.yaml"
        assert words in erasure.render(p, "text") and words in erasure.render(p, "markdown")
        a = access.build(r, "customer", AS_OF, lang)
        assert [g.node for g in a.gaps] == ["phone"]
        assert words in access.render(a, "text") and words in access.render(a, "markdown")
    # a mapped repo has no such gap
    assert access.build(repo("law"), "customer", AS_OF, "en").gaps == ()


def test_deadlines_are_days_in_the_organizations_time_zone() -> None:
    from policycheck.support import access

    p = plan("org_example", lang="sv")
    assert p.time_zone == "Europe/Stockholm"
    assert "Tidsfrist: 2026-12-28 (Europe/Stockholm)" in erasure.render(p, "text")
    a = access.build(repo("org_example"), "customer", AS_OF, "en")
    assert a.time_zone == "Europe/Stockholm" and "2026-12-28 (Europe/Stockholm)" in access.render(a, "markdown")
