"""The pre-commit hook as users run it: the real `pre-commit` tool installs this project from a git
repository (pip, in its own virtualenv) and runs `.pre-commit-hooks.yaml`'s `policycheck` hook on a
temporary compliance repo. Slow-ish: one install (about 10-60 s, depending on pip's cache), shared
by every test here."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.ci_sample import GIT_ENV, add_flaws, commit_all, git, git_init
from tests.conftest import AS_OF, BASE, ROOT

#: what the hook repo needs besides the tracked files, when this tree is not a git checkout
_ESSENTIALS = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "policycheck", "policies")


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "PRE_COMMIT"))}
    env.update(GIT_ENV)
    env["PRE_COMMIT_HOME"] = str(home)
    return env


def _copy_project(target: Path) -> None:
    """This project as it is now (tracked and new files, not ignored ones) into ``target``."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=False)
    if listed.returncode == 0:
        names = [n for n in listed.stdout.decode("utf-8").split("\0") if n]
        for name in names:
            top = name.split("/", 1)[0]
            source = ROOT / name
            if (top.startswith(".") and top != ".pre-commit-hooks.yaml") or not source.is_file():
                continue  # tool caches, and files deleted but not yet staged
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    else:
        for name in _ESSENTIALS:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(source, target / name)


class PreCommit:
    def __init__(self, home: Path, hook_repo: Path, rev: str) -> None:
        self.home = home
        self.hook_repo = hook_repo
        self.rev = rev

    def run(self, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pre_commit", *args, "--color", "never"], cwd=cwd,
                              env=_env(self.home), capture_output=True, text=True, timeout=900, check=False)

    def config(self, **hook: object) -> str:
        return yaml.safe_dump({"repos": [{"repo": str(self.hook_repo), "rev": self.rev,
                                          "hooks": [{"id": "policycheck", **hook}]}]}, sort_keys=False)


@pytest.fixture(scope="module")
def pre_commit(tmp_path_factory: pytest.TempPathFactory) -> PreCommit:
    """A git repository holding this project as the hook repo, and a PRE_COMMIT_HOME to install into."""
    hook_repo = git_init(tmp_path_factory.mktemp("hook") / "policycheck")
    _copy_project(hook_repo)
    rev = commit_all(hook_repo, "policycheck under test")
    return PreCommit(tmp_path_factory.mktemp("pre-commit-home"), hook_repo, rev)


def test_the_hook_definition() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "policycheck"
    assert hook["language"] == "python"
    assert hook["entry"] == "policycheck check"
    assert hook["pass_filenames"] is False


def _org(tmp_path: Path, pre_commit: PreCommit, **hook: object) -> Path:
    org = git_init(tmp_path / "org")
    shutil.copytree(BASE, org, dirs_exist_ok=True)
    (org / ".pre-commit-config.yaml").write_text(pre_commit.config(args=["--as-of", AS_OF], **hook),
                                                 encoding="utf-8")
    commit_all(org, "compliance repo")
    return org


def test_passes_a_clean_organization_and_fails_a_flawed_one(pre_commit: PreCommit, tmp_path: Path) -> None:
    org = _org(tmp_path, pre_commit)
    clean = pre_commit.run(org, "run", "--all-files")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "policycheck (GDPR compliance)" in clean.stdout and "Passed" in clean.stdout

    add_flaws(org)
    git(org, "add", "-A")
    flawed = pre_commit.run(org, "run", "--all-files")
    assert flawed.returncode == 1, flawed.stdout + flawed.stderr
    assert "Failed" in flawed.stdout
    assert "processors/helpdesk-vendor.yaml:1: high processor-without-dpa" in flawed.stdout
    assert "system-without-erasure-routine" in flawed.stdout

    # a commit that touches no declaration skips the hook, however flawed the repo is
    (org / "notes.txt").write_text("minutes of the meeting\n", encoding="utf-8")
    git(org, "add", "notes.txt")
    unrelated = pre_commit.run(org, "run", "--files", "notes.txt")
    assert unrelated.returncode == 0, unrelated.stdout
    assert "(no files to check)Skipped" in unrelated.stdout
    # ...and one that touches a single declaration still checks the whole repo
    touched = pre_commit.run(org, "run", "--files", "purposes.yaml")
    assert touched.returncode == 1 and "processor-without-dpa" in touched.stdout


def test_a_compliance_repo_in_a_subdirectory(pre_commit: PreCommit, tmp_path: Path) -> None:
    work = git_init(tmp_path / "monorepo")
    (work / "src").mkdir()
    (work / "src" / "app.py").write_text("print('hello')\n", encoding="utf-8")
    shutil.copytree(BASE, work / "compliance")
    add_flaws(work / "compliance")
    (work / ".pre-commit-config.yaml").write_text(
        pre_commit.config(args=["compliance", "--as-of", AS_OF], files="^compliance/"), encoding="utf-8")
    commit_all(work, "monorepo")
    result = pre_commit.run(work, "run", "--all-files")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "processors/helpdesk-vendor.yaml:1: high processor-without-dpa" in result.stdout
    skipped = pre_commit.run(work, "run", "--files", "src/app.py")
    assert skipped.returncode == 0 and "Skipped" in skipped.stdout


def test_try_repo(pre_commit: PreCommit, tmp_path: Path) -> None:
    """`pre-commit try-repo`, the way to try the hook before adding it to a config."""
    org = git_init(tmp_path / "org")
    shutil.copytree(BASE, org, dirs_exist_ok=True)
    add_flaws(org)
    git(org, "add", "-A")
    result = pre_commit.run(org, "try-repo", str(pre_commit.hook_repo), "policycheck", "--all-files")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "processor-without-dpa" in result.stdout
