"""The rules on more than one core (policycheck.rules.parallel): the serial result, or the serial run itself.

Each comparison holds every field of every finding and waived finding (the message in each
language asked for, the evidence, the fingerprint) and their order to those of a serial run.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import pickle
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from policycheck import workers
from policycheck.errors import InvalidInput
from policycheck.findings import CheckResult, Finding
from policycheck.graph import DataMap, Withheld, facts
from policycheck.load.repo import load_repo
from policycheck.model import Repo
from policycheck.rules import engine, parallel
from policycheck.rules.pack import Rule, load_pack
from tests.conftest import ORG_EXAMPLE, run_cli

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = sorted(p for p in (ROOT / "tests" / "fixtures" / "orgs").iterdir() if p.is_dir())
AS_OF = dt.date(2026, 11, 28)
OTHER_THREADS = parallel._other_threads


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Small organizations of both generators, with different seeds."""
    base = tmp_path_factory.mktemp("generated")
    out = []
    for script, systems, seed in (
        ("generate_messy_org.py", "150", "7"),
        ("generate_messy_org.py", "60", "11"),
        ("generate_org.py", "120", "5"),
    ):
        org = base / f"{script.removesuffix('.py')}-{seed}"
        cmd = [sys.executable, str(ROOT / "benchmarks" / script), str(org), "--systems", systems, "--seed", seed]
        subprocess.run(cmd, check=True, capture_output=True)
        out.append(org)
    return out


class Dealt:
    """A queue that deals the rules alternately (the parent the even ones, the worker the odd
    ones), so that both sides certainly evaluate some whatever the machine's load."""

    def __init__(self, n: int) -> None:
        self.parent = os.getpid()
        self.left = list(range(n))

    @classmethod
    def of(cls, n: int) -> Dealt:
        return cls(n)

    def take(self) -> int | None:
        side = 0 if os.getpid() == self.parent else 1
        for i in self.left:
            if i % 2 == side:
                self.left.remove(i)
                return i
        return None

    def close_writer(self) -> None:
        pass

    def close(self) -> None:
        pass


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Any repo goes parallel (two processes, the rules dealt alternately); collects the number of
    rules each worker's answer was taken for (0: the worker failed, the parent evaluated them)."""
    monkeypatch.setattr(parallel, "MIN_NODES", 0)
    monkeypatch.setattr(parallel, "_other_threads", lambda: False)  # whatever other tests left running
    monkeypatch.setattr(parallel, "_Queue", Dealt)
    monkeypatch.setenv(workers.JOBS_ENV, "2")
    taken: list[int] = []
    real = parallel._collect

    def spy(worker: Any, n: int, done: dict[int, list[Finding]]) -> None:
        before = len(done)
        real(worker, n, done)
        taken.append(len(done) - before)

    monkeypatch.setattr(parallel, "_collect", spy)
    return taken


def _everything(result: CheckResult) -> tuple[Any, ...]:
    def fields(f: Finding) -> tuple[Any, ...]:
        assert f.render is None
        return (*(getattr(f, name) for name in f.__dataclass_fields__ if name != "render"),)

    return (
        [fields(f) for f in result.findings],
        [(fields(w.finding), w.waiver, w.reason, w.expires, w.approved_by) for w in result.waived],
        result.baselined,
        result.rules_run,
    )


def _run(repo: Repo, rules: list[Rule], lang: str, langs: tuple[str, ...]) -> tuple[Any, ...]:
    try:
        return _everything(engine.run(repo, rules, AS_OF, lang, langs=langs))
    finally:
        DataMap.forget()  # the next run builds its own data map: nothing computed is shared


