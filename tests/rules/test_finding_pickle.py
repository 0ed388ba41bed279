"""A finding pickles as its fields (``Finding.__reduce__``): it unpickles to the same finding,
every field (those left out of ``==`` too) as the default pickling of a slotted dataclass gives."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import pickle
from pathlib import Path

import pytest

from policycheck.findings import CheckResult, Finding, WaivedFinding
from policycheck.load.repo import load_repo
from policycheck.rules import engine
from policycheck.rules.pack import load_pack

ROOT = Path(__file__).resolve().parents[2]


def _every_field(f: Finding) -> tuple[object, ...]:
    return tuple(getattr(f, x.name) for x in dataclasses.fields(Finding))


def _default_copy(f: Finding) -> Finding:
    """What pickling gave before ``__reduce__``: the slots' state, set field by field."""
    state = f.__getstate__()  # type: ignore[attr-defined]
    new = object.__new__(Finding)
    new.__setstate__(state)  # type: ignore[attr-defined]
    return new


def test_findings_of_org_example_unpickle_to_every_field() -> None:
    repo = load_repo(ROOT / "org_example", use_cache=False)
    result = engine.run(repo, load_pack(ROOT / "org_example"), dt.date(2026, 11, 28), "sv", langs=("en", "sv"))
    findings = [*result.findings, *(w.finding for w in result.waived)]
    assert len(findings) > 5
    assert any(f.messages for f in findings) and any(f.evidence for f in findings)
    for protocol in (2, pickle.HIGHEST_PROTOCOL):
        back = pickle.loads(pickle.dumps(findings, protocol=protocol))
        assert [type(f) for f in back] == [Finding] * len(findings)
        assert [_every_field(f) for f in back] == [_every_field(f) for f in findings]
        assert [_every_field(f) for f in back] == [_every_field(_default_copy(f)) for f in findings]
    waived = WaivedFinding(findings[0], 1, "r", "2027-01-01", "a")
    result2 = CheckResult((findings[0],), (waived,), baselined=1, rules_run=3)
    assert pickle.loads(pickle.dumps(result2)) == result2
    assert _every_field(copy.copy(findings[0])) == _every_field(findings[0])


def test_a_finding_with_a_renderer_does_not_pickle() -> None:
    f = Finding("r", "high", "system:x", "f", 1, "m", render=lambda lang: None)
    with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
        pickle.dumps(f)
