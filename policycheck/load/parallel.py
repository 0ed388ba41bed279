"""Read and validate a large repo's entity files on more than one core.

The files of systems/, processors/ and recipients/ are most of a repo and independent
of each other until they are cross-checked, so they are split into contiguous runs:
once they are listed (:func:`start`), forked workers read and validate all runs but the
first while the parent reads the repo's single files (policycheck.yaml, categories.yaml,
purposes.yaml) and the first run itself, and the parent then takes each worker's results,
in order (:func:`finish`). The loader merges them
exactly where the serial load would have read those files, so problems, positions
and models are the same, in the same order.

A worker never prints (its output goes to /dev/null) and never raises: whatever goes
wrong in it (an exception, a crash, a kill, a result that does not unpickle or does
not match what it was given), the parent reads those files itself, serially, as if
there had been no worker. There are no workers where ``os.fork`` is missing, for
small repos (:data:`MIN_FILES`), when the file cache already holds most files (then
unpickling in one process is cheaper than parsing in two), in a process that runs
other threads (a fork would copy their locks in whatever state they are) and when
``POLICYCHECK_JOBS=1``.

Results travel as one pickle per worker: for a file, its problems, its position
table (the value data is not needed for a valid file), the model (or, for an invalid
file, its data) and its new file-cache entry, which the parent's cache adopts (so a
parallel load fills the file cache as a serial one does).
"""

from __future__ import annotations

import itertools
import os
import pickle
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from policycheck import cache
from policycheck.errors import Problem
from policycheck.load.compact import dumps
from policycheck.load.yamlread import Document
from policycheck.workers import exited_ok, fork_piped, jobs, silence, stop
from policycheck.workers import other_threads as _other_threads  # a seam the tests replace

if TYPE_CHECKING:
    from pydantic import BaseModel

#: a repo with fewer entity files than this is read serially (a fork, and pickling the results,
#: cost more than they save for org_example's hundred files); also the least a worker is given
MIN_FILES = 400
#: the parent's part of the files, relative to a worker's. Measured (CPU of each part, 5,000 systems):
#: a worker's file, its pickling included, costs 0.98x (messy generator) to 1.09x (project generator)
#: of one of the parent's (the runs hold different kinds of files), and the parent also reads the
#: single files meanwhile: the best weight is 0.95 and 1.05, so equal parts (about 0.013 s apart
#: either way). Unpickling comes after both: it does not count (docs/performance.md, sixth pass)
PARENT_WEIGHT = 1.0

#: one file to read: its path, its id (the file name), the model and the kind of entity
Task = tuple[str, str, "type[BaseModel]", str]
#: one file's result as it travels: path, problems, positions, model, invalid data, cache key and entry
_Sent = tuple[str, list[Any], Any, Any, Any, "str | None", "dict[Any, Any] | None"]


#: what reading and validating one entity file gives: its problems in order, its document (None when
#: there is nothing to record), the model (None when invalid) and the data of an invalid one
EntityResult = tuple[list[Problem], Document | None, Any, dict[str, Any] | None]


class _Loader(Protocol):
    """What this module uses of the loader (policycheck.load.repo._Loader)."""

    cache: cache.FileCache | None
    keys: dict[str, str]

    def entity_file(self, rel: str, stem: str, model: type[BaseModel], kind: str) -> EntityResult: ...


def entity_step(model: type[BaseModel], kind: str, stem: str) -> tuple[str, str, str, str]:
    """The file-cache step of one entity file read and validated (:meth:`_Loader.entity_file`)."""
    return ("entity", model.__name__, kind, stem)



def _split(tasks: Sequence[Task], n: int) -> list[Sequence[Task]]:
    """``n`` contiguous runs of ``tasks``, the first (the parent's) weighted by PARENT_WEIGHT."""
    total = PARENT_WEIGHT + (n - 1)
    cuts = [0]
    for i in range(1, n):
        cuts.append(round(len(tasks) * (PARENT_WEIGHT + (i - 1)) / total))
    cuts.append(len(tasks))
    return [tasks[a:b] for a, b in itertools.pairwise(cuts)]


#: the workers started for a load: their chunks (the parent's first) and each worker (None when it
#: could not be started, or is taken already)
Started = tuple[list[Sequence[Task]], list["tuple[int, int] | None"]]


