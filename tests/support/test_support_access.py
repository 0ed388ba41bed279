"""`access-plan`: where to collect the data (Art. 15) and what the answer must say."""

from __future__ import annotations

from pathlib import Path

import pytest

from policycheck.errors import UsageError
from policycheck.load.repo import load_repo
from policycheck.support import access
from tests.support_repos import AS_OF, copy_fixture, repo


def built(*args: object) -> access.AccessPlan:
    """The plan as the outputs show it: its sentences worded in its language."""
    return access.words(access.build(*args))  # type: ignore[arg-type]


def plan(name: str, subject: str = "customer", lang: str = "en") -> access.AccessPlan:
    return built(repo(name), subject, AS_OF, lang)


def test_collect_follows_flows_and_skips_anonymized_places() -> None:
    p = plan("flows")
    assert [c.node for c in p.collect] == ["webform", "crm"]
    crm = p.collect[1]
    assert crm.categories == ("contact", "order")
    assert any("only through flows" in n for n in crm.notes)


def test_org_example_collect() -> None:
    p = plan("org_example")
    nodes = [c.node for c in p.collect]
    assert "knowledge-base" in nodes and "paper-archive" in nodes and "backup" in nodes
    assert "analytics" not in nodes
    # a processor that received data by a flow is asked; a hosting processor is not
    assert "legacy-sms" in nodes and "zendesk" not in nodes
    sms = next(c for c in p.collect if c.node == "legacy-sms")
    assert sms.kind == "processor" and "Art. 28(3)(e)" in sms.how
    backup = next(c for c in p.collect if c.node == "backup")
    assert "35 days" in backup.how


def test_answer_covers_art_15() -> None:
    a = plan("org_example").answer
    purposes = {p.id: p for p in a.purposes}
    assert "debt-collection" in purposes  # disclosed to a recipient
    assert "statistics" not in purposes  # only anonymized
    assert purposes["bookkeeping"].retention_law == "Bokföringslagen (1999:1078) 7 kap. 2 §"
    assert purposes["customer-support"].retention_text == "2 years after the case is closed"
    chat = next(e for e in purposes["customer-support"].exceptions if e.node == "chat")
    assert chat.retention == "P6M"
    assert {c.id for c in a.categories} >= {"health-data", "call-recordings"}
    roles = {r.id: r.role for r in a.recipients}
    assert roles["zendesk"] == "processor" and roles["aws"] == "sub-processor"
    assert roles["skatteverket"] == "recipient"
    transfers = {(t.node, t.country): t for t in a.transfers}
    assert transfers[("kaveri-data", "IN")].safe is False
    assert transfers[("intercom", "US")].basis == "adequacy-partial"
    assert "Data Privacy Framework" in transfers[("intercom", "US")].safeguard
    assert a.source.channels == ("chat", "paper-archive", "phone", "shared-mailbox", "ticketing")
    assert a.source.internal == ("agent-notes",)
    assert a.complaint is not None and a.complaint.short_name == "IMY"
    assert any("Integritetsskyddsmyndigheten" in r for r in a.rights)
    assert "dpo@exempel.se" in a.contact


def test_retention_law_in_fixture() -> None:
    a = plan("law").answer
    accounting = next(p for p in a.purposes if p.id == "accounting")
    assert accounting.lawful_basis == "legal-obligation"
    assert accounting.retention_text == "7 years after the end of the financial year"


def test_unknown_subject() -> None:
    with pytest.raises(UsageError, match="did you mean 'customer'"):
        plan("law", subject="customers")


def test_rendering_in_both_languages() -> None:
    en = access.render(plan("law"), "text")
    sv = access.render(plan("law", lang="sv"), "text")
    assert "Access request (Art. 15) for the customer: Lagbutiken AB" in en
    assert "How long the data is kept (Art. 15(1)(d))" in en
    assert "registerutdrag" in sv and "Hur länge uppgifterna sparas (art. 15.1 d)" in sv
    assert "7 år efter räkenskapsårets slut" in sv
    md = access.render(plan("org_example", lang="sv"), "markdown")
    assert "SKYDD SAKNAS" in md  # Kaveri Data (IN), no safeguard
    assert "- [ ] Skicka svaret senast 2026-12-28." in md


# --- QA findings: backups, words for retention_from, merged transfers, unverified facts ----------


def test_a_backup_keeps_copies_after_the_source_is_deleted() -> None:
    """A backup's 35 days run from the copy, not "35 days after the case is closed"."""
    a = plan("shop").answer
    support = next(p for p in a.purposes if p.id == "customer-service")
    (backup,) = support.exceptions
    assert backup.node == "backup" and backup.retention == "P35D"
    assert backup.retention_text == "copies are kept for up to 35 days after the data is deleted from the source"
    sv = next(p for p in plan("shop", lang="sv").answer.purposes if p.id == "customer-service")
    assert sv.exceptions[0].retention_text == (
        "kopiorna sparas i upp till 35 dagar efter att uppgifterna har raderats i källsystemet"
    )
    how = next(c for c in plan("shop").collect if c.node == "backup").how
    assert "kept for up to 35 days after the data is deleted from the source" in how


