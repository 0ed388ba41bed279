"""DPIA screening (graph/dpia.py), `policycheck dpia` (screening table and draft) and the new declarations."""

from __future__ import annotations

import datetime as dt
import html.parser
import json
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from policycheck.graph import DataMap
from policycheck.graph import dpia as screen
from policycheck.load.repo import load_repo
from tests.conftest import ORG_EXAMPLE, MakeRepo, run_cli

AS_OF = "2026-11-28"

PURPOSE = """\
purposes:
  - id: customer-support
    name: Handling customer support cases
    lawful_basis: contract
    subjects: {subjects}
    categories: [contact-details, case-history, order-history]
    retention: P2Y
    retention_from: case-closed
    consulted: [customer-support]
{extra}
"""


def purposes(subjects: str = "[customer]", **extra: str) -> str:
    lines = "\n".join(f"    {k}: {v}" for k, v in extra.items())
    return PURPOSE.format(subjects=subjects, extra=lines)


def screened(repo: Path, purpose: str = "customer-support") -> screen.Screening:
    loaded = load_repo(repo)
    dmap = DataMap(loaded, dt.date(2026, 6, 1))
    return dmap.dpia_screening(screen.Settings())[purpose]


def extension(ext: str) -> type[SingleFileSnapshotExtension]:
    return type(f"{ext.title()}Snapshot", (SingleFileSnapshotExtension,),
                {"_write_mode": WriteMode.TEXT, "file_extension": ext})


# --- the criteria --------------------------------------------------------------------------------


def test_the_clean_base_meets_no_criterion(make_repo: MakeRepo) -> None:
    s = screened(make_repo())
    assert s.criteria == () and s.verdict == "not-indicated"


def test_one_inferred_criterion_is_not_indicated(make_repo: MakeRepo) -> None:
    s = screened(make_repo({"purposes.yaml": purposes(subjects_estimate="10000")}))
    assert s.codes == ("large-scale",) and s.verdict == "not-indicated"
    assert s.criteria[0].inferred and not s.criteria[0].declared
    assert s.criteria[0].evidence == (screen.Evidence("estimate", "10000"),)


def test_below_the_threshold_is_not_large_scale(make_repo: MakeRepo) -> None:
    assert screened(make_repo({"purposes.yaml": purposes(subjects_estimate="9999")})).codes == ()


def test_two_criteria_inferred_and_declared_make_it_likely(make_repo: MakeRepo) -> None:
    s = screened(make_repo({"purposes.yaml": purposes(subjects_estimate="10000", dpia_criteria="[monitoring]")}))
    assert s.codes == ("monitoring", "large-scale") and s.verdict == "likely"
    monitoring = s.criteria[0]
    assert monitoring.declared and not monitoring.inferred and monitoring.evidence == ()


def test_a_declared_criterion_the_graph_also_shows_counts_once(make_repo: MakeRepo) -> None:
    s = screened(make_repo({"purposes.yaml": purposes(subjects_estimate="20000", dpia_criteria="[large-scale]")}))
    assert s.codes == ("large-scale",)
    assert s.criteria[0].inferred and s.criteria[0].declared
    assert s.unlisted == ()


def test_vulnerable_subjects_and_the_unlisted_criteria(make_repo: MakeRepo) -> None:
    s = screened(make_repo({"purposes.yaml": purposes(subjects="[customer, employee]", dpia_criteria="[scoring]")}))
    assert s.codes == ("scoring", "vulnerable") and s.verdict == "likely"
    assert s.unlisted == ("vulnerable",)
    assert s.criteria[1].evidence == (screen.Evidence("subjects", "employee"),)


def test_special_categories_on_a_large_scale_are_art_35_3_b(make_repo: MakeRepo) -> None:
    cats = (BASE_CATEGORIES + "  - {id: health, name: Health, classification: confidential, special: true, "
            "subjects: [customer]}\n")
    repo = make_repo({
        "categories.yaml": cats,
        "purposes.yaml": purposes(subjects_estimate="50000").replace(
            "[contact-details, case-history, order-history]", "[contact-details, health]"),
        "systems/ticketing.yaml": TICKETING.replace("order-history]", "order-history, health]"),
    })
    s = screened(repo)
    assert s.codes == ("sensitive", "large-scale")
    assert s.verdict == "required" and s.art35_3 == "b"
    assert screen.Evidence("category", "health") in s.criteria[0].evidence
    assert screen.Evidence("system", "ticketing") in s.criteria[0].evidence


