"""`transparency`: the customers' page and the agents' answer sheet, per channel."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from policycheck.load.repo import load_repo
from policycheck.support import transparency
from policycheck.support.phrase import say
from tests.support_repos import AS_OF, FIXTURES, ORG_EXAMPLE, copy_fixture, repo

ORG = ORG_EXAMPLE
FIXTURE_LAW = FIXTURES / "law"


def built(*args: object) -> transparency.TransparencyPage:
    """The page as the outputs show it: its sentences worded in its language."""
    return transparency.words(transparency.build(*args))  # type: ignore[arg-type]


def page(name: str, lang: str = "en", subject: str | None = None) -> transparency.TransparencyPage:
    return built(repo(name), AS_OF, lang, subject)


def channel(p: transparency.TransparencyPage, sid: str) -> transparency.ChannelInfo:
    return next(c for c in p.channels if c.id == sid)


def test_one_section_per_channel() -> None:
    p = page("org_example")
    assert [c.id for c in p.channels] == ["chat", "paper-archive", "phone", "shared-mailbox", "ticketing"]
    assert channel(p, "phone").heading == "When you call us"
    assert channel(page("org_example", "sv"), "phone").heading == "När du ringer oss"


def test_what_why_how_long() -> None:
    chat = channel(page("org_example"), "chat")
    assert [c.id for c in chat.categories] == ["contact-details", "case-history"]
    purposes = {p.id: p for p in chat.purposes}
    assert purposes["customer-support"].lawful_basis_text.startswith("to fulfil our agreement")
    assert purposes["customer-support"].retention_text == "2 years after the case is closed"
    assert [(e.place, e.retention_text) for e in purposes["customer-support"].exceptions] == [
        ("chat", "6 months after the case is closed")
    ]
    assert "statistics" not in purposes  # the flow to analytics is anonymized
    sv = {p.id: p for p in channel(page("org_example", "sv"), "chat").purposes}
    assert sv["customer-support"].retention_text == "2 år efter att ärendet har avslutats"
    assert sv["bookkeeping"].retention_law == "Bokföringslagen (1999:1078) 7 kap. 2 §"


def test_who_and_where() -> None:
    chat = channel(page("org_example"), "chat")
    roles = {x.id: x.role for x in chat.parties}
    assert roles["intercom"] == "processor" and roles["kaveri-data"] == "sub-processor"
    assert roles["skatteverket"] == "recipient"
    assert "microsoft" not in roles  # e-mail and notes, not chat
    assert "IN" in chat.countries
    transfers = {(t.country, t.party_names): t for t in chat.transfers}
    assert transfers[("IN", ("Kaveri Data Services Pvt. Ltd.",))].safe is False
    paper = channel(page("org_example"), "paper-archive")
    assert paper.parties == () and paper.transfers == () and paper.countries == ("SE",)


def test_subject_filter() -> None:
    assert [c.id for c in page("flows", subject="customer").channels[0].categories] == ["contact", "order"]
    # a channel that collects nothing about the subject is left out, not shown with empty sections (QA)
    assert page("flows", subject="employee").channels == ()
    from click.testing import CliRunner

    from policycheck.cli import cli

    args = ["transparency", str(FIXTURES / "flows"), "--subject", "employee", "--format", "markdown",
            "--allow-findings", "--as-of", AS_OF.isoformat()]
    out = CliRunner().invoke(cli, args).output
    assert "We keep nothing about you from any of the ways you can contact us." in out
    assert "No customer channels are declared" not in out


def test_html_is_self_contained_and_escaped(tmp_path: Path) -> None:
    evil = {"systems/letters.yaml": ("name: Letters archive",
                                     'name: Letters archive\npublic_name: "<b>Letters</b> & co"')}
    target = copy_fixture("law", tmp_path, evil)
    p = built(load_repo(target), AS_OF, "en")
    html = transparency.render(p, "html")
    assert "&lt;b&gt;Letters&lt;/b&gt; &amp; co" in html and "<b>Letters</b>" not in html
    assert "<script" not in html and "<link" not in html
    # links are anchors only: nothing is loaded from the network
    assert not re.search(r"""src=["']?(https?:)?//""", html) and "url(" not in html
    parser = HTMLParser()
    parser.feed(html)
    parser.close()
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"en\">")


