"""The parallel load (policycheck.load.parallel): the serial load's result, or the serial load itself."""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from policycheck import cache, workers
from policycheck.errors import InvalidInput, Problem
from policycheck.load import compact, parallel
from policycheck.load import repo as repo_module
from policycheck.model import Repo
from tests.conftest import ORG_EXAMPLE, MakeRepo, run_cli

OTHER_THREADS = parallel._other_threads
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "orgs"
ORGS = sorted(p for p in FIXTURES.iterdir() if (p / "policycheck.yaml").is_file())

#: entity files with something wrong in each (and good ones between), spread over every worker's share
BROKEN = {
    "systems/a-bad-syntax.yaml": "name: [unclosed\n",
    "systems/b-list.yaml": "- just\n- a list\n",
    "systems/c-other-id.yaml": "id: someone-else\nname: C\nkind: crm\nowner: support\nlocation: [SE]\n",
    "systems/d-unknown-field.yaml": "name: D\nkind: crm\nowner: support\nlocation: [SE]\ncolour: blue\n",
    "systems/E_Bad_Name.yaml": "name: E\n",
    "systems/f-bad-refs.yaml": (
        "name: F\nkind: crm\nowner: nobody\nlocation: [SE]\nflows:\n  - {to: nowhere, categories: [x]}\n"
    ),
    "systems/g-tab.yaml": "name: G\n\tkind: crm\n",
    "systems/h-empty.yaml": "",
    "systems/i-duplicate-key.yaml": "name: I\nname: J\nkind: crm\nowner: support\nlocation: [SE]\n",
    "systems/shared-id.yaml": "name: S\nkind: crm\nowner: support\nlocation: [SE]\n",
    "processors/p-bad.yaml": "name: P\ncountry: nowhere\nbogus: 1\n",
    "processors/shared-id.yaml": "name: Shared\n",
    "recipients/r-bad.yaml": "name: [R\n",
    "recipients/r-invalid.yaml": "kind: nonsense\n",
}


def _outcome(root: Path) -> tuple[str, Any]:
    """What loading ``root`` gives: the repo's contents, or every problem in the order found."""
    try:
        repo = repo_module.load_repo(root, use_cache=False)
    except InvalidInput as exc:
        return "problems", exc.raw
    return "repo", _contents(repo)


def _contents(repo: Repo) -> tuple[Any, ...]:
    fields = [getattr(repo, name) for name in repo.__dataclass_fields__ if name not in ("positions", "declared")]
    return (*fields, sorted(dict(repo.positions).items()))


class _Ordered(InvalidInput):
    """InvalidInput that also keeps the problems in the order the loader found them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.raw = list(problems)
        super().__init__(problems)


@pytest.fixture(autouse=True)
def ordered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(repo_module, "InvalidInput", _Ordered)


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Every repo goes parallel (three processes); yields the number of files each worker answered for."""
    monkeypatch.setattr(parallel, "MIN_FILES", 1)
    monkeypatch.setattr(parallel, "_other_threads", lambda: False)  # whatever other tests left running
    monkeypatch.setenv(workers.JOBS_ENV, "3")
    answered: list[int] = []
    real = parallel._collect

    def spy(ld: Any, worker: Any, chunk: Any, done: dict[str, Any]) -> None:
        before = len(done)
        real(ld, worker, chunk, done)
        answered.append(len(done) - before)

    monkeypatch.setattr(parallel, "_collect", spy)
    yield answered


def _serial(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Any]:
    with monkeypatch.context() as m:
        m.setenv(workers.JOBS_ENV, "1")
        return _outcome(root)


def _broken(make_repo: MakeRepo) -> Path:
    return make_repo(BROKEN)


