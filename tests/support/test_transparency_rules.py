"""`transparency` evaluates only the rules whose findings it reads (PAGE_RULES; none for the
answer sheet): the findings that block the page, and their waivers, are those of a full run, and
every rule is still configured (a bad override of any rule is an error)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from policycheck.api import check
from policycheck.errors import InvalidInput
from policycheck.rules import engine
from policycheck.support import transparency
from tests.conftest import run_cli
from tests.support_repos import AS_OF, FIXTURES, ORG_EXAMPLE, copy_fixture

ROOT = Path(__file__).resolve().parents[2]
ORGS = [ORG_EXAMPLE, *sorted(p for p in (ROOT / "tests" / "fixtures" / "orgs").iterdir() if p.is_dir()),
        *sorted(p for p in FIXTURES.iterdir() if p.is_dir())]


def _both(org: Path, lang: str) -> tuple[Any, Any] | None:
    try:
        full = check(org, as_of=AS_OF, lang=lang, release=True, keep_map=True)
    except InvalidInput:
        with pytest.raises(InvalidInput):  # what cannot be read fails the same way
            check(org, as_of=AS_OF, lang=lang, release=True, keep_map=True, only=transparency.PAGE_RULES)
        return None
    part = check(org, as_of=AS_OF, lang=lang, release=True, keep_map=True, only=transparency.PAGE_RULES)
    return full.result, part.result


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_the_page_rules_alone_find_what_a_full_run_finds(lang: str) -> None:
    blocked = waived = 0
    for org in ORGS:
        both = _both(org, lang)
        if both is None:
            continue
        full, part = both
        assert all(f.rule in transparency.PAGE_RULES for f in part.findings), org
        assert list(part.findings) == [f for f in full.findings if f.rule in transparency.PAGE_RULES], org
        assert list(part.waived) == [w for w in full.waived if w.finding.rule in transparency.PAGE_RULES], org
        assert transparency.blocking_findings(part) == transparency.blocking_findings(full), org
        blocked += len(transparency.blocking_findings(part))
        waived += len(part.waived)
    assert blocked and waived  # the comparison saw blocking findings and waived ones


def test_the_answer_sheet_evaluates_no_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    evaluated: list[str] = []
    evaluate = engine._evaluate_rule

    def spy(c: engine.Configured, *args: Any, **kwargs: Any) -> Any:
        evaluated.append(c.rule.id)
        return evaluate(c, *args, **kwargs)

    monkeypatch.setattr(engine, "_evaluate_rule", spy)
    sheet = run_cli("transparency", str(ORG_EXAMPLE), "--as-of", AS_OF.isoformat(), "--audience", "agents")
    assert sheet.exit_code == 0 and evaluated == []
    page = run_cli("transparency", str(ORG_EXAMPLE), "--as-of", AS_OF.isoformat(), "--allow-findings")
    assert page.exit_code == 0 and evaluated and set(evaluated) <= transparency.PAGE_RULES


@pytest.mark.parametrize("audience", ["customers", "agents"])
def test_a_bad_override_of_any_rule_is_still_an_error(audience: str, tmp_path: Path) -> None:
    typo = ("  no-audit-log: {severity: medium}", "  no-audit-logg: {severity: medium}")  # not a rule the page reads
    target = copy_fixture("org_example", tmp_path, {"policycheck.yaml": typo})
    result = run_cli("transparency", str(target), "--as-of", AS_OF.isoformat(), "--audience", audience)
    assert result.exit_code == 2
    assert "rules: unknown rule 'no-audit-logg'" in result.stderr and "did you mean 'no-audit-log'" in result.stderr
