"""Evidence in messages: `any` binds every branch that holds; a missing value shows as a dash."""

from __future__ import annotations

import datetime as dt

from policycheck.graph import DataMap
from policycheck.load.repo import load_repo
from policycheck.rules.kinds import Context, organization_item
from policycheck.rules.language import MISSING_TEXT, Scope, compile_message
from policycheck.rules.operators import compile_condition
from policycheck.rules.pack import load_pack
from tests.conftest import BASE

AS_OF = dt.date(2026, 6, 1)
load_pack()  # registers the derived facts


def context() -> Context:
    return Context(DataMap(load_repo(BASE), AS_OF), {}, {})


def two_gaps(first: list[str], second: list[str]) -> dict[str, object]:
    return {
        "any": [
            {"difference": [{"value": first}, {"value": []}], "as": "one"},
            {"difference": [{"value": second}, {"value": []}], "as": "two"},
        ]
    }


def test_any_binds_the_evidence_of_every_branch_that_holds() -> None:
    scope = Scope("organization", {})
    pred, bound = compile_condition(two_gaps(["a"], ["b", "c"]), scope)
    assert bound == {"one", "two"}
    ctx = context()
    item = organization_item(ctx.repo)
    assert pred(item, ctx)
    assert ctx.bindings == {"one": ("a",), "two": ("b", "c")}
    render = compile_message("one: {one}; two: {two}", Scope("organization", {}, bound), ())
    assert render(item, ctx) == "one: a; two: b, c"


def test_a_branch_that_does_not_hold_shows_as_missing() -> None:
    pred, bound = compile_condition(two_gaps([], ["b"]), Scope("organization", {}))
    ctx = context()
    item = organization_item(ctx.repo)
    assert pred(item, ctx)
    render = compile_message("one: {one}; two: {two}", Scope("organization", {}, bound), ())
    assert render(item, ctx) == f"one: {MISSING_TEXT}; two: b"


def test_missing_fields_show_as_a_dash_and_present_ones_as_text() -> None:
    ctx = context()
    item = organization_item(ctx.repo)
    render = compile_message(
        "dpo: {organization.dpo.name}; contact: {organization.privacy_contact}; levels: {classification_levels}",
        Scope("organization", {}),
        (),
    )
    levels = "public, internal, confidential, restricted"
    assert render(item, ctx) == f"dpo: {MISSING_TEXT}; contact: privacy@exempel.se; levels: {levels}"
