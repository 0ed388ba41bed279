"""`policycheck diff`: the base revision's rules evaluated in a forked worker, and the files the
two sides share read once. Whatever path is taken, the output is the serial one, byte for byte."""

from __future__ import annotations

import os
import shutil
from collections.abc import Set
from pathlib import Path

import pytest

from policycheck import diffrun
from policycheck.load.files import MappingReader
from tests.ci_sample import add_flaws, commit_all, git, git_init
from tests.conftest import AS_OF, BASE, run_cli

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Revisions with findings introduced, resolved and waived, and one that switches to Swedish."""
    work = git_init(tmp_path_factory.mktemp("parallel") / "work")
    repo = work / "compliance"
    shutil.copytree(BASE, repo)
    commit_all(work, "clean")
    git(work, "tag", "clean")
    add_flaws(repo)
    commit_all(work, "flawed")
    git(work, "tag", "flawed")
    with (repo / "systems" / "notes.yaml").open("a", encoding="utf-8") as fh:
        fh.write("erasure: {method: delete, procedure: Delete the page, within_days: 30}\n")
    config = repo / "policycheck.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: en", "language: sv"), encoding="utf-8")
    commit_all(work, "notes fixed, in Swedish")
    git(work, "tag", "swedish")
    return work


def diff(history: Path, *args: str) -> tuple[int, str]:
    result = run_cli("diff", *args, "-C", str(history / "compliance"), "--as-of", AS_OF)
    return result.exit_code, result.stdout


CASES = [
    ("clean", "flawed", "--format", "json"),
    ("flawed", "clean", "--format", "markdown", "--lang", "sv"),
    ("flawed", "swedish", "--format", "text"),  # the output's language (sv) is the head's: the base is en
    ("flawed", "swedish", "--format", "json"),
    ("swedish", "flawed", "--format", "github"),
]


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each worker's result arrived (True) or the parent evaluated the base itself (False)."""
    seen: list[bool] = []
    collect = diffrun._collect

    def spying(worker: tuple[int, int, int], out_lang: str, head: Set[str]) -> object:
        found = collect(worker, out_lang, head)
        seen.append(found is not None)
        return found

    monkeypatch.setattr(diffrun, "_collect", spying)
    return seen


def serial(history: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]) -> tuple[int, str]:
    with monkeypatch.context() as m:
        m.setenv("POLICYCHECK_JOBS", "1")
        return diff(history, *args)


@pytest.mark.parametrize("args", CASES)
def test_a_worker_gives_the_serial_output(
    history: Path, monkeypatch: pytest.MonkeyPatch, spy: list[bool], args: tuple[str, ...]
) -> None:
    expected = serial(history, monkeypatch, args)
    assert spy == []  # POLICYCHECK_JOBS=1: no worker
    monkeypatch.setattr(diffrun, "MIN_FILES", 0)
    monkeypatch.setenv("POLICYCHECK_JOBS", "2")
    assert diff(history, *args) == expected
    assert spy == [True]
    assert expected[0] in (0, 1) and expected[1]


