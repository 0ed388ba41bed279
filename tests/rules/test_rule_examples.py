"""Every rule's examples run as tests: each `fires` example must fire, each `passes` must not."""

from __future__ import annotations

import datetime as dt

import pytest

from policycheck.load.repo import load_repo
from policycheck.rules.engine import run
from policycheck.rules.examples import EXAMPLE_AS_OF, builtin_base, run_example
from policycheck.rules.pack import ENGINE_RULES, load_pack

RULES = load_pack()
CASES = [(r, e) for r in RULES for e in r.spec.examples]


@pytest.mark.parametrize(("rule", "example"), CASES, ids=[f"{r.id}: {e.name}" for r, e in CASES])
def test_rule_example(rule, example):  # type: ignore[no-untyped-def]
    outcome = run_example(rule, example, RULES)
    assert outcome.ok, outcome.detail


def test_every_rule_has_a_firing_and_a_passing_example() -> None:
    for rule in RULES:
        if rule.id in ENGINE_RULES:
            continue
        kinds = {e.expect for e in rule.spec.examples}
        assert kinds == {"fires", "passes"}, f"{rule.id} needs both a `fires` and a `passes` example"


def test_example_base_is_clean() -> None:
    result = run(load_repo(builtin_base()), RULES, EXAMPLE_AS_OF)
    assert result.findings == ()


def test_example_date_is_fixed() -> None:
    assert dt.date(2026, 6, 1) == EXAMPLE_AS_OF
