"""Finding messages name categories (in the message's language); evidence keeps their ids.

And the waiver checks' texts come from their YAML, like every other rule's message.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from policycheck.graph import DataMap
from policycheck.i18n import name_of
from policycheck.load.repo import load_repo
from policycheck.rules.engine import run
from policycheck.rules.kinds import Context
from policycheck.rules.language import Scope, category_names, compile_message
from policycheck.rules.operators import compile_condition
from policycheck.rules.pack import ENGINE_RULES, load_pack
from tests.conftest import BASE, ROOT

AS_OF = dt.date(2026, 6, 1)
RULES = load_pack()  # also registers the derived facts


def context(lang: str = "en") -> Context:
    ctx = Context(DataMap(load_repo(BASE), AS_OF), {}, {})
    ctx.lang = lang
    return ctx


def test_a_path_to_categories_shows_their_names_in_messages_and_ids_in_evidence() -> None:
    ctx = context()
    system = ctx.repo.systems["ticketing"]
    scope = Scope("system", {})
    message = compile_message("holds ({held_categories})", scope, ())
    evidence = compile_message("{held_categories}", scope, (), names=False)
    held = sorted(ctx.dmap.holdings["ticketing"])
    assert held
    assert message(system, ctx) == f"holds ({', '.join(ctx.repo.categories[c].name for c in held)})"
    assert evidence(system, ctx) == ", ".join(held)


def test_a_bound_category_difference_shows_names_and_other_bindings_stay_as_they_are() -> None:
    ctx = context()
    system = ctx.repo.systems["ticketing"]
    scope = Scope("system", {})
    cond = {
        "all": [
            {"difference": ["held_categories", {"value": []}], "as": "cats"},
            {"difference": [{"value": ["case-history"]}, {"value": []}], "as": "words"},
        ]
    }
    pred, bound = compile_condition(cond, scope)
    assert scope.bound_types == {"cats": "category", "words": "str"}
    assert pred(system, ctx)
    mscope = Scope("system", {}, bound, scope.bound_types)
    assert "Case history" in compile_message("{cats}", mscope, ())(system, ctx)
    assert "case-history" in compile_message("{cats}", mscope, (), names=False)(system, ctx)
    assert compile_message("{words}", mscope, ())(system, ctx) == "case-history"  # a string, not a category


def test_category_names_per_language_and_unknown_ids() -> None:
    ctx = context("sv")
    assert category_names(("case-history", "no-such-category"), ctx) == ("Case history", "no-such-category")
    assert category_names(None, ctx) is None
    assert category_names("case-history", ctx) == "Case history"


@pytest.mark.parametrize("org", [ROOT / "org_example"], ids=lambda p: p.name)
def test_no_finding_message_shows_a_category_id_through_a_category_fact(org: Path) -> None:
    repo = load_repo(org)
    result = run(repo, RULES, dt.date(2026, 11, 28), "sv")
    named = 0
    for f in result.findings:
        for key, value in f.evidence:
            if key == "categories" and value:
                ids = value.split(", ")
                assert all(i in repo.categories for i in ids), (f.rule, value)  # evidence: ids
                for lang, text in f.messages:
                    names = [name_of(repo.categories[i].name, lang) for i in ids]
                    assert ", ".join(names) in text, (f.rule, lang, text)
                named += 1
    assert named  # the example org has such findings


WHY = {"no-reason", "no-expiry", "no-rule", "no-subject", "unknown-rule"}


def test_waiver_texts_live_in_the_yaml_in_both_languages() -> None:
    specs = {r.id: r.spec for r in RULES if r.id in ENGINE_RULES}
    assert set(specs) == set(ENGINE_RULES)
    assert set(specs["waiver-invalid"].texts) == WHY
    assert set(specs["waiver-unused"].texts) == {"duplicate"}
    for spec in specs.values():
        assert set(spec.message) == {"en", "sv"}
        for texts in spec.texts.values():
            assert set(texts) == {"en", "sv"}


def test_waiver_findings_use_the_yaml_message() -> None:
    org = ROOT / "tests" / "fixtures" / "orgs" / "18-probe-waivers"
    repo = load_repo(org)
    result = run(repo, RULES, dt.date(2026, 11, 28), "en")
    specs = {r.id: r.spec for r in RULES}
    waiver_findings = [f for f in result.findings if f.rule in ENGINE_RULES]
    assert waiver_findings
    for f in waiver_findings:
        spec = specs[f.rule]
        templates = [spec.message["en"], *(t["en"] for t in spec.texts.values() if "{n}" in t["en"])]
        heads = [t.split("{")[0] for t in templates]
        assert any(f.message.startswith(h) for h in heads), f.message
    duplicate = specs["waiver-unused"].texts["duplicate"]["en"].split("{first}")[1]
    assert any(duplicate in f.message for f in waiver_findings)
