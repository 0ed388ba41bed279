"""Markdown for a pull-request comment: a marker, a summary, the gate, one table row per finding,
escaped so that text from the declarations cannot break the table or inject HTML."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from policycheck.render.markdown import MARKER, cell, render
from tests.ci_sample import add_flaws, sample_context, sample_result
from tests.conftest import AS_OF, ORG_EXAMPLE, MakeRepo, run_cli

_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def table_rows(text: str) -> list[list[str]]:
    """The cells of every table row (header and separator included), split as GFM does."""
    return [[c.strip() for c in _UNESCAPED_PIPE.split(line)[1:-1]]
            for line in text.splitlines() if line.startswith("|")]


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_sample_snapshot(lang: str, snapshot: SnapshotAssertion) -> None:
    assert render(sample_result(), lang=lang, **sample_context()) == snapshot


def test_sample_structure() -> None:
    result = sample_result()
    text = render(result, **sample_context())
    lines = text.splitlines()
    assert lines[0] == MARKER
    assert lines[1] == "### policycheck: 6 findings (1 critical, 1 high, 2 medium, 1 low, 1 info)"
    assert "**Gate: failed**: 2 at or above `high`." in text
    rows = table_rows(text.split("<details>")[0])
    assert len(rows) == 2 + len(result.findings)
    assert all(len(r) == 5 for r in rows)
    # most severe first
    assert [r[0] for r in rows[2:]] == ["**critical**", "**high**", "medium", "medium", "low", "info"]
    # escaped: no raw HTML, no line break inside a row
    assert "<b>" not in text and "&lt;b&gt;" in text
    assert "safeguard,<br>no adequacy<br>" in text
    assert "1 waived finding" in text and "Replaced in Q1 &amp; contract signed &lt;soon&gt;" in text
    assert "2 known findings in the baseline are not shown." in text


def test_gate_passes_when_nothing_reaches_fail_on() -> None:
    result = sample_result()
    mild = replace(result, findings=tuple(f for f in result.findings if f.severity in ("low", "info")))
    assert "**Gate: passed**: nothing at or above `high`." in render(mild, **sample_context())


def test_cell_escaping() -> None:
    assert cell("a | b") == "a \\| b"
    assert cell("<script>x</script>") == "&lt;script&gt;x&lt;/script&gt;"
    assert cell("one\ntwo\r\n") == "one<br>two<br>"
    # no link, no emphasis; a complete code span stays code (nothing inside one is markup)
    assert cell("[link](http://x) *b* _i_ `c`") == "\\[link]\\(http\\://x) \\*b\\* \\_i\\_ `c`"
    assert cell("![i](http://x) <img src=x> `a") == "![i]\\(http\\://x) &lt;img src=x&gt; \\`a"


def test_check_markdown(make_repo: MakeRepo) -> None:
    repo = add_flaws(make_repo())
    result = run_cli("check", str(repo), "--as-of", AS_OF, "--format", "markdown")
    assert result.exit_code == 1
    rows = table_rows(result.stdout)
    where = {r[2]: r[3] for r in rows[2:]}
    assert where["`processor:helpdesk-vendor`"] == "`processors/helpdesk-vendor.yaml:1`"
    assert "`system:notes`" in where


def test_clean_repo(make_repo: MakeRepo) -> None:
    result = run_cli("check", str(make_repo()), "--as-of", AS_OF, "--format", "markdown")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == "### policycheck: no findings"
    assert "|" not in result.stdout


@pytest.mark.parametrize("fmt", ["markdown", "github"])
def test_org_example_snapshot(fmt: str, tmp_path: Path, snapshot: SnapshotAssertion) -> None:
    repo = shutil.copytree(ORG_EXAMPLE, tmp_path / "org")
    result = run_cli("check", str(repo), "--as-of", "2026-11-28", "--format", fmt)
    assert result.exit_code == 1
    assert result.stdout == snapshot
