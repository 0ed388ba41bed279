"""GitHub workflow annotations: one `::error|warning|notice file=…,line=…::` per finding, escaped so
that no message can end or forge a command."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from policycheck.render.github import escape_data, escape_property, render
from tests.ci_sample import add_flaws, commit_all, git_init, sample_context, sample_result
from tests.conftest import AS_OF, BASE, MakeRepo, run_cli


def _unescape(text: str, prop: bool) -> str:
    pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if prop else [])
    for code, char in pairs:
        text = text.replace(code, char)
    return text.replace("%25", "%")


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """Parse a workflow command the way the Actions runner does: `::name k=v,k=v::data`."""
    assert line.startswith("::")
    head, sep, data = line[2:].partition("::")
    assert sep, line
    name, _, props = head.partition(" ")
    fields = {}
    for pair in props.split(","):
        key, eq, value = pair.partition("=")
        assert eq, f"malformed property {pair!r} in {line!r}"
        fields[key] = _unescape(value, prop=True)
    return name, fields, _unescape(data, prop=False)


def test_escaping() -> None:
    assert escape_data("100%\r\nnext") == "100%25%0D%0Anext"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_sample_snapshot(lang: str, snapshot: SnapshotAssertion) -> None:
    assert render(sample_result(), lang=lang, **sample_context()) == snapshot


def test_every_line_parses_back_to_the_finding() -> None:
    result = sample_result()
    odd = replace(result.findings[0], file="policies/odd, name: v2.md")
    result = replace(result, findings=(odd, *result.findings[1:]))
    lines = render(result, **sample_context(path_prefix="compliance")).splitlines()
    assert len(lines) == len(result.findings) + 1
    assert lines[-1].startswith("policycheck: 6 findings") and not lines[-1].startswith("::")
    levels = {"critical": "error", "high": "error", "medium": "warning", "low": "notice", "info": "notice"}
    for line, finding in zip(lines, result.findings, strict=False):
        assert "\n" not in line and "\r" not in line
        name, fields, message = parse_command(line)
        assert name == levels[finding.severity]
        assert fields["file"] == "compliance/" + finding.file
        assert fields["line"] == str(finding.line)
        assert fields["title"] == f"{finding.rule} ({finding.severity})"
        assert message == f"{finding.message} [{finding.subject}]"
        if finding.column:
            assert fields["col"] == str(finding.column)
        else:
            assert "col" not in fields


def test_check_annotations(make_repo: MakeRepo) -> None:
    repo = add_flaws(make_repo())
    result = run_cli("check", str(repo), "--as-of", AS_OF, "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert ("::error file=processors/helpdesk-vendor.yaml,line=1,col=1,title=processor-without-dpa (high)::"
            "Helpdesk Vendor AB processes personal data for us") in result.stdout
    commands = [parse_command(line) for line in lines if line.startswith("::")]
    assert {(c[0], c[1]["file"]) for c in commands} >= {("error", "processors/helpdesk-vendor.yaml"),
                                                        ("error", "systems/notes.yaml")}
    assert lines[-1].startswith("policycheck: ")


def test_paths_are_relative_to_the_git_root(tmp_path: Path) -> None:
    work = git_init(tmp_path / "monorepo")
    shutil.copytree(BASE, work / "legal" / "gdpr")
    add_flaws(work / "legal" / "gdpr")
    commit_all(work, "compliance repo")
    result = run_cli("check", str(work / "legal" / "gdpr"), "--as-of", AS_OF, "--format", "github")
    assert "::error file=legal/gdpr/processors/helpdesk-vendor.yaml,line=1" in result.stdout


def test_clean_repo_has_no_annotation(make_repo: MakeRepo) -> None:
    result = run_cli("check", str(make_repo()), "--as-of", AS_OF, "--format", "github")
    assert result.exit_code == 0
    assert "::" not in result.stdout
