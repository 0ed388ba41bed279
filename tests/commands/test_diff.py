"""`policycheck diff BASE [HEAD]` on real git history: what a change introduces and resolves, read
through git (nothing checked out), with the compliance repo in a subdirectory of the repository."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from policycheck.load.git import locate, revision_files
from tests.ci_sample import add_flaws, commit_all, git, git_init, push_down
from tests.conftest import AS_OF, BASE, ROOT, run_cli

WIKI = """\
name: Wiki
kind: notes
owner: customer-support
stores: [{categories: [case-history], purpose: customer-support}]
security: {access_control: role-based, mfa: true, encryption_at_rest: true, audit_log: true}
"""

WAIVER = """
waivers:
  - rule: processor-without-dpa
    subject: processor:helpdesk-vendor
    reason: DPA under negotiation, signed copy expected this month
    approved_by: Dana (DPO)
    expires: 2026-12-31
"""


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A monorepo whose compliance repo (in compliance/) goes through tagged revisions."""
    work = git_init(tmp_path_factory.mktemp("history") / "work")
    (work / "README.md").write_text("# The product\n", encoding="utf-8")
    commit_all(work, "start")
    git(work, "tag", "empty")
    repo = work / "compliance"
    shutil.copytree(BASE, repo)
    commit_all(work, "clean compliance repo")
    git(work, "tag", "clean")
    add_flaws(repo)
    commit_all(work, "a vendor without DPA, notes without erasure")
    git(work, "tag", "flawed")
    push_down(repo / "processors" / "helpdesk-vendor.yaml", 4)
    push_down(repo / "systems" / "notes.yaml", 2)
    commit_all(work, "reformat")
    git(work, "tag", "moved")
    with (repo / "systems" / "notes.yaml").open("a", encoding="utf-8") as fh:
        fh.write("erasure: {method: delete, procedure: Delete the page, within_days: 30}\n")
    (repo / "systems" / "wiki.yaml").write_text(WIKI, encoding="utf-8")
    commit_all(work, "fix notes, add a wiki")
    git(work, "tag", "wiki")
    with (repo / "policycheck.yaml").open("a", encoding="utf-8") as fh:
        fh.write(WAIVER)
    commit_all(work, "waive the vendor")
    git(work, "tag", "waived")
    rule = (Path(BASE).parent.parent / "processors" / "processor-without-dpa.yaml").read_text(encoding="utf-8")
    (repo / "rules").mkdir()
    (repo / "rules" / "vendor-needs-contract.yaml").write_text(
        rule.replace("id: processor-without-dpa", "id: vendor-needs-contract").split("\nexamples:")[0] + "\n",
        encoding="utf-8")
    commit_all(work, "our own rule")
    git(work, "tag", "custom")
    return work


def diff(history: Path, *args: str, fmt: str = "json") -> tuple[int, dict[str, object], str]:
    result = run_cli("diff", *args, "-C", str(history / "compliance"), "--as-of", AS_OF, "--format", fmt)
    doc = json.loads(result.stdout) if fmt == "json" and result.exit_code in (0, 1) else {}
    return result.exit_code, doc, result.output


def pairs(findings: object) -> set[tuple[str, str]]:
    assert isinstance(findings, list)
    return {(f["rule"], f["subject"]) for f in findings}


def test_introduced(history: Path) -> None:
    code, doc, _ = diff(history, "clean", "flawed")
    assert code == 1
    assert pairs(doc["introduced"]) == {("processor-without-dpa", "processor:helpdesk-vendor"),
                                        ("system-without-erasure-routine", "system:notes")}
    assert doc["resolved"] == []
    introduced = doc["introduced"]
    assert isinstance(introduced, list)
    vendor = next(f for f in introduced if f["subject"] == "processor:helpdesk-vendor")
    assert vendor["file"] == "processors/helpdesk-vendor.yaml"
    assert vendor["path"] == "compliance/processors/helpdesk-vendor.yaml"


def test_moved_lines_introduce_nothing(history: Path) -> None:
    code, doc, _ = diff(history, "flawed", "moved")
    assert code == 0
    assert doc["introduced"] == [] and doc["resolved"] == []
    assert doc["summary"] == {"introduced": 0, "resolved": 0, "unchanged": 2}