def test_retention_start_in_words() -> None:
    quality = next(p for p in plan("shop").answer.purposes if p.id == "call-quality")
    assert quality.retention_text == "90 days after the call"
    sv = next(p for p in plan("shop", lang="sv").answer.purposes if p.id == "call-quality")
    assert sv.retention_text == "90 dagar efter samtalet"


def test_a_system_and_its_processor_are_one_transfer() -> None:
    transfers = plan("shop").answer.transfers
    us = [t for t in transfers if t.country == "US"]
    assert len(us) == 1
    (t,) = us
    assert (t.node, t.nodes, t.name) == ("chattco", ("chatt", "chattco"), "Webbchatt and ChattCo, Inc.")
    assert t.safeguard.endswith("with an assessment of the country's laws")  # the processor's TIA
    text = access.render(plan("shop"), "text")
    assert "  - Webbchatt and ChattCo, Inc., United States (US): EU standard contractual clauses" in text


def test_unverified_reference_facts_are_marked() -> None:
    a = plan("shop").answer
    bookkeeping = next(p for p in a.purposes if p.id == "bookkeeping")
    assert [(law.id, law.verified) for law in bookkeeping.laws] == [("bokforingslagen-7-kap-2", False)]
    ch = next(t for t in a.transfers if t.country == "CH")
    assert ch.basis == "adequacy" and ch.verified is False
    text = access.render(plan("shop"), "text")
    assert "kept under Bokföringslagen 7 kap. 2 § (unverified: confirm before relying on it)" in text
    assert "Telavoice AB, Switzerland (CH): " in text
    ch_line = next(line for line in text.splitlines() if "Switzerland (CH): " in line)
    assert ch_line.endswith("(unverified: confirm before relying on it)")
    md = access.render(plan("shop", lang="sv"), "markdown")
    assert "sparas enligt Bokföringslagen 7 kap. 2 § (ej verifierat: kontrollera innan du förlitar dig på det)" in md


# --- QA round 2: forward-only channels, processors without a DPA ---------------------------------


def test_a_forward_only_channel_is_a_source_but_has_nothing_to_collect() -> None:
    p = plan("forward")
    assert "webchat" in p.answer.source.channels
    assert p.answer.source.channels == ("webchat", "helpdesk")
    assert "Web chat widget" in p.answer.source.text
    assert "webchat" not in [c.node for c in p.collect]
    assert "webchat" not in p.answer.source.internal


def test_a_processor_without_a_dpa_is_asked_under_the_contract() -> None:
    """Textify gets data by a flow but has no DPA: no "Ask X under the DPA"."""
    sms = next(c for c in plan("chain").collect if c.node == "sms")
    assert "under the DPA" not in sms.how
    assert sms.how.startswith("There is no DPA with Textify AB: nothing obliges it to help answer (Art. 28(3)(e)).")
    assert "Escalate to privacy@kedjan.se" in sms.how and "under the contract we have with it" in sms.how
    sv = next(c for c in plan("chain", lang="sv").collect if c.node == "sms")
    assert sv.how.startswith("Det finns inget personuppgiftsbiträdesavtal med Textify AB")
    assert "enligt personuppgiftsbiträdesavtalet" not in sv.how
    # with a DPA: asked under it
    chatco = next(c for c in plan("forward").collect if c.node == "sender")
    assert chatco.how.startswith("Ask Sender GmbH under the DPA (Art. 28(3)(e))")


def test_health_data_names_its_art_9_2_condition(tmp_path: Path) -> None:
    """A contract alone does not allow health data: the answer names the Art. 9(2) condition."""
    from policycheck.support import transparency

    fix = ('special_condition: "Art. 9(2)(h)"', "special_condition: health-care")
    target = copy_fixture("breach", tmp_path, {"purposes.yaml": fix})
    r = load_repo(target)
    care = next(p for p in built(r, "customer", AS_OF, "en").answer.purposes if p.id == "care")
    assert care.lawful_basis_text.endswith("; for Health information: health or social care (Art. 9(2)(h))")
    sv = next(p for p in built(r, "customer", AS_OF, "sv").answer.purposes if p.id == "care")
    assert "för Health information: hälso- och sjukvård eller social omsorg (art. 9.2 h)" in sv.lawful_basis_text
    # the customers' page too (org_example: health data in complaints, kept for legal claims)
    page = transparency.words(transparency.build(repo("org_example"), AS_OF, "sv"))
    ticketing = next(ch for ch in page.channels if ch.id == "ticketing")
    texts = {p.lawful_basis_text for p in ticketing.purposes if p.id == "complaints"}
    assert any("för Health information: för att fastställa" in t and "art. 9.2 f" in t for t in texts), texts
    # free text is no condition: said, not hidden
    bad = next(p for p in built(repo("breach"), "customer", AS_OF, "en").answer.purposes if p.id == "care")
    assert "no condition of Art. 9(2) is declared" in bad.lawful_basis_text
