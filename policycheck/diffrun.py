"""Evaluate ``diff``'s base revision on the second core while the work tree is checked.

``diff`` runs every rule twice: over the base revision and over the head. After the base
revision is loaded, a forked worker evaluates the rules over it while the parent loads
and checks the head; the parent then tells the worker the output's language (the head's
settings decide it) and the head's fingerprints, and the worker sends back the base's
fingerprints and only the findings the head does not have (the resolved ones), with their
message in that language (a finding's other-language renderer is a closure that does not travel).

The worker never prints (its output goes to /dev/null) and never raises: whatever goes
wrong in it (an exception, a crash, a kill, a result that does not unpickle), the parent
evaluates the base itself, as if there had been no worker, so no finding is ever lost.
There is no worker where ``os.fork`` is missing, for small repos (:data:`MIN_FILES`
files), and when ``POLICYCHECK_JOBS=1``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import pickle
from collections.abc import Set
from typing import TYPE_CHECKING

from policycheck.findings import CheckResult, Finding
from policycheck.workers import exited_ok, jobs, silence, stop

if TYPE_CHECKING:
    from policycheck.model import Repo
    from policycheck.rules.pack import Rule

#: a revision with fewer files than this is evaluated in the parent (a fork and the transfer of
#: its findings cost more than they save on a small repo)
MIN_FILES = 500


class Pending:
    """The base side's check result, being computed (in a worker) or to be computed (here)."""

    def __init__(self, repo: Repo, rules: list[Rule], as_of: dt.date, lang: str | None, files: int) -> None:
        from policycheck.rules.engine import configure

        self.repo, self.rules, self.as_of, self.lang = repo, rules, as_of, lang
        configure(rules, repo)  # a bad rule override is reported here, before the head side, as before
        #: (pid, pipe to the worker, pipe from the worker) while a worker runs
        self.worker: tuple[int, int, int] | None = None
        if files >= MIN_FILES and jobs() >= 2 and hasattr(os, "fork"):
            self.worker = _start(self)

    def serial(self) -> CheckResult:
        from policycheck.rules.engine import run

        return run(self.repo, self.rules, self.as_of, self.lang)

    def result(self, out_lang: str, head: Set[str]) -> tuple[Set[str], tuple[Finding, ...]]:
        """The fingerprints of the base's findings, and its findings that the head (its fingerprints)
        may resolve, in order: a worker sends only those not in ``head``, their messages in ``out_lang``."""
        worker, self.worker = self.worker, None
        if worker is not None:
            found = _collect(worker, out_lang, head)
            if found is not None:
                return found
        findings = self.serial().findings
        return {f.fingerprint for f in findings}, findings

    def cancel(self) -> None:
        """Stop the worker, if any (the head side failed: its result is not needed)."""
        worker, self.worker = self.worker, None
        if worker is not None:
            pid, to_worker, from_worker = worker
            _close(to_worker)
            stop((pid, from_worker))


def _close(*fds: int) -> None:
    for fd in fds:
        with contextlib.suppress(OSError):
            os.close(fd)


def portable(f: Finding, lang: str) -> Finding:
    """``f`` without its renderer (a closure), its message in ``lang`` kept for :meth:`Finding.message_in`."""
    messages = f.messages
    if lang != f.lang and all(code != lang for code, _ in messages):
        messages = (*messages, (lang, f.message_in(lang)))
    return dataclasses.replace(f, messages=messages, render=None)


def _start(pending: Pending) -> tuple[int, int, int] | None:
    try:
        down_r, down_w = os.pipe()
    except OSError:
        return None
    try:
        up_r, up_w = os.pipe()
    except OSError:
        _close(down_r, down_w)
        return None
    try:
        pid = os.fork()
    except OSError:
        _close(down_r, down_w, up_r, up_w)
        return None
    if pid:
        _close(down_r, up_w)
        return pid, down_w, up_r
    # the worker: never returns, never prints, never runs the parent's clean-up (os._exit)
    code = 1
    try:
        _close(down_w, up_r)
        silence()
        result = _work(pending)
        with os.fdopen(down_r, "rb") as down:
            asked = down.read()
        if asked:  # empty: the parent went away
            out_lang, head = pickle.loads(asked)
            payload = pickle.dumps(
                (tuple(f.fingerprint for f in result.findings),
                 tuple(portable(f, out_lang) for f in result.findings if f.fingerprint not in head)),
                protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(up_w, "wb") as up:
                up.write(payload)
            code = 0
    except BaseException:  # whatever failed, the parent evaluates the base itself
        code = 1
    os._exit(code)


def _work(pending: Pending) -> CheckResult:
    """What the worker computes (a seam for the tests)."""
    return pending.serial()


def _collect(
    worker: tuple[int, int, int], out_lang: str, head: Set[str]
) -> tuple[Set[str], tuple[Finding, ...]] | None:
    """What the worker sends (see :meth:`Pending.result`), or None when it failed (it is then reaped)."""
    pid, to_worker, from_worker = worker
    data = b""
    try:
        asked = pickle.dumps((out_lang, frozenset(head)), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(to_worker, "wb") as down:  # closed whatever happens: the worker sees the end
            down.write(asked)
        with os.fdopen(from_worker, "rb") as up:
            data = up.read()
    except OSError:
        _close(from_worker)
        data = b""
    if not exited_ok(pid) or not data:
        return None
    try:
        fingerprints, findings = pickle.loads(data)
    except Exception:  # a damaged result: evaluate here
        return None
    if not (isinstance(fingerprints, tuple) and all(isinstance(f, str) for f in fingerprints)
            and isinstance(findings, tuple) and all(isinstance(f, Finding) for f in findings)):
        return None
    return set(fingerprints), findings