def test_introduced_and_resolved(history: Path) -> None:
    code, doc, _ = diff(history, "moved", "wiki")
    assert code == 1
    assert pairs(doc["introduced"]) == {("system-without-erasure-routine", "system:wiki")}
    assert pairs(doc["resolved"]) == {("system-without-erasure-routine", "system:notes")}
    # the other way round, the change resolves what it introduced
    code, back, _ = diff(history, "wiki", "moved")
    assert code == 1  # it introduces notes' finding again
    assert pairs(back["resolved"]) == {("system-without-erasure-routine", "system:wiki")}


def test_a_waiver_resolves_as_waived(history: Path) -> None:
    code, doc, _ = diff(history, "wiki", "waived")
    assert code == 0
    resolved = doc["resolved"]
    assert isinstance(resolved, list)
    assert [(f["subject"], f["waived"]) for f in resolved] == [("processor:helpdesk-vendor", True)]


def test_the_revisions_own_rules_are_used(history: Path) -> None:
    code, doc, _ = diff(history, "waived", "custom")
    assert code == 1
    assert pairs(doc["introduced"]) == {("vendor-needs-contract", "processor:helpdesk-vendor")}


def test_fail_on(history: Path) -> None:
    assert diff(history, "clean", "flawed", "--fail-on", "critical")[0] == 0
    assert diff(history, "clean", "flawed", "--fail-on", "high")[0] == 1


def test_a_base_without_the_compliance_repo(history: Path) -> None:
    code, doc, _ = diff(history, "empty", "flawed")
    assert code == 1
    assert doc["base_missing"] is True
    assert len(pairs(doc["introduced"])) == 2
    assert diff(history, "empty", "clean")[0] == 0


def test_markdown_for_a_pull_request(history: Path) -> None:
    code, _, text = diff(history, "moved", "wiki", fmt="markdown")
    assert code == 1
    lines = text.splitlines()
    assert lines[0] == "<!-- policycheck -->"
    assert lines[1] == "### policycheck: 1 introduced, 1 resolved, 1 unchanged"
    assert "`moved` → `wiki`" in text
    assert "**Gate: failed**: 1 at or above `high`." in text
    assert "#### Introduced: 1 finding (1 high)" in text
    assert "| **high** | `system-without-erasure-routine` | `system:wiki` | `compliance/systems/wiki.yaml:1` |" in text
    assert "#### Resolved: 1 finding (1 high)" in text


def test_text_and_github(history: Path) -> None:
    code, _, text = diff(history, "moved", "wiki", fmt="text")
    assert code == 1
    lines = text.splitlines()
    assert len(lines) == 5
    assert lines[0] == "Introduced:"
    assert lines[1].startswith("  compliance/systems/wiki.yaml:1: high system-without-erasure-routine Wiki ")
    assert lines[2] == "Resolved:"
    assert lines[3].startswith("  compliance/systems/notes.yaml:3: high system-without-erasure-routine ")
    assert lines[4] == "1 introduced, 1 resolved, 1 unchanged (moved -> wiki)."
    swedish = run_cli("diff", "moved", "wiki", "-C", str(history / "compliance"), "--as-of", AS_OF, "--lang", "sv")
    assert swedish.output.splitlines()[-1] == "1 ny, 1 åtgärdad, 1 oförändrad (moved -> wiki)."  # not "1 nya"
    _, _, many = diff(history, "clean", "flawed", fmt="text")
    assert many.splitlines()[-1].startswith("2 introduced, 0 resolved, ")
    _, _, annotations = diff(history, "moved", "wiki", fmt="github")
    assert annotations.startswith("::error file=compliance/systems/wiki.yaml,line=1,col=1,"
                                  "title=system-without-erasure-routine (high)::")
    assert annotations.count("::error") == 1  # resolved findings are not annotated