def test_page_has_rights_contact_and_complaint() -> None:
    html = transparency.render(page("law", "sv"), "html")
    assert '<html lang="sv">' in html
    assert "Vad vi sparar om dig" in html
    assert "Integritetsskyddsmyndigheten (IMY)" in html
    assert "Vårt dataskyddsombud: Dora Dataskydd, dpo@lagbutiken.se." in html
    assert "Radering:" in html and "7 år efter räkenskapsårets slut" in html
    md = transparency.render(page("law"), "markdown")
    assert md.startswith("# What we store about you: Lagbutiken AB\n")
    assert "## When you send us letters or forms by post" in md
    assert "(kept under Bokföringslagen (1999:1078) 7 kap. 2 §)" in md  # no internal caveat for customers
    assert "because the law requires it. Invoices and refunds are accounting records we must keep." in md


def test_answer_sheet_for_agents() -> None:
    p = page("law", "sv")
    shop = channel(p, "shop")
    answers = {qa.question: qa.answer for qa in shop.answers}
    assert "Vad sparar ni om mig?" in answers
    delete = answers["Kan ni radera mina uppgifter?"]
    assert delete.startswith("Ja.") and "Bokföringslagen" in delete
    assert answers["Skickas mina uppgifter utanför EU?"] == "Nej, uppgifterna stannar inom EU/EES."
    sheet = transparency.render(p, "html", audience="agents")
    assert "Svarsmall för kundtjänst" in sheet and "<dt>Vad sparar ni om mig?</dt>" in sheet
    md = transparency.render(page("chain"), "markdown", audience="agents")
    assert "**Is my data sent outside the EU?**\n\nYes, some of it: United States (HostCo Inc.)" in md


# --- QA findings: the delete answer follows the facts; backups; transfers; unverified facts -------

#: the shop's paper archive without its erasure routine
NO_ROUTINE = {
    "systems/pappersarkiv.yaml": (
        "erasure: {method: delete, automated: false, procedure: Shred the customer's letters, within_days: 30}\n", ""
    ),
}


def _answer(p: transparency.TransparencyPage, sid: str, question: str) -> str:
    return next(qa.answer for qa in channel(p, sid).answers if qa.question == question)


def _with_gaps(tmp_path: Path) -> Path:
    """The shop with a paper archive without an erasure routine and an SMS vendor without a DPA."""
    target = copy_fixture("shop", tmp_path, NO_ROUTINE)
    sms = target / "processors" / "smsbolaget.yaml"
    sms.write_text("name: SMS-bolaget AB\ncountry: SE\nprocessing_locations: [SE]\n", encoding="utf-8")
    return target


def test_delete_answer_promises_everywhere_only_without_gaps() -> None:
    answer = _answer(page("shop"), "chatt", "Can you delete my data?")
    assert answer.startswith(
        "Yes. On request we delete your data within one month, everywhere it is stored, including at our "
        "suppliers."
    )
    # kept under law: which law, and restricted
    assert (
        "Some records we must keep by law: Bookkeeping of sales and refunds, 7 years after the end of the "
        "financial year, under Bokföringslagen 7 kap. 2 § (unverified: confirm before relying on it). We keep "
        "them restricted: used only for what the law requires, and deleted when the period ends." in answer
    )
    # backups rotate out
    assert answer.endswith("Copies in our backups are not used, and are overwritten within 35 days.")
    assert "escalate" not in answer
    assert channel(page("shop"), "chatt").erasure_gaps == ()


def test_delete_answer_names_the_places_without_a_routine_and_escalates(tmp_path: Path) -> None:
    target = _with_gaps(tmp_path)
    p = built(load_repo(target), AS_OF, "en")
    assert channel(p, "chatt").erasure_gaps == ("pappersarkiv", "smsbolaget")
    answer = _answer(p, "chatt", "Can you delete my data?")
    assert "everywhere it is stored" not in answer
    assert answer.startswith(
        "Yes, but not yet everywhere. On request we delete your data within one month, including at our "
        "suppliers, but there is no way yet to erase it here: Pappersarkiv, which has no erasure routine; "
        "SMS-bolaget AB, a supplier with no agreement that obliges it to delete."
    )
    assert "under Bokföringslagen 7 kap. 2 §" in answer and "overwritten within 35 days" in answer
    assert answer.endswith("Do not promise complete erasure: escalate the request to integritet@hemshop.se.")
    # the phone's data reaches the same places
    assert channel(p, "telefoni").erasure_gaps == ("pappersarkiv", "smsbolaget")
    sv = built(load_repo(target), AS_OF, "sv")
    answer_sv = _answer(sv, "chatt", "Kan ni radera mina uppgifter?")
    assert answer_sv.startswith("Ja, men ännu inte överallt.")
    assert "Pappersarkiv, som saknar raderingsrutin" in answer_sv
    assert "SMS-bolaget AB, en leverantör utan avtal som förpliktar den att radera" in answer_sv
    assert "enligt Bokföringslagen 7 kap. 2 § (ej verifierat: kontrollera innan du förlitar dig på det)" in answer_sv
    assert "skrivs över inom 35 dagar" in answer_sv
    assert answer_sv.endswith("Lova inte fullständig radering: eskalera begäran till integritet@hemshop.se.")
    md = transparency.render(p, "markdown", audience="agents")
    assert "Do not promise complete erasure" in md


