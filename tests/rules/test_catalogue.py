"""The built-in pack matches the catalogue of RULES.md: ids, severities, articles, complete docs, two languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policycheck.rules.pack import ENGINE_RULES, Rule, load_pack

#: the catalogue of RULES.md (the product contract): id -> (severity, articles column)
CATALOGUE: dict[str, tuple[str, str]] = {
    "stored-without-purpose": ("high", "5(1)(b), 30(1)(b)"),
    "purpose-without-lawful-basis": ("high", "6(1)"),
    "legitimate-interest-without-assessment": ("medium", "6(1)(f)"),
    "consent-without-record": ("medium", "7(1)"),
    "special-category-without-condition": ("critical", "9(2), 10"),
    "category-unclassified": ("medium", "32, source"),
    "retention-missing": ("high", "5(1)(e), 30(1)(f)"),
    "stored-beyond-purpose": ("medium", "5(1)(c)"),
    "unused-category": ("info", "30"),
    "customer-support-not-consulted": ("low", "source"),
    "system-without-erasure-routine": ("high", "17, 5(1)(e)"),
    "erasure-too-slow": ("medium", "12(3)"),
    "inflow-not-inventoried": ("high", "17, 30, source"),
    "channel-unmapped": ("medium", "30, source"),
    "free-text-without-redaction": ("medium", "5(1)(c), 9"),
    "statistics-not-anonymized": ("medium", "5(1)(b), 89, source"),
    "weak-access-control": ("high", "32(1)(b)"),
    "sensitive-data-without-encryption": ("high", "32(1)(a)"),
    "unencrypted-external-flow": ("high", "32"),
    "security-undeclared": ("medium", "32, 5(2)"),
    "no-audit-log": ("low", "32(1)(b), source"),
    "processor-without-dpa": ("high", "28(3), 28(4)"),
    "dpa-scope-gap": ("high", "28(3)"),
    "dpa-missing-clauses": ("medium", "28(3)(a)-(h)"),
    "processor-breach-notice-too-slow": ("medium", "33(2), 33(1)"),
    "unreferenced-processor": ("low", "28(2), 30"),
    "third-country-transfer-without-safeguard": ("critical", "44, 46"),
    "adequacy-claimed-without-decision": ("high", "45"),
    "transfer-without-tia": ("medium", "46, Schrems II"),
    "data-stored-outside-eea": ("low", "44, source"),
    "missing-required-policy": ("high", "24(2), source"),
    "policy-missing-topic": ("medium", "source"),
    "policy-review-overdue": ("medium", "24(1)"),
    "policy-incomplete": ("high", "24(1), source"),
    "policy-not-approved": ("medium", "24"),
    "breach-drill-overdue": ("medium", "32(1)(d), source"),
    "restore-test-overdue": ("low", "32(1)(c)(d)"),
    "training-overdue": ("medium", "39(1)(b), source"),
    "privacy-notice-gap": ("medium", "13, 14, source"),
    "no-privacy-contact": ("low", "13(1)(a)(b)"),
    "evidence-missing": ("medium", "5(2), 24(1)"),
    "dpia-likely-without-assessment": ("high", "35(1), 35(3)"),
    "dpia-review-overdue": ("low", "35(11)"),
    "breach-notified-late": ("high", "33(1)"),
    "breach-not-assessed": ("high", "33(1), 33(5)"),
    "breach-subjects-not-informed": ("medium", "34"),
    "waiver-expired": ("medium", ""),
    "waiver-unused": ("info", ""),
    "waiver-invalid": ("high", ""),
}

#: rules the project added beyond RULES.md (documented in docs/rules/): id -> (severity, articles column)
ADDED: dict[str, tuple[str, str]] = {
    "scc-module-mismatch": ("medium", "46(2)(c)"),
}

_ROW = re.compile(r"^\| `([a-z0-9-]+)` \| (\w+) \|(.*)$", re.MULTILINE)
SHARED_RULES_MD = Path("/work/shared/docs/RULES.md")


def tokens(articles: str) -> list[str]:
    return [a.strip() for a in articles.split(",") if a.strip()]


def catalogue(text: str) -> dict[str, tuple[str, list[str]]]:
    """id -> (severity, article tokens) from the rows of RULES.md's tables (`| id | severity | finds | articles |`)."""
    out = {}
    for rule_id, severity, rest in _ROW.findall(text):
        cells = [c.strip() for c in rest.rstrip(" |").split(" | ")]
        out[rule_id] = (severity, tokens(cells[1]) if len(cells) > 1 else [])
    return out


