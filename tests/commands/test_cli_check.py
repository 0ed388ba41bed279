"""`policycheck check` end to end: exit codes, formats, --as-of, --fail-on, colour, determinism."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import AS_OF, MakeRepo, run_cli

NOTES_WITHOUT_ERASURE = """\
name: Agent notes
kind: notes
owner: customer-support
stores:
  - {categories: [contact-details], purpose: customer-support}
security: {access_control: role-based, mfa: true, encryption_at_rest: true, audit_log: true}
"""


def test_clean_repo_exits_0_with_no_findings(make_repo: MakeRepo) -> None:
    result = run_cli("check", str(make_repo()), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert result.stdout == "No findings.\n"


def test_findings_exit_1_and_print_file_line(make_repo: MakeRepo) -> None:
    repo = make_repo({"systems/notes.yaml": NOTES_WITHOUT_ERASURE})
    result = run_cli("check", str(repo), "--as-of", AS_OF)
    assert result.exit_code == 1
    assert result.stdout.startswith("systems/notes.yaml:1: high system-without-erasure-routine ")
    assert result.stdout.rstrip().endswith("1 finding (1 high).")


def test_fail_on_raises_the_threshold(make_repo: MakeRepo) -> None:
    repo = make_repo({"systems/notes.yaml": NOTES_WITHOUT_ERASURE})
    assert run_cli("check", str(repo), "--as-of", AS_OF, "--fail-on", "critical").exit_code == 0
    assert run_cli("check", str(repo), "--as-of", AS_OF, "--fail-on", "low").exit_code == 1


def test_fail_on_from_settings(make_repo: MakeRepo) -> None:
    repo = make_repo({"systems/notes.yaml": NOTES_WITHOUT_ERASURE})
    config = repo / "policycheck.yaml"
    config.write_text(config.read_text().replace("fail_on: high", "fail_on: critical"))
    assert run_cli("check", str(repo), "--as-of", AS_OF).exit_code == 0


def test_severity_override_and_off(make_repo: MakeRepo) -> None:
    repo = make_repo({"systems/notes.yaml": NOTES_WITHOUT_ERASURE})
    config = repo / "policycheck.yaml"
    base = config.read_text()
    config.write_text(base + "rules:\n  system-without-erasure-routine: {severity: low}\n")
    result = run_cli("check", str(repo), "--as-of", AS_OF)
    assert result.exit_code == 0 and " low system-without-erasure-routine " in result.stdout
    config.write_text(base + "rules:\n  system-without-erasure-routine: off\n")
    result = run_cli("check", str(repo), "--as-of", AS_OF)
    assert result.exit_code == 0 and result.stdout == "No findings.\n"


def test_json_follows_the_contract(make_repo: MakeRepo) -> None:
    repo = make_repo({"systems/notes.yaml": NOTES_WITHOUT_ERASURE})
    result = run_cli("check", str(repo), "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert set(data) >= {"findings", "summary"}
    (finding,) = data["findings"]
    assert {"rule", "severity", "subject", "file", "line", "message", "articles", "fingerprint"} <= set(finding)
    assert finding["rule"] == "system-without-erasure-routine"
    assert finding["subject"] == "system:notes"
    assert finding["file"] == "systems/notes.yaml"
    assert finding["line"] == 1
    assert finding["articles"] == ["Art. 17", "Art. 5(1)(e)"]
    assert data["summary"] == {"high": 1, "total": 1}


def test_as_of_moves_date_rules(make_repo: MakeRepo) -> None:
    repo = make_repo()
    assert run_cli("check", str(repo), "--as-of", "2026-06-01").exit_code == 0
    later = run_cli("check", str(repo), "--as-of", "2027-02-01", "--format", "json", "--fail-on", "info")
    rules = {f["rule"] for f in json.loads(later.stdout)["findings"]}
    assert "policy-review-overdue" in rules


def test_bad_as_of_is_a_usage_error(make_repo: MakeRepo) -> None:
    result = run_cli("check", str(make_repo()), "--as-of", "2026-13-01")
    assert result.exit_code == 2
    assert "is not a date" in result.output


def test_output_is_byte_identical_across_runs(make_repo: MakeRepo) -> None:
    repo = make_repo({"systems/notes.yaml": NOTES_WITHOUT_ERASURE})
    first = run_cli("check", str(repo), "--as-of", AS_OF, "--format", "json").stdout
    second = run_cli("check", str(repo), "--as-of", AS_OF, "--format", "json").stdout
    assert first == second


def test_fingerprints_survive_line_moves(make_repo: MakeRepo) -> None:
    repo = make_repo({"systems/notes.yaml": NOTES_WITHOUT_ERASURE})
    before = json.loads(run_cli("check", str(repo), "--as-of", AS_OF, "--format", "json").stdout)
    (repo / "systems/notes.yaml").write_text("# a comment\n\n" + NOTES_WITHOUT_ERASURE)
    after = json.loads(run_cli("check", str(repo), "--as-of", AS_OF, "--format", "json").stdout)
    assert before["findings"][0]["fingerprint"] == after["findings"][0]["fingerprint"]


def test_swedish_messages(make_repo: MakeRepo) -> None:
    repo = make_repo({"systems/notes.yaml": NOTES_WITHOUT_ERASURE})
    result = run_cli("check", str(repo), "--as-of", AS_OF, "--lang", "sv")
    assert "saknar rutin för radering" in result.stdout
    assert result.stdout.rstrip().endswith("1 avvikelse (1 hög).")


def _subprocess(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "policycheck", *args], capture_output=True, text=True, env=env, check=False
    )


def test_no_color_when_not_a_terminal_or_no_color(make_repo: MakeRepo) -> None:
    repo = make_repo({"systems/notes.yaml": NOTES_WITHOUT_ERASURE})
    plain = _subprocess(["check", str(repo), "--as-of", AS_OF])
    assert "\033[" not in plain.stdout
    forced = _subprocess(["check", str(repo), "--as-of", AS_OF, "--color"])
    assert "\033[31mhigh\033[0m" in forced.stdout
    env = {**os.environ, "NO_COLOR": "1"}
    script = "import sys, policycheck.commands.options as o; sys.stdout.isatty = lambda: True; print(o.use_color())"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "False"


def test_invalid_input_never_exits_0_or_prints_a_traceback(make_repo: MakeRepo) -> None:
    repo = make_repo({"systems/notes.yaml": "name: [unclosed\n"})
    result = _subprocess(["check", str(repo)])
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("systems/notes.yaml:")


def test_help_and_version_do_not_import_heavy_modules() -> None:
    script = (
        "import sys\n"
        "from policycheck.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('pydantic', 'networkx', 'ruamel.yaml', 'jinja2', 'yaml') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert "HEAVY []" in out.stdout
    version = _subprocess(["--version"])
    assert version.returncode == 0 and "policycheck" in version.stdout


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_clean_org_in_every_basic_format_exits_0(make_repo: MakeRepo, fmt: str) -> None:
    result = run_cli("check", str(make_repo()), "--as-of", AS_OF, "--format", fmt)
    assert result.exit_code == 0, result.output


def test_waiver_hides_a_finding_but_is_counted(make_repo: MakeRepo) -> None:
    repo = make_repo({"systems/notes.yaml": NOTES_WITHOUT_ERASURE})
    config = repo / "policycheck.yaml"
    config.write_text(
        config.read_text() + "waivers:\n  - rule: system-without-erasure-routine\n    subject: system:notes\n"
        "    reason: Notes are being migrated into ticketing\n    approved_by: dpo\n    expires: 2026-12-31\n"
    )
    result = run_cli("check", str(repo), "--as-of", AS_OF)
    assert result.exit_code == 0
    assert result.stdout == "No findings; 1 waived.\n"
    data = json.loads(run_cli("check", str(repo), "--as-of", AS_OF, "--format", "json").stdout)
    assert data["summary"] == {"total": 0, "waived": 1}
    assert data["waived"][0]["reason"].startswith("Notes are being")
    expired = run_cli("check", str(repo), "--as-of", "2027-01-15", "--format", "json", "--fail-on", "info")
    rules = [f["rule"] for f in json.loads(expired.stdout)["findings"]]
    assert "waiver-expired" in rules and "system-without-erasure-routine" in rules


def test_waiver_unused_and_invalid(make_repo: MakeRepo) -> None:
    repo = make_repo()
    config = repo / "policycheck.yaml"
    config.write_text(
        config.read_text() + "waivers:\n"
        "  - {rule: processor-without-dpa, subject: processor:gone, reason: Old, expires: 2026-12-31}\n"
        "  - {rule: processor-without-dpa, subject: processor:gone}\n"
        "  - {rule: no-such-rule, subject: system:x, reason: x, expires: 2026-12-31}\n"
    )
    data = json.loads(run_cli("check", str(repo), "--as-of", AS_OF, "--format", "json").stdout)
    got = sorted((f["rule"], f["subject"]) for f in data["findings"])
    assert got == [("waiver-invalid", "waiver:2"), ("waiver-invalid", "waiver:3"), ("waiver-unused", "waiver:1")]
    lines = {f["subject"]: f["line"] for f in data["findings"]}
    text = config.read_text().splitlines()
    assert "processor:gone, reason: Old" in text[lines["waiver:1"] - 1]


def test_repo_path_with_nested_cwd_is_relative(make_repo: MakeRepo, tmp_path: Path) -> None:
    repo = make_repo({"systems/notes.yaml": NOTES_WITHOUT_ERASURE})
    data = json.loads(run_cli("check", str(repo), "--as-of", AS_OF, "--format", "json").stdout)
    assert not data["findings"][0]["file"].startswith("/")


def test_events_after_the_as_of_day_do_not_count(make_repo: MakeRepo) -> None:
    """An audit "as of" a day must not count a drill, test or training held later."""
    repo = make_repo()
    data = json.loads(
        run_cli("check", str(repo), "--as-of", "2026-02-01", "--format", "json", "--fail-on", "info").stdout
    )
    rules = {(f["rule"], f["subject"]) for f in data["findings"]}
    assert ("breach-drill-overdue", "organization") in rules
    assert ("restore-test-overdue", "organization") in rules
    assert ("training-overdue", "team:customer-support") not in rules  # trained 2026-01-20
    assert ("training-overdue", "team:customer-support") in {
        (f["rule"], f["subject"])
        for f in json.loads(
            run_cli("check", str(repo), "--as-of", "2026-01-19", "--format", "json", "--fail-on", "info").stdout
        )["findings"]
    }


def test_a_repeated_waiver_says_so(make_repo: MakeRepo) -> None:
    repo = make_repo({"systems/notes.yaml": NOTES_WITHOUT_ERASURE})
    config = repo / "policycheck.yaml"
    waiver = (
        "  - {rule: system-without-erasure-routine, subject: system:notes, reason: Migrating, expires: 2026-12-31}\n"
    )
    config.write_text(config.read_text() + "waivers:\n" + waiver + waiver)
    data = json.loads(run_cli("check", str(repo), "--as-of", AS_OF, "--format", "json", "--fail-on", "info").stdout)
    (finding,) = data["findings"]
    assert finding["rule"] == "waiver-unused" and finding["subject"] == "waiver:2"
    assert "repeats waiver 1" in finding["message"]