def test_the_working_tree_against_a_revision(history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clone = tmp_path / "clone"
    git(history, "clone", "-q", str(history), str(clone))
    git(clone, "checkout", "-q", "wiki")
    (clone / "compliance" / "systems" / "wiki.yaml").unlink()
    before = git(clone, "status", "--porcelain"), git(clone, "rev-parse", "HEAD")
    monkeypatch.chdir(clone / "compliance" / "systems")  # found upwards, like `check`
    result = run_cli("diff", "wiki", "--as-of", AS_OF)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "0 introduced, 1 resolved, 1 unchanged (wiki -> working tree)."
    # nothing was checked out, staged or changed
    assert (git(clone, "status", "--porcelain"), git(clone, "rev-parse", "HEAD")) == before


def test_unknown_revision(history: Path) -> None:
    code, _, output = diff(history, "no-such-branch", "wiki")
    assert code == 2
    assert output.strip() == ("error: unknown git revision 'no-such-branch'; "
                              "is it fetched? (`git fetch origin <branch>`)")


def test_a_shallow_clone_gets_the_fetch_hint(history: Path, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", "--branch", "wiki", f"file://{history}", str(clone))
    result = run_cli("diff", "HEAD~1", "HEAD", "-C", str(clone / "compliance"))
    assert result.exit_code == 2
    assert "fetch-depth: 0" in result.stderr


def test_no_compliance_repo_at_that_place(history: Path) -> None:
    result = run_cli("diff", "clean", "flawed", "-C", str(history))
    assert result.exit_code == 2
    assert "revision 'flawed' has no policycheck.yaml at the top of the git repository" in result.stderr
    assert "-C DIR" in result.stderr


def test_an_invalid_revision_names_the_revision_and_file(history: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(history, "clone", "-q", str(history), str(clone))
    git(clone, "checkout", "-q", "-b", "broken", "wiki")
    (clone / "compliance" / "systems" / "wiki.yaml").write_text("name: Wiki\nkind: [notes\n", encoding="utf-8")
    commit_all(clone, "broken yaml")
    result = run_cli("diff", "wiki", "broken", "-C", str(clone / "compliance"), "--as-of", AS_OF)
    assert result.exit_code == 2
    assert result.stderr.startswith("broken:compliance/systems/wiki.yaml:")


def test_revision_files_follow_links_inside_and_refuse_links_outside(tmp_path: Path) -> None:
    work = git_init(tmp_path / "links")
    shutil.copytree(BASE, work / "org")
    os.symlink("../policies/incident-response.md", work / "org" / "systems" / "linked.md")
    os.symlink("policies", work / "org" / "policy-docs")
    commit = commit_all(work, "links inside")
    where = locate(work / "org")
    assert where.prefix == "org/"
    files = revision_files(where, commit)
    assert files is not None
    assert files["systems/linked.md"] == files["policies/incident-response.md"]
    assert files["policy-docs/incident-response.md"] == files["policies/incident-response.md"]
    assert "README.md" not in files and all(not p.startswith("org/") for p in files)

    # a .md among the systems is refused like any file policycheck does not read (FORMAT.md)
    result = run_cli("diff", "HEAD", "HEAD", "-C", str(work / "org"), "--as-of", AS_OF)
    assert "HEAD:org/systems/linked.md:1:1: policycheck does not read this file" in result.stderr
    os.unlink(work / "org" / "systems" / "linked.md")
    os.symlink("../../../etc/hostname", work / "org" / "systems" / "escape.yaml")
    commit_all(work, "a link out")
    result = run_cli("diff", "HEAD", "HEAD", "-C", str(work / "org"), "--as-of", AS_OF)
    assert result.exit_code == 2
    assert "HEAD:org/systems/escape.yaml:1:1: symlink points outside the repo" in result.stderr


def test_a_revision_refuses_stray_files_and_sees_referenced_documents(tmp_path: Path) -> None:
    """At a git revision as on disk: a document a declaration refers to (a PDF) exists there, and
    a file of another kind in a declaration folder is refused by name."""
    work = git_init(tmp_path / "rev")
    shutil.copytree(ROOT / "org_example", work / "org")
    before = commit_all(work, "org_example: the Fortnox DPA is not in the contract archive")
    pdf = work / "org" / "contracts" / "fortnox-personuppgiftsbitradesavtal.pdf"
    pdf.parent.mkdir(exist_ok=True)
    pdf.write_bytes(b"%PDF-1.4\n")
    commit_all(work, "the Fortnox DPA archived")
    result = run_cli("diff", before, "HEAD", "-C", str(work / "org"), "--as-of", AS_OF, "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    assert ("evidence-missing", "processor:fortnox") in pairs(json.loads(result.stdout)["resolved"])

    (work / "org" / "systems" / "notes.txt").write_text("name: Notes\n", encoding="utf-8")
    (work / "org" / "systems" / "crm-copy.YAML").write_text("name: CRM\nkind: crm\n", encoding="utf-8")
    commit_all(work, "stray files")
    result = run_cli("diff", "HEAD", "HEAD", "-C", str(work / "org"), "--as-of", AS_OF)
    assert result.exit_code == 2
    assert "HEAD:org/systems/notes.txt:1:1: policycheck does not read this file" in result.stderr
    assert "HEAD:org/systems/crm-copy.YAML:1:1: policycheck does not read this file" in result.stderr
