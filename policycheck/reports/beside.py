"""Draw a report's part on the second core while this process builds and writes the rest.

``report``'s data map picture (its layout, label placement and SVG: about a third of a large
report's own work) depends on the declarations and the findings' counts per node only, not on
the rest of the report, so a forked worker draws it while the parent builds the findings'
views and writes the HTML; the parent takes the picture when the HTML reaches it. What the
worker computes is exactly what the parent would (the same function over the same values,
inherited by the fork), so the report is byte for byte the same.

The worker never prints (its output goes to /dev/null) and never raises: whatever goes wrong in
it (an exception, a crash, a kill, an answer that does not unpickle or is not of the expected
type), the parent computes the part itself. There is no worker where ``os.fork`` is missing,
for small organizations (:data:`MIN_NODES`), in a process that runs other threads (a fork
would copy their locks in whatever state they are) and when ``POLICYCHECK_JOBS=1``.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
from collections.abc import Callable
from typing import Generic, TypeVar, cast

from policycheck.workers import exited_ok, fork_piped, jobs, silence, stop
from policycheck.workers import other_threads as _other_threads  # a seam the tests replace

T = TypeVar("T")

#: an organization with fewer systems, processors and recipients than this draws in one process
#: (its picture takes a few hundredths of a second: less than the fork)
MIN_NODES = 400


def may_fork(size: int, least: int | None = None) -> bool:
    """Whether a part of a report of ``size`` systems, processors and recipients (at least
    :data:`MIN_NODES`), or of another output of ``size`` items (at least ``least``), is worth a worker."""
    enough = size >= (MIN_NODES if least is None else least)
    return enough and hasattr(os, "fork") and jobs() >= 2 and not _other_threads()


class Beside(Generic[T]):
    """``make()``'s value: computed by a forked worker while this process goes on (``fork``), or
    here when it is asked for (no worker, or the worker failed)."""

    def __init__(self, make: Callable[[], T], kind: type, fork: bool) -> None:
        self._make = make
        self._kind = kind
        self._worker: tuple[int, int] | None = _start(make) if fork else None
        self._value: T | None = None
        self._done = False

    @property
    def forked(self) -> bool:
        """Whether a worker is computing the value (until it is taken)."""
        return self._worker is not None

    def result(self) -> T:
        """The value: the worker's answer, else computed here."""
        if not self._done:
            worker, self._worker = self._worker, None
            got = _collect(worker, self._kind) if worker is not None else None
            self._value = cast(T, got[0]) if got is not None else self._make()
            self._done = True
        return self._value  # type: ignore[return-value]  # set above

    def cancel(self) -> None:
        """Stop the worker, if any (its answer is no longer wanted)."""
        worker, self._worker = self._worker, None
        if worker is not None:
            stop(worker)


def _start(make: Callable[[], object]) -> tuple[int, int] | None:
    started = fork_piped()
    if started is None:
        return None
    pid, fd = started
    if pid:
        return pid, fd
    # the worker: never returns, never prints, never runs the parent's clean-up (os._exit)
    code = 1
    try:
        silence()
        payload = pickle.dumps(_work(make), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(fd, "wb") as up:
            up.write(payload)
        code = 0
    except BaseException:  # whatever failed, the parent computes the value itself
        code = 1
    os._exit(code)


def _work(make: Callable[[], object]) -> object:
    """What the worker computes (a seam for the tests)."""
    return make()


def _collect(worker: tuple[int, int], kind: type) -> tuple[object] | None:
    """The worker's answer (in a 1-tuple), or None when it failed (it is reaped either way)."""
    pid, fd = worker
    try:
        up = os.fdopen(fd, "rb")
    except OSError:
        stop(worker)
        return None
    with up:
        try:
            data = up.read()
        except OSError:
            data = b""
            with contextlib.suppress(OSError):  # it may be blocked writing: it is not waited for
                os.kill(pid, signal.SIGKILL)
    if not exited_ok(pid) or not data:
        return None
    try:
        value = pickle.loads(data)
    except Exception:  # a damaged answer: computed here
        return None
    return (value,) if type(value) is kind else None