def _serial(repo: Repo, rules: list[Rule], lang: str, langs: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> Any:
    with monkeypatch.context() as m:
        m.setenv(workers.JOBS_ENV, "1")
        return _run(repo, rules, lang, langs)


def _loaded(orgs: list[Path]) -> Iterator[tuple[Path, Repo, list[Rule]]]:
    for org in orgs:
        try:
            yield org, load_repo(org, use_cache=False), load_pack(org)
        except InvalidInput:
            continue  # a fixture of invalid input


def test_parallel_rules_equal_serial_on_every_organization(
    generated: list[Path], answers: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    compared = 0
    for org, repo, rules in _loaded([ORG_EXAMPLE, *FIXTURES, *generated]):
        for lang, langs in (("en", ("en",)), ("sv", ("sv",)), ("sv", ("en", "sv"))):
            expected = _serial(repo, rules, lang, langs, monkeypatch)
            del answers[:]
            assert _run(repo, rules, lang, langs) == expected, (org.name, lang)
            assert len(answers) == 1 and answers[0] > 0  # the worker did answer for rules
            compared += len(expected[0])
    assert compared > 5_000  # the generated organizations have many findings


def test_three_processes_taking_rules_as_they_come_equal_serial(
    generated: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "MIN_NODES", 0)
    monkeypatch.setattr(parallel, "_other_threads", lambda: False)
    monkeypatch.setenv(workers.JOBS_ENV, "3")
    started: list[int] = []
    real = parallel._start
    monkeypatch.setattr(parallel, "_start", lambda *args: started.append(1) or real(*args))
    for _, repo, rules in _loaded([ORG_EXAMPLE, *generated]):
        assert _run(repo, rules, "en", ("en",)) == _serial(repo, rules, "en", ("en",), monkeypatch)
    assert len(started) == 2 * 4


def test_waivers_apply_the_same(make_repo: Any, answers: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    org = FIXTURES[[p.name for p in FIXTURES].index("18-probe-waivers")]
    repo, rules = load_repo(org, use_cache=False), load_pack(org)
    expected = _serial(repo, rules, "en", ("en",), monkeypatch)
    assert expected[1]  # some findings are waived
    assert _run(repo, rules, "en", ("en",)) == expected
    assert answers and answers[0] > 0


def _serial_then_parallel(args: tuple[str, ...], answers: list[int], monkeypatch: pytest.MonkeyPatch) -> Result:
    """Run the command line serially, then with a worker that takes rules; assert both printed the
    same (and that the worker answered for some rules). The serial run's result."""
    with monkeypatch.context() as m:
        m.setenv(workers.JOBS_ENV, "1")
        serial = run_cli(*args)
    assert answers == []
    parallel_ = run_cli(*args)
    assert answers and answers[0] > 0
    assert (parallel_.exit_code, parallel_.output) == (serial.exit_code, serial.output)
    return serial


@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("fmt", ["json", "sarif", "text"])
def test_check_prints_the_serial_bytes(
    generated: list[Path], answers: list[int], monkeypatch: pytest.MonkeyPatch, lang: str, fmt: str
) -> None:
    args = ("check", str(generated[0]), "--as-of", AS_OF.isoformat(), "--format", fmt, "--lang", lang, "--no-cache")
    serial = _serial_then_parallel(args, answers, monkeypatch)
    assert serial.exit_code == 1 and len(serial.output) > 10_000


@pytest.mark.parametrize(
    "command",
    [
        ("report", "--format", "html"),
        ("report", "--format", "markdown", "--lang", "sv"),
        ("transparency", "--format", "json", "--allow-findings"),
        ("transparency", "--format", "html", "--lang", "sv"),
    ],
    # the agents' answer sheet evaluates no rule (tests/support/test_transparency_rules.py)
    ids=["report-html", "report-md-sv", "transparency-json", "transparency-html-sv"],
)
def test_report_and_transparency_print_the_serial_bytes(
    generated: list[Path], answers: list[int], monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    """Both render from findings in their one language, so their rules may run on both cores."""
    name, *options = command
    args = (name, str(generated[0]), "--as-of", AS_OF.isoformat(), *options)
    monkeypatch.setenv("POLICYCHECK_NO_CACHE", "1")
    serial = _serial_then_parallel(args, answers, monkeypatch)
    assert len(serial.output) > 5_000  # a page, or (without --allow-findings) the blocking findings


def _in_worker(action: Callable[[], object]) -> Callable[[Callable[..., list[Finding]]], Any]:
    """A rule evaluation that does ``action`` in a worker (and evaluates normally in the parent)."""
    parent = os.getpid()
    real = engine._evaluate_rule

    def evaluate(*args: Any, **kwargs: Any) -> list[Finding]:
        if os.getpid() != parent:
            action()
        return real(*args, **kwargs)

    return evaluate


def _raise() -> None:
    raise RuntimeError("worker failed")


def _kill() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _exit() -> None:
    os._exit(0)  # "success", with no answer


@pytest.mark.parametrize("action", [_raise, _kill, _exit], ids=["raises", "killed", "exits-silently"])
def test_a_failed_worker_falls_back_to_the_parent(
    generated: list[Path], answers: list[int], monkeypatch: pytest.MonkeyPatch, action: Callable[[], None]
) -> None:
    repo, rules = load_repo(generated[0], use_cache=False), load_pack(generated[0])
    expected = _serial(repo, rules, "en", ("en",), monkeypatch)
    monkeypatch.setattr(engine, "_evaluate_rule", _in_worker(action))
    assert _run(repo, rules, "en", ("en",)) == expected
    assert answers == [0]


def _items(payload: bytes) -> list[Any]:
    """What a worker's answer holds: (rule index, rows of fields) for each rule it took, then None."""
    answer = pickle.Unpickler(io.BytesIO(payload))
    items = []
    while (item := answer.load()) is not None:
        items.append(item)
    return items


def _dumps(*items: Any) -> bytes:
    return b"".join(pickle.dumps(item) for item in items)


GARBLED: dict[str, Callable[[bytes], bytes]] = {
    "not-a-pickle": lambda payload: b"not a pickle",
    "cut-short": lambda payload: payload[:-30],
    "no-end": lambda payload: _dumps(*_items(payload)),
    "empty": lambda payload: b"",
    "a-list": lambda payload: _dumps(["a", "list"], None),
    "not-a-row": lambda payload: _dumps(*((i, [*rows, "not a row"]) for i, rows in _items(payload)), None),
    "short-rows": lambda payload: _dumps(*((i, [row[:-1] for row in rows]) for i, rows in _items(payload)), None),
    "rows-a-tuple": lambda payload: _dumps(*((i, tuple(rows)) for i, rows in _items(payload)), None),
    "no-such-rule": lambda payload: _dumps(*_items(payload), (10_000, []), None),
    "the-parents-rule": lambda payload: _dumps(*_items(payload), (0, []), None),  # 0 is the parent's
    "a-rule-twice": lambda payload: _dumps(*_items(payload), _items(payload)[0], None),
    "index-a-string": lambda payload: _dumps(*((str(i), rows) for i, rows in _items(payload)), None),
}


@pytest.mark.parametrize("garble", GARBLED)
def test_a_garbled_answer_is_not_taken(
    generated: list[Path], answers: list[int], monkeypatch: pytest.MonkeyPatch, garble: str
) -> None:
    repo, rules = load_repo(generated[1], use_cache=False), load_pack(generated[1])
    expected = _serial(repo, rules, "sv", ("sv",), monkeypatch)
    monkeypatch.setattr(parallel, "_answer", lambda spool: io.BytesIO(GARBLED[garble](spool.read())))
    assert _run(repo, rules, "sv", ("sv",)) == expected
    assert answers == [0]


def test_a_rule_failing_in_the_parent_fails_as_in_a_serial_run(
    generated: list[Path], answers: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, rules = load_repo(generated[0], use_cache=False), load_pack(generated[0])
    real = engine._evaluate_rule

    def failing(c: engine.Configured, *args: Any, **kwargs: Any) -> list[Finding]:
        if c.rule.id in ("no-audit-log", "dpa-scope-gap"):
            raise RuntimeError(c.rule.id)
        return real(c, *args, **kwargs)

    monkeypatch.setattr(engine, "_evaluate_rule", failing)
    with pytest.raises(RuntimeError) as serial:
        _serial(repo, rules, "en", ("en",), monkeypatch)
    with pytest.raises(RuntimeError) as in_parallel:
        _run(repo, rules, "en", ("en",))
    assert str(in_parallel.value) == str(serial.value) == "dpa-scope-gap"  # the first in the rules' order


def test_no_worker_when_serial_is_asked_for_or_cheaper(generated: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[int] = []
    monkeypatch.setattr(parallel, "_start", lambda *args: started.append(1))
    monkeypatch.setattr(parallel, "_other_threads", lambda: False)
    monkeypatch.setenv(workers.JOBS_ENV, "2")
    repo, rules = load_repo(ORG_EXAMPLE, use_cache=False), load_pack(ORG_EXAMPLE)
    assert len(repo.systems) + len(repo.processors) + len(repo.recipients) < parallel.MIN_NODES
    _run(repo, rules, "en", ("en",))  # org_example: too small to pay for a fork
    assert started == []
    monkeypatch.setattr(parallel, "MIN_NODES", 0)
    with monkeypatch.context() as m:
        m.setenv(workers.JOBS_ENV, "1")
        _run(repo, rules, "en", ("en",))
    engine.run(repo, rules, AS_OF, "en")  # findings that keep a renderer (no ``langs``) stay here
    DataMap.forget()
    with monkeypatch.context() as m:
        m.delattr(parallel.os, "fork")
        _run(repo, rules, "en", ("en",))
    assert started == []
    _run(repo, rules, "en", ("en",))
    assert started == [1]


def test_a_process_with_other_threads_evaluates_serially(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    if OTHER_THREADS():
        pytest.skip("another test left a thread running")
    started: list[int] = []
    monkeypatch.setattr(parallel, "_start", lambda *args: started.append(1))
    monkeypatch.setattr(parallel, "MIN_NODES", 0)
    monkeypatch.setenv(workers.JOBS_ENV, "2")
    repo, rules = load_repo(ORG_EXAMPLE, use_cache=False), load_pack(ORG_EXAMPLE)
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        _run(repo, rules, "en", ("en",))
    finally:
        release.set()
        other.join()
    assert started == []
    _run(repo, rules, "en", ("en",))
    assert started == [1]


def test_shared_facts_are_facts_of_the_data_map() -> None:
    for name in parallel.SHARED_FACTS:
        assert name in DataMap.__dict__, name  # a cached property: computed once, inherited by the workers


def test_a_shared_fact_that_fails_fails_where_a_rule_asks(
    generated: list[Path], answers: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, rules = load_repo(generated[0], use_cache=False), load_pack(generated[0])
    monkeypatch.setattr(parallel, "SHARED_FACTS", ("held", "no_such_fact"))
    assert _run(repo, rules, "en", ("en",)) == _serial(repo, rules, "en", ("en",), monkeypatch)


def test_a_worker_gives_the_rules_that_need_the_holdings_back_to_the_parent(
    generated: list[Path], answers: list[int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The parent computes the holdings after the fork; a worker never does (here it would fail,
    and the parent would evaluate all its rules): it gives back the rules that ask for them."""
    parent = os.getpid()
    real_holdings = facts.holdings

    def holdings(*args: Any) -> Any:
        if os.getpid() != parent:
            os._exit(3)  # a worker computing the holdings: no answer at all
        return real_holdings(*args)

    # what the worker gives back, written by the worker itself (the parent may see a rule given
    # back late only at the end, when it evaluates what no worker answered for, not via take)
    log = tmp_path / "given"
    real_give = parallel._Back.give

    def give(self: parallel._Back, i: int) -> None:
        fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        try:
            os.write(fd, f"{i}\n".encode())
        finally:
            os.close(fd)
        real_give(self, i)

    for org in generated:
        repo, rules = load_repo(org, use_cache=False), load_pack(org)
        expected = _serial(repo, rules, "sv", ("en", "sv"), monkeypatch)
        log.write_text("", encoding="utf-8")
        with monkeypatch.context() as m:
            m.setattr(facts, "holdings", holdings)
            m.setattr(parallel._Back, "give", give)
            del answers[:]
            assert _run(repo, rules, "sv", ("en", "sv")) == expected, org.name
        given = log.read_text(encoding="utf-8").split()
        assert len(answers) == 1 and answers[0] > 0  # the worker answered for the rules it kept
        assert given  # and gave some back: the holdings' rules dealt to it
        assert len(set(given)) == len(given)


def test_a_data_map_withholds_the_holdings_and_what_is_made_of_them() -> None:
    repo = load_repo(ORG_EXAMPLE, use_cache=False)
    dmap = DataMap(repo, AS_OF)
    dmap.withhold("held")
    for name in ("held", "holdings", "transfers", "engaged_processors"):
        with pytest.raises(Withheld):
            getattr(dmap, name)
    assert "held" not in dmap.__dict__
    # what is not made of the holdings is computed as ever (a worker evaluates those rules)
    plain = DataMap(repo, AS_OF)
    assert dmap.processed_for == plain.processed_for and dmap.purposes_at == plain.purposes_at
    assert dmap.inflows == plain.inflows
    # a fact already computed is not withheld
    assert plain.held is not None
    plain.withhold("held")
    assert plain.holdings == DataMap(repo, AS_OF).holdings


def test_the_parent_takes_given_back_rules_first_and_ignores_what_is_not_a_rule() -> None:
    back = parallel._Back.of()
    queue = parallel._Queue.of(6)
    assert back is not None and queue is not None
    try:
        queue.close_writer()  # as after the fork: the queue ends when it is empty
        assert (queue.take(), queue.take()) == (0, 1)  # a worker took these two
        for i in (1, 99, 1):  # it gives 1 back; 99 is no rule; 1 once more is evaluated already
            back.give(i)
        done: dict[int, list[Finding]] = {}
        taken = []
        while (i := parallel._next(back, queue, 6, done)) is not None:
            taken.append(i)
            done[i] = []
        assert taken == [1, 2, 3, 4, 5]  # what came back first, then the queue; 0 is the worker's
    finally:
        back.close()
        queue.close()


def _run_dropping(repo: Repo, rules: list[Rule], lang: str, langs: tuple[str, ...]) -> tuple[Any, ...]:
    """As _run, with the data map let go afterwards (``check``): the parent drops the facts before the answers."""
    try:
        return _everything(engine.run(repo, rules, AS_OF, lang, langs=langs, keep_map=False))
    finally:
        DataMap.forget()


@pytest.fixture
def dropped(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of facts the data map had when each drop_facts was called (in this process)."""
    real = DataMap.drop_facts
    counts: list[int] = []

    def spy(self: DataMap) -> None:
        counts.append(len([k for k in self.__dict__ if k in ("held", "inflows", "anonymized", "processed_for")]))
        real(self)
        assert not {"held", "inflows", "anonymized"} & self.__dict__.keys()

    monkeypatch.setattr(DataMap, "drop_facts", spy)
    return counts


def test_dropping_the_facts_before_the_answers_gives_the_serial_result(
    generated: list[Path], answers: list[int], dropped: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    for org, repo, rules in _loaded([ORG_EXAMPLE, *generated]):
        for lang, langs in (("en", ("en",)), ("sv", ("sv",))):
            expected = _serial(repo, rules, lang, langs, monkeypatch)
            del answers[:], dropped[:]
            assert _run_dropping(repo, rules, lang, langs) == expected, (org.name, lang)
            assert len(answers) == 1 and answers[0] > 0
            assert dropped and dropped[0] > 0  # it had facts, and let them go
            del dropped[:]
            _run(repo, rules, lang, langs)  # a kept map (report, transparency): nothing is dropped
            assert dropped == []


@pytest.mark.parametrize("garble", ["cut-short", "not-a-row"])
def test_a_failed_worker_after_the_facts_were_dropped_gives_the_serial_result(
    generated: list[Path], answers: list[int], dropped: list[int], monkeypatch: pytest.MonkeyPatch, garble: str
) -> None:
    """The failed worker's rules are evaluated by the parent after the drop: the facts are computed again."""
    repo, rules = load_repo(generated[0], use_cache=False), load_pack(generated[0])
    expected = _serial(repo, rules, "en", ("en",), monkeypatch)
    monkeypatch.setattr(parallel, "_answer", lambda spool: io.BytesIO(GARBLED[garble](spool.read())))
    assert _run_dropping(repo, rules, "en", ("en",)) == expected
    assert answers == [0] and dropped


def test_rules_given_back_late_are_evaluated_before_the_facts_are_dropped(
    generated: list[Path], answers: list[int], dropped: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A slow worker gives rules back after the parent took its last one: the parent waits for the
    worker's answer to begin, evaluates them, and only then drops the facts (computed once here)."""
    parent = os.getpid()
    real_evaluate, real_holdings = engine._evaluate_rule, facts.holdings
    computed: list[int] = []

    def slow(*args: Any, **kwargs: Any) -> list[Finding]:
        if os.getpid() != parent:
            import time

            time.sleep(0.02)
        return real_evaluate(*args, **kwargs)

    def holdings(*args: Any) -> Any:
        computed.append(os.getpid())
        return real_holdings(*args)

    monkeypatch.setattr(engine, "_evaluate_rule", slow)
    monkeypatch.setattr(facts, "holdings", holdings)
    for org in generated[:2]:
        repo, rules = load_repo(org, use_cache=False), load_pack(org)
        expected = _serial(repo, rules, "en", ("en",), monkeypatch)
        del answers[:], dropped[:], computed[:]
        assert _run_dropping(repo, rules, "en", ("en",)) == expected, org.name
        assert len(answers) == 1 and answers[0] > 0 and len(dropped) == 1
        assert computed == [parent]  # never again after the drop


def test_a_worker_without_a_temporary_file_answers_from_memory(
    generated: list[Path], answers: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    def refuse() -> Any:
        raise OSError("no temporary directory")

    monkeypatch.setattr(tempfile, "TemporaryFile", refuse)
    assert isinstance(parallel._spool(), io.BytesIO)
    repo, rules = load_repo(generated[1], use_cache=False), load_pack(generated[1])
    expected = _serial(repo, rules, "en", ("en",), monkeypatch)
    del answers[:]
    assert _run(repo, rules, "en", ("en",)) == expected
    assert len(answers) == 1 and answers[0] > 0  # the worker answered, from memory
