"""Baselines: accept today's findings, report only new ones.

A baseline file is JSON: a format version and one entry per finding, keyed by
its fingerprint (rule and subject, never the line), with the rule, subject,
file and message beside it for human review. Entries are sorted and there is
no clock in it, so the same findings always give the same bytes and a diff of
the file in review shows exactly what was accepted or fixed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from policycheck.errors import UsageError
from policycheck.findings import CheckResult, Finding

VERSION = 1
#: the default file name, in the compliance repo's root
DEFAULT_NAME = "policycheck-baseline.json"


@dataclass(frozen=True)
class BaselineEntry:
    fingerprint: str
    rule: str
    subject: str
    file: str = ""
    message: str = ""


@dataclass(frozen=True)
class Baseline:
    entries: tuple[BaselineEntry, ...]

    @property
    def fingerprints(self) -> frozenset[str]:
        return frozenset(e.fingerprint for e in self.entries)

    def stale(self, result: CheckResult) -> tuple[BaselineEntry, ...]:
        """Entries that match no current finding (fixed since, or renamed): the file can shrink."""
        current = {f.fingerprint for f in result.findings} | {w.finding.fingerprint for w in result.waived}
        return tuple(e for e in self.entries if e.fingerprint not in current)


def _entry(f: Finding, lang: str) -> BaselineEntry:
    return BaselineEntry(f.fingerprint, f.rule, f.subject, f.file, f.message_in(lang))


def from_result(result: CheckResult, lang: str = "en") -> Baseline:
    """A baseline of every finding reported in ``result`` (waived findings need none)."""
    entries = {f.fingerprint: _entry(f, lang) for f in result.findings}
    return Baseline(tuple(sorted(entries.values(), key=lambda e: (e.rule, e.subject, e.fingerprint))))


def dumps(baseline: Baseline) -> str:
    """The file's text: stable key order, sorted entries, a trailing newline."""
    doc = {
        "version": VERSION,
        "tool": "policycheck",
        "findings": [
            {"fingerprint": e.fingerprint, "rule": e.rule, "subject": e.subject, "file": e.file,
             "message": e.message}
            for e in baseline.entries
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def loads(text: str, label: str) -> Baseline:
    """Parse a baseline file; any problem is a one-line UsageError naming ``label``."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{label}:{exc.lineno}:{exc.colno}: not a baseline file: {exc.msg}") from exc
    except RecursionError as exc:
        raise UsageError(f"{label}:1: not a baseline file: nested too deeply; write one with "
                         "`policycheck baseline`") from exc
    except ValueError as exc:  # a number too long to convert
        raise UsageError(f"{label}:1: not a baseline file: {exc}") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("findings"), list):
        raise UsageError(f"{label}: not a baseline file (expected an object with `version` and `findings`); "
                         "write one with `policycheck baseline`")
    if doc.get("version") != VERSION:
        raise UsageError(f"{label}: baseline version {doc.get('version')!r} is not supported (expected {VERSION}); "
                         "write it again with `policycheck baseline`")
    entries = []
    for i, item in enumerate(doc["findings"]):
        if not isinstance(item, dict) or not isinstance(item.get("fingerprint"), str):
            raise UsageError(f"{label}: findings[{i}] has no `fingerprint`")
        entries.append(BaselineEntry(
            fingerprint=item["fingerprint"],
            rule=str(item.get("rule", "")),
            subject=str(item.get("subject", "")),
            file=str(item.get("file", "")),
            message=str(item.get("message", "")),
        ))
    return Baseline(tuple(entries))


#: the largest baseline file read (a baseline of 100,000 findings is about 30 MiB)
MAX_BASELINE_BYTES = 64 * 1024 * 1024


def read_baseline(path: Path) -> Baseline:
    import os
    import stat

    try:  # a regular file only (a FIFO would hang the check), and at most MAX_BASELINE_BYTES of it
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise UsageError(f"{path}: not a regular file; give the baseline file `policycheck baseline` wrote")
            data = b""
            while len(data) <= MAX_BASELINE_BYTES:
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    break
                data += chunk
        finally:
            os.close(fd)
        if len(data) > MAX_BASELINE_BYTES:
            raise UsageError(f"{path}: larger than {MAX_BASELINE_BYTES // (1024 * 1024)} MiB; is this a baseline file?")
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the baseline: {getattr(exc, 'strerror', None) or exc}") from exc
    return loads(text, str(path))


def apply_baseline(result: CheckResult, baseline: Baseline) -> CheckResult:
    """``result`` without the findings in ``baseline`` (by fingerprint); counts them as baselined."""
    known = baseline.fingerprints
    kept = tuple(f for f in result.findings if f.fingerprint not in known)
    return replace(result, findings=kept, baselined=result.baselined + len(result.findings) - len(kept))
