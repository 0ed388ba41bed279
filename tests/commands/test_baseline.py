"""Baselines: `policycheck baseline` writes today's findings; `check --baseline` reports only new ones
(matched by fingerprint, so moved lines do not matter) and says how many were baselined."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policycheck.baseline import DEFAULT_NAME, apply_baseline, dumps, from_result, loads
from tests.ci_sample import add_flaws, commit_all, git, git_init, push_down, sample_result
from tests.conftest import AS_OF, BASE, MakeRepo, run_cli

#: a system holding personal data with no erasure routine: one high finding
WIKI = """\
name: Wiki
kind: notes
owner: customer-support
stores: [{categories: [case-history], purpose: customer-support}]
security: {access_control: role-based, mfa: true, encryption_at_rest: true, audit_log: true}
"""


def fingerprints_of(repo: Path) -> dict[tuple[str, str], str]:
    out = json.loads(run_cli("check", str(repo), "--as-of", AS_OF, "--format", "json").stdout)
    return {(f["rule"], f["subject"]): f["fingerprint"] for f in out["findings"]}


def test_apply_baseline_counts_what_it_hides() -> None:
    result = sample_result()
    baseline = from_result(result)
    assert len(baseline.entries) == len(result.findings)
    hidden = apply_baseline(result, baseline)
    assert hidden.findings == ()
    assert hidden.baselined == result.baselined + len(result.findings)
    assert hidden.waived == result.waived
    # a round trip through the file keeps every entry
    assert loads(dumps(baseline), "x").fingerprints == baseline.fingerprints


def test_baseline_file_is_sorted_reviewable_and_stable(make_repo: MakeRepo) -> None:
    repo = add_flaws(make_repo())
    result = run_cli("baseline", str(repo), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    path = repo / DEFAULT_NAME
    assert f"Wrote 2 findings to {path}" in result.stdout
    other = repo.parent / "baseline-sv.json"
    swedish = run_cli("baseline", str(repo), "--as-of", AS_OF, "--lang", "sv", "-o", str(other))
    assert f"Skrev 2 avvikelser till {other}" in swedish.stdout, swedish.output
    text = path.read_text(encoding="utf-8")
    doc = json.loads(text)
    assert doc["version"] == 1 and doc["tool"] == "policycheck"
    entries = doc["findings"]
    assert [(e["rule"], e["subject"]) for e in entries] == sorted((e["rule"], e["subject"]) for e in entries)
    assert {(e["rule"], e["subject"]): e["fingerprint"] for e in entries} == fingerprints_of(repo)
    dpa = next(e for e in entries if e["rule"] == "processor-without-dpa")
    assert dpa["file"] == "processors/helpdesk-vendor.yaml"
    assert "Helpdesk Vendor AB" in dpa["message"]
    assert "line" not in dpa  # a moved line must not change the file
    # same findings, same bytes, even after lines move
    push_down(repo / "processors" / "helpdesk-vendor.yaml")
    assert run_cli("baseline", str(repo), "--as-of", AS_OF).exit_code == 0
    assert path.read_text(encoding="utf-8") == text


def test_check_with_baseline_reports_only_new_findings(make_repo: MakeRepo, tmp_path: Path) -> None:
    repo = add_flaws(make_repo())
    target = tmp_path / "ci" / "accepted.json"
    assert run_cli("baseline", str(repo), "--as-of", AS_OF, "--output", str(target)).exit_code == 0
    assert not (repo / DEFAULT_NAME).exists()

    clean = run_cli("check", str(repo), "--as-of", AS_OF, "--baseline", str(target))
    assert clean.exit_code == 0
    assert clean.stdout.endswith("; 2 baselined.\n")
    assert "processor-without-dpa" not in clean.stdout

    # a new flaw: only it is reported, and the summary still counts the baselined ones
    (repo / "systems" / "wiki.yaml").write_text(WIKI, encoding="utf-8")
    new = run_cli("check", str(repo), "--as-of", AS_OF, "--baseline", str(target), "--format", "json")
    assert new.exit_code == 1, new.output
    doc = json.loads(new.stdout)
    assert {(f["rule"], f["subject"]) for f in doc["findings"]} == {("system-without-erasure-routine", "system:wiki")}
    assert doc["summary"]["baselined"] == 2
    text = run_cli("check", str(repo), "--as-of", AS_OF, "--baseline", str(target))
    assert text.stdout.splitlines()[-1] == "1 finding (1 high); 2 baselined."


def test_stale_entries_are_pointed_out(make_repo: MakeRepo) -> None:
    repo = add_flaws(make_repo())
    assert run_cli("baseline", str(repo), "--as-of", AS_OF).exit_code == 0
    (repo / "systems" / "notes.yaml").unlink()
    result = run_cli("check", str(repo), "--as-of", AS_OF, "--baseline", str(repo / DEFAULT_NAME))
    assert result.exit_code == 0
    assert "note: 1 baseline entry matches no finding any more" in result.stderr
    assert result.stdout.endswith("1 baselined.\n")


@pytest.mark.parametrize(("content", "expected"), [
    ("{not json", "not a baseline file"),
    ('{"version": 1}', "not a baseline file"),
    ('{"version": 7, "findings": []}', "baseline version 7 is not supported"),
    ('{"version": 1, "findings": [{"rule": "x"}]}', "findings[0] has no `fingerprint`"),
])
def test_a_bad_baseline_file_is_exit_2(make_repo: MakeRepo, tmp_path: Path, content: str, expected: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    result = run_cli("check", str(make_repo()), "--as-of", AS_OF, "--baseline", str(bad))
    assert result.exit_code == 2
    assert expected in result.stderr
    assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) == 1


def test_baseline_across_git_history(tmp_path: Path) -> None:
    """Accept the findings at one commit; two commits later (lines moved, a flaw fixed, a new
    one added) the gate reports only the new one."""
    import shutil

    work = git_init(tmp_path / "work")
    repo = work / "compliance"
    shutil.copytree(BASE, repo)
    add_flaws(repo)
    commit_all(work, "inventory with two known gaps")
    assert run_cli("baseline", str(repo), "--as-of", AS_OF).exit_code == 0
    first = commit_all(work, "accept the known gaps")

    push_down(repo / "processors" / "helpdesk-vendor.yaml", 4)
    push_down(repo / "systems" / "ticketing.yaml", 2)
    commit_all(work, "reformat")
    (repo / "systems" / "notes.yaml").write_text(
        (repo / "systems" / "notes.yaml").read_text(encoding="utf-8")
        + "erasure: {method: delete, procedure: Delete the page, within_days: 30}\n", encoding="utf-8")
    (repo / "systems" / "wiki.yaml").write_text(WIKI, encoding="utf-8")
    commit_all(work, "fix notes, add a wiki")
    assert git(work, "rev-list", "--count", f"{first}..HEAD") == "2"

    result = run_cli("check", str(repo), "--as-of", AS_OF, "--baseline", str(repo / DEFAULT_NAME), "--format", "json")
    doc = json.loads(result.stdout)
    assert {(f["rule"], f["subject"]) for f in doc["findings"]} == {("system-without-erasure-routine", "system:wiki")}
    assert doc["summary"]["baselined"] == 1  # helpdesk-vendor, its lines moved
    assert result.exit_code == 1
    assert "1 baseline entry matches no finding" in result.stderr  # system:notes was fixed
