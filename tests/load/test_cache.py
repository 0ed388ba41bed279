"""The cache (policycheck.cache): byte-identical results, every change seen, bad entries ignored."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from policycheck import cache
from tests.conftest import AS_OF, ORG_EXAMPLE, MakeRepo, run_cli

NOTES = """name: Agent notes
kind: notes
owner: customer-support
location: [SE]
stores:
  - {categories: [contact-details], purpose: customer-support}
"""




def check(repo: Path, *extra: str) -> tuple[int, str]:
    result = run_cli("check", str(repo), "--as-of", AS_OF, *extra)
    return result.exit_code, result.output


def subjects(repo: Path) -> set[str]:
    code, out = check(repo, "--format", "json")
    assert code in (0, 1), out
    return {f["subject"] for f in json.loads(out)["findings"]}


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github", "markdown", "codequality"])
def test_output_with_and_without_cache_is_byte_identical(
    fmt: str, cache_dir: Path, tmp_path: Path, counted: list[str]
) -> None:
    repo = tmp_path / "org"
    shutil.copytree(ORG_EXAMPLE, repo)
    uncached = check(repo, "--format", fmt, "--no-cache")
    assert not cache_dir.exists(), "--no-cache stores nothing"
    cold = check(repo, "--format", fmt)
    assert counted, "the first run reads every file"
    counted.clear()
    warm = check(repo, "--format", fmt)
    assert uncached == cold == warm
    assert uncached[0] == 1
    assert counted == [], "the warm run replays the output without parsing anything"


def test_the_file_layer_alone_gives_the_same_findings(
    cache_dir: Path, tmp_path: Path, counted: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "org"
    shutil.copytree(ORG_EXAMPLE, repo)
    first = check(repo, "--format", "json")
    counted.clear()
    # another set of options: the output layer misses, the file layer serves every file
    second = check(repo, "--format", "json", "--lang", "sv")
    assert counted == []
    assert json.loads(second[1])["summary"] == json.loads(first[1])["summary"]
    assert second == check(repo, "--format", "json", "--lang", "sv", "--no-cache")


def test_a_changed_file_is_seen_and_only_it_is_parsed_again(
    make_repo: MakeRepo, cache_dir: Path, counted: list[str]
) -> None:
    repo = make_repo({"systems/notes.yaml": NOTES})
    assert "system:notes" in subjects(repo)  # no erasure routine
    counted.clear()
    text = NOTES + "erasure: {method: delete, automated: true, within_days: 30}\n"
    text += "security: {access_control: role-based, mfa: true, encryption_at_rest: true, audit_log: true}\n"
    (repo / "systems" / "notes.yaml").write_text(text, encoding="utf-8")
    assert "system:notes" not in subjects(repo)
    assert counted == ["systems/notes.yaml"]
    assert check(repo) == check(repo, "--no-cache")


def test_an_added_file_is_seen(make_repo: MakeRepo, cache_dir: Path) -> None:
    repo = make_repo()
    before = subjects(repo)
    assert "system:notes" not in before
    (repo / "systems" / "notes.yaml").write_text(NOTES, encoding="utf-8")
    assert "system:notes" in subjects(repo)


def test_a_removed_file_is_seen(make_repo: MakeRepo, cache_dir: Path) -> None:
    repo = make_repo({"systems/notes.yaml": NOTES})
    assert "system:notes" in subjects(repo)
    (repo / "systems" / "notes.yaml").unlink()
    assert "system:notes" not in subjects(repo)


def test_a_renamed_file_is_seen(make_repo: MakeRepo, cache_dir: Path) -> None:
    repo = make_repo({"systems/notes.yaml": NOTES})
    assert "system:notes" in subjects(repo)
    (repo / "systems" / "notes.yaml").rename(repo / "systems" / "agent-notes.yaml")
    found = subjects(repo)
    assert "system:agent-notes" in found and "system:notes" not in found


def test_an_invalid_file_never_passes_from_the_cache(make_repo: MakeRepo, cache_dir: Path) -> None:
    repo = make_repo({"systems/notes.yaml": NOTES.replace("kind: notes", "kind: notebook")})
    for _ in range(2):
        code, out = check(repo)
        assert code == 2
        assert "systems/notes.yaml:2:" in out and "kind" in out
    (repo / "systems" / "notes.yaml").write_text(NOTES, encoding="utf-8")
    assert check(repo)[0] == 1
    (repo / "systems" / "notes.yaml").write_text(NOTES.replace("kind: notes", "kind: notebook"), encoding="utf-8")
    assert check(repo)[0] == 2


def test_a_custom_rule_added_later_is_seen(tmp_path: Path, cache_dir: Path) -> None:
    repo = tmp_path / "org"
    shutil.copytree(ORG_EXAMPLE, repo)
    with_rules = check(repo, "--format", "json")
    shutil.rmtree(repo / "rules")
    without = check(repo, "--format", "json")
    assert without != with_rules
    assert without == check(repo, "--format", "json", "--no-cache")


def test_corrupt_and_foreign_entries_are_ignored(make_repo: MakeRepo, cache_dir: Path, counted: list[str]) -> None:
    repo = make_repo({"systems/notes.yaml": NOTES})
    expected = check(repo, "--no-cache")
    assert check(repo) == expected
    entries = sorted(p for p in cache_dir.rglob("*.bin"))
    assert {p.parent.name for p in entries} == {"files", "output"}
    # corrupt: flipped bytes, truncation, garbage after the magic line
    for damage in (
        lambda data: data[:-5] + b"xxxxx",
        lambda data: data[: len(data) // 2],
        lambda data: data.split(b"\n", 1)[0] + b"\nnot a pickle",
        lambda data: b"",
    ):
        for path, data in [(p, p.read_bytes()) for p in entries]:
            path.write_bytes(damage(data))
        counted.clear()
        assert check(repo) == expected
        assert "systems/notes.yaml" in counted, "nothing was served from a damaged cache"
    # foreign: another run's output entry under this run's name (the key inside does not match)
    check(repo, "--format", "json")
    outputs = sorted((cache_dir / "output").glob("*.bin"), key=lambda p: p.stat().st_mtime_ns)
    text_entry, json_entry = outputs[-2:]
    shutil.copyfile(json_entry, text_entry)
    assert check(repo) == expected
    assert check(repo, "--format", "json") == check(repo, "--format", "json", "--no-cache")


def test_a_cache_is_not_trusted_across_versions(
    make_repo: MakeRepo, cache_dir: Path, counted: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo()
    check(repo)
    counted.clear()
    check(repo)
    assert counted == []
    monkeypatch.setattr(cache, "build_id", lambda: "another version")
    check(repo)
    assert "policycheck.yaml" in counted


def test_no_cache_reads_and_writes_nothing(make_repo: MakeRepo, cache_dir: Path, counted: list[str]) -> None:
    repo = make_repo()
    check(repo)
    counted.clear()
    check(repo, "--no-cache")
    assert "policycheck.yaml" in counted
    shutil.rmtree(cache_dir)
    check(repo, "--no-cache")
    assert not cache_dir.exists()


def test_the_environment_switch_turns_it_off(
    make_repo: MakeRepo, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.NO_CACHE_ENV, "1")
    check(make_repo())
    assert not cache_dir.exists()


def test_an_unwritable_cache_directory_is_not_an_error(
    make_repo: MakeRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))
    monkeypatch.delenv(cache.NO_CACHE_ENV, raising=False)
    repo = make_repo()
    assert check(repo) == check(repo) == check(repo, "--no-cache")


def test_a_run_over_a_symlinked_file_is_not_replayed(make_repo: MakeRepo, cache_dir: Path) -> None:
    repo = make_repo()
    target = repo / "notes-source.yaml"
    target.write_text(NOTES, encoding="utf-8")
    (repo / "systems" / "notes.yaml").symlink_to(target)
    first = check(repo)
    assert check(repo) == first
    assert first[0] == 1
    assert not list((cache_dir / "output").glob("*.bin"))
    # the symlink is checked again on every run: pointing it outside the repo is an error
    outside = repo.parent / "outside.yaml"
    outside.write_text(NOTES, encoding="utf-8")
    (repo / "systems" / "notes.yaml").unlink()
    (repo / "systems" / "notes.yaml").symlink_to(outside)
    code, out = check(repo)
    assert code == 2 and "outside the repo" in out


def test_a_referenced_document_that_appears_or_goes_is_seen(tmp_path: Path, cache_dir: Path) -> None:
    repo = tmp_path / "org"
    shutil.copytree(ORG_EXAMPLE, repo)
    document = repo / "contracts" / "fortnox-personuppgiftsbitradesavtal.pdf"

    def evidence_missing() -> bool:
        _code, out = check(repo, "--format", "json")
        return any(
            f["rule"] == "evidence-missing" and f["subject"] == "processor:fortnox"
            for f in json.loads(out)["findings"]
        )

    assert evidence_missing()
    document.parent.mkdir(exist_ok=True)
    document.write_bytes(b"%PDF-1.4")
    assert not evidence_missing()
    document.unlink()
    assert evidence_missing()


def test_a_replay_writes_the_output_file_again(tmp_path: Path, cache_dir: Path, counted: list[str]) -> None:
    repo = tmp_path / "org"
    shutil.copytree(ORG_EXAMPLE, repo)
    out = tmp_path / "reports" / "findings.sarif"
    first = check(repo, "--format", "sarif", "--output", str(out))
    written = out.read_bytes()
    out.unlink()
    counted.clear()
    assert check(repo, "--format", "sarif", "--output", str(out)) == first
    assert counted == [], "replayed"
    assert out.read_bytes() == written
    # onto a declaration of the repo: refused, replay or not
    code, text = check(repo, "--format", "json", "--output", str(repo / "categories.yaml"))
    assert code == 2 and "refusing to overwrite" in text


@pytest.mark.parametrize("damage", ["missing", "changed"])
def test_a_stored_output_that_is_gone_or_changed_is_not_replayed(
    damage: str, tmp_path: Path, cache_dir: Path, counted: list[str]
) -> None:
    """An output is stored as a file beside its entry (written as it streamed); the entry keeps
    its SHA-256, so a replay never prints or writes bytes other than the run's."""
    repo = tmp_path / "org"
    shutil.copytree(ORG_EXAMPLE, repo)
    out = tmp_path / "findings.json"
    expected = check(repo, "--format", "json", "--output", str(out), "--no-cache")
    written = out.read_bytes()
    assert check(repo, "--format", "json", "--output", str(out)) == expected
    stored = sorted((cache_dir / "output").glob("*.out"))
    assert stored[0].read_bytes() == written, "the report, then the terminal's summary"
    for path in stored:
        if damage == "missing":
            path.unlink()
        else:
            path.write_bytes(path.read_bytes().replace(b"high", b"HIGH"))
    out.unlink()
    assert check(repo, "--format", "json", "--output", str(out)) == expected
    assert out.read_bytes() == written, "run again (the file layer serves the files), not replayed"
    assert stored[0].read_bytes() == written, "and stored again"
    out.unlink()
    counted.clear()
    assert check(repo, "--format", "json", "--output", str(out)) == expected
    assert counted == [] and out.read_bytes() == written, "replayed"
