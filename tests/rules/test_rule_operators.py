"""The operators no rule of the pack uses (`le`, `subset`, `every`): each holds and fails where it should."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from policycheck.graph import DataMap
from policycheck.load.repo import load_repo
from policycheck.rules.kinds import Context
from policycheck.rules.language import RuleSyntaxError, Scope, compile_message
from policycheck.rules.operators import compile_condition
from policycheck.rules.pack import load_pack
from tests.conftest import BASE

AS_OF = dt.date(2026, 6, 1)
load_pack()  # registers the derived facts
ALL = ["case-history", "contact-details", "order-history"]


def holds(cond: dict[str, Any]) -> tuple[bool, Context]:
    ctx = Context(DataMap(load_repo(BASE), AS_OF), {}, {})
    pred, _ = compile_condition(cond, Scope("system", {}))
    return pred(ctx.repo.systems["ticketing"], ctx), ctx


@pytest.mark.parametrize(
    ("cond", "expected"),
    [
        ({"le": ["erasure.within_days", 30]}, True),  # equal
        ({"le": ["erasure.within_days", 31]}, True),
        ({"le": ["erasure.within_days", 29]}, False),
        ({"le": ["erasure.within_days", {"value": None}]}, False),  # unknown is not "at most"
        ({"subset": ["stored_categories", {"value": ALL}]}, True),
        ({"subset": ["stored_categories", {"value": ["case-history", "order-history"]}]}, False),
        ({"subset": [{"value": []}, {"value": []}]}, True),  # the empty set is a subset of any
        ({"every": "held_categories", "where": {"present": "name"}}, True),
        ({"every": "held_categories", "where": {"equals": ["id", "case-history"]}}, False),
        ({"every": "stored_categories", "where": {"not": {"equals": ["special", True]}}}, True),
    ],
)
def test_unused_operators(cond: dict[str, Any], expected: bool) -> None:
    assert holds(cond)[0] is expected


def test_every_binds_the_elements_that_miss_and_a_message_names_them() -> None:
    scope = Scope("system", {})
    cond = {"every": "held_categories", "where": {"equals": ["id", "case-history"]}, "as": "others"}
    pred, bound = compile_condition(cond, scope)
    ctx = Context(DataMap(load_repo(BASE), AS_OF), {}, {})
    system = ctx.repo.systems["ticketing"]
    assert not pred(system, ctx)  # `every` fails, so nothing is bound
    assert "others" not in ctx.bindings
    ok = {"every": "held_categories", "where": {"present": "name"}, "as": "all_named"}
    pred, bound = compile_condition(ok, scope)
    assert pred(system, ctx)
    assert ctx.bindings["all_named"] == ()
    render = compile_message("{all_named}", Scope("system", {}, bound, scope.bound_types), ())
    assert render(system, ctx) == "—"


@pytest.mark.parametrize(
    "cond",
    [
        {"le": ["name", 3]},  # not a number
        {"every": "name", "where": {"present": "id"}},  # not a list
        {"every": "held_categories"},  # no `where`
        {"subset": ["stored_categories"]},  # one operand
    ],
)
def test_unused_operators_refuse_bad_operands(cond: dict[str, Any]) -> None:
    with pytest.raises(RuleSyntaxError):
        compile_condition(cond, Scope("system", {}))