def test_an_innovative_processor_on_the_path(make_repo: MakeRepo) -> None:
    repo = make_repo({
        "systems/ticketing.yaml": TICKETING + "processor: helpdesk\n",
        "processors/helpdesk.yaml": "name: Helpdesk AB\ncountry: SE\nsubprocessors: [voice-ai]\n",
        "processors/voice-ai.yaml": "name: Voice AI AB\ncountry: SE\ninnovative: true\n",
    })
    s = screened(repo)
    assert s.codes == ("innovative",)
    assert s.criteria[0].evidence == (
        screen.Evidence("processor", "voice-ai"),
        screen.Evidence("path", "ticketing -> helpdesk -> voice-ai"),
    )


COMBINING_SYSTEMS = {
    "systems/webshop.yaml": (
        "name: Webshop\nkind: other\nlocation: [SE]\n"
        "stores:\n  - {categories: [contact-details, order-history], purpose: orders}\n"
        "  - {categories: [contact-details], purpose: marketing}\n"
        "erasure: {method: delete, within_days: 30}\n"
        "flows:\n  - {to: ticketing, categories: [contact-details, order-history], purpose: customer-support}\n"
    ),
}
OTHER_PURPOSES = (
    "  - {id: orders, name: Orders, lawful_basis: contract, subjects: [customer], retention: P2Y}\n"
    "  - {id: marketing, name: Marketing, lawful_basis: consent, subjects: [customer], retention: P1Y}\n"
)


def test_combining_datasets_from_two_other_purposes(make_repo: MakeRepo) -> None:
    repo = make_repo({**COMBINING_SYSTEMS, "purposes.yaml": purposes() + OTHER_PURPOSES})
    s = screened(repo)
    assert s.codes == ("combining",)
    assert s.criteria[0].evidence == (
        screen.Evidence("system", "ticketing"),
        screen.Evidence("flow", "webshop -> ticketing", ("marketing", "orders")),
    )


def test_a_source_holding_one_other_purpose_is_no_combining(make_repo: MakeRepo) -> None:
    systems = {"systems/webshop.yaml": COMBINING_SYSTEMS["systems/webshop.yaml"].replace(
        "  - {categories: [contact-details], purpose: marketing}\n", "")}
    repo = make_repo({**systems, "purposes.yaml": purposes() + OTHER_PURPOSES})
    assert screened(repo).codes == ()


def test_an_anonymized_flow_combines_nothing(make_repo: MakeRepo) -> None:
    systems = {"systems/webshop.yaml": COMBINING_SYSTEMS["systems/webshop.yaml"].replace(
        "purpose: customer-support}", "purpose: customer-support, transform: anonymized}")}
    repo = make_repo({**systems, "purposes.yaml": purposes() + OTHER_PURPOSES})
    assert screened(repo).codes == ()


def test_org_example_verdicts() -> None:
    repo = load_repo(ORG_EXAMPLE)
    result = DataMap(repo, dt.date(2026, 11, 28)).dpia_screening(screen.Settings())
    verdicts = {pid: (s.verdict, s.codes) for pid, s in result.items()}
    assert verdicts["call-quality"] == ("likely", ("scoring", "monitoring", "large-scale", "vulnerable"))
    assert verdicts["complaints"] == ("likely", ("sensitive", "combining"))
    assert verdicts["customer-support"] == ("not-indicated", ())


# --- the command ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_screening_text_snapshot(lang: str, snapshot: SnapshotAssertion) -> None:
    result = run_cli("dpia", str(ORG_EXAMPLE), "--as-of", AS_OF, "--lang", lang)
    assert result.exit_code == 0, result.output
    assert result.output == snapshot(extension_class=extension("txt"))


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_draft_markdown_snapshot(lang: str, snapshot: SnapshotAssertion) -> None:
    result = run_cli("dpia", str(ORG_EXAMPLE), "--purpose", "call-quality", "--format", "markdown",
                     "--as-of", AS_OF, "--lang", lang)
    assert result.exit_code == 0, result.output
    assert result.output == snapshot(extension_class=extension("md"))


