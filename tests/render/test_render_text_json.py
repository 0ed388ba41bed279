"""Snapshots of the text and JSON renderers on org_example, in English and Swedish."""

from __future__ import annotations

import pytest
from syrupy.assertion import SnapshotAssertion

from tests.conftest import ORG_EXAMPLE, run_cli

AS_OF = "2026-11-28"


@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_org_example_snapshot(fmt: str, lang: str, snapshot: SnapshotAssertion) -> None:
    result = run_cli("check", str(ORG_EXAMPLE), "--as-of", AS_OF, "--format", fmt, "--lang", lang)
    assert result.exit_code == 1
    assert result.stdout == snapshot


def test_text_puts_the_most_severe_first_and_json_keeps_file_order() -> None:
    """A person reads the text top down: the critical finding leads, then file and line within a
    severity. The JSON order (file, line) is FORMAT.md's contract and stays as it was."""
    import json

    from policycheck.model.types import severity_rank

    text = run_cli("check", str(ORG_EXAMPLE), "--as-of", AS_OF).stdout.splitlines()[:-1]
    parsed = [(line.split(": ", 1)[0], line.split(": ", 1)[1].split(" ", 1)[0]) for line in text]
    assert parsed[0] == ("processors/kaveri-data.yaml:3", "critical")
    ranks = [-severity_rank(sev) for _, sev in parsed]
    assert ranks == sorted(ranks) and len(set(ranks)) > 2
    for sev in {sev for _, sev in parsed}:
        places = [(p.rsplit(":", 1)[0], int(p.rsplit(":", 1)[1])) for p, s in parsed if s == sev]
        assert places == sorted(places)
    findings = json.loads(run_cli("check", str(ORG_EXAMPLE), "--as-of", AS_OF, "--format", "json").stdout)["findings"]
    assert [(f["file"], f["line"]) for f in findings] == sorted((f["file"], f["line"]) for f in findings)
    assert [f["severity"] for f in findings] != [sev for _, sev in parsed]
    assert len(findings) == len(parsed)
