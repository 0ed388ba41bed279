"""`breach-impact`: exposure of a system versus a processor, deadlines, Art. 34, whom to call."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from policycheck.errors import UsageError
from policycheck.load.repo import load_repo
from policycheck.support import breach
from tests.support_repos import AWARE, copy_fixture, repo


def built(*args: object, **kw: object) -> breach.BreachImpact:
    """The impact as the outputs show it: its sentences worded."""
    return breach.words(breach.build(*args, **kw))  # type: ignore[arg-type]


def impact(name: str, node: str, lang: str = "en", **kw: object) -> breach.BreachImpact:
    return built(repo(name), node, AWARE, lang, **kw)


def calls(b: breach.BreachImpact) -> dict[str, breach.Contact]:
    return {f"{c.role}:{c.id or c.name}": c for c in b.call_list}


def test_breach_of_a_processor_exposes_its_systems_and_sub_processors() -> None:
    b = impact("breach", "vendor")
    assert b.kind == "processor"
    assert b.hosted_systems == ("portal", "records")
    assert b.subprocessors == ("dc",)
    assert b.exposed == ("dc", "portal", "records", "vendor")
    assert b.categories == ("contact", "health")
    assert b.special is True and b.special_categories == ("health",)
    assert b.subjects == ("customer",)
    assert b.countries == ("SE", "US")
    assert [(t.country, t.node, t.exposed, t.safe) for t in b.third_countries] == [("US", "dc", True, True)]
    assert set(b.feeds) == {"intake", "portal", "records"}
    assert b.reachable == ("dc",)
    c = calls(b)
    assert c["processor:vendor"].breach_notification_hours == 36
    assert c["sub-processor:dc"].breach_notification_hours is None
    assert b.art34.likely is True
    assert b.art34.encrypted_at_rest is False  # Care records are not encrypted at rest
    assert any("Health information" in r for r in b.art34.reasons)
    assert any("Care records" in r for r in b.art34.reasons)


def test_breach_of_a_system_exposes_what_it_holds() -> None:
    b = impact("breach", "portal")
    assert b.kind == "system" and b.system_kind == "chat"
    assert b.hosted_systems == () and b.subprocessors == ()
    assert b.exposed == ("portal",)
    assert b.categories == ("contact",)
    assert b.special is False
    assert set(b.reachable) == {"dc", "records", "vendor"}
    assert b.feeds == ()
    assert b.art34.likely is False
    # encrypted at rest, but the breach is where the keys are: the exception is not offered
    assert b.art34.encrypted_at_rest is True
    assert "does not apply" in b.art34.exception and "Vendor AB, which holds the keys" in b.art34.exception
    c = calls(b)
    assert "processor:vendor" in c and c["processor:vendor"].breach_notification_hours == 36
    assert c["owner:support"].contact == "+46 8 123 45"


def test_unencrypted_system_makes_art_34_likely() -> None:
    b = impact("breach", "records")
    assert b.art34.likely and b.art34.encrypted_at_rest is False


def test_breach_of_a_sub_processor_is_reported_through_its_processor() -> None:
    b = impact("breach", "dc")
    roles = [(c.role, c.id) for c in b.call_list if c.role in ("processor", "sub-processor")]
    assert roles == [("processor", "vendor"), ("sub-processor", "dc")]
    assert any("sub-processor of Vendor AB" in n for n in b.notes)
    assert b.art34.encrypted_at_rest is None  # hosts none of our systems: unknown


def test_notify_the_authority_within_72_hours() -> None:
    b = impact("breach", "vendor")
    assert b.aware_at == "2026-11-28T09:00:00+01:00"
    assert b.notify_authority_by == "2026-12-01T09:00:00+01:00"
    assert b.authority is not None
    assert (b.authority.short_name, b.authority.verified) == ("IMY", True)
    assert b.authority.breach_report_url == "https://e-tjanster.imy.se/sv/anmalan"
    authority = b.call_list[-1]
    assert authority.role == "authority" and authority.deadline == "2026-12-01T09:00:00+01:00"


def test_date_without_time_counts_from_midnight_and_says_so() -> None:
    b = built(repo("breach"), "portal", dt.datetime(2026, 11, 28))
    assert b.notify_authority_by == "2026-12-01T00:00:00+01:00"
    assert any("midnight" in n for n in b.notes)


def test_notification_fields_are_prefilled() -> None:
    b = impact("breach", "vendor")
    fields = {f.field: f for f in b.notification}
    assert list(fields) == ["controller", "a", "b", "c", "d", "occurred", "discovered", "subjects_informed"]
    assert "Health information" in fields["a"].value and "[describe what happened" in fields["a"].value
    assert fields["b"].value == "our data protection officer Dag Dataskydd, dpo@varden.se"
    assert fields["b"].complete and not fields["a"].complete
    assert fields["discovered"].value == "2026-11-28T09:00:00+01:00"
    assert fields["controller"].value == "Vården AB, 556000-0000" and fields["controller"].complete


def test_large_scale_is_judged_from_affected() -> None:
    big = impact("breach", "portal", affected=5000)
    assert big.art34.large_scale is True and big.art34.likely
    small = impact("breach", "portal", affected=10)
    assert small.art34.large_scale is False and not small.art34.likely
    unknown = impact("breach", "portal")
    assert unknown.art34.large_scale is None
    assert "--affected" in unknown.art34.large_scale_basis
    assert "Booking portal" in unknown.art34.large_scale_basis  # a customer channel feeds it


def test_texts_for_customers_and_agents_in_both_languages() -> None:
    b = impact("breach", "vendor", lang="sv")
    assert set(b.customer_message) == {"en", "sv"} and set(b.agent_script) == {"en", "sv"}
    sv = b.customer_message["sv"]
    assert "personuppgiftsincident" in sv and "Integritetsskyddsmyndigheten (IMY)" in sv
    assert "hos vår leverantör Vendor AB, som driver Booking portal och Care records åt oss" in sv
    assert "dataskyddsombud Dag Dataskydd" in sv
    en = b.customer_message["en"]
    assert "personal data breach" in en and "at our supplier Vendor AB" in en
    assert "dpo@varden.se, or call us on +46 8 555 000." in en
    assert "eller ringa oss på +46 8 555 000." in sv
    assert len(b.agent_script["en"]) == len(b.agent_script["sv"]) == 6
    text = breach.render(b, "text")
    assert "Konsekvenser av en personuppgiftsincident: Vendor AB (vendor)" in text
    assert "INFORMATION TILL DE REGISTRERADE (ART. 34)" in text
    assert "--- Engelska ---" in text and "--- Svenska ---" in text


def test_authority_of_another_country_is_marked_unverified(tmp_path: Path) -> None:
    target = copy_fixture("breach", tmp_path, {"policycheck.yaml": ("country: SE", "country: DK")})
    b = built(load_repo(target), "vendor", AWARE)
    assert b.authority is not None and b.authority.name == "Datatilsynet" and not b.authority.verified
    text = breach.render(b, "text")
    assert "unverified: confirm before relying on it" in text


def test_unknown_node_is_a_usage_error_with_a_hint() -> None:
    with pytest.raises(UsageError, match=r"unknown system, processor or recipient 'vendr' \(did you mean 'vendor'\?\)"):
        impact("breach", "vendr")


def test_org_example_processor_versus_system() -> None:
    zendesk = impact("org_example", "zendesk")
    assert zendesk.hosted_systems == ("ticketing",)
    assert zendesk.subprocessors == ("aws", "twilio")
    assert zendesk.special and "US" in zendesk.countries
    ticketing = impact("org_example", "ticketing")
    assert "zendesk" in ticketing.reachable and set(ticketing.feeds) == {"chat", "phone", "shared-mailbox"}
    intercom = impact("org_example", "intercom")
    assert intercom.categories == ("contact-details", "case-history")  # not AWS's other clients' data
    assert "IN" in intercom.countries
    assert [t.node for t in intercom.third_countries if not t.safe and t.exposed] == ["kaveri-data"]
    # the chat it runs sends data on to the ticketing system, which texts through SMSGlobal (AU)
    assert [t.node for t in intercom.third_countries if not t.safe and not t.exposed] == ["legacy-sms"]
    analytics = impact("org_example", "analytics")
    assert analytics.categories == () and any("anonymous" in n for n in analytics.notes)
    telavox = impact("org_example", "telavox")
    assert "no DPA" in calls(telavox)["processor:telavox"].window


def test_without_a_dpo_the_privacy_contact_is_called_first() -> None:
    b = impact("chain", "chatco")
    first = b.call_list[0]
    assert (first.role, first.name) == ("privacy-contact", "privacy@kedjan.se")
    assert b.notification[2].value == "privacy@kedjan.se"


# --- QA findings: no personal data, second-level sub-processors, merged transfers, unverified ----


def test_a_place_without_personal_data_leads_with_that_fact() -> None:
    """Analytics gets only anonymized data: check first, and the 72 hours are not yet due."""
    b = impact("shop", "analys")
    assert b.personal_data is False and b.categories == ()
    text = breach.render(b, "text").splitlines()
    assert text[3] == (
        "No personal data is declared here; check whether personal data was involved before notifying. "
        "If it was, notify Integritetsskyddsmyndigheten (IMY) by 2026-12-01T09:00:00+01:00 (72 hours, Art. 33(1))."
    )
    assert not any(line.startswith("Notify ") for line in text)
    assert b.call_list[-1].window.startswith("only if personal data was involved: notify by 2026-12-01T09:00:00+01:00")
    sv = breach.render(impact("shop", "analys", lang="sv"), "markdown")
    assert "- **Här finns inga personuppgifter deklarerade; kontrollera om personuppgifter berördes innan du " in sv
    assert "bara om personuppgifter berördes: anmäl senast 2026-12-01T09:00:00+01:00" in sv
    assert impact("shop", "arenden").personal_data is True
    assert breach.render(impact("shop", "arenden"), "text").splitlines()[3].startswith("Notify Integritets")


def test_one_anonymous_category_is_singular() -> None:
    (note,) = impact("shop", "analys").notes
    assert note == (
        "Analytics stores Case history, which arrives there only through anonymized flows and is treated as "
        "anonymous; if it is not, treat it as personal data."
    )


def test_a_second_level_sub_processor_is_reached_through_our_processor() -> None:
    b = impact("shop", "mumbai-cloud")
    roles = [(c.role, c.id) for c in b.call_list if c.role in ("processor", "sub-processor")]
    assert roles == [
        ("processor", "chattco"), ("processor", "crmvendor"),
        ("sub-processor", "bangalore-care"), ("sub-processor", "mumbai-cloud"),
    ]
    assert calls(b)["processor:chattco"].breach_notification_hours == 48


def test_a_system_and_its_processor_are_one_transfer() -> None:
    b = impact("shop", "chatt")
    us = [t for t in b.third_countries if t.country == "US"]
    assert [(t.node, t.nodes, t.name, t.exposed) for t in us] == [
        ("chattco", ("chatt", "chattco"), "Webbchatt and ChattCo, Inc.", True)
    ]
    assert us[0].safeguard.endswith("with an assessment of the country's laws")
    assert "United States (US): Webbchatt and ChattCo, Inc. (chatt, chattco; exposed)" in breach.render(b, "text")


def test_unverified_adequacy_is_marked() -> None:
    b = impact("shop", "telavoice")
    (ch,) = [t for t in b.third_countries if t.country == "CH"]
    assert ch.basis == "adequacy" and ch.verified is False
    line = next(ln for ln in breach.render(b, "text").splitlines() if "Switzerland (CH):" in ln)
    assert line.endswith("adequately (unverified: confirm before relying on it)")


# --- QA round 2: forward-only systems, processors' downstream, Art. 10 ---------------------------


def test_a_forward_only_system_processes_what_it_sends() -> None:
    """The web chat stores nothing but forwards personal data: a breach there exposes it."""
    b = impact("forward", "webchat")
    assert b.personal_data is True
    assert b.categories == ("contact", "order", "messages", "consent")
    assert b.subjects == ("customer",)
    text = breach.render(b, "text")
    assert "No personal data is declared here" not in text
    assert text.splitlines()[3].startswith("Notify Integritetsskyddsmyndigheten (IMY) by 2026-12-01T09:00:00+01:00")
    assert {"helpdesk", "crm", "deskco", "mailco", "sender"} <= set(b.reachable)


def test_a_processor_exposes_where_its_systems_send_the_data() -> None:
    """Reachable follows the processor and the systems it runs (QA o1: zendesk, telavox, fortnox)."""
    mailco = impact("forward", "mailco")
    assert mailco.reachable == ("sender",)
    ledgerco = impact("forward", "ledgerco")
    assert ledgerco.reachable == ("collector", "tax")
    assert "DK" in ledgerco.countries
    deskco = impact("forward", "deskco")
    assert set(deskco.reachable) == {"backup", "cloudco"}
    chatco = impact("forward", "chatco")
    assert chatco.hosted_systems == ("webchat",)
    assert chatco.personal_data is True
    assert {"helpdesk", "deskco", "cloudco", "backup", "crm", "mailco", "sender"} <= set(chatco.reachable)
    assert "webchat" not in chatco.reachable and "chatco" not in chatco.reachable
    assert {"IE", "DE", "US"} <= set(chatco.countries)
    assert [(t.node, t.country, t.exposed) for t in chatco.third_countries] == [
        ("deskco", "US", False), ("mailco", "US", False)
    ]


def test_criminal_offence_data_is_labelled_art_10_not_art_9() -> None:
    b = impact("forward", "fraud-register")
    assert b.special is True
    assert (b.special_categories, b.criminal_categories) == ((), ("fraud",))
    assert b.art34.likely and b.art34.reasons == ("criminal-offence data is exposed (Fraud flags)",)
    (a,) = [f for f in b.notification if f.field == "a"]
    assert a.value.endswith(
        "Includes personal data relating to criminal convictions and offences (Art. 10): Fraud flags."
    )
    for lang in ("en", "sv"):
        text = breach.render(impact("forward", "fraud-register", lang=lang), "text")
        assert "Art. 9" not in text and "art. 9" not in text
        assert "special categor" not in text and "känsliga personuppgifter" not in text
    sv = impact("forward", "fraud-register", lang="sv")
    assert sv.art34.reasons == ("uppgifter om lagöverträdelser exponeras (Fraud flags)",)
    (a_sv,) = [f for f in sv.notification if f.field == "a"]
    assert "Omfattar personuppgifter som rör lagöverträdelser (art. 10): Fraud flags." in a_sv.value
    # Art. 9 data is still named so
    vendor = impact("breach", "vendor")
    assert vendor.special_categories == ("health",) and vendor.criminal_categories == ()
    assert any(r.startswith("special categories of data are exposed") for r in vendor.art34.reasons)


# --- issue 11: legal precision ----------------------------------------------------------------------


def test_no_encryption_exception_where_we_hold_the_keys(tmp_path: Path) -> None:
    """An in-house claims system with health data, encrypted at rest: we hold the keys."""
    target = copy_fixture("breach", tmp_path, {
        "systems/records.yaml": ("processor: vendor\n", ""),
    })
    (target / "systems" / "records.yaml").write_text(
        (target / "systems" / "records.yaml").read_text(encoding="utf-8").replace(
            "encryption_at_rest: false", "encryption_at_rest: true"
        ),
        encoding="utf-8",
    )
    b = built(load_repo(target), "records", AWARE, "en")
    assert b.art34.likely is True  # health data
    assert "Art. 34(3)(a) does not apply" in b.art34.exception
    assert "which holds the keys" in b.art34.exception
    sv = built(load_repo(target), "records", AWARE, "sv")
    assert "gäller inte" in sv.art34.exception
    for lang in ("en", "sv"):
        text = breach.render(built(load_repo(target), "records", AWARE, lang), "text")
        assert "may not be required" not in text and "behövs kanske inte" not in text


def test_paper_is_judged_by_locked_storage(tmp_path: Path) -> None:
    target = copy_fixture("breach", tmp_path, {
        "systems/records.yaml": ("kind: other", "kind: paper"),
    })
    b = built(load_repo(target), "records", AWARE, "en")
    assert any(r.startswith("paper not declared kept locked: Care records") for r in b.art34.reasons)
    assert not any("encrypted at rest" in r for r in b.art34.reasons)
    locked = copy_fixture("breach", tmp_path / "locked", {
        "systems/records.yaml": ("kind: other", "kind: paper"),
    })
    path = locked / "systems" / "records.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("encryption_at_rest: false", "locked_storage: true"), encoding="utf-8"
    )
    b = built(load_repo(locked), "records", AWARE, "sv")
    assert not any("papper" in r or "krypterade" in r for r in b.art34.reasons)


def test_the_processor_running_a_breached_system_is_exposed() -> None:
    b = impact("org_example", "ticketing")
    zendesk = [t for t in b.third_countries if "zendesk" in t.nodes]
    assert zendesk and all(t.exposed for t in zendesk)


def test_the_customer_letter_does_not_assume_a_web_shop() -> None:
    for node in ("records", "vendor"):
        b = impact("breach", node, lang="sv")
        assert "beställningar" not in b.customer_message["sv"] and "kortuppgifter" not in b.customer_message["sv"]
        assert "orders" not in b.customer_message["en"] and "card details" not in b.customer_message["en"]
        assert "hänvisar till uppgifterna ovan" in b.customer_message["sv"]


def test_staff_texts_in_swedish_say_du_not_ni() -> None:
    b = impact("breach", "vendor", lang="sv")
    text = breach.render(built(repo("breach"), "vendor", dt.datetime(2026, 11, 28), "sv"), "text")
    assert " ni " not in text.replace("\n", " ") and "ange när du fick kännedom" in text
    assert b.lang == "sv"


def test_deadlines_carry_a_time_zone() -> None:
    # no offset given: the organization's zone (SE: Europe/Stockholm, CET in November)
    b = impact("org_example", "ticketing")
    assert (b.aware_at, b.notify_authority_by) == ("2026-11-28T09:00:00+01:00", "2026-12-01T09:00:00+01:00")
    # 72 elapsed hours across the end of summer time (25 October 2026)
    dst = built(repo("org_example"), "ticketing", dt.datetime(2026, 10, 24, 9, 0), "en")
    assert (dst.aware_at, dst.notify_authority_by) == ("2026-10-24T09:00:00+02:00", "2026-10-27T08:00:00+01:00")
    # an offset given with --as-of is kept
    utc = built(repo("org_example"), "ticketing", dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.UTC), "en")
    assert utc.notify_authority_by == "2026-12-01T09:00:00+00:00"
    assert "2026-12-01T09:00:00+01:00" in breach.render(b, "text")


def test_the_sub_processor_chain_is_shown_not_flattened() -> None:
    """ChattCo -> Bangalore Care -> Mumbai Cloud: the third level is not a direct sub-processor."""
    b = impact("shop", "chattco")
    assert b.subprocessors == ("bangalore-care", "mumbai-cloud")
    assert b.subprocessor_of == {"bangalore-care": ("chattco",), "mumbai-cloud": ("bangalore-care",)}
    text = breach.render(b, "text")
    line = next(ln for ln in text.splitlines() if "Sub-processor chain" in ln)
    names = b.names
    assert f"{names['mumbai-cloud']} (mumbai-cloud), engaged by {names['bangalore-care']}" in line
    assert f"{names['mumbai-cloud']} (mumbai-cloud), engaged by {names['chattco']}" not in line
    sv = breach.render(impact("shop", "chattco", lang="sv"), "markdown")
    assert f"(mumbai-cloud), anlitat av {names['bangalore-care']}" in sv