def test_the_other_language_travels_with_the_findings(history: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The base (English settings) resolves a finding; the head's Swedish settings choose the output."""
    code, text = serial(history, monkeypatch, ("flawed", "swedish"))
    assert code == 0
    assert "Åtgärdade" in text or "åtgärdade" in text  # the resolved finding, in Swedish
    monkeypatch.setattr(diffrun, "MIN_FILES", 0)
    monkeypatch.setenv("POLICYCHECK_JOBS", "2")
    assert diff(history, "flawed", "swedish") == (code, text)


@pytest.mark.parametrize("failure", ["raises", "exits", "killed"])
def test_a_failed_worker_falls_back_to_serial(
    history: Path, monkeypatch: pytest.MonkeyPatch, spy: list[bool], failure: str
) -> None:
    expected = serial(history, monkeypatch, CASES[2])

    def broken(pending: diffrun.Pending) -> object:
        if failure == "raises":
            raise RuntimeError("worker failure")
        if failure == "exits":
            os._exit(0)  # no result at all
        os.kill(os.getpid(), 9)
        return None

    monkeypatch.setattr(diffrun, "_work", broken)
    monkeypatch.setattr(diffrun, "MIN_FILES", 0)
    monkeypatch.setenv("POLICYCHECK_JOBS", "2")
    assert diff(history, *CASES[2]) == expected
    assert spy == [False]


def test_no_worker_for_a_small_repo_or_without_fork(
    history: Path, monkeypatch: pytest.MonkeyPatch, spy: list[bool]
) -> None:
    monkeypatch.setenv("POLICYCHECK_JOBS", "2")
    expected = diff(history, *CASES[0])
    assert spy == []  # the fixture repo is far below MIN_FILES
    monkeypatch.setattr(diffrun, "MIN_FILES", 0)
    monkeypatch.delattr(diffrun.os, "fork")
    assert diff(history, *CASES[0]) == expected
    assert spy == []


def test_jobs() -> None:
    for raw, expected in (("1", 1), ("0", 1), ("-3", 1), ("x", 1), ("2", 2), (" 4 ", 4)):
        os.environ["POLICYCHECK_JOBS"] = raw
        try:
            assert diffrun.jobs() == expected
        finally:
            del os.environ["POLICYCHECK_JOBS"]


def test_the_work_tree_reads_only_the_files_the_change_touched(
    history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, counted: list[str]
) -> None:
    """The base revision is read first; the work tree takes every unchanged file from it, with the
    on-disk cache off or on, and the on-disk cache still gets every file of the work tree."""
    clone = tmp_path / "clone"
    git(history, "clone", "-q", str(history), str(clone))
    git(clone, "checkout", "-q", "flawed")
    notes = clone / "compliance" / "systems" / "notes.yaml"
    notes.write_text(notes.read_text(encoding="utf-8") + "\n# touched\n", encoding="utf-8")
    reads = counted
    args = ("diff", "flawed", "-C", str(clone / "compliance"), "--as-of", AS_OF, "--format", "json")
    off = run_cli(*args)
    assert off.exit_code == 0
    # every file once (the base side), and the touched one a second time
    assert sorted(p for p in set(reads) if reads.count(p) > 1) == ["systems/notes.yaml"]
    assert reads.count("systems/notes.yaml") == 2

    monkeypatch.setenv("POLICYCHECK_NO_CACHE", "0")
    monkeypatch.setenv("POLICYCHECK_CACHE_DIR", str(tmp_path / "cache"))
    reads.clear()
    on = run_cli(*args)
    assert (on.exit_code, on.stdout) == (off.exit_code, off.stdout)
    assert sorted(p for p in set(reads) if reads.count(p) > 1) == ["systems/notes.yaml"]
    # the work tree's files are all in the on-disk cache now: a check parses none of them
    reads.clear()
    assert run_cli("check", str(clone / "compliance"), "--as-of", AS_OF, "--no-cache").exit_code in (0, 1)
    assert reads  # (without the cache every file is read)
    reads.clear()
    checked = run_cli("check", str(clone / "compliance"), "--as-of", AS_OF, "--format", "json", "-o",
                      str(tmp_path / "out.json"))
    assert checked.exit_code in (0, 1)
    assert reads == []


def test_a_revisions_document_lookup() -> None:
    reader = MappingReader({"a/b/c.md": b"", "x.yaml": b"", "a/d": b""})
    assert [reader.document_status(p) for p in ("a", "a/b", "a/b/", "./a", "a/b/c.md", "x.yaml", "a/d")] == [
        "not-a-file", "not-a-file", "not-a-file", "not-a-file", "file", "file", "file"]
    assert [reader.document_status(p) for p in ("b", ".", "a/x", "a/b/c", "../a", "/a")] == [
        "missing", "missing", "missing", "missing", "outside", "outside"]
