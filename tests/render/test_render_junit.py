"""JUnit XML: valid against the JUnit schema pytest's own output is validated against
(``junit-10.xsd``), one failing test case per finding carrying file and line."""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
import tarfile
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
import xmlschema
from syrupy.assertion import SnapshotAssertion

from policycheck.render.junit import render
from tests.ci_sample import add_flaws, sample_context, sample_result
from tests.conftest import AS_OF, ORG_EXAMPLE, MakeRepo, run_cli

XSD_MEMBER = "testing/example_scripts/junit-10.xsd"


def _fetch_xsd(target: Path) -> None:
    """Take ``junit-10.xsd`` from the source distribution of the installed pytest, through pip."""
    version = importlib.metadata.version("pytest")
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
               f"pytest=={version}", "--dest", tmp]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        sdists = list(Path(tmp).glob("pytest-*.tar.gz"))
        if done.returncode != 0 or not sdists:
            pytest.fail(f"could not download pytest {version}'s sdist for its junit-10.xsd "
                        f"(or set POLICYCHECK_JUNIT_XSD to a copy): {done.stderr.strip()}")
        with tarfile.open(sdists[0]) as tar:
            member = tar.extractfile(f"pytest-{version}/{XSD_MEMBER}")
            assert member is not None
            target.write_bytes(member.read())


@pytest.fixture(scope="session")
def junit_schema(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> xmlschema.XMLSchema:
    """pytest's ``testing/example_scripts/junit-10.xsd`` (the schema its junitxml output is tested against).

    It is not in pytest's wheel, so it comes from pytest's sdist on PyPI (cached in .pytest_cache, or
    fetched for this run where the cache plugin is off), or from the file POLICYCHECK_JUNIT_XSD names.
    """
    given = os.environ.get("POLICYCHECK_JUNIT_XSD")
    if given:
        return xmlschema.XMLSchema(given)
    cache = getattr(request.config, "cache", None)  # None under `-p no:cacheprovider`
    folder = cache.mkdir("junit-xsd") if cache is not None else tmp_path_factory.mktemp("junit-xsd")
    cached = folder / f"junit-10-pytest-{importlib.metadata.version('pytest')}.xsd"
    if not cached.is_file():
        _fetch_xsd(cached)
    return xmlschema.XMLSchema(str(cached))


def test_the_schema_rejects_invalid_junit(junit_schema: xmlschema.XMLSchema) -> None:
    assert not junit_schema.is_valid('<testsuites><testsuite name="x"/></testsuites>')  # tests, failures missing
    assert not junit_schema.is_valid(
        '<testsuite name="x" tests="1" failures="0" errors="0"><testcase name="a" file="x.yaml"/></testsuite>')


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_sample_snapshot(lang: str, junit_schema: xmlschema.XMLSchema, snapshot: SnapshotAssertion) -> None:
    text = render(sample_result(), lang=lang, **sample_context())
    junit_schema.validate(text)
    assert text == snapshot


def test_sample_structure() -> None:
    root = ET.fromstring(render(sample_result(), **sample_context(path_prefix="compliance/")))
    assert root.tag == "testsuites"
    suites = {s.get("name") or "": s for s in root}
    assert list(suites) == sorted(suites)
    assert "policycheck.processors" in suites and "policycheck.custom" in suites
    cases = {c.get("name"): c for s in root for c in s}
    # a finding: a failing case named rule: subject, its message starting with file:line
    dpa = cases["processor-without-dpa: processor:acme"]
    failure = dpa.find("failure")
    assert failure is not None
    assert failure.get("type") == "high"
    assert (failure.get("message") or "").startswith("compliance/processors/acme.yaml:1: ACME | <b>Ltd</b>")
    assert "How to fix it: Declare the missing thing." in (failure.text or "")
    # the newline in a message survives in the attribute (escaped), and the CR too
    transfer = cases["third-country-transfer-without-safeguard: processor:kaveri"].find("failure")
    assert transfer is not None and "safeguard,\nno adequacy\r\n" in (transfer.get("message") or "")
    # a rule without findings passes; a disabled rule and a waived finding are skipped
    assert list(cases["no-audit-log"]) == []
    skipped = cases["weak-access-control"].find("skipped")
    assert skipped is not None and skipped.get("type") == "disabled"
    waived = cases["processor-without-dpa: processor:legacy-sms"].find("skipped")
    assert waived is not None and "Replaced in Q1 & contract signed <soon>" in (waived.get("message") or "")
    # the counts add up
    assert int(root.get("tests") or 0) == len(cases)
    assert int(root.get("failures") or 0) == len(sample_result().findings)
    for suite in root:
        assert int(suite.get("tests") or 0) == len(suite)
        assert int(suite.get("failures") or 0) == len(suite.findall("testcase/failure"))
        assert int(suite.get("skipped") or 0) == len(suite.findall("testcase/skipped"))


def test_control_characters_still_make_valid_xml(junit_schema: xmlschema.XMLSchema) -> None:
    result = sample_result()
    odd = replace(result.findings[0], message="bell\x07 and escape\x1b[31m", messages=())
    text = render(replace(result, findings=(odd, *result.findings[1:])), **sample_context())
    junit_schema.validate(text)
    assert "\x07" not in text and "\x1b" not in text


def test_check_output_is_valid(make_repo: MakeRepo, junit_schema: xmlschema.XMLSchema) -> None:
    repo = add_flaws(make_repo())
    result = run_cli("check", str(repo), "--as-of", AS_OF, "--format", "junit")
    assert result.exit_code == 1
    junit_schema.validate(result.stdout)
    root = ET.fromstring(result.stdout)
    failures = {c.get("name"): c.find("failure") for s in root for c in s if c.find("failure") is not None}
    assert set(failures) >= {"processor-without-dpa: processor:helpdesk-vendor",
                             "system-without-erasure-routine: system:notes"}
    message = failures["processor-without-dpa: processor:helpdesk-vendor"].get("message")  # type: ignore[union-attr]
    assert (message or "").startswith("processors/helpdesk-vendor.yaml:1: ")
    assert run_cli("check", str(repo), "--as-of", AS_OF, "--format", "junit").stdout == result.stdout


def test_clean_repo_is_all_passing(make_repo: MakeRepo, junit_schema: xmlschema.XMLSchema) -> None:
    result = run_cli("check", str(make_repo()), "--as-of", AS_OF, "--format", "junit")
    assert result.exit_code == 0
    junit_schema.validate(result.stdout)
    root = ET.fromstring(result.stdout)
    assert root.get("failures") == "0" and int(root.get("tests") or 0) > 10


def test_org_example_snapshot(tmp_path: Path, junit_schema: xmlschema.XMLSchema, snapshot: SnapshotAssertion) -> None:
    import shutil

    repo = shutil.copytree(ORG_EXAMPLE, tmp_path / "org")
    result = run_cli("check", str(repo), "--as-of", "2026-11-28", "--format", "junit")
    assert result.exit_code == 1
    junit_schema.validate(result.stdout)
    assert result.stdout == snapshot
