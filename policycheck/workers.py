"""What the forked workers of a run share (:mod:`policycheck.load.parallel`,
:mod:`policycheck.rules.parallel`, :mod:`policycheck.diffrun`, the file cache's writer): how many
processes may work, whether a fork is safe, a worker's start with its pipe, its silence, its
stop and its reaping.

Standard library only: nothing here is imported before a command needs a worker.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys

#: the number of processes that may work (the parent counts; 1: serial)
JOBS_ENV = "POLICYCHECK_JOBS"
#: at most this many processes, whatever the machine or the environment says
MAX_JOBS = 8


def jobs() -> int:
    """How many processes may work: ``POLICYCHECK_JOBS`` when set (1 or less, or not a number:
    serial), else the CPUs this process may use; at most :data:`MAX_JOBS`."""
    raw = os.environ.get(JOBS_ENV, "").strip()
    if raw:
        try:
            wanted = int(raw)
        except ValueError:
            wanted = 1
    else:
        try:
            wanted = len(os.sched_getaffinity(0))
        except (AttributeError, OSError):  # pragma: no cover - not Linux
            wanted = os.cpu_count() or 1
    return max(1, min(wanted, MAX_JOBS))


def silence() -> None:
    """In a forked worker: its standard output and error go to /dev/null (a worker never prints)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - closed by the worker's os._exit


def other_threads() -> bool:
    """Whether this process runs other threads (a library user's): a fork copies their locks as they are."""
    threading = sys.modules.get("threading")
    return threading is not None and threading.active_count() > 1


def fork_piped() -> tuple[int, int] | None:
    """Fork a worker that answers through a pipe: in the parent (the worker's pid, the pipe's read
    end), in the worker (0, the write end); None when no pipe or no process could be made."""
    try:
        r, w = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(r)
        os.close(w)
        return None
    if pid:
        os.close(w)
        return pid, r
    with contextlib.suppress(OSError):  # the worker: nothing may raise into the parent's code
        os.close(r)
    return 0, w


def stop(worker: tuple[int, int]) -> None:
    """End a worker started by :func:`fork_piped` whose answer is no longer wanted (pid, read end)."""
    pid, r = worker
    with contextlib.suppress(OSError):
        os.close(r)
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.waitpid(pid, 0)


def exited_ok(pid: int) -> bool:
    """Reap the worker ``pid``: whether it exited with status 0."""
    try:
        _, status = os.waitpid(pid, 0)
    except OSError:  # pragma: no cover - our own child is always there to reap
        return False
    return os.waitstatus_to_exitcode(status) == 0