@pytest.mark.parametrize("org", [ORG_EXAMPLE, *ORGS], ids=lambda p: p.name)
def test_parallel_load_equals_serial(org: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _serial(org, monkeypatch)
    assert _outcome(org) == expected
    entity_files = sum(len(list((org / d).glob("*.yaml"))) for d in ("systems", "processors", "recipients"))
    if entity_files > 1:
        assert forks and sum(forks) > 0  # the workers did answer for files


def test_parallel_load_of_broken_files_equals_serial(
    make_repo: MakeRepo, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _broken(make_repo)
    kind, problems = _serial(root, monkeypatch)
    assert kind == "problems" and len(problems) > 10
    assert _outcome(root) == (kind, problems)  # the same problems, in the same order
    assert len(forks) == 2 and all(n > 0 for n in forks)


def test_single_files_read_beside_the_workers_keep_the_order_of_problems(
    make_repo: MakeRepo, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    # policycheck.yaml, categories.yaml and purposes.yaml are read while the workers run; their
    # problems, and those of the listing (made before the fork), still come in the serial order
    root = make_repo(
        {
            **BROKEN,
            "policycheck.yaml": "organization: {name: X}\nteams: [{id: a}, {id: a}]\nbogus: 1\n",
            "categories.yaml": "categories:\n  - {id: Bad Id}\n  - [not, a, mapping]\n",
            "purposes.yaml": "purposes: [unclosed\n",
            "systems/sub/x.yaml": "name: X\n",
            "processors/notes.txt": "not yaml\n",
        }
    )
    kind, problems = _serial(root, monkeypatch)
    files = [p.file for p in problems]
    assert kind == "problems" and files.index("policycheck.yaml") < files.index("systems/sub")
    assert {"categories.yaml", "purposes.yaml", "processors/notes.txt"} <= set(files)
    assert _outcome(root) == (kind, problems)
    assert len(forks) == 2 and all(n > 0 for n in forks)


def test_workers_are_stopped_when_the_parent_fails_beside_them(
    make_repo: MakeRepo, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _broken(make_repo)
    stopped: list[int] = []
    real_stop = parallel.stop

    def stop(worker: tuple[int, int]) -> None:
        stopped.append(worker[0])
        real_stop(worker)

    def fail(ld: Any) -> Any:
        raise RuntimeError("a bug while reading policycheck.yaml")

    monkeypatch.setattr(parallel, "stop", stop)
    monkeypatch.setattr(repo_module, "_single_files", fail)
    with pytest.raises(RuntimeError, match="a bug"):
        repo_module.load_repo(root, use_cache=False)
    assert len(stopped) == 2 and forks == []  # both workers stopped (and reaped), none taken
    for pid in stopped:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def _in_worker(parent: int, action: Callable[[], None], real: Callable[..., Any]) -> Callable[..., Any]:
    def entity_file(self: Any, *args: Any) -> Any:
        if os.getpid() != parent:
            action()
        return real(self, *args)

    return entity_file


def _raise() -> None:
    raise RuntimeError("worker failed")


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _exit() -> None:
    os._exit(0)  # exits "successfully", without an answer


def _print() -> None:
    print("a worker must never print")
    os.write(2, b"nor write to stderr\n")
    raise SystemExit(3)


@pytest.mark.parametrize("action", [_raise, _die, _exit, _print], ids=lambda f: f.__name__)
def test_a_failing_worker_falls_back_to_the_serial_load(
    action: Callable[[], None],
    make_repo: MakeRepo,
    forks: list[int],
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    root = _broken(make_repo)
    expected = _serial(root, monkeypatch)
    real = repo_module._Loader.entity_file
    monkeypatch.setattr(repo_module._Loader, "entity_file", _in_worker(os.getpid(), action, real))
    assert _outcome(root) == expected
    assert forks == [0, 0]  # nothing taken from the workers
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_a_worker_answer_that_is_not_a_result_is_ignored(
    make_repo: MakeRepo, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _broken(make_repo)
    expected = _serial(root, monkeypatch)
    monkeypatch.setattr(parallel, "dumps", lambda value: pickle.dumps(([("not", "it")], None)))
    assert _outcome(root) == expected
    assert forks == [0, 0]
    monkeypatch.setattr(parallel, "dumps", lambda value: b"\x80\x05garbage")
    assert _outcome(root) == expected
    assert forks == [0, 0, 0, 0]


def test_jobs_1_is_serial(monkeypatch: pytest.MonkeyPatch, forks: list[int]) -> None:
    monkeypatch.setenv(workers.JOBS_ENV, "1")
    started: list[int] = []
    monkeypatch.setattr(parallel, "_start", lambda ld, chunk: started.append(1))
    repo_module.load_repo(ORG_EXAMPLE, use_cache=False)
    assert started == [] and forks == []


def test_small_repos_are_read_serially(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(workers.JOBS_ENV, "2")
    started: list[int] = []
    monkeypatch.setattr(parallel, "_start", lambda ld, chunk: started.append(1))
    repo_module.load_repo(ORG_EXAMPLE, use_cache=False)
    assert started == []  # org_example pays no fork


@pytest.mark.parametrize(
    ("value", "expected"), [("1", 1), ("2", 2), ("0", 1), ("-3", 1), ("many", 1), ("64", workers.MAX_JOBS)]
)
def test_jobs_from_the_environment(value: str, expected: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(workers.JOBS_ENV, value)
    assert workers.jobs() == expected


def test_split_keeps_every_file_in_order() -> None:
    tasks: list[Any] = [(str(i), str(i), None, "system") for i in range(1001)]
    for n in range(1, 6):
        chunks = parallel._split(tasks, n)
        assert len(chunks) == n and [t for c in chunks for t in c] == tasks
        assert all(chunks)


def test_parallel_load_fills_the_file_cache_and_the_trace(
    tmp_path: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    with cache.tracing() as parallel_trace:
        first = _contents(repo_module.load_repo(ORG_EXAMPLE, use_cache=True))
    assert sum(forks) > 0
    # a second, serial load parses nothing: every file came from the cache the parallel load filled
    parsed: list[str] = []
    real = repo_module.read_yaml
    monkeypatch.setattr(repo_module, "read_yaml", lambda *a, **k: parsed.append(a[1]) or real(*a, **k))
    monkeypatch.setenv(workers.JOBS_ENV, "1")
    with cache.tracing() as serial_trace:
        second = _contents(repo_module.load_repo(ORG_EXAMPLE, use_cache=True))
    assert parsed == [] and second == first
    # the output cache's record of what was read lists the workers' files too
    assert sorted(parallel_trace) == sorted(serial_trace)
    assert any("/systems/" in path for kind, path, _ in parallel_trace if kind == "file")


def test_cli_output_is_the_same_in_parallel(forks: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    for org in (ORG_EXAMPLE, FIXTURES / "07-broken-many"):
        args = ("check", str(org), "--as-of", "2026-11-28", "--format", "json")
        parallel_out = run_cli(*args)
        monkeypatch.setenv(workers.JOBS_ENV, "1")
        serial_out = run_cli(*args)
        monkeypatch.setenv(workers.JOBS_ENV, "3")
        assert (parallel_out.exit_code, parallel_out.output) == (serial_out.exit_code, serial_out.output)


def test_compact_pickles_read_back_equal() -> None:
    repo = repo_module.load_repo(ORG_EXAMPLE, use_cache=False)
    models = [*repo.systems.values(), *repo.processors.values(), repo.config, repo.privacy_notice]
    back = pickle.loads(compact.dumps(models))
    assert back == models
    for old, new in zip(models, back, strict=True):
        assert type(new) is type(old)
        assert new.model_fields_set == old.model_fields_set
        assert new.model_dump() == old.model_dump()
    assert len(compact.dumps(models)) < len(pickle.dumps(models, protocol=pickle.HIGHEST_PROTOCOL))


def test_a_process_with_other_threads_loads_serially(monkeypatch: pytest.MonkeyPatch, forks: list[int]) -> None:
    import threading

    monkeypatch.setattr(parallel, "_other_threads", OTHER_THREADS)
    started: list[int] = []
    monkeypatch.setattr(parallel, "_start", lambda ld, chunk: started.append(1))
    if OTHER_THREADS():
        pytest.skip("another test left a thread running")
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        repo_module.load_repo(ORG_EXAMPLE, use_cache=False)
    finally:
        release.set()
        other.join()
    assert started == []
    repo_module.load_repo(ORG_EXAMPLE, use_cache=False)
    assert started == [1, 1]  # alone again: org_example in three processes (MIN_FILES is 1 here)
