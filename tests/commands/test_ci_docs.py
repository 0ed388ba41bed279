"""docs/ci.md as a new user would use it: its YAML parses, and the policycheck commands of its
GitHub Actions and GitLab CI recipes and of its baseline walk-through run as written on a pull
request of a temporary compliance repo, producing the files the recipes upload."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.ci_sample import GIT_ENV, add_flaws, commit_all, git, git_init
from tests.conftest import BASE, ROOT
from tests.render.test_render_sarif import assert_valid

DOC = ROOT / "docs" / "ci.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)


def blocks(lang: str) -> list[str]:
    return [body for kind, body in FENCE.findall(DOC.read_text(encoding="utf-8")) if kind == lang]


def block_with(lang: str, needle: str) -> str:
    (found,) = [b for b in blocks(lang) if needle in b]
    return found


def shell(cwd: Path, script: str, **env: str) -> subprocess.CompletedProcess[str]:
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    return subprocess.run(["bash", "-c", script], cwd=cwd, capture_output=True, text=True, check=False,
                          env={**os.environ, **GIT_ENV, "PATH": path, **env})


@pytest.fixture
def pull_request(tmp_path: Path) -> tuple[Path, str]:
    """A compliance repo whose main is clean, checked out at a pull request that adds two flaws."""
    repo = git_init(tmp_path / "compliance")
    shutil.copytree(BASE, repo, dirs_exist_ok=True)
    base = commit_all(repo, "clean")
    git(repo, "checkout", "-q", "-b", "feature")
    add_flaws(repo)
    commit_all(repo, "add a vendor and notes")
    return repo, base


def test_every_yaml_block_parses() -> None:
    found = blocks("yaml")
    assert len(found) >= 5
    for body in found:
        yaml.safe_load(body)


def _steps_running_policycheck(job: dict[str, Any]) -> list[str]:
    return [s["run"] for s in job["steps"] if "run" in s and s["run"].startswith("policycheck ")]


def test_github_actions_recipe(pull_request: tuple[Path, str]) -> None:
    repo, base = pull_request
    workflow = yaml.safe_load(block_with("yaml", "codeql-action/upload-sarif"))
    check, pr = workflow["jobs"]["check"], workflow["jobs"]["pull-request"]
    assert check["permissions"]["security-events"] == "write"
    upload = next(s for s in check["steps"] if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    (check_cmd,) = _steps_running_policycheck(check)
    assert f"--output {upload['with']['sarif_file']}" in check_cmd
    assert pr["steps"][0]["with"]["fetch-depth"] == 0

    done = shell(repo, check_cmd)
    assert done.returncode == 1, done.stderr
    assert "processor-without-dpa" in done.stdout  # the log shows the text summary
    log = json.loads((repo / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    assert_valid(log)
    assert {r["ruleId"] for r in log["runs"][0]["results"]} >= {"processor-without-dpa"}

    (diff_cmd,) = _steps_running_policycheck(pr)
    diff_cmd = diff_cmd.replace("${{ github.event.pull_request.base.sha }}", base)
    done = shell(repo, diff_cmd)
    assert done.returncode == 1, done.stderr
    comment = (repo / "policycheck-diff.md").read_text(encoding="utf-8")
    assert comment.startswith("<!-- policycheck -->\n### policycheck: 2 introduced, 0 resolved")
    comment_step = pr["steps"][-1]
    assert "policycheck-diff.md" in comment_step["run"] and "policycheck-diff.md" in comment_step["if"]


def test_gitlab_ci_recipe(pull_request: tuple[Path, str]) -> None:
    repo, base = pull_request
    pipeline = yaml.safe_load(block_with("yaml", "reports:"))
    job, diff_job = pipeline["policycheck"], pipeline["policycheck-diff"]
    report = job["artifacts"]["reports"]["junit"]
    (script,) = job["script"]
    assert f"--output {report}" in script
    done = shell(repo, script)
    assert done.returncode == 1, done.stderr
    root = ET.parse(repo / report).getroot()
    assert root.tag == "testsuites" and int(root.get("failures") or 0) >= 2

    assert diff_job["variables"]["GIT_DEPTH"] == 0
    (diff_script,) = diff_job["script"]
    done = shell(repo, diff_script, CI_MERGE_REQUEST_DIFF_BASE_SHA=base)
    assert done.returncode == 1, done.stderr
    assert diff_job["artifacts"]["paths"] == ["policycheck-diff.md"]
    assert "2 introduced" in (repo / "policycheck-diff.md").read_text(encoding="utf-8")


def test_pre_commit_snippets_name_the_real_hook() -> None:
    ids = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    config = yaml.safe_load(block_with("yaml", "    rev: "))
    assert {h["id"] for r in config["repos"] for h in r["hooks"]} <= ids


def test_baseline_walkthrough(pull_request: tuple[Path, str]) -> None:
    repo, _ = pull_request
    script = block_with("sh", "policycheck baseline")
    done = shell(repo, "set -e\n" + script)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().splitlines()[-1].endswith("; 2 baselined.")
    assert git(repo, "log", "-1", "--format=%s") == "Accept the known gaps"
