"""`erasure-plan`: every place holding a subject's data, the action, the order and the gaps."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from policycheck.errors import UsageError
from policycheck.load.repo import load_repo
from policycheck.support import erasure
from tests.support_repos import AS_OF, copy_fixture, repo, same_loop, subject_edges


def plan(name: str, subject: str = "customer", lang: str = "en", as_of: dt.date = AS_OF) -> erasure.ErasurePlan:
    return erasure.build(repo(name), subject, as_of, lang)


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
    assert nightly.rotation_until == "2027-01-02"  # as of 2026-11-28 + P35D
    assert any("rotate out" in n and "2027-01-02" in n for n in nightly.notes)


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
    assert "keep it under law" in tax.instruction


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
    assert s["backup"].rotation_until == "2027-01-02"
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
    s = {st.node: st for st in erasure.build(load_repo(target), "customer", AS_OF, "en").steps}
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
    p = erasure.build(load_repo(target), "customer", AS_OF, "en")
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
    assert "it is not erased there but restricted" in collector.instruction
    assert "tell Inkasso A/S of the restriction (Art. 19)" in collector.instruction
    sv = steps(plan("forward", lang="sv"))["collector"].instruction
    assert "meddela Inkasso A/S begränsningen (art. 19)" in sv
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
