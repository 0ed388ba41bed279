"""Every command reads the repo's rules, also those that evaluate none: a broken custom rule or an
override of an unknown rule is exit 2 with a located line for each, never an answer drawn from a
repo the gate would refuse (the independent QA pass found `graph`, `ropa` and the support plans
exiting 0 on a broken ``rules/`` file while `check` exited 2)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from policycheck.cli import cli
from tests.conftest import ORG_EXAMPLE

AS_OF = ["--as-of", "2026-11-28"]

COMMANDS: dict[str, list[str]] = {
    "check": ["check", "{repo}", *AS_OF],
    "graph": ["graph", "{repo}", *AS_OF],
    "ropa": ["ropa", "{repo}", *AS_OF],
    "erasure-plan": ["erasure-plan", "{repo}", "--subject", "customer", *AS_OF],
    "access-plan": ["access-plan", "{repo}", "--subject", "customer", *AS_OF],
    "breach-impact": ["breach-impact", "{repo}", "backup", "--as-of", "2026-11-28T10:00"],
    "dpia": ["dpia", "{repo}", *AS_OF],
    "transparency": ["transparency", "{repo}", "--allow-findings", *AS_OF],
    "transparency agents": ["transparency", "{repo}", "--audience", "agents", *AS_OF],
    "report": ["report", "{repo}", "--format", "markdown", *AS_OF],
    "export fides": ["export", "fides", "{repo}"],
}


@pytest.fixture(scope="module")
def repos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("rules-read")
    broken_rule = base / "broken-rule"
    shutil.copytree(ORG_EXAMPLE, broken_rule)
    (broken_rule / "rules" / "bad-rule.yaml").write_text("id: bad-rule\nfor_each: system\n", encoding="utf-8")
    unknown_override = base / "unknown-override"
    shutil.copytree(ORG_EXAMPLE, unknown_override)
    config = unknown_override / "policycheck.yaml"
    text = config.read_text(encoding="utf-8")
    assert "\nrules:\n" in text
    config.write_text(
        text.replace("\nrules:\n", "\nrules:\n  processor-without-dpas: {severity: low}\n", 1), encoding="utf-8"
    )
    return {"sound": ORG_EXAMPLE, "broken-rule": broken_rule, "unknown-override": unknown_override}


def _run(command: str, repo: Path) -> tuple[int, str]:
    args = [a.replace("{repo}", str(repo)) for a in COMMANDS[command]]
    result = CliRunner().invoke(cli, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_broken_custom_rule_is_refused_by_every_command(command: str, repos: dict[str, Path]) -> None:
    code, err = _run(command, repos["broken-rule"])
    assert code == 2, err
    assert "rules/bad-rule.yaml:1:1: missing required field 'title'" in err.splitlines()
    assert "Traceback" not in err


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_an_override_of_an_unknown_rule_is_refused_by_every_command(command: str, repos: dict[str, Path]) -> None:
    code, err = _run(command, repos["unknown-override"])
    assert code == 2, err
    (line,) = [x for x in err.splitlines() if "unknown rule 'processor-without-dpas'" in x]
    assert line.startswith("policycheck.yaml:")
    assert "did you mean 'processor-without-dpa'?" in line


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_the_sound_repo_is_not_refused(command: str, repos: dict[str, Path]) -> None:
    code, err = _run(command, repos["sound"])
    assert code in (0, 1), err
