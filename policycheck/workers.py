"""What the forked workers of a run share (:mod:`policycheck.load.parallel`, :mod:`policycheck.diffrun`):
how many processes may work, and a worker's silence.

Standard library only: nothing here is imported before a command needs a worker.
"""

from __future__ import annotations

import os
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
