"""`init` writes a valid, clean repo; `waive` adds a waiver and keeps the file's comments and order."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import AS_OF, MakeRepo, run_cli


def test_init_writes_a_valid_repo_that_claims_nothing_done(tmp_path: Path) -> None:
    """The skeleton is valid, but dates no training, drill or approval: its findings are the to-do list."""
    target = tmp_path / "compliance"
    result = run_cli("init", str(target), "--name", "Nya Bolaget AB")
    assert result.exit_code == 0, result.output
    assert (target / "policycheck.yaml").read_text().count("Nya Bolaget AB") == 1
    assert len(list((target / "policies").glob("*.md"))) == 6
    check = run_cli("check", str(target), "--fail-on", "info", "--format", "json")
    assert check.exit_code == 1, check.output
    rules = {f["rule"] for f in json.loads(check.stdout)["findings"]}
    assert {"training-overdue", "breach-drill-overdue", "restore-test-overdue", "policy-not-approved"} <= rules
    # the skeleton's policy texts are placeholders: check fails on them until they are written
    assert "policy-incomplete" in rules
    assert "missing-required-policy" not in rules


def test_init_refuses_a_non_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    result = run_cli("init", str(tmp_path))
    assert result.exit_code == 2
    assert (tmp_path / "keep.txt").read_text() == "mine"


def test_waive_keeps_comments_and_order(make_repo: MakeRepo) -> None:
    repo = make_repo({
        "systems/notes.yaml": "name: Notes\nkind: notes\nowner: customer-support\n"
        "stores: [{categories: [contact-details], purpose: customer-support}]\n"
        "security: {access_control: role-based, mfa: true, encryption_at_rest: true, audit_log: true}\n",
    })
    config = repo / "policycheck.yaml"
    before = config.read_text()
    result = run_cli("waive", "system-without-erasure-routine", "system:notes", str(repo),
                     "--reason", "Notes move to ticketing in January", "--expires", "2099-01-31",
                     "--approved-by", "dpo")
    assert result.exit_code == 0, result.output
    after = config.read_text()
    assert after.startswith(before.rstrip("\n"))  # everything before is untouched, comments included
    assert "# The base repo of every rule example" in after
    data = json.loads(run_cli("check", str(repo), "--as-of", AS_OF, "--format", "json").stdout)
    assert data["summary"] == {"total": 0, "waived": 1}


def test_waive_rejects_unknown_rule_and_past_expiry(make_repo: MakeRepo) -> None:
    repo = make_repo()
    before = (repo / "policycheck.yaml").read_text()
    bad_rule = run_cli("waive", "processor-without-dp", "processor:x", str(repo), "--reason", "r",
                       "--expires", "2099-01-01")
    assert bad_rule.exit_code == 2 and "did you mean 'processor-without-dpa'" in bad_rule.stderr
    past = run_cli("waive", "processor-without-dpa", "processor:x", str(repo), "--reason", "r",
                   "--expires", "2001-01-01")
    assert past.exit_code == 2
    assert (repo / "policycheck.yaml").read_text() == before


def test_waive_requires_a_current_finding(make_repo: MakeRepo) -> None:
    repo = make_repo({
        "systems/notes.yaml": "name: Notes\nkind: notes\nowner: customer-support\n"
        "stores: [{categories: [contact-details], purpose: customer-support}]\n"
        "security: {access_control: role-based, mfa: true, encryption_at_rest: true, audit_log: true}\n",
    })
    typo = run_cli("waive", "system-without-erasure-routine", "system:note", str(repo), "--reason", "r",
                   "--expires", "2099-01-01")
    assert typo.exit_code == 2
    assert "did you mean 'system:notes'?" in typo.stderr
    forced = run_cli("waive", "system-without-erasure-routine", "system:future", str(repo), "--reason", "r",
                     "--expires", "2099-01-01", "--force")
    assert forced.exit_code == 0