def test_backup_retention_is_counted_from_the_deletion_at_the_source() -> None:
    support = next(x for x in channel(page("shop", "sv"), "chatt").purposes if x.id == "customer-service")
    assert [(e.place, e.retention_text) for e in support.exceptions] == [
        ("backup", "kopiorna sparas i upp till 35 dagar efter att uppgifterna har raderats i källsystemet")
    ]
    md = transparency.render(page("shop", "sv"), "markdown")
    assert "efter att ärendet har avslutats." in md
    assert "Nightly backup: 35 dagar efter att ärendet har avslutats" not in md


def test_a_system_and_its_processor_are_one_transfer() -> None:
    chatt = channel(page("shop"), "chatt")
    us = [t for t in chatt.transfers if t.country == "US"]
    assert [(t.parties, t.safe) for t in us] == [(("chatt", "chattco"), True)]
    assert us[0].safeguard.endswith("with an assessment of the country's laws")
    md = transparency.render(page("shop"), "markdown")
    assert "- **United States** (our chat and ChattCo, Inc.): EU standard contractual clauses" in md
    assert "Webbchatt" not in md  # the internal system name stays on the answer sheet


def test_unverified_reference_facts_are_marked(tmp_path: Path) -> None:
    p = page("shop")
    assert p.unverified
    # the answer sheet says it in words
    abroad = _answer(p, "telefoni", "Is my data sent outside the EU?")
    assert "adequately (unverified: confirm before relying on it)" in abroad
    # the customers' page carries no internal caveat: the notes are for staff (stderr)
    md = transparency.render(p, "markdown")
    assert "(kept under Bokföringslagen 7 kap. 2 §)" in md
    assert "protects personal data adequately." in md
    assert "†" not in md and "unverified" not in md and "verified" not in md
    assert any("Bokföringslagen 7 kap. 2 §" in n and "not verified" in n for n in p.notes)
    html = transparency.render(page("shop", "sv"), "html")
    assert "†" not in html and "verifier" not in html
    assert any("inte är verifierade" in n for n in page("shop", "sv").notes)
    # the authority of another country
    target = copy_fixture("chain", tmp_path, {"policycheck.yaml": ("country: SE", "country: DK")})
    dk = built(load_repo(target), AS_OF, "en")
    complain = next(qa.answer for qa in dk.general_answers if qa.question == "Where can I complain?")
    assert complain.endswith("(unverified: confirm before relying on it).")
    assert "†" not in dk.complaint and "unverified" not in dk.complaint and dk.unverified
    assert any("Datatilsynet" in n for n in dk.notes)
    # all verified: no notes
    assert not page("flows").unverified and page("flows").notes == ()


def test_retention_start_in_words() -> None:
    phone = channel(page("shop"), "telefoni")
    quality = next(x for x in phone.purposes if x.id == "call-quality")
    assert quality.retention_text == "90 days after the call"


# --- QA round 2: a channel that only forwards ---------------------------------------------------


