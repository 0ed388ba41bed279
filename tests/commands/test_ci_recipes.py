"""The CI integrations as far as this machine can run them: action.yml's structure and the commands its
steps run (with the runner's environment emulated), the GitLab CI template's job run as written (JUnit and
Code Quality reports), and docs/ci.md's pre-commit recipe run with the real `pre-commit` against a local
clone of this repository, at the `rev` the docs name."""

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

from tests.ci_sample import GIT_ENV, add_flaws, commit_all, git_init
from tests.commands.test_ci_docs import block_with
from tests.conftest import AS_OF, BASE, ROOT
from tests.render.test_render_sarif import assert_valid

ACTION = ROOT / "action.yml"
GITLAB = ROOT / "ci" / "gitlab" / "policycheck.gitlab-ci.yml"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def _action() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return loaded


def _bash(cwd: Path, script: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    return subprocess.run(["bash", "-eo", "pipefail", "-c", script], cwd=cwd, capture_output=True, text=True,
                          check=False, env={**os.environ, **GIT_ENV, "PATH": path, **env})  # fmt: skip


@pytest.fixture
def flawed_repo(tmp_path: Path) -> Path:
    repo = git_init(tmp_path / "compliance")
    shutil.copytree(BASE, repo, dirs_exist_ok=True)
    add_flaws(repo)
    commit_all(repo, "flawed")
    return repo


def test_action_yml_is_a_well_formed_composite_action() -> None:
    action = _action()
    assert {"name", "description", "inputs", "runs"} <= set(action)
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    inputs = set(action["inputs"])
    for key, spec in action["inputs"].items():
        assert "description" in spec and "default" in spec, key
        assert isinstance(spec["default"], str), f"{key}: action inputs are strings"
    for step in steps:
        assert ("run" in step) != ("uses" in step), step
        if "run" in step:
            assert step.get("shell") == "bash", f"composite run steps need a shell: {step.get('name')}"
            # no expression inside a script (injection): inputs reach scripts through env
            assert not EXPRESSION.search(step["run"]), step["name"]
        # every inputs.X and steps.Y that an expression names exists
        text = yaml.safe_dump(step)
        for expr in [*EXPRESSION.findall(text), step.get("if", "")]:
            for name in re.findall(r"inputs\.([\w-]+)", expr):
                assert name in inputs, f"{step.get('name')}: unknown input {name}"
            for ref in re.findall(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expr):
                assert any(s.get("id") == ref[0] for s in steps), ref
    for out in action["outputs"].values():
        for name in re.findall(r"inputs\.([\w-]+)", out["value"]):
            assert name in inputs
    uses = [s["uses"] for s in steps if "uses" in s]
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    install = next(s for s in steps if s.get("name") == "Install policycheck")
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"  # policycheck at the action's ref
    assert '"$ACTION_PATH"' in install["run"]


def _step(name: str) -> dict[str, Any]:
    step: dict[str, Any] = next(s for s in _action()["runs"]["steps"] if s.get("name") == name)
    return step


def _env(step: dict[str, Any], inputs: dict[str, str], outputs: dict[str, str] | None = None) -> dict[str, str]:
    """The step's env with ${{ inputs.X }} / ${{ steps.Y.outputs.Z }} resolved as the runner would."""
    defaults = {k: v["default"] for k, v in _action()["inputs"].items()}

    def value(expr: str) -> str:
        if m := re.fullmatch(r"inputs\.([\w-]+)", expr):
            return {**defaults, **inputs}[m.group(1)]
        if m := re.fullmatch(r"steps\.[\w-]+\.outputs\.([\w-]+)", expr):
            return (outputs or {})[m.group(1)]
        raise AssertionError(expr)

    return {k: EXPRESSION.sub(lambda m: value(m.group(1)), v) for k, v in step.get("env", {}).items()}


@pytest.mark.parametrize(
    ("inputs", "code"),
    [
        ({}, "1"),
        ({"fail-on": "critical"}, "0"),
        ({"args": "--skip-rule processor-without-dpa --as-of 2026-06-01"}, "1"),
    ],
)
def test_the_action_check_and_gate_steps_run(flawed_repo: Path, inputs: dict[str, str], code: str) -> None:
    output = flawed_repo / "github_output"
    check = _step("Check the compliance repo")
    done = _bash(flawed_repo, check["run"], {**_env(check, inputs), "GITHUB_OUTPUT": str(output)})
    assert done.returncode == 0, done.stderr  # the check step never fails: upload first, then the gate
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines())
    assert outputs["exit-code"] == code
    log = json.loads((flawed_repo / "policycheck.sarif").read_text(encoding="utf-8"))
    assert_valid(log)
    rules = {r["ruleId"] for r in log["runs"][0]["results"]}
    assert ("processor-without-dpa" in rules) == ("skip-rule" not in inputs.get("args", ""))
    gate = _step("Fail on findings at or above fail-on")
    gated = _bash(flawed_repo, gate["run"], _env(gate, inputs, outputs))
    assert gated.returncode == int(code)


