"""Checkov-style control of `check` (--rule, --skip-rule, --quiet, --compact), the GitLab Code Quality
format, `--version` with the rule pack's version, and shell completion of ids."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from syrupy.assertion import SnapshotAssertion

from policycheck.render.codequality import render
from tests.ci_sample import add_flaws, sample_context, sample_result
from tests.conftest import AS_OF, ORG_EXAMPLE, ROOT, MakeRepo, run_cli


def _flawed(make_repo: MakeRepo) -> Path:
    return add_flaws(make_repo())


def _json(*args: str) -> tuple[int, list[str]]:
    result = run_cli("check", *args, "--as-of", AS_OF, "--format", "json", "--fail-on", "info")
    return result.exit_code, [f["rule"] for f in json.loads(result.stdout)["findings"]]


def test_rule_and_skip_rule_select_findings(make_repo: MakeRepo) -> None:
    repo = str(_flawed(make_repo))
    code, rules = _json(repo)
    assert {"processor-without-dpa", "system-without-erasure-routine"} <= set(rules)
    code, rules = _json(repo, "--rule", "processor-without-dpa")
    assert code == 1 and set(rules) == {"processor-without-dpa"}
    _, rules = _json(repo, "--rule", "processor-without-dpa", "--rule", "system-without-erasure-routine")
    assert set(rules) == {"processor-without-dpa", "system-without-erasure-routine"}
    _, rules = _json(repo, "--skip-rule", "processor-without-dpa")
    assert "processor-without-dpa" not in rules and "system-without-erasure-routine" in rules
    code, rules = _json(repo, "--rule", "unused-category")
    assert code == 0 and rules == []  # the gate follows the selection


def test_an_unknown_rule_id_is_an_error_with_a_suggestion(make_repo: MakeRepo) -> None:
    result = run_cli("check", str(make_repo()), "--skip-rule", "procesor-without-dpa")
    assert result.exit_code == 2
    assert "--skip-rule procesor-without-dpa: no such rule (did you mean 'processor-without-dpa'?)" in result.output
    assert "Traceback" not in result.output


def test_selection_keeps_the_repos_rule_overrides_working() -> None:
    """org_example overrides no-audit-log's severity: selecting other rules must not make that an error."""
    result = run_cli("check", str(ORG_EXAMPLE), "--as-of", AS_OF, "--rule", "processor-without-dpa")
    assert result.exit_code in (0, 1), result.output


def test_quiet_prints_the_summary_only(make_repo: MakeRepo) -> None:
    repo = str(_flawed(make_repo))
    result = run_cli("check", repo, "--as-of", AS_OF, "--quiet")
    assert result.exit_code == 1
    assert result.stdout.count("\n") == 1 and result.stdout.startswith("2 findings")
    sarif = Path(repo) / "out.sarif"
    result = run_cli("check", repo, "--as-of", AS_OF, "-q", "--format", "sarif", "--output", str(sarif))
    assert result.stdout.count("\n") == 1 and json.loads(sarif.read_text(encoding="utf-8"))["runs"]


def test_compact_is_one_line_per_finding(make_repo: MakeRepo) -> None:
    repo = str(_flawed(make_repo))
    result = run_cli("check", repo, "--as-of", AS_OF, "--compact")
    lines = result.stdout.splitlines()
    assert len(lines) == 3 and lines[-1].startswith("2 findings")
    assert lines[0].startswith("processors/helpdesk-vendor.yaml:1: high processor-without-dpa ")


def test_codequality_snapshot(snapshot: SnapshotAssertion) -> None:
    assert render(sample_result(), **sample_context()) == snapshot


def test_codequality_from_the_cli(make_repo: MakeRepo) -> None:
    repo = _flawed(make_repo)
    result = run_cli("check", str(repo), "--as-of", AS_OF, "--format", "codequality")
    assert result.exit_code == 1
    issues = json.loads(result.stdout)
    assert {i["check_name"] for i in issues} == {"processor-without-dpa", "system-without-erasure-routine"}
    assert {i["severity"] for i in issues} == {"critical"}  # high -> critical
    assert all(i["location"]["lines"]["begin"] >= 1 for i in issues)
    (repo / "systems" / "broken.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    result = run_cli("check", str(repo), "--format", "codequality")
    assert result.exit_code == 2
    (error,) = json.loads(result.stdout)
    assert error["severity"] == "blocker" and error["location"]["path"] == "systems/broken.yaml"


def test_version_shows_the_rule_pack_version() -> None:
    result = run_cli("--version")
    pack = (ROOT / "policies" / "VERSION").read_text(encoding="utf-8").strip()
    assert result.stdout.strip() == f"policycheck, version 0.1.0 (rule pack {pack})"


def _complete(cwd: Path, words: str) -> list[str]:
    env = {**os.environ, "_POLICYCHECK_COMPLETE": "bash_complete", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))}  # fmt: skip
    out = subprocess.run(
        [sys.executable, "-c", "from policycheck.cli import main; main()"], cwd=cwd, env=env,
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    return [line.split(",", 1)[1] for line in out.stdout.splitlines() if "," in line]


def test_shell_completion_of_ids() -> None:
    assert _complete(ORG_EXAMPLE, "policycheck check --rule processor-without") == [
        "processor-without-dpa",
        "processor-without-iso27001",  # the repo's own rule too
    ]
    assert "processor:zendesk" in _complete(ORG_EXAMPLE, "policycheck waive processor-without-dpa processor:")
    assert _complete(ORG_EXAMPLE, "policycheck breach-impact zen") == ["zendesk"]
    assert _complete(ORG_EXAMPLE, "policycheck rules explain unused-cat") == ["unused-category"]
    assert "customer" in _complete(ORG_EXAMPLE, "policycheck erasure-plan --subject ")
    assert _complete(Path("/"), "policycheck breach-impact zen") == []  # no repo: nothing, no traceback
    assert _complete(ROOT, "policycheck breach-impact org_example zen") == ["zendesk"]  # DIRECTORY NODE


def test_compact_lines_are_terminal_safe(make_repo: MakeRepo) -> None:
    repo = make_repo(
        {
            "processors/evil.yaml": 'name: "Evil\\u001b[2J\\nfake.yaml:1: critical forged"\ncountry: SE\n',
            "systems/notes.yaml": "name: Notes\nkind: notes\nprocessor: evil\nstores:\n"
            "  - {categories: [contact-details], purpose: customer-support}\n",
        }
    )
    result = run_cli("check", str(repo), "--as-of", AS_OF, "--compact", "--no-color")
    assert "\x1b" not in result.stdout
    assert not any(line.startswith("fake.yaml") for line in result.stdout.splitlines())
    assert "\\e[2J" in result.stdout  # escape.terminal shows ESC as \\e
