"""Evaluate the rules of one run on more than one core.

Once the repo is loaded and its data map built, :func:`evaluate` forks a worker (or more, see
:func:`policycheck.workers.jobs`) and the parent and the workers share out the rules: the rules'
indices wait in a pipe, and whichever process is free takes the next one (one read of a few
bytes, so no rule is taken twice), so the work balances itself whatever each rule costs, and a
worker that gets no core (a busy machine) simply takes fewer rules. Before the fork the parent
computes the facts that rules of several kinds ask for (:data:`SHARED_FACTS`), so that every
process inherits them instead of computing them again; the holdings (:data:`PARENT_FACTS`) it
computes right after the fork, while the workers already take rules: a worker's data map
withholds them, and a rule that asks for them there is given back to the parent, which takes
such rules first (the same rule, evaluated once, by the process that has them). A worker sends back the
findings of the rules it took (with ``langs``, a finding holds its message in the output's
languages and nothing of the evaluation: it pickles small), and the parent puts every rule's
findings in the rules' order: the result is exactly the serial one.

A worker never prints (its output goes to /dev/null) and never raises: whatever goes wrong in
it (an exception, a crash, a kill, an answer that does not unpickle or does not match what it
was given), the parent evaluates the rules it had taken itself, so no finding is ever lost.
If a rule fails in the parent, the workers are stopped and the rules run serially from the
first, so the same error surfaces as in a serial run. There are no workers where ``os.fork``
is missing, for small repos (:data:`MIN_NODES`), in a process that runs other threads (a fork
would copy their locks in whatever state they are) and when ``POLICYCHECK_JOBS=1``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import operator
import os
import pickle
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING, Any, TypeVar

from policycheck.findings import Finding
from policycheck.graph import Withheld
from policycheck.workers import exited_ok, fork_piped, jobs, silence, stop
from policycheck.workers import other_threads as _other_threads  # a seam the tests replace

if TYPE_CHECKING:
    from policycheck.graph import DataMap

T = TypeVar("T")

#: a repo with fewer systems, processors and recipients than this is evaluated in one process: its
#: rules take a tenth of a second or less, of which a second core saves a few hundredths for about
#: a fifth more CPU (the fork, the facts and subjects both processes compute, the transfer)
MIN_NODES = 400
#: facts of the data map that the rules of several kinds ask for (``inflows``): computed once
#: before the fork, inherited by every process
SHARED_FACTS = ("inflows",)
#: facts the parent computes right after the fork while the workers start on the rules, and that
#: the workers withhold (``held``: the holdings, a third of what stays serial otherwise, which a
#: fifth of the rules read): a rule that asks for one in a worker goes back to the parent
PARENT_FACTS = ("held",)
#: bytes per rule index in the pipe the processes take them from
_INDEX = 4
#: bytes a worker copies from its answer's file to the pipe at a time
_CHUNK = 1 << 20


def evaluate(
    tasks: Sequence[T],
    work: Callable[[T], list[Finding]],
    dmap: DataMap,
    release: Callable[[], None] | None = None,
) -> list[list[Finding]]:
    """``[work(task) for task in tasks]``, the tasks shared out between this process and forked
    workers when that pays (see the module's documentation); always the serial result.

    ``work`` must be a pure function of its task (the data map's facts are computed on demand
    and kept: they are), and its findings must hold no closure (``engine.run``'s ``langs``).
    ``release``, when given, is called once this process has evaluated its share and before it
    takes the workers' findings: it may let go of whatever ``work`` keeps (the data map's facts),
    provided ``work`` still gives the same findings afterwards (a failed worker's rules are
    evaluated here then).
    """
    n = _processes(len(tasks), dmap)
    if n < 2:
        return [work(task) for task in tasks]
    for name in SHARED_FACTS:
        with contextlib.suppress(Exception):  # a fact that fails fails again where a rule asks, as in serial
            getattr(dmap, name)
    queue = _Queue.of(len(tasks))
    if queue is None:
        return [work(task) for task in tasks]
    back = _Back.of()
    withheld = () if back is None else tuple(name for name in PARENT_FACTS if name not in dmap.__dict__)
    workers: list[tuple[int, int] | None] = []
    try:
        workers = [_start(queue, tasks, work, dmap, withheld, back) for _ in range(n - 1)]
        queue.close_writer()
        if back is not None:
            back.close_writer()
        for name in withheld:
            with contextlib.suppress(Exception):  # as SHARED_FACTS
                getattr(dmap, name)
        done: dict[int, list[Finding]] = {}
        try:
            # the rules a worker gave back first (they need what it withholds), then the next one
            while (i := _next(back, queue, len(tasks), done)) is not None:
                done[i] = work(tasks[i])
            if release is not None:
                # once every worker has finished its rules (its answer begins), no rule comes back
                # later: the last ones given back are evaluated here while the facts are still kept
                _wait_answers(workers)
                while (i := _next(back, queue, len(tasks), done)) is not None:
                    done[i] = work(tasks[i])
        except Exception:  # a rule failed here: the serial run, from the first rule, raises as it would
            for left in workers:
                if left is not None:
                    stop(left)
            workers = []
            return [work(task) for task in tasks]
        if release is not None:  # the workers' findings take the place of what it lets go
            release()
        for k, worker in enumerate(workers):
            workers[k] = None
            if worker is not None:
                _collect(worker, len(tasks), done)
    except BaseException:
        for left in workers:
            if left is not None:
                stop(left)
        raise
    finally:
        queue.close()
        if back is not None:
            back.close()
    # what a failed worker had taken (or had not answered for, or gave back late) is evaluated here, in order
    return [done[i] if i in done else work(task) for i, task in enumerate(tasks)]


def _wait_answers(workers: Sequence[tuple[int, int] | None]) -> None:
    """Wait until each worker's answer begins (or its pipe ends: a worker that failed); nothing is read."""
    import select

    for worker in workers:
        if worker is not None:
            select.select([worker[1]], [], [])


def _processes(tasks: int, dmap: DataMap) -> int:
    """How many processes evaluate the rules (1: serial, here)."""
    if tasks < 2 or not hasattr(os, "fork"):
        return 1
    repo = dmap.repo
    if len(repo.systems) + len(repo.processors) + len(repo.recipients) < MIN_NODES:
        return 1
    if _other_threads():
        return 1
    return min(jobs(), tasks)



class _Pipe:
    """A pipe's two ends (-1: closed)."""

    def __init__(self, r: int, w: int) -> None:
        self.r, self.w = r, w

    def close_writer(self) -> None:
        """Close the write end (after the fork): a reader then sees the end once the pipe is empty."""
        w, self.w = self.w, -1
        if w >= 0:
            with contextlib.suppress(OSError):
                os.close(w)

    def close(self) -> None:
        self.close_writer()
        r, self.r = self.r, -1
        if r >= 0:
            with contextlib.suppress(OSError):
                os.close(r)


class _Queue(_Pipe):
    """The rules' indices in a pipe that every process reads, one index per read (a read of a few
    bytes from a pipe is not split between readers), so each rule is taken once."""

    @classmethod
    def of(cls, n: int) -> _Queue | None:
        """A queue of ``0 .. n-1``, or None when the pipe cannot hold them (then: serial)."""
        try:
            r, w = os.pipe()
        except OSError:
            return None
        queue = cls(r, w)
        data = b"".join(i.to_bytes(_INDEX, "little") for i in range(n))
        try:
            os.set_blocking(w, False)  # a pipe smaller than the indices: no waiting for a reader
            written = os.write(w, data)
        except OSError:
            written = -1
        if written != len(data):
            queue.close()
            return None
        return queue

    def take(self) -> int | None:
        """The next rule's index, or None when every rule is taken."""
        data = os.read(self.r, _INDEX)
        return int.from_bytes(data, "little") if len(data) == _INDEX else None



def _next(back: _Back | None, queue: _Queue, n: int, done: dict[int, list[Finding]]) -> int | None:
    """The parent's next rule: one a worker gave back, else the next in ``queue``; None when none is left."""
    if back is not None:
        while (i := back.take()) is not None:
            if 0 <= i < n and i not in done:  # anything else is not a rule a worker took
                return i
    return queue.take()


class _Back(_Pipe):
    """The rules the workers give back to the parent (a rule that asks a worker for a fact it
    withholds: :data:`PARENT_FACTS`): a pipe of indices that the parent reads without waiting."""

    @classmethod
    def of(cls) -> _Back | None:
        """A pipe, or None (then the workers withhold nothing)."""
        try:
            r, w = os.pipe()
            os.set_blocking(r, False)
        except OSError:
            return None
        return cls(r, w)

    def give(self, i: int) -> None:
        """In a worker: give rule ``i`` back (a write of a few bytes to a pipe is whole; at most one per rule)."""
        os.write(self.w, i.to_bytes(_INDEX, "little"))

    def take(self) -> int | None:
        """In the parent: the next rule given back, or None when none is waiting."""
        try:
            data = os.read(self.r, _INDEX)
        except (BlockingIOError, InterruptedError):
            return None
        except OSError:
            return None
        return int.from_bytes(data, "little") if len(data) == _INDEX else None



def _start(
    queue: _Queue,
    tasks: Sequence[T],
    work: Callable[[T], list[Finding]],
    dmap: DataMap | None = None,
    withheld: tuple[str, ...] = (),
    back: _Back | None = None,
) -> tuple[int, int] | None:
    """A forked worker taking rules from ``queue``: (its pid, the pipe its findings come through), or
    None. Its data map withholds ``withheld``: a rule that asks for one goes ``back`` to the parent."""
    started = fork_piped()
    if started is None or started[0]:
        return started
    # the worker: never returns, never prints, never runs the parent's clean-up (os._exit)
    w = started[1]
    code = 1
    try:
        queue.close_writer()
        silence()
        if back is not None and dmap is not None and withheld:
            dmap.withhold(*withheld)
        # each rule's findings are pickled as soon as they are made (while the parent is still busy),
        # by one pickler, so that the strings and evidence they share travel once; into a file
        # until the parent reads them (tens of MB at 20,000 systems: not this process's memory)
        spool = _spool()
        pickler = pickle.Pickler(spool, protocol=pickle.HIGHEST_PROTOCOL)
        while (i := queue.take()) is not None:
            try:
                found = work(tasks[i])
            except Withheld:
                if back is None:
                    raise
                back.give(i)  # the parent evaluates it (with the holdings it computes meanwhile)
                continue
            pickler.dump((i, _rows(found)))
        pickler.dump(None)
        del pickler  # its memo: every row pickled
        spool.seek(0)
        answer = _answer(spool)
        with os.fdopen(w, "wb") as out:
            while chunk := answer.read(_CHUNK):
                out.write(chunk)
        code = 0
    except BaseException:  # any failure: the parent evaluates the rules this worker took
        code = 1
    finally:
        os._exit(code)


#: the fields of a finding that travel (a finding made with ``langs`` has no renderer)
_FIELDS = tuple(f.name for f in dataclasses.fields(Finding) if f.name != "render")
_row = operator.attrgetter(*_FIELDS)


def _rows(findings: list[Finding]) -> list[tuple[Any, ...]]:
    """``findings`` as tuples of their fields (half the cost of pickling the objects, both ways)."""
    if any(f.render is not None for f in findings):
        raise ValueError("a finding with a renderer cannot travel")
    return [_row(f) for f in findings]


def _spool() -> IO[bytes]:
    """Where a worker keeps its answer until the parent reads it: an anonymous temporary file,
    else (no temporary directory to write to) memory."""
    import tempfile

    try:
        return tempfile.TemporaryFile()
    except OSError:
        return io.BytesIO()


def _answer(spool: IO[bytes]) -> IO[bytes]:
    """What a worker sends, read from the start: for each rule it took, its index and its
    findings' fields, then None (a seam for the tests)."""
    return spool


def _collect(worker: tuple[int, int], n: int, done: dict[int, list[Finding]]) -> None:
    """Take a worker's findings into ``done``, all or nothing (nothing: the parent evaluates them)."""
    pid, r = worker
    got: dict[int, list[Finding]] = {}
    whole = False
    try:
        with os.fdopen(r, "rb") as pipe:  # unpickled as it streams in: no second copy in memory
            answer = pickle.Unpickler(pipe)
            while (item := answer.load()) is not None:
                _take(item, n, done, got)
            whole = True
    except Exception:  # a worker that died, or wrote something else
        whole = False
    ok = exited_ok(pid)
    if ok and whole:
        done.update(got)


def _take(item: Any, n: int, done: dict[int, list[Finding]], got: dict[int, list[Finding]]) -> None:
    """Add one rule's findings from a worker's answer to ``got``; ValueError when it is not what a
    worker sends: the findings of a rule that nobody else answered for."""
    if not (type(item) is tuple and len(item) == 2 and type(item[0]) is int and type(item[1]) is list):
        raise ValueError("not a rule's findings")
    i, rows = item
    if not 0 <= i < n or i in done or i in got:
        raise ValueError("not a rule of this worker's")
    if not all(type(row) is tuple and len(row) == len(_FIELDS) for row in rows):
        raise ValueError("not findings")
    got[i] = [Finding(*row) for row in rows]
