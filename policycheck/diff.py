"""Compare two check results: what a change introduces and what it resolves.

Findings are matched by fingerprint (rule and subject, never the line), so a
change that only moves or reformats declarations introduces nothing. A finding
of the base that the head waives counts as resolved, marked as waived.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import dataclass

from policycheck.findings import CheckResult, Finding
from policycheck.model.types import severity_rank


@dataclass(frozen=True)
class DiffResult:
    base: str  # a label: the revision as given, e.g. "origin/main"
    head: str  # a revision, or "working tree"
    introduced: tuple[Finding, ...]
    resolved: tuple[Finding, ...]
    #: fingerprints of resolved findings that the head waives rather than fixes
    waived: frozenset[str]
    unchanged: int
    #: True when the base has no compliance repo (every finding of the head is new)
    base_missing: bool = False

    def failing(self, fail_on: str) -> list[Finding]:
        threshold = severity_rank(fail_on)
        return [f for f in self.introduced if severity_rank(f.severity) >= threshold]


def compare(base: CheckResult, head: CheckResult, base_label: str, head_label: str,
            base_missing: bool = False) -> DiffResult:
    return compare_with({f.fingerprint for f in base.findings}, base.findings, head, base_label, head_label,
                        base_missing)


def compare_with(before: Set[str], base_findings: Iterable[Finding], head: CheckResult, base_label: str,
                 head_label: str, base_missing: bool = False) -> DiffResult:
    """:func:`compare` given the base's fingerprints and those of its findings that may be resolved (at
    least every one the head does not have, in the base's order)."""
    after = {f.fingerprint for f in head.findings}
    head_waived = {w.finding.fingerprint for w in head.waived}
    introduced = tuple(sorted((f for f in head.findings if f.fingerprint not in before), key=Finding.sort_key))
    resolved = tuple(sorted((f for f in base_findings if f.fingerprint not in after), key=Finding.sort_key))
    return DiffResult(
        base=base_label,
        head=head_label,
        introduced=introduced,
        resolved=resolved,
        waived=frozenset(f.fingerprint for f in resolved if f.fingerprint in head_waived),
        unchanged=len(after & before),
        base_missing=base_missing,
    )