def test_the_action_fails_on_unreadable_declarations(flawed_repo: Path) -> None:
    (flawed_repo / "systems" / "broken.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    output = flawed_repo / "github_output"
    check = _step("Check the compliance repo")
    _bash(flawed_repo, check["run"], {**_env(check, {}), "GITHUB_OUTPUT": str(output)})
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines())
    assert outputs["exit-code"] == "2"
    assert_valid(json.loads((flawed_repo / "policycheck.sarif").read_text(encoding="utf-8")))  # errors, in SARIF
    gate = _step("Fail on findings at or above fail-on")
    assert _bash(flawed_repo, gate["run"], _env(gate, {}, outputs)).returncode == 2


def test_the_gitlab_template_runs_as_written(flawed_repo: Path) -> None:
    template = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    job = template["policycheck"]
    reports = job["artifacts"]["reports"]
    assert job["artifacts"]["when"] == "always"
    variables = {k: str(v) for k, v in template["variables"].items()}
    assert variables["POLICYCHECK"].startswith("policycheck @ git+https://")
    variables["POLICYCHECK_ARGS"] = "--as-of 2026-06-01"
    done = _bash(flawed_repo, "\n".join(job["script"]), variables)
    assert done.returncode == 1, done.stdout + done.stderr
    assert (flawed_repo / reports["junit"]).is_file()
    assert ET.parse(flawed_repo / reports["junit"]).getroot().tag == "testsuites"
    issues = json.loads((flawed_repo / reports["codequality"]).read_text(encoding="utf-8"))
    assert issues and all(
        set(i) >= {"description", "check_name", "fingerprint", "severity", "location"} for i in issues
    )
    assert {i["severity"] for i in issues} <= {"info", "minor", "major", "critical", "blocker"}
    assert all(i["location"]["path"] and i["location"]["lines"]["begin"] >= 1 for i in issues)
    assert "processor-without-dpa" in {i["check_name"] for i in issues}
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_the_docs_gitlab_include_names_the_template_and_its_variables() -> None:
    config = yaml.safe_load(block_with("yaml", "include:"))
    (include,) = config["include"]
    assert include["remote"].endswith("/" + GITLAB.relative_to(ROOT).as_posix())
    template = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert set(config["variables"]) <= set(template["variables"])


def test_the_docs_action_snippet_uses_the_actions_inputs() -> None:
    workflow = yaml.safe_load(block_with("yaml", "- uses: YOUR-ORG/policycheck@"))
    (step,) = [s for s in workflow["jobs"]["check"]["steps"] if "policycheck@" in s.get("uses", "")]
    assert set(step.get("with", {})) <= set(_action()["inputs"])
    assert workflow["jobs"]["check"]["permissions"]["security-events"] == "write"


def _pre_commit(cwd: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_DIR", "GIT_WORK_TREE", "PRE_COMMIT"))}
    env.update(GIT_ENV)
    env["PRE_COMMIT_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "pre_commit", *args, "--color", "never"], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=900, check=False)  # fmt: skip


def test_the_documented_pre_commit_recipe_runs_against_a_clone(tmp_path: Path) -> None:
    """docs/ci.md's snippet as written, with only the repository URL pointing at a local clone."""
    snippet = block_with("yaml", "    rev: ")
    rev = yaml.safe_load(snippet)["repos"][0]["rev"]
    inside = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=ROOT, capture_output=True, text=True)
    if inside.returncode != 0:
        pytest.skip("not a git checkout: there is no history to find the documented rev in")
    exists = subprocess.run(["git", "cat-file", "-e", f"{rev}^{{commit}}"], cwd=ROOT, capture_output=True)
    if exists.returncode != 0:
        if inside.stdout.strip() == "true":
            pytest.skip(f"a shallow clone: the documented rev {rev} may be in the history it left out")
        pytest.fail(f"docs/ci.md's pre-commit rev {rev} is not a commit of this repository")
    clone = tmp_path / "policycheck"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True, capture_output=True)
    org = git_init(tmp_path / "org")
    shutil.copytree(BASE, org, dirs_exist_ok=True)
    config = snippet.replace("https://github.com/YOUR-ORG/policycheck", str(clone))
    config = config.replace("      - id: policycheck", f"      - id: policycheck\n        args: [--as-of, '{AS_OF}']")
    (org / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    commit_all(org, "compliance repo")
    home = tmp_path / "pre-commit-home"
    clean = _pre_commit(org, home, "run", "--all-files")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout
    add_flaws(org)
    subprocess.run(["git", "add", "-A"], cwd=org, check=True, env={**os.environ, **GIT_ENV})
    flawed = _pre_commit(org, home, "run", "--all-files")
    assert flawed.returncode == 1 and "processor-without-dpa" in flawed.stdout
