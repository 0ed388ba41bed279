"""Organizations written from FORMAT.md and RULES.md alone (by a QA pass), each with the findings
its author derived from RULES.md in EXPECTED.txt (`rule | subject` lines; lines starting with
`#`, or marked WAIVED, NOT or `?`, are notes). The tool must report exactly those."""

from __future__ import annotations

import collections
import json
import re
from pathlib import Path

import pytest

from tests.conftest import run_cli

ORGS = Path(__file__).parent / "fixtures" / "orgs"
_LINE = re.compile(r"^([a-z0-9-]+) \| ([^\s(]+)")


def expected(org: Path) -> collections.Counter[tuple[str, str]]:
    out: collections.Counter[tuple[str, str]] = collections.Counter()
    for line in (org / "EXPECTED.txt").read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("#") or "WAIVED" in line or " NOT" in line or "?" in line.split("(")[0]:
            continue
        m = _LINE.match(line.strip())
        if m:
            out[(m.group(1), m.group(2))] += 1
    return out


@pytest.mark.parametrize("org", sorted(p.name for p in ORGS.iterdir() if (p / "EXPECTED.txt").exists()))
def test_fixture_org_reports_exactly_its_expected_findings(org: str) -> None:
    path = ORGS / org
    result = run_cli("check", str(path), "--as-of", "2026-11-28", "--format", "json", "--fail-on", "info")
    assert result.exit_code in (0, 1), result.stderr
    got = collections.Counter((f["rule"], f["subject"]) for f in json.loads(result.stdout)["findings"])
    want = expected(path)
    assert got == want, f"missing: {sorted(want - got)}; extra: {sorted(got - want)}"
    assert result.exit_code == (1 if want else 0)


def test_the_clean_organization_is_clean() -> None:
    result = run_cli("check", str(ORGS / "01-clean-no"), "--as-of", "2026-11-28", "--fail-on", "info")
    assert result.exit_code == 0
    assert result.stdout == "No findings.\n"


BROKEN = {
    "07-broken-many": [
        "policycheck.yaml:3:",
        "policycheck.yaml:4:",
        "policycheck.yaml:6:",
        "policycheck.yaml:8:",
        "categories.yaml:3:",
        "categories.yaml:4:",
        "categories.yaml:7:",
        "purposes.yaml:6:",
        "purposes.yaml:7:",
        "purposes.yaml:8:",
        "systems/a.yaml:4:",
        "systems/b.yaml:2:",
        "systems/b.yaml:4:",
        "systems/b.yaml:5:",
        "systems/b.yaml:8:",
        "systems/b.yaml:11:",
        "systems/c.yaml:1:",
        "systems/c.yaml:4:",
        "processors/p.yaml:1:",
        "processors/q.yaml:1:",
        "recipients/b.yaml:1:",
        "policies/weird.md:2:",
        "policies/weird.md:5:",
        "policies/weird.md:6:",
        "exercises.yaml:2:",
        "privacy-notice.md:3:",
        "privacy-notice.md:5:",
        "privacy-notice.md:6:",
    ],
    "08-broken-refs": [
        "categories.yaml:3:",
        "exercises.yaml:2:",
        "policies/weird.md:2:",
        "privacy-notice.md:3:",
        "privacy-notice.md:5:",
        "purposes.yaml:6:",
        "purposes.yaml:8:",
        "recipients/b.yaml:1:",
        "systems/b.yaml:4:",
        "systems/b.yaml:11:",
        "systems/c.yaml:1:",
        "systems/c.yaml:4:",
    ],
}


@pytest.mark.parametrize("org", sorted(BROKEN))
def test_broken_org_reports_every_error_in_one_run(org: str) -> None:
    result = run_cli("check", str(ORGS / org), "--as-of", "2026-11-28")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    for prefix in BROKEN[org]:
        assert any(line.startswith(prefix) for line in lines), f"{prefix} not reported:\n{result.stderr}"
    assert "unknown category 'contact-details'" not in result.stderr  # no false follow-on errors