def test_a_forward_only_channel_follows_its_flows() -> None:
    """The web chat stores nothing: what it collects is what it sends, followed downstream."""
    chat = channel(page("forward"), "webchat")
    assert [c.id for c in chat.categories] == ["contact", "order", "messages", "consent"]
    assert {x.id for x in chat.parties} >= {"chatco", "deskco", "cloudco", "mailco", "sender"}
    assert {p.id for p in chat.purposes} >= {"support", "marketing"}
    assert {(t.country, t.party_names) for t in chat.transfers} == {
        ("US", ("DeskCo Inc.",)), ("US", ("MailCo, Inc.",))
    }
    assert "US" in chat.countries
    # it keeps nothing, so it is no erasure gap; and the page says where the data goes
    assert chat.erasure_gaps == ()
    assert (chat.passes_to, chat.passes_to_names) == (("helpdesk", "crm"), ("Help desk", "Marketing CRM"))
    what = _answer(page("forward"), "webchat", "What do you store about me?")
    assert what.endswith(
        "Web chat widget itself keeps none of it: it passes it on to Help desk and Marketing CRM, where it "
        "is stored."
    )
    assert _answer(page("forward"), "webchat", "Can you delete my data?").startswith("Yes. On request")
    # the customers' page names no internal system
    md = transparency.render(page("forward"), "markdown")
    assert "This channel itself keeps none of it: it passes it on to our other systems" in md
    assert "Web chat widget" not in md and "Help desk" not in md
    html = transparency.render(page("forward", "sv"), "html")
    assert "Den här kanalen sparar inget av det själv utan skickar det vidare till våra andra system" in html
    # a channel that keeps its data says nothing of the kind
    assert channel(page("forward"), "helpdesk").passes_to == ()


def test_a_system_that_keeps_data_without_a_routine_is_still_a_gap(tmp_path: Path) -> None:
    target = copy_fixture("forward", tmp_path, {
        "systems/crm.yaml": ("erasure: {method: delete, automated: false, procedure: Contacts > GDPR delete, "
                             "within_days: 14}\n", ""),
    })
    chat = channel(built(load_repo(target), AS_OF, "en"), "webchat")
    assert chat.erasure_gaps == ("crm",)


# --- issue 11: a page safe to publish ------------------------------------------------------------


def _evil_named(tmp_path: Path) -> Path:
    return copy_fixture("flows", tmp_path, {
        "systems/webform.yaml": (
            "name: Web contact form\n", "name: Web contact form\npublic_name: Kontaktformuläret på flodes.se\n"
        ),
    })


def test_headings_use_the_public_name_else_the_kind(tmp_path: Path) -> None:
    p = built(load_repo(_evil_named(tmp_path)), AS_OF, "sv")
    assert channel(p, "webform").heading == "När du kontaktar oss via Kontaktformuläret på flodes.se"
    md = transparency.render(p, "markdown")
    assert "## När du kontaktar oss via Kontaktformuläret på flodes.se" in md
    assert "Web contact form" not in md and "Via:" not in md
    # no public name: the kind, never the internal name
    crm = copy_fixture("flows", tmp_path / "crm", {"systems/crm.yaml": ("kind: crm\n", "kind: crm\nchannel: true\n")})
    p = built(load_repo(crm), AS_OF, "en")
    assert channel(p, "crm").heading == "When you contact us through our customer register"
    assert channel(p, "webform").heading == "When you use our contact form or help centre"
    assert "Customer register" not in transparency.render(p, "html")
    label = transparency.public_label(repo("shop"), "backup")
    assert say(label, "en") == "our backups" and say(label, "sv") == "våra säkerhetskopior"


def test_no_raw_ids_or_internal_names_on_the_customers_page() -> None:
    for name in ("org_example", "shop", "law", "forward", "chain"):
        r = repo(name)
        for lang in ("en", "sv"):
            p = built(r, AS_OF, lang)
            for fmt in ("markdown", "html"):
                out = transparency.render(p, fmt)
                for sid, s in r.systems.items():
                    if s.name not in {x.name for x in r.processors.values()} | {x.name for x in r.recipients.values()}:
                        assert s.name not in out, (name, lang, fmt, s.name)
                    assert f"channel-{sid}" not in out
                assert "†" not in out and "verifi" not in out


def test_channels_with_the_same_answer_share_a_section(tmp_path: Path) -> None:
    target = _evil_named(tmp_path)
    webform = (target / "systems" / "webform.yaml").read_text(encoding="utf-8")
    (target / "systems" / "mailin.yaml").write_text(
        webform.replace("name: Web contact form", "name: Inbox").replace("kind: ticketing", "kind: email")
        .replace("public_name: Kontaktformuläret på flodes.se\n", ""),
        encoding="utf-8",
    )
    p = built(load_repo(target), AS_OF, "en")
    assert [c.id for c in p.channels] == ["mailin", "webform"]
    sections = transparency.sections(p)
    assert [h for h, _ in sections] == [
        ("When you e-mail us", "When you contact us through Kontaktformuläret på flodes.se")
    ]
    md = transparency.render(p, "markdown")
    assert md.count("### What we store") == 1
    assert "## When you e-mail us / When you contact us through Kontaktformuläret på flodes.se" in md
    # different answers: separate sections
    assert len(transparency.sections(page("org_example"))) == len(page("org_example").channels)