def start(ld: _Loader, tasks: Sequence[Task]) -> Started | None:
    """Fork the workers that read and validate their runs of ``tasks``; None when the load stays serial.

    The parent goes on with what it reads itself (the single files of the repo) and then
    :func:`finish`; on any failure in between it must :func:`abandon` the workers.
    """
    n = jobs()
    if n < 2 or not hasattr(os, "fork") or len(tasks) < MIN_FILES:
        return None
    if ld.cache is not None and max(ld.cache.stored(), len(ld.cache.shared or ())) * 2 >= len(tasks):
        return None  # most files are at hand already (the file cache, or diff's other side)
    if _other_threads():
        return None
    n = min(n, len(tasks) // MIN_FILES + 1)
    chunks = _split(tasks, n)
    for model in {task[2] for task in tasks}:
        # the validators are built before the fork, once, not in every process (pydantic builds a
        # model's validator on first use: defer_build); the same call as model_validate's
        model.__pydantic_validator__.validate_python  # noqa: B018
    return chunks, [_start(ld, chunk) for chunk in chunks[1:]]


def finish(ld: _Loader, started: Started | None) -> dict[str, EntityResult]:
    """Read the parent's run of files and take the workers' results: every result by path (empty
    without workers). A path missing from the answer (a worker failed) is read by the loader as it goes.
    """
    if started is None:
        return {}
    chunks, workers = started
    done: dict[str, EntityResult] = {}
    try:
        for rel, stem, model, kind in chunks[0]:
            problems, doc, obj, data = ld.entity_file(rel, stem, model, kind)
            # only the position table is kept (as a worker sends it), not the values until merged
            done[rel] = (problems, Document(None, doc.positions) if doc is not None else None, obj, data)
        for i, chunk in enumerate(chunks[1:]):
            worker, workers[i] = workers[i], None
            if worker is not None:
                _collect(ld, worker, chunk, done)
    except BaseException:
        abandon(started)
        raise
    return done


def abandon(started: Started | None) -> None:
    """Stop the workers whose results are no longer wanted (the load failed in the parent)."""
    if started is None:
        return
    workers = started[1]
    for i, left in enumerate(workers):
        if left is not None:
            workers[i] = None
            stop(left)


def _start(ld: _Loader, chunk: Sequence[Task]) -> tuple[int, int] | None:
    """A forked worker reading ``chunk``: (its pid, the pipe its results come through), or None."""
    started = fork_piped()
    if started is None or started[0]:
        return started
    # the worker: never returns, never prints, never runs the parent's clean-up (os._exit)
    w = started[1]
    code = 1
    try:
        silence()
        trace = cache.restart_trace()
        sent: list[_Sent] = []
        for rel, stem, model, kind in chunk:
            problems, doc, obj, data = ld.entity_file(rel, stem, model, kind)
            key = ld.keys.get(rel)
            entry = ld.cache.new_entry(key) if ld.cache is not None and key is not None else None
            sent.append((rel, problems, doc.positions if doc is not None else None, obj, data, key, entry))
        payload = dumps((sent, trace))
        with os.fdopen(w, "wb") as out:
            out.write(payload)
        code = 0
    except BaseException: # any failure: the parent reads these files itself
        code = 1
    finally:
        os._exit(code)


def _collect(ld: _Loader, worker: tuple[int, int], chunk: Sequence[Task], done: dict[str, EntityResult]) -> None:
    """Take a worker's results into ``done`` (and its cache entries and trace), all or nothing."""
    pid, r = worker
    got: Any = None
    try:
        with os.fdopen(r, "rb") as pipe:  # unpickled as it streams in: no second copy in memory
            got = pickle.load(pipe)
    except Exception: # a worker that died, or wrote something else: read its files here
        got = None
    ok = exited_ok(pid)
    if not ok or not _valid(got, chunk):
        return
    sent, trace = got
    for (rel, problems, positions, obj, data, key, entry), (_, stem, model, kind) in zip(sent, chunk, strict=True):
        done[rel] = (problems, Document(None, positions) if positions is not None else None, obj, data)
        if key is not None and ld.cache is not None:
            ld.keys[rel] = key
            ld.cache.adopt(key, entry)
            if ld.cache.shared is not None:  # what the worker remembered for diff's other side
                ld.cache.shared[key, entity_step(model, kind, stem)] = (tuple(problems), positions, obj, data)
    cache.extend_trace(trace)


def _valid(got: Any, chunk: Sequence[Task]) -> bool:
    """Whether a worker's answer has the shape it should, for exactly the files it was given."""
    if not (isinstance(got, tuple) and len(got) == 2 and isinstance(got[0], list)):
        return False
    sent = got[0]
    if len(sent) != len(chunk):
        return False
    return all(
        isinstance(item, tuple) and len(item) == 7 and item[0] == task[0] and isinstance(item[1], list)
        for item, task in zip(sent, chunk, strict=True)
    )
