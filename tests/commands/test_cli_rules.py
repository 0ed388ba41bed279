"""`policycheck rules` end to end: list (text, JSON, DIR or the repo around the cwd), explain, test."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from policycheck.cli import cli
from tests.conftest import BASE, ORG_EXAMPLE

CUSTOM = "processor-without-iso27001"

GOOD_CUSTOM_RULE = """\
id: system-without-owner
title: A system without an owner
severity: low
area: custom
for_each: system
when:
  missing: owner
message:
  en: "{name} has no owner"
docs:
  what: Finds a system with no `owner`.
  why: Nobody answers for it.
  fix: Name the owning team.
examples:
  - name: a system without an owner
    expect: fires
    subject: system:ticketing
    patch:
      systems/ticketing.yaml: {owner: null}
  - name: the repo as it is
    expect: passes
"""


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def outside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The working directory is no compliance repo."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def repo_with_rule(tmp_path: Path) -> Path:
    """The clean base repo with one custom rule in rules/."""
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo)
    (repo / "rules").mkdir()
    (repo / "rules" / "system-without-owner.yaml").write_text(GOOD_CUSTOM_RULE, encoding="utf-8")
    return repo


# --- list ----------------------------------------------------------------------------------


def test_list_outside_a_repo_shows_the_builtin_pack(outside: Path) -> None:
    result = invoke("rules")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "SEVERITY", "AREA", "TITLE"]
    row = next(line for line in lines if line.startswith("dpa-scope-gap "))
    assert row.split()[:3] == ["dpa-scope-gap", "high", "processors"]
    assert row.endswith("A processor receives data its DPA does not cover")
    assert CUSTOM not in result.stdout
    assert lines[-1].endswith("built-in, 0 custom).")


def test_list_with_dir_adds_the_repos_own_rules(outside: Path) -> None:
    result = invoke("rules", str(ORG_EXAMPLE))
    assert result.exit_code == 0, result.output
    row = next(line for line in result.stdout.splitlines() if line.startswith(CUSTOM))
    assert row.split()[:3] == [CUSTOM, "low", "custom"]
    assert result.stdout.splitlines()[-1].endswith("built-in, 1 custom).")


def test_list_inside_a_repo_adds_its_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ORG_EXAMPLE / "processors")
    result = invoke("rules")
    assert result.exit_code == 0, result.output
    assert CUSTOM in result.stdout


def test_list_json(outside: Path) -> None:
    for args in (("rules", "--format", "json", str(ORG_EXAMPLE)), ("rules", str(ORG_EXAMPLE), "--format", "json")):
        result = invoke(*args)
        assert result.exit_code == 0, result.output
        rules = json.loads(result.stdout)["rules"]
        ids = [r["id"] for r in rules]
        assert len(ids) == len(set(ids))
        by_id = {r["id"]: r for r in rules}
        assert by_id["transfer-without-tia"] == {
            "id": "transfer-without-tia",
            "severity": "medium",
            "area": "transfers",
            "title": "A transfer under SCCs or BCRs without a transfer impact assessment",
            "articles": ["Art. 46"],
            "builtin": True,
            "file": "policies/transfers/transfer-without-tia.yaml",
        }
        assert by_id[CUSTOM]["builtin"] is False
        assert by_id[CUSTOM]["file"] == f"rules/{CUSTOM}.yaml"
        # catalogue order: by area as in RULES.md, then by id; the custom rule last
        areas = [r["area"] for r in rules]
        assert areas.index("processors") < areas.index("transfers") < areas.index("readiness")
        assert ids[-1] == CUSTOM


def test_list_is_deterministic(outside: Path) -> None:
    assert invoke("rules", str(ORG_EXAMPLE)).stdout == invoke("rules", str(ORG_EXAMPLE)).stdout


def test_list_dir_that_is_no_repo_exits_2(outside: Path) -> None:
    result = CliRunner().invoke(cli, ["rules", str(outside)])
    assert result.exit_code == 2
    assert "no policycheck.yaml" in result.stderr


def test_dir_before_the_subcommand_is_a_usage_error(outside: Path) -> None:
    result = CliRunner().invoke(cli, ["rules", str(ORG_EXAMPLE), "explain", CUSTOM])
    assert result.exit_code == 2
    assert "DIR goes after the subcommand" in result.stderr


def test_help_names_dir_and_the_subcommands() -> None:
    result = invoke("rules", "--help")
    assert result.exit_code == 0
    assert "[DIR]" in result.stdout
    assert "explain" in result.stdout and "test" in result.stdout


def test_an_invalid_custom_rule_exits_2(repo_with_rule: Path, outside: Path) -> None:
    (repo_with_rule / "rules" / "broken.yaml").write_text(
        GOOD_CUSTOM_RULE.replace("system-without-owner", "broken").replace("missing: owner", "missng: owner"),
        encoding="utf-8",
    )
    for args in (("rules", str(repo_with_rule)), ("rules", "test", str(repo_with_rule))):
        result = CliRunner().invoke(cli, list(args))
        assert result.exit_code == 2, result.output
        assert "rules/broken.yaml:" in result.stderr
        assert "unknown operator 'missng'" in result.stderr
        assert "did you mean 'missing'" in result.stderr


# --- explain --------------------------------------------------------------------------------


def test_explain_text(outside: Path) -> None:
    result = invoke("rules", "explain", "processor-breach-notice-too-slow")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("processor-breach-notice-too-slow: A processor may take too long to report a breach to us\n")
    for text in (
        "severity    medium",
        "articles    Art. 33(2), Art. 33(1)",
        "What it does",
        "Why is this bad?",
        "Example",
        "How to fix",
        "Parameters",
        "deadline_hours  72",
        "Message (en)",
    ):
        assert text in out, text
    assert out.index("What it does") < out.index("Why is this bad?") < out.index("Example") < out.index("How to fix")
    assert "does not oblige it to report" in out


def test_explain_in_swedish_shows_the_swedish_message(outside: Path) -> None:
    result = invoke("rules", "explain", "dpa-scope-gap", "--lang", "sv")
    assert "Meddelande (sv)" in result.stdout
    assert "Personuppgiftsbiträdesavtalet med {name}" in result.stdout
    assert "The DPA with" not in result.stdout


def test_explain_in_swedish_shows_the_swedish_title_and_docs(outside: Path) -> None:
    result = invoke("rules", "explain", "processor-without-dpa", "--lang", "sv")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("processor-without-dpa: Personuppgiftsbiträde utan personuppgiftsbiträdesavtal\n")
    headings = ("Vad regeln kontrollerar", "Varför det spelar roll", "Exempel", "Så åtgärdar du")
    lines = out.splitlines()
    assert all(h in lines for h in headings), out
    assert [lines.index(h) for h in headings] == sorted(lines.index(h) for h in headings)
    for text in ("allvarlighetsgrad  hög (high)", "artiklar           art. 28.3, art. 28.4", "Meddelande (sv)"):
        assert text in out, text
    flat = " ".join(out.split())
    assert "Hittar ett personuppgiftsbiträde som vi anlitar direkt" in flat
    assert "Artikel 28.3 kräver ett bindande avtal" in flat
    assert "Teckna ett personuppgiftsbiträdesavtal (PUB-avtal)" in flat
    # the example stays as written; nothing of the English docs is left
    assert "name: Legacy SMS Ltd" in out
    for english in ("What it does", "Why is this bad?", "How to fix", "Finds a processor", "Sign a DPA"):
        assert english not in out, english


def test_explain_markdown_in_swedish(outside: Path) -> None:
    out = invoke("rules", "explain", "processor-without-dpa", "--format", "markdown", "--lang", "sv").stdout
    assert "**Personuppgiftsbiträde utan personuppgiftsbiträdesavtal**" in out
    headings = ("## Vad regeln kontrollerar", "## Varför det spelar roll", "## Så åtgärdar du")
    for text in (*headings, "| Allvarlighetsgrad | hög (`high`) |"):
        assert text in out, text
    assert "## What it does" not in out and "Processor without a data processing agreement" not in out


def test_explain_markdown_without_lang_adds_the_swedish_title(outside: Path) -> None:
    out = invoke("rules", "explain", "processor-without-dpa", "--format", "markdown").stdout
    assert "**Processor without a data processing agreement**" in out
    assert "*På svenska:* Personuppgiftsbiträde utan personuppgiftsbiträdesavtal" in out
    assert "## What it does" in out


def test_list_in_swedish(outside: Path) -> None:
    result = invoke("rules", "--lang", "sv", str(ORG_EXAMPLE))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "ALLVARLIGHETSGRAD", "OMRÅDE", "TITEL"]
    row = next(line for line in lines if line.startswith("processor-without-dpa "))
    assert row.split()[:3] == ["processor-without-dpa", "high", "processors"]
    assert row.endswith("Personuppgiftsbiträde utan personuppgiftsbiträdesavtal")
    custom = next(line for line in lines if line.startswith(CUSTOM))
    assert custom.endswith("Ett personuppgiftsbiträde som vi anlitar är inte certifierat enligt ISO 27001")
    assert lines[-1] == f"{len(lines) - 2} regler (inbyggda: {len(lines) - 3}, egna: 1)."
    rules = json.loads(invoke("rules", str(ORG_EXAMPLE), "--format", "json", "--lang", "sv").stdout)["rules"]
    assert {r["id"]: r["title"] for r in rules}["transfer-without-tia"] == (
        "Överföring med stöd av SCC eller BCR utan konsekvensbedömning för överföring"
    )


def test_explain_markdown(outside: Path) -> None:
    result = invoke("rules", "explain", "transfer-without-tia", "--format", "markdown")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("# `transfer-without-tia`\n")
    for text in (
        "| Severity | medium |",
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "```yaml",
        "## How to fix",
        "## Parameters",
        "| `mechanisms` | `[scc, bcr]` |",
        "## References",
        "Schrems II",
        "- en: ",
        "- sv: ",
    ):
        assert text in out, text


def test_explain_markdown_with_lang_shows_one_message(outside: Path) -> None:
    out = invoke("rules", "explain", "transfer-without-tia", "--format", "markdown", "--lang", "sv").stdout
    assert "- sv: " in out
    assert "- en: " not in out


def test_explain_a_custom_rule_needs_its_repo(outside: Path) -> None:
    result = invoke("rules", "explain", CUSTOM, str(ORG_EXAMPLE))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{CUSTOM}: A processor we engage is not ISO 27001 certified")
    assert "defined in  rules/processor-without-iso27001.yaml" in result.stdout
    missing = CliRunner().invoke(cli, ["rules", "explain", CUSTOM])
    assert missing.exit_code == 2


def test_explain_unknown_rule_suggests_one(outside: Path) -> None:
    result = CliRunner().invoke(cli, ["rules", "explain", "dpa-scope-gaps"])
    assert result.exit_code == 2
    assert "unknown rule 'dpa-scope-gaps' (did you mean 'dpa-scope-gap'?)" in result.stderr
    assert "Traceback" not in result.output


# --- test -----------------------------------------------------------------------------------


def test_test_runs_every_builtin_example(outside: Path) -> None:
    result = invoke("rules", "test")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "ok    dpa-scope-gap: a sub-processor with its own, narrower DPA gets everything down the chain" in lines
    assert lines[-1].endswith(" passed, 0 failed")
    assert int(lines[-1].split()[0]) == len(lines) - 1 > 100


def test_test_runs_a_repos_own_rules_on_the_repo(outside: Path) -> None:
    result = invoke("rules", "test", str(ORG_EXAMPLE), "--rule", CUSTOM)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"ok    {CUSTOM}: a vendor whose certificate lapsed",
        f"ok    {CUSTOM}: every engaged processor certified, once the SMS gateway's certificate is on file",
        f"ok    {CUSTOM}: a sub-processor without a certificate is its processor's concern",
        "3 passed, 0 failed",
    ]


def test_org_example_passes_every_example(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ORG_EXAMPLE)
    result = invoke("rules", "test")
    assert result.exit_code == 0, result.output
    assert f"ok    {CUSTOM}: a vendor whose certificate lapsed" in result.stdout


def test_a_failing_example_exits_1(repo_with_rule: Path, outside: Path) -> None:
    rule = repo_with_rule / "rules" / "system-without-owner.yaml"
    rule.write_text(GOOD_CUSTOM_RULE.replace("expect: passes", "expect: fires"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["rules", "test", str(repo_with_rule), "--rule", "system-without-owner"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "ok    system-without-owner: a system without an owner",
        "FAIL  system-without-owner: the repo as it is: expected a finding, got none",
        "1 passed, 1 failed",
    ]


def test_custom_examples_start_from_the_repo(repo_with_rule: Path, outside: Path) -> None:
    result = invoke("rules", "test", str(repo_with_rule), "--rule", "system-without-owner")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "2 passed, 0 failed"


def test_test_unknown_rule_exits_2(outside: Path) -> None:
    result = CliRunner().invoke(cli, ["rules", "test", "--rule", "no-such-rule"])
    assert result.exit_code == 2
    assert "unknown rule 'no-such-rule'" in result.stderr