def test_draft_html_snapshot(snapshot: SnapshotAssertion) -> None:
    result = run_cli("dpia", str(ORG_EXAMPLE), "--purpose", "complaints", "--format", "html",
                     "--as-of", AS_OF, "--lang", "sv")
    assert result.exit_code == 0, result.output
    assert result.output == snapshot(extension_class=extension("html"))


def test_screening_json() -> None:
    result = run_cli("dpia", str(ORG_EXAMPLE), "--format", "json", "--as-of", AS_OF)
    assert result.exit_code == 0
    doc = json.loads(result.output)
    rows = {r["purpose"]: r for r in doc["rows"]}
    call = rows["call-quality"]
    assert call["verdict"] == "likely" and call["dpia"] is None
    assert [(c["code"], c["source"]) for c in call["criteria"]] == [
        ("scoring", "declared"), ("monitoring", "declared"), ("large-scale", "inferred"), ("vulnerable", "inferred")]
    complaints = rows["complaints"]
    assert complaints["dpia"] == "docs/dpia-complaints.md"
    assert complaints["dpia_age"] == "9 months" and complaints["review_due"] is False


def test_the_draft_marks_nothing_as_assessed() -> None:
    for lang, word in (("en", "[to be assessed]"), ("sv", "[bedöms]")):
        out = run_cli("dpia", str(ORG_EXAMPLE), "--purpose", "call-quality", "--as-of", AS_OF,
                      "--lang", lang, "--format", "json").output
        doc = json.loads(out)
        risks = next(s for s in doc["sections"] if s["key"] == "c")
        table = next(b for b in risks["blocks"] if b["kind"] == "table")
        assert table["rows"] and all(row[2] == word and row[3] == word for row in table["rows"])
        titles = [s["title"] for s in doc["sections"]]
        assert any("35(7)(a)" in x or "35.7 a" in x for x in titles)
        assert any("35(7)(d)" in x or "35.7 d" in x for x in titles)


def test_an_unknown_purpose_exits_2() -> None:
    result = run_cli("dpia", str(ORG_EXAMPLE), "--purpose", "call-qualty")
    assert result.exit_code == 2
    assert "did you mean 'call-quality'?" in result.output
    assert "Traceback" not in result.output


def test_the_thresholds_are_pack_settings(make_repo: MakeRepo) -> None:
    config = (make_repo() / "policycheck.yaml").read_text(encoding="utf-8")
    repo = make_repo({
        "purposes.yaml": purposes(subjects_estimate="20000", dpia_criteria="[monitoring]"),
        "policycheck.yaml": config
        + "rules:\n  dpia-likely-without-assessment: {params: {large_scale_subjects: 50000}}\n",
    })
    doc = json.loads(run_cli("dpia", str(repo), "--format", "json", "--as-of", "2026-06-01").output)
    assert doc["rows"][0]["verdict"] == "not-indicated"
    check = json.loads(run_cli("check", str(repo), "--format", "json", "--as-of", "2026-06-01").output)
    assert not [f for f in check["findings"] if f["rule"].startswith("dpia-")]


HOSTILE = "<script>alert(1)</script> | \x1b[31mred"


def test_names_are_escaped_in_every_format(make_repo: MakeRepo) -> None:
    repo = make_repo({"purposes.yaml": purposes(subjects_estimate="20000", dpia_criteria="[monitoring]").replace(
        "name: Handling customer support cases", f"name: {json.dumps(HOSTILE)}")})
    base = ("dpia", str(repo), "--purpose", "customer-support", "--as-of", "2026-06-01")
    page = run_cli(*base, "--format", "html").output
    assert "<script>" not in page and "&lt;script&gt;" in page
    parser = html.parser.HTMLParser()
    parser.feed(page)
    md = run_cli(*base, "--format", "markdown").output
    assert "<script>" not in md and "\\|" in md
    text = run_cli(*base).output
    assert "\x1b" not in text
    assert json.loads(run_cli(*base, "--format", "json").output)["title"].endswith(HOSTILE)


