"""The file layer's format and writer (policycheck.cache.FileCache): one file of checksummed
segments per root, shared objects kept shared, written by a forked process that may fail or be
killed without leaving anything that is trusted."""

from __future__ import annotations

import os
import pickle
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from policycheck import cache, workers
from policycheck.load import compact
from policycheck.load import repo as repo_module
from policycheck.model import Repo
from tests.conftest import AS_OF, ORG_EXAMPLE, run_cli

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def org(tmp_path: Path) -> Path:
    repo = tmp_path / "org"
    shutil.copytree(ORG_EXAMPLE, repo)
    return repo


@pytest.fixture
def forked(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every layer is written by a forked writer (org_example has fewer files than the threshold)."""
    monkeypatch.setattr(cache, "FORK_MIN_ENTRIES", 1)
    monkeypatch.setenv(workers.JOBS_ENV, "2")
    if workers.other_threads():
        pytest.skip("another test left a thread running: this process does not fork")
    yield
    cache.wait_writers()


def _layer(cache_dir: Path) -> Path:
    found = list((cache_dir / "files").glob("*.bin"))
    assert len(found) == 1, found
    return found[0]


def _segments(layer: Path) -> list[tuple[int, int]]:
    """Each segment of a layer: (where its header starts, how long its pickle is)."""
    raw = layer.read_bytes()
    assert raw.startswith(cache._FILES_MAGIC)
    out, pos = [], len(cache._FILES_MAGIC)
    while pos < len(raw):
        size = int.from_bytes(raw[pos : pos + 8], "little")
        out.append((pos, size))
        pos += cache._HEADER + size
    assert pos == len(raw)
    return out


def _temp_files(cache_dir: Path) -> list[Path]:
    return list(cache_dir.rglob(".tmp-*"))


def _contents(repo: Repo) -> tuple[Any, ...]:
    fields = [getattr(repo, name) for name in repo.__dataclass_fields__ if name not in ("positions", "declared")]
    return (*fields, sorted(dict(repo.positions).items()))


def test_a_forked_writer_fills_the_layer_and_a_later_load_waits_for_it(
    org: Path, cache_dir: Path, forked: None, counted: list[str]
) -> None:
    first = _contents(repo_module.load_repo(org, use_cache=True))
    assert counted
    writers = dict(cache._writers)
    assert len(writers) == 1, "the layer is being written by a forked process"
    counted.clear()
    second = _contents(repo_module.load_repo(org, use_cache=True))  # waits for the writer first
    assert counted == [] and second == first
    assert not cache._writers and not _temp_files(cache_dir)
    assert len(_segments(_layer(cache_dir))) == 1


@pytest.mark.parametrize("fmt", ["json", "sarif", "text"])
def test_output_is_the_same_with_a_forked_writer(org: Path, cache_dir: Path, forked: None, fmt: str) -> None:
    args = ("check", str(org), "--as-of", AS_OF, "--format", fmt)
    uncached = run_cli(*args, "--no-cache")
    cold = run_cli(*args)
    shutil.rmtree(cache_dir / "output")  # the output layer misses, the file layer serves every file
    warm = run_cli(*args)
    assert (uncached.exit_code, uncached.output) == (cold.exit_code, cold.output) == (warm.exit_code, warm.output)


class _Failing:
    def __init__(self, file: Any) -> None:
        pass

    def dump(self, value: Any) -> None:
        raise pickle.PicklingError("the writer fails")


class _Stuck:
    def __init__(self, file: Any) -> None:
        self.file = file

    def dump(self, value: Any) -> None:
        self.file.write(b"half a pickle")
        time.sleep(60)  # until killed


@pytest.mark.parametrize("how", ["fails", "is killed"])
def test_a_writer_that_fails_or_is_killed_leaves_nothing_that_is_trusted(
    org: Path, cache_dir: Path, forked: None, counted: list[str], monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    expected = _contents(repo_module.load_repo(org, use_cache=False))
    monkeypatch.setattr(repo_module, "pickler", _Failing if how == "fails" else _Stuck)
    assert _contents(repo_module.load_repo(org, use_cache=True)) == expected
    ((pid, tmp),) = cache._writers.values()
    if how == "is killed":
        assert Path(tmp).exists(), "stuck half-way through its temp file"
        os.kill(pid, signal.SIGKILL)
    cache.wait_writers()
    assert not list(cache_dir.rglob("*.bin")), "no layer"
    assert not _temp_files(cache_dir), "and no temp file left behind"
    monkeypatch.setattr(repo_module, "pickler", compact.pickler)
    counted.clear()
    assert _contents(repo_module.load_repo(org, use_cache=True)) == expected
    assert "policycheck.yaml" in counted and "systems/crm.yaml" in counted, "every file read again"
    cache.wait_writers()
    counted.clear()
    assert _contents(repo_module.load_repo(org, use_cache=True)) == expected
    assert counted == [], "and the layer written this time"


def test_a_process_with_other_threads_writes_the_layer_itself(
    org: Path, cache_dir: Path, forked: None, counted: list[str]
) -> None:
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        repo_module.load_repo(org, use_cache=True)
        assert not cache._writers
    finally:
        release.set()
        other.join()
    assert len(_segments(_layer(cache_dir))) == 1, "written before the load returned"
    counted.clear()
    repo_module.load_repo(org, use_cache=True)
    assert counted == []


def test_the_process_waits_for_its_writer_at_exit(org: Path, cache_dir: Path, tmp_path: Path) -> None:
    """A command's process ends only once its writer has written (a slow writer here)."""
    script = f"""
import pickle, time
from pathlib import Path
from policycheck import cache
from policycheck.load import compact, repo

def slow(file):
    time.sleep(1)
    return compact.pickler(file)

cache.FORK_MIN_ENTRIES = 1
repo.pickler = slow
repo.load_repo(Path({str(org)!r}), use_cache=True)
assert cache._writers
"""
    env = {**os.environ, cache.CACHE_ENV: str(cache_dir), workers.JOBS_ENV: "2", "PYTHONPATH": str(ROOT)}
    env.pop(cache.NO_CACHE_ENV, None)
    done = subprocess.run([sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert len(_segments(_layer(cache_dir))) == 1
    assert not _temp_files(cache_dir)


def test_new_entries_are_appended_and_the_layer_rewritten_when_it_grows(
    org: Path, cache_dir: Path, counted: list[str]
) -> None:
    system = org / "systems" / "crm.yaml"
    original = system.read_text(encoding="utf-8")
    repo_module.load_repo(org, use_cache=True)
    counts = [len(_segments(_layer(cache_dir)))]
    for n in range(cache.MAX_SEGMENTS + 1):
        system.write_text(original + f"# edit {n}\n", encoding="utf-8")
        counted.clear()
        repo_module.load_repo(org, use_cache=True)
        assert counted == ["systems/crm.yaml"], "only the changed file is read"
        counts.append(len(_segments(_layer(cache_dir))))
    assert counts[: cache.MAX_SEGMENTS] == list(range(1, cache.MAX_SEGMENTS + 1))
    assert counts[cache.MAX_SEGMENTS] == 1, "rewritten whole, without the entries of the old versions"
    assert _contents(repo_module.load_repo(org, use_cache=True)) == _contents(
        repo_module.load_repo(org, use_cache=False)
    )


def test_a_damaged_or_foreign_segment_discards_the_whole_layer(
    org: Path, cache_dir: Path, counted: list[str], tmp_path: Path
) -> None:
    repo_module.load_repo(org, use_cache=True)
    system = org / "systems" / "crm.yaml"
    system.write_text(system.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    repo_module.load_repo(org, use_cache=True)
    layer = _layer(cache_dir)
    good = layer.read_bytes()
    _, (second, size) = _segments(layer)
    damaged = bytearray(good)
    damaged[second + cache._HEADER + size // 2] ^= 0xFF  # in the appended segment only
    for raw in (bytes(damaged), good[:-1], good + b"\0" * 3):
        layer.write_bytes(raw)
        counted.clear()
        repo_module.load_repo(org, use_cache=True)
        assert "systems/crm.yaml" in counted and "policycheck.yaml" in counted, "nothing served"
    # a sound layer of another root, under this root's name
    other = tmp_path / "other"
    shutil.copytree(org, other)
    repo_module.load_repo(other, use_cache=True)
    other_layer = cache.FileCache(str(other), on=True).path
    assert other_layer != layer and other_layer.exists()
    shutil.copyfile(other_layer, layer)
    assert cache.FileCache(str(org), on=True).stored() == 0
    counted.clear()
    repo_module.load_repo(org, use_cache=True)
    assert "policycheck.yaml" in counted


def test_a_warm_load_shares_paths_and_positions_across_files(org: Path, cache_dir: Path) -> None:
    """A position table's paths and (line, column) pairs are shared by every file that has them,
    after a warm load as after a cold one (the layer is pickled whole, with the memo)."""

    def shared(repo: Repo) -> tuple[int, int]:
        tables = [found[0][0] for key, found in repo.positions._docs.items() if key[0] == "system"]
        first: dict[Any, Any] = {}
        same = other = 0
        for table in tables:
            for path, pos in table.items():
                for item in (path, pos):
                    seen = first.setdefault(item, item)
                    if seen is item:
                        same += 1
                    else:
                        other += 1
        return same, other

    cold = shared(repo_module.load_repo(org, use_cache=True))
    assert cold[1] == 0
    warm = shared(repo_module.load_repo(org, use_cache=True))
    assert warm[1] == 0 and warm[0] == cold[0]
    layer = cache.FileCache(str(org), on=True)
    assert layer.stored() > 20


def test_compact_pickler_streams_the_same_bytes_as_dumps() -> None:
    import io

    repo = repo_module.load_repo(ORG_EXAMPLE, use_cache=False)
    models = [*repo.systems.values(), repo.config]
    out = io.BytesIO()
    compact.pickler(out).dump(models)
    assert out.getvalue() == compact.dumps(models)
    assert pickle.loads(out.getvalue()) == models
