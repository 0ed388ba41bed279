"""`transparency`: the customers' page and the agents' answer sheet, per channel."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from policycheck.load.repo import load_repo
from policycheck.support import transparency
from tests.support_repos import AS_OF, copy_fixture, repo


def page(name: str, lang: str = "en", subject: str | None = None) -> transparency.TransparencyPage:
    return transparency.build(repo(name), AS_OF, lang, subject)


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
    assert page("flows", subject="employee").channels[0].categories == ()


def test_html_is_self_contained_and_escaped(tmp_path: Path) -> None:
    evil = {"systems/letters.yaml": ("name: Letters archive", 'name: "<b>Letters</b> & co"')}
    target = copy_fixture("law", tmp_path, evil)
    p = transparency.build(load_repo(target), AS_OF, "en")
    html = transparency.render(p, "html")
    assert "&lt;b&gt;Letters&lt;/b&gt; &amp; co" in html and "<b>Letters</b>" not in html
    assert "<script" not in html and "<link" not in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
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
    assert "(kept under Bokföringslagen (1999:1078) 7 kap. 2 §)" in md
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