def test_links_mailto_authority_and_notice() -> None:
    p = page("org_example", "sv")
    html = transparency.render(p, "html")
    assert '<a href="mailto:' in html
    assert '<a href="https://www.imy.se">https://www.imy.se</a>' in html
    assert p.notice_url and f'<a href="{p.notice_url}">' in html
    md = transparency.render(p, "markdown")
    assert "](mailto:" in md and "](https://www.imy.se)" in md
    # hostile values are never links
    assert transparency.mailto("javascript:alert(1)") is None
    assert transparency.safe_url("javascript:alert(1)") is None
    assert transparency.mailto("a@b.se") == "mailto:a@b.se"
    assert transparency.mailto("https://exempel.se/kontakt") == "https://exempel.se/kontakt"
    assert transparency.mailto("Privacy team, a@b.se") is None


def test_the_page_prints_on_a4_and_letter() -> None:
    html = transparency.render(page("org_example"), "html")
    assert "@page { margin: 16mm 15mm; }" in html  # no fixed size: A4 and Letter both fit
    assert "break-inside: avoid" in html and "overflow-wrap" in html


def test_unresolved_findings_about_the_page_block_it(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    out = tmp_path / "page.html"
    result = run_cli("transparency", str(ORG), "--as-of", "2026-11-28", "-o", str(out))
    assert result.exit_code == 1
    assert "processors/kaveri-data.yaml:3: critical third-country-transfer-without-safeguard" in result.stderr
    assert "--allow-findings" in result.stderr and not out.exists() and result.stdout == ""
    allowed = run_cli("transparency", str(ORG), "--as-of", "2026-11-28", "-o", str(out), "--allow-findings")
    assert allowed.exit_code == 0 and out.exists()
    assert "kaveri-data" in allowed.stderr and "kaveri-data.yaml" not in out.read_text(encoding="utf-8")
    # internal notes go to stderr, in the page's language
    assert "not verified yet" in allowed.stderr
    # the answer sheet is for staff: not blocked
    assert run_cli("transparency", str(ORG), "--as-of", "2026-11-28", "--audience", "agents").exit_code == 0
    # a repo without such findings is written, exit 0
    assert run_cli("transparency", str(FIXTURE_LAW), "--as-of", "2026-11-28").exit_code == 0


def test_missing_privacy_contact_blocks_the_page(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    target = copy_fixture("flows", tmp_path, {"policycheck.yaml": ("  privacy_contact: privacy@flodes.se\n", "")})
    result = run_cli("transparency", str(target), "--as-of", "2026-11-28", "--lang", "sv")
    assert result.exit_code == 1 and "no-privacy-contact" in result.stderr
    assert "Kundsidan skrevs inte" in result.stderr


def test_fixture_organizations_pages_have_no_internal_names_ids_or_caveats() -> None:
    """Every loadable fixture organization (tests/fixtures/orgs): the customers' page, in both
    languages and both human formats, shows no internal caveat, no channel id and no internal
    system name (unless the same name is a vendor's or appears in the declared texts shown)."""
    from policycheck.errors import InvalidInput

    orgs = sorted(p for p in (Path(__file__).parents[1] / "fixtures" / "orgs").iterdir() if p.is_dir())
    checked = 0
    for org in orgs:
        try:
            r = load_repo(org)
        except InvalidInput:
            continue
        shown = " ".join(
            [x.name for x in r.processors.values()] + [x.name for x in r.recipients.values()]
            + [f"{c.name} {c.description or ''}" for c in r.categories.values()]
            + [f"{p.name} {p.description or ''} {p.retention_basis or ''}" for p in r.purposes.values()]
            + [r.config.organization.name, r.config.organization.privacy_contact or ""]
        )
        for lang in ("en", "sv"):
            p = built(r, AS_OF, lang)
            for fmt in ("markdown", "html"):
                out = transparency.render(p, fmt)
                assert "†" not in out and "verifi" not in out, (org.name, lang, fmt)
                for sid, system in r.systems.items():
                    assert f"channel-{sid}" not in out
                    if system.name not in shown and len(system.name) > 3:
                        found = re.search(rf"(?<!\w){re.escape(system.name)}(?!\w)", out)
                        assert found is None, (org.name, lang, fmt, system.name)
        checked += 1
    assert checked >= 10
