"""Findings: frozen, sorted, fingerprinted by rule and subject (never by line)."""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from hashlib import sha256
from typing import Any

from policycheck.model.types import SEVERITIES, severity_rank


def fingerprint(rule: str, subject: str, key: str = "") -> str:
    """Stable across runs and line moves: a hash of rule, subject and an optional detail key."""
    # UTF-8 (str.encode's default); one per finding, so no attribute or argument look-up
    return sha256("\x1f".join((rule, subject, key)).encode()).hexdigest()[:20]


@dataclass(frozen=True, slots=True)  # slots: no per-finding __dict__ (132,000 findings at 20,000 systems)
class Finding:
    rule: str
    severity: str
    subject: str
    file: str
    line: int
    message: str
    articles: tuple[str, ...] = ()
    fingerprint: str = ""
    column: int = 0
    title: str = ""
    area: str = ""
    #: the evidence in structured form (paths, categories...), for reports
    evidence: tuple[tuple[str, str], ...] = ()
    #: the message in other languages, where already rendered
    messages: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    #: the language of ``message``
    lang: str = field(default="", compare=False)
    #: renders the message in another language on demand (None when the rule has no text in it)
    render: Callable[[str], str | None] | None = field(default=None, compare=False, repr=False)

    def sort_key(self) -> tuple[object, ...]:
        return (self.file, self.line, self.column, self.rule, self.subject, self.fingerprint)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its fields in order, and unpickled by one call: half the cost, both ways, of
        a slotted dataclass's default state (a dict of fields, set one by one), for the findings a
        worker sends (``diff``'s base). A finding with a renderer (a closure) does not pickle, as before."""
        return (Finding, _field_values(self))

    def message_in(self, lang: str) -> str:
        """The message in ``lang``: rendered only when asked for (most runs need one language)."""
        if lang == self.lang:
            return self.message
        for code, text in self.messages:
            if code == lang:
                return text
        rendered = self.render(lang) if self.render is not None else None
        return self.message if rendered is None else rendered

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "rule": self.rule,
            "severity": self.severity,
            "subject": self.subject,
            "file": self.file,
            "line": self.line,
            "message": self.message,
            "articles": list(self.articles),
            "fingerprint": self.fingerprint,
        }
        if self.column:
            out["column"] = self.column
        if self.title:
            out["title"] = self.title
        if self.area:
            out["area"] = self.area
        if self.evidence:
            out["evidence"] = dict(self.evidence)
        return out


#: every field of a finding, in order (what :meth:`Finding.__reduce__` pickles)
_field_values = operator.attrgetter(*(f.name for f in fields(Finding)))


@dataclass(frozen=True)
class WaivedFinding:
    finding: Finding
    waiver: int  # 1-based index in policycheck.yaml `waivers`
    reason: str
    expires: str
    approved_by: str


@dataclass(frozen=True)
class CheckResult:
    findings: tuple[Finding, ...]
    waived: tuple[WaivedFinding, ...] = ()
    baselined: int = 0
    rules_run: int = 0

    def summary(self) -> dict[str, int]:
        counts = {s: 0 for s in reversed(SEVERITIES)}
        for f in self.findings:
            counts[f.severity] += 1
        out = {k: v for k, v in counts.items() if v}
        out["total"] = len(self.findings)
        if self.waived:
            out["waived"] = len(self.waived)
        if self.baselined:
            out["baselined"] = self.baselined
        return out

    def failing(self, fail_on: str) -> list[Finding]:
        threshold = severity_rank(fail_on)
        return [f for f in self.findings if severity_rank(f.severity) >= threshold]
