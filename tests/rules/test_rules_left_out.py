"""The "nothing passes by leaving it out" rules (issue 10), where the examples' machinery is not enough:
both languages, the loader's view of referenced documents (symlinks, `..`, git revisions), the
suggestions for typos that are findings, and that leaving a security field out never scores better
than declaring a weakness."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from policycheck.load.files import FileSystemReader, MappingReader
from policycheck.load.repo import load_repo
from policycheck.reports.gap import WEIGHTS
from tests.conftest import AS_OF, MakeRepo, run_cli

HEALTH = """\
categories:
  - {id: contact-details, name: Contact details, classification: internal, subjects: [customer]}
  - {id: case-history, name: Case history, classification: confidential, subjects: [customer]}
  - {id: order-history, name: Order history, classification: internal, subjects: [customer]}
  - {id: health-data, name: Health information, classification: restricted, special: true, subjects: [customer]}
  - {id: fraud-reports, name: Fraud reports, classification: restricted, special: criminal, subjects: [customer]}
"""


def purposes(extra: str = "", categories: str = "contact-details, case-history, order-history") -> str:
    return (
        "purposes:\n  - id: customer-support\n    name: Handling customer support cases\n"
        f"    lawful_basis: contract\n    subjects: [customer]\n    categories: [{categories}]\n"
        f"    retention: P2Y\n    consulted: [customer-support]\n{extra}"
    )


def findings(repo: Path, *extra: str, lang: str = "en") -> list[dict[str, Any]]:
    result = run_cli(
        "check", str(repo), "--as-of", AS_OF, "--format", "json", "--fail-on", "info", "--lang", lang, *extra
    )
    assert result.exit_code in (0, 1), result.output
    found: list[dict[str, Any]] = json.loads(result.stdout)["findings"]
    return found


def of(repo: Path, rule: str, lang: str = "en") -> list[dict[str, Any]]:
    return [f for f in findings(repo, lang=lang) if f["rule"] == rule]


# --- special-category-without-condition: Art. 9 or Art. 10, not both ---------------------------


def test_art9_data_names_art9_only(make_repo: MakeRepo) -> None:
    repo = make_repo({"categories.yaml": HEALTH, "purposes.yaml": purposes(categories="contact-details, health-data")})
    (en,) = of(repo, "special-category-without-condition")
    assert "Art. 9(2)" in en["message"] and "Art. 10" not in en["message"]
    (sv,) = of(repo, "special-category-without-condition", "sv")
    assert "artikel 9.2" in sv["message"] and "artikel 10" not in sv["message"]
    assert en["fingerprint"] == sv["fingerprint"]


def test_art10_data_names_art10_only(make_repo: MakeRepo) -> None:
    repo = make_repo(
        {"categories.yaml": HEALTH, "purposes.yaml": purposes(categories="contact-details, fraud-reports")}
    )
    (en,) = of(repo, "special-category-without-condition")
    assert "Art. 10" in en["message"] and "Art. 9" not in en["message"]
    (sv,) = of(repo, "special-category-without-condition", "sv")
    assert "artikel 10" in sv["message"] and "artikel 9" not in sv["message"]


@pytest.mark.parametrize(
    ("condition", "suggestion"),
    [
        ('"Art. 9(2)(f): establishment, exercise or defence of legal claims"', "legal-claims"),
        ("explicit-consnet", "explicit-consent"),
        ("Legal-Claims", "legal-claims"),
    ],
)
def test_a_condition_not_of_the_list_fires_with_a_suggestion(
    make_repo: MakeRepo, condition: str, suggestion: str
) -> None:
    extra = f"    special_condition: {condition}\n"
    repo = make_repo({"categories.yaml": HEALTH, "purposes.yaml": purposes(extra, "contact-details, health-data")})
    (en,) = of(repo, "special-category-without-condition")
    assert f"did you mean `{suggestion}`?" in en["message"]
    (sv,) = of(repo, "special-category-without-condition", "sv")
    assert f"menade du `{suggestion}`?" in sv["message"]


def test_every_listed_condition_satisfies_art9_and_only_national_law_with_a_basis_art10(make_repo: MakeRepo) -> None:
    from policycheck.model import SPECIAL_CONDITIONS

    repo = make_repo({"categories.yaml": HEALTH})
    for condition in SPECIAL_CONDITIONS:
        basis = (
            '    special_condition_basis: "Dataskyddslagen (2018:218) 3 kap. 8 §"\n'
            if condition == "national-law"
            else ""
        )
        extra = f"    special_condition: {condition}\n{basis}"
        make_repo({"purposes.yaml": purposes(extra, "contact-details, health-data")})
        assert of(repo, "special-category-without-condition") == [], condition
        make_repo({"purposes.yaml": purposes(extra, "contact-details, fraud-reports")})
        fired = of(repo, "special-category-without-condition")
        assert (fired == []) == (condition == "national-law"), condition


# --- evidence-missing: the loader records, the rule reads ----------------------------------------


def test_a_symlink_out_of_the_repo_is_no_evidence(make_repo: MakeRepo, tmp_path: Path) -> None:
    outside = tmp_path / "secret.md"
    outside.write_text("# not in the repo\n")
    extra = "    assessment: docs/lia.md\n"
    repo = make_repo({"purposes.yaml": purposes(extra).replace("contract", "legitimate-interests")})
    (repo / "docs").mkdir()
    os.symlink(outside, repo / "docs" / "lia.md")
    assert load_repo(repo).documents == {"docs/lia.md": "outside"}
    (finding,) = of(repo, "evidence-missing")
    assert finding["subject"] == "purpose:customer-support"
    assert "leaves the repo" in finding["message"]
    assert finding["evidence"] == {"field": "assessment", "path": "docs/lia.md"}
    assert finding["line"] == 9  # the `assessment:` line, not the purpose's


def test_a_symlink_inside_the_repo_is_evidence(make_repo: MakeRepo) -> None:
    extra = "    assessment: docs/lia.md\n"
    repo = make_repo(
        {"purposes.yaml": purposes(extra).replace("contract", "legitimate-interests"), "docs/real.md": "x"}
    )
    os.symlink(repo / "docs" / "real.md", repo / "docs" / "lia.md")
    assert of(repo, "evidence-missing") == []


@pytest.mark.parametrize(
    ("path", "status", "words_en", "words_sv"),
    [
        ("../outside.md", "outside", "leaves the repo", "ut ur repot"),
        ("/etc/passwd", "outside", "leaves the repo", "ut ur repot"),
        ("docs", "not-a-file", "not a file", "inte en fil"),
        ("docs/nope.md", "missing", "no such file", "finns inte"),
        ("http://dms.example/lia.pdf", None, "`http://`", "`http://`"),
        ("ftp://dms.example/lia.pdf", None, "not `https://`", "inte börjar med `https://`"),
    ],
)
def test_what_is_not_evidence(make_repo: MakeRepo, path: str, status: str | None, words_en: str, words_sv: str) -> None:
    extra = f"    assessment: {path}\n"
    repo = make_repo({"purposes.yaml": purposes(extra).replace("contract", "legitimate-interests"), "docs/x.md": "x"})
    assert load_repo(repo).documents.get(path) == status
    (en,) = of(repo, "evidence-missing")
    assert words_en in en["message"] and "`assessment: " in en["message"]
    (sv,) = of(repo, "evidence-missing", "sv")
    assert words_sv in sv["message"]


def test_the_git_reader_judges_paths_the_same_way() -> None:
    reader = MappingReader({"docs/a.md": b"x", "policycheck.yaml": b""})
    assert reader.document_status("docs/a.md") == "file"
    assert reader.document_status("./docs/../docs/a.md") == "file"
    assert reader.document_status("docs") == "not-a-file"
    assert reader.document_status("../a.md") == "outside"
    assert reader.document_status("/docs/a.md") == "outside"
    assert reader.document_status("docs/b.md") == "missing"


def test_the_disk_reader_does_not_follow_dotdot_out(tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    (tmp_path / "x.md").write_text("x")
    reader = FileSystemReader(tmp_path / "repo")
    assert reader.document_status("../x.md") == "outside"
    assert reader.document_status("x.md") == "missing"


# --- security-undeclared: never better than a declared weakness --------------------------------

NOTES = (
    "name: Agent notes\nkind: notes\nowner: customer-support\nlocation: [SE]\n"
    "stores: [{categories: [contact-details], purpose: customer-support}]\n"
    "erasure: {method: delete, within_days: 30}\n"
)


def cost(found: list[dict[str, Any]], subject: str) -> int:
    return sum(WEIGHTS[f["severity"]] for f in found if f["subject"] == subject)


@pytest.mark.parametrize(
    ("declared", "undeclared"),
    [
        (
            "{access_control: none, mfa: true, encryption_at_rest: true, audit_log: true}",
            "{mfa: true, encryption_at_rest: true, audit_log: true}",
        ),
        (
            "{access_control: shared-account, mfa: true, encryption_at_rest: true, audit_log: true}",
            "{mfa: true, encryption_at_rest: true, audit_log: true}",
        ),
        (
            "{access_control: role-based, mfa: true, encryption_at_rest: false, audit_log: true}",
            "{access_control: role-based, mfa: true, audit_log: true}",
        ),
        ("{access_control: none, encryption_at_rest: false, audit_log: false}", None),
    ],
)
def test_leaving_a_field_out_never_scores_better_than_declaring_a_weakness(
    make_repo: MakeRepo, declared: str, undeclared: str | None
) -> None:
    repo = make_repo({"systems/notes.yaml": NOTES + f"security: {declared}\n"})
    weak = findings(repo)
    make_repo({"systems/notes.yaml": NOTES + (f"security: {undeclared}\n" if undeclared else "")})
    silent = findings(repo)
    assert cost(silent, "system:notes") > cost(weak, "system:notes")
    worst = {
        name: max((WEIGHTS[f["severity"]] for f in found if f["subject"] == "system:notes"), default=0)
        for name, found in (("weak", weak), ("silent", silent))
    }
    assert worst["silent"] >= worst["weak"]


def test_security_undeclared_in_both_languages(make_repo: MakeRepo) -> None:
    repo = make_repo({"systems/notes.yaml": NOTES})
    (en,) = of(repo, "security-undeclared")
    assert "security.access_control, security.encryption_at_rest" in en["message"]
    (sv,) = of(repo, "security-undeclared", "sv")
    assert "anger inte security.access_control, security.encryption_at_rest" in sv["message"]


# --- policy-incomplete ------------------------------------------------------------------------

POLICY = (
    "---\ntype: information-security\ntitle: Information security policy\nowner: ciso\n"
    "approved: 2026-01-10\nreview_by: 2027-01-10\ncovers: [confidentiality, integrity, availability, access-control]\n"
    "---\n# Information security policy\n\n"
)


def test_padding_in_an_html_comment_is_not_policy_text(make_repo: MakeRepo) -> None:
    padding = "<!-- " + "word " * 300 + "-->\n"
    repo = make_repo({"policies/information-security.md": POLICY + padding + "Access is role-based.\n"})
    (en,) = of(repo, "policy-incomplete")
    assert "fewer than 150" in en["message"] and "placeholders" not in en["message"]
    (sv,) = of(repo, "policy-incomplete", "sv")
    assert "färre än 150" in sv["message"]


def test_a_placeholder_in_a_comment_still_counts(make_repo: MakeRepo) -> None:
    text = "Access is role-based and reviewed every quarter by the owner of each system. " * 20
    repo = make_repo({"policies/information-security.md": POLICY + text + "\n<!-- FIXME: integrity -->\n"})
    (en,) = of(repo, "policy-incomplete")
    assert "placeholders FIXME" in en["message"] and "fewer than" not in en["message"]
    (sv,) = of(repo, "policy-incomplete", "sv")
    assert "platshållarna FIXME" in sv["message"]


def test_the_word_count_is_a_pack_setting(make_repo: MakeRepo) -> None:
    base_config = (make_repo() / "policycheck.yaml").read_text()
    config = base_config + "rules:\n  policy-incomplete: {params: {min_words: 20}}\n"
    repo = make_repo({"policies/information-security.md": POLICY + "word " * 30, "policycheck.yaml": config})
    assert of(repo, "policy-incomplete") == []
    make_repo({"policycheck.yaml": base_config})
    assert [f["subject"] for f in of(repo, "policy-incomplete")] == ["policy:information-security"]


# --- typos that are findings get a suggestion ---------------------------------------------------


def test_a_misspelt_store_purpose_suggests_the_declared_one(make_repo: MakeRepo) -> None:
    ticketing = (
        (make_repo() / "systems" / "ticketing.yaml")
        .read_text()
        .replace("purpose: customer-support", "purpose: customer-suport")
    )
    repo = make_repo({"systems/ticketing.yaml": ticketing})
    (en,) = of(repo, "stored-without-purpose")
    assert "did you mean `customer-support`?" in en["message"]
    (sv,) = of(repo, "stored-without-purpose", "sv")
    assert "menade du `customer-support`?" in sv["message"]


def test_an_unrelated_store_purpose_gets_no_suggestion(make_repo: MakeRepo) -> None:
    ticketing = (
        (make_repo() / "systems" / "ticketing.yaml")
        .read_text()
        .replace("purpose: customer-support", "purpose: marketing")
    )
    repo = make_repo({"systems/ticketing.yaml": ticketing})
    (en,) = of(repo, "stored-without-purpose")
    assert "did you mean" not in en["message"] and "(purpose: marketing)" in en["message"]


def test_a_misspelt_lawful_basis_suggests_the_right_one(make_repo: MakeRepo) -> None:
    repo = make_repo({"purposes.yaml": purposes().replace("contract", "legitimate-interest")})
    (en,) = of(repo, "purpose-without-lawful-basis")
    assert "did you mean `legitimate-interests`?" in en["message"]
    (sv,) = of(repo, "purpose-without-lawful-basis", "sv")
    assert "menade du `legitimate-interests`?" in sv["message"]


def test_an_unknown_command_suggests_the_closest() -> None:
    result = run_cli("chek")
    assert result.exit_code == 2
    assert "did you mean `check`?" in result.output
    assert "Traceback" not in result.output


def test_an_unknown_command_far_from_any_gets_the_list() -> None:
    result = run_cli("frobnicate")
    assert result.exit_code == 2
    assert "did you mean" not in result.output and "check" in result.output


# --- the table of document references is one line per field ------------------------------------


def test_every_document_field_names_a_repo_table_and_a_model_field() -> None:
    """Extending DOCUMENT_FIELDS by one line (a purpose's `dpia`, a breach's `report`) is checked here."""
    import dataclasses
    import typing

    from policycheck import model as m

    repo_fields = {f.name for f in dataclasses.fields(m.Repo)}
    hints = typing.get_type_hints(m.Repo)
    for df in m.DOCUMENT_FIELDS:
        assert df.table in repo_fields, df
        table = hints[df.table]
        item = typing.get_args(table)[-1] if typing.get_args(table) else table
        if item is Ellipsis:
            item = typing.get_args(table)[0]
        current: Any = item
        for part in df.field.split("."):
            assert part in current.model_fields, df
            annotation = current.model_fields[part].annotation
            nested = [a for a in typing.get_args(annotation) if isinstance(a, type) and hasattr(a, "model_fields")]
            current = nested[0] if nested else annotation
        assert df.kind in ("system", "processor", "recipient", "purpose", "breach"), df


def test_every_document_reference_is_checked(make_repo: MakeRepo) -> None:
    processor = (
        "name: Vendor AB\ncountry: US\n"
        "dpa: {document: dpa.pdf, categories: [contact-details], purposes: [customer-support]}\n"
        "transfer: {mechanism: scc, tia: tia.md}\n"
    )
    recipient = "name: Partner\nkind: partner\ncountry: US\ntransfer: {mechanism: scc, tia: r-tia.md}\n"
    extra = "    assessment: lia.md\n"
    repo = make_repo(
        {
            "processors/vendor.yaml": processor,
            "recipients/partner.yaml": recipient,
            "purposes.yaml": purposes(extra).replace("contract", "legitimate-interests"),
        }
    )
    ticketing = (repo / "systems" / "ticketing.yaml").read_text() + "transfer: {mechanism: scc, tia: s-tia.md}\n"
    make_repo({"systems/ticketing.yaml": ticketing})
    got = {(f["subject"], f["evidence"]["field"]) for f in of(repo, "evidence-missing")}
    assert got == {
        ("processor:vendor", "dpa.document"),
        ("processor:vendor", "transfer.tia"),
        ("recipient:partner", "transfer.tia"),
        ("system:ticketing", "transfer.tia"),
        ("purpose:customer-support", "assessment"),
    }
    make_repo({name: "x" for name in ("dpa.pdf", "tia.md", "r-tia.md", "s-tia.md", "lia.md")})
    assert of(repo, "evidence-missing") == []
