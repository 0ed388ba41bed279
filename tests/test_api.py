"""The library entry point, `policycheck.check`, and the rule that only cli.py exits."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import policycheck
from policycheck.errors import InvalidInput
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent


def test_check_returns_the_result_the_cli_renders() -> None:
    checked = policycheck.check(ROOT / "org_example", as_of=dt.date(2026, 11, 28))
    assert checked.exit_code() == 1
    assert checked.exit_code("critical") == 1 and checked.exit_code("info") == 1
    cli = run_cli("check", str(ROOT / "org_example"), "--as-of", "2026-11-28", "--format", "json")
    assert cli.exit_code == checked.exit_code()
    assert f'"total": {len(checked.result.findings)}' in cli.output
    assert checked.datamap.holdings["zendesk"]


def test_a_clean_repo_exits_0_and_broken_input_raises_with_every_problem() -> None:
    assert policycheck.check(ROOT / "tests/fixtures/orgs/01-clean-no", as_of=dt.date(2026, 11, 28)).exit_code() == 0
    with pytest.raises(InvalidInput) as exc:
        policycheck.check(ROOT / "tests/fixtures/orgs/07-broken-many")
    assert len(exc.value.problems) > 1


def test_only_the_cli_exits() -> None:
    offenders = []
    for path in sorted((ROOT / "policycheck").rglob("*.py")):
        if path.name in ("cli.py", "__main__.py", "docs_gen.py"):  # docs_gen: its own `python -m` script
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"raise SystemExit|sys\.exit\(|ctx\.exit\(", text):
            offenders.append(path.relative_to(ROOT).as_posix())
    assert offenders == []