BASE_CATEGORIES = """\
categories:
  - {id: contact-details, name: Contact details, classification: internal, subjects: [customer]}
  - {id: case-history, name: Case history, classification: confidential, subjects: [customer]}
  - {id: order-history, name: Order history, classification: internal, subjects: [customer]}
"""
TICKETING = """\
name: Ticketing
kind: ticketing
channel: true
owner: customer-support
location: [SE]
stores:
  - {categories: [contact-details, case-history, order-history], purpose: customer-support}
erasure: {method: delete, automated: true, procedure: Delete the end user and their tickets, within_days: 30}
security: {access_control: role-based, mfa: true, encryption_at_rest: true, audit_log: true}
"""


@pytest.mark.parametrize(("flow_purpose", "codes"), [("", ("innovative",)), ("statistics", ())])
def test_an_innovative_vendor_reached_by_a_flow(make_repo: MakeRepo, flow_purpose: str, codes: tuple[str, ...]) -> None:
    purpose = f", purpose: {flow_purpose}" if flow_purpose else ""
    repo = make_repo({
        "systems/ticketing.yaml": TICKETING
        + f"flows:\n  - {{to: voice-ai, categories: [case-history], encrypted: true{purpose}}}\n",
        "processors/voice-ai.yaml": "name: Voice AI AB\ncountry: SE\ninnovative: true\n",
        "purposes.yaml": purposes()
        + "  - {id: statistics, name: Statistics, lawful_basis: legitimate-interests, subjects: [customer]}\n",
    })
    s = screened(repo)
    assert s.codes == codes
    if codes:
        assert s.criteria[0].evidence == (
            screen.Evidence("processor", "voice-ai"),
            screen.Evidence("path", "ticketing -> voice-ai"),
        )


@pytest.mark.parametrize(
    ("lang", "likely", "overdue"),
    [
        ("en", "meets 2 of the nine DPIA criteria", "criteria the data map now shows that `dpia_criteria` does not "
         "list: large-scale"),
        ("sv", "uppfyller 2 av de nio kriterierna", "kriterier som datakartan nu visar men som `dpia_criteria` inte "
         "anger: large-scale"),
    ],
)
def test_the_dpia_rules_speak_both_languages(make_repo: MakeRepo, lang: str, likely: str, overdue: str) -> None:
    both = purposes(subjects_estimate="20000", dpia_criteria="[monitoring]")
    second = both.replace("id: customer-support", "id: claims").replace(
        "    subjects_estimate: 20000",
        "    subjects_estimate: 20000\n    dpia: docs/dpia-claims.md\n    dpia_reviewed: 2026-01-10")
    repo = make_repo({"purposes.yaml": both + second.removeprefix("purposes:\n")})
    out = json.loads(run_cli("check", str(repo), "--format", "json", "--lang", lang, "--as-of", "2026-06-01").output)
    got = {(f["rule"], f["subject"]): f["message"] for f in out["findings"] if f["rule"].startswith("dpia-")}
    assert set(got) == {("dpia-likely-without-assessment", "purpose:customer-support"),
                        ("dpia-review-overdue", "purpose:claims")}
    assert likely in got[("dpia-likely-without-assessment", "purpose:customer-support")]
    assert overdue in got[("dpia-review-overdue", "purpose:claims")]


@pytest.mark.parametrize(("lang", "more"), [("en", "and 15 more"), ("sv", "och 15 till")])
def test_a_finding_names_ten_places_per_criterion_then_how_many_more(lang: str, more: str) -> None:
    """A criterion seen on thousands of flows must not make a message of megabytes (the
    independent QA pass: one finding of 702 KB); `policycheck dpia` keeps the whole list."""
    from policycheck.rules.facts_registers import DESCRIBED_EVIDENCE, describe

    repo = load_repo(ORG_EXAMPLE)
    system = next(iter(repo.systems))
    many = screen.Criterion(
        "combining", True, False, tuple(screen.Evidence("category", f"cat-{i:02}") for i in range(25))
    )
    text = describe(many, lang, screen.Settings(), repo)
    assert DESCRIBED_EVIDENCE == 10
    assert text.count("cat-") == 10 and "cat-09" in text and "cat-10" not in text
    assert more in text
    few = screen.Criterion("combining", True, True, (screen.Evidence("system", system),) * 10)
    assert "more" not in describe(few, "en", screen.Settings(), repo)