CONTRACT = {rule_id: (severity, tokens(articles)) for rule_id, (severity, articles) in CATALOGUE.items()}
PACK = {**CONTRACT, **{rule_id: (severity, tokens(articles)) for rule_id, (severity, articles) in ADDED.items()}}
RULES = load_pack()
BY_ID: dict[str, Rule] = {r.id: r for r in RULES}


def test_the_copy_has_every_row() -> None:
    assert len(CONTRACT) == 49


@pytest.mark.skipif(not SHARED_RULES_MD.is_file(), reason="the shared RULES.md is not on this machine")
def test_the_copy_matches_the_shared_rules_md() -> None:
    shared = catalogue(SHARED_RULES_MD.read_text(encoding="utf-8"))
    assert shared == CONTRACT


def test_rule_ids_are_unique() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))


def test_the_pack_is_exactly_the_catalogue() -> None:
    assert set(BY_ID) == set(PACK)


@pytest.mark.parametrize("rule_id", sorted(PACK))
def test_severity_and_articles_match_the_catalogue(rule_id: str) -> None:
    severity, tokens = PACK[rule_id]
    rule = BY_ID[rule_id]
    assert rule.spec.severity == severity
    cited = set(rule.spec.articles)
    for token in tokens:
        if token == "source":
            assert rule.spec.source, f"{rule_id}: RULES.md cites the source material; `source:` is empty"
        elif token[0].isdigit():
            assert f"Art. {token}" in cited, f"{rule_id}: RULES.md cites Art. {token}; articles: {sorted(cited)}"
        else:
            refs = " ".join((*rule.spec.articles, *rule.spec.docs.references))
            assert token in refs, f"{rule_id}: RULES.md cites {token}; not in articles or docs.references"
    numbered = {f"Art. {t}" for t in tokens if t[0].isdigit()}
    assert numbered <= cited


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_docs_are_complete(rule: Rule) -> None:
    docs = rule.spec.docs
    for field in ("what", "why", "fix", "example"):
        text = getattr(docs, field)
        assert text and text.strip(), f"{rule.id}: docs.{field} is empty"
    assert rule.spec.title[0].isupper() and not rule.spec.title.endswith(".")


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_messages_in_both_languages(rule: Rule) -> None:
    assert set(rule.spec.message) == {"en", "sv"}
    assert all(text.strip() for text in rule.spec.message.values())
    assert rule.spec.message["en"] != rule.spec.message["sv"]


@pytest.mark.parametrize("rule", [r for r in RULES if r.id not in ENGINE_RULES], ids=lambda r: r.id)
def test_messages_use_the_same_fields_in_both_languages(rule: Rule) -> None:
    fields = {lang: sorted(set(re.findall(r"\{([^{}]+)\}", text))) for lang, text in rule.spec.message.items()}
    assert fields["en"] == fields["sv"], f"{rule.id}: the messages name different fields"


def test_every_rule_lives_in_its_area_folder() -> None:
    folders = {"erasure-security": "systems"}
    for rule in RULES:
        folder = folders.get(rule.spec.area, rule.spec.area)
        assert rule.file == f"policies/{folder}/{rule.id}.yaml"


#: the built-in rules and the example organization's own rule: every one of them is translated
TRANSLATED = load_pack(Path(__file__).resolve().parents[2] / "org_example")


@pytest.mark.parametrize("rule", TRANSLATED, ids=[r.id for r in TRANSLATED])
def test_every_rule_has_a_swedish_translation(rule: Rule) -> None:
    sv = rule.spec.translations.get("sv")
    assert sv is not None, f"{rule.file}: no `translations: {{sv: ...}}`"
    for field in ("title", "what", "why", "fix"):
        text = getattr(sv, field)
        assert text and text.strip(), f"{rule.id}: translations.sv.{field} is empty"
    assert sv.title != rule.spec.title, f"{rule.id}: the Swedish title is the English one"
    assert sv.title[0].isupper() and not sv.title.endswith(".")
    assert rule.spec.title_in("sv") == sv.title
    assert rule.spec.docs_in("sv").why == sv.why


def test_the_org_examples_own_rule_is_among_the_translated() -> None:
    assert {r.id for r in TRANSLATED} == set(BY_ID) | {"processor-without-iso27001"}
