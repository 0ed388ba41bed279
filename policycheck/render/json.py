"""JSON, exactly the FORMAT.md contract (plus optional fields)."""

from __future__ import annotations

from collections.abc import Iterator

from policycheck.findings import CheckResult, Finding, WaivedFinding
from policycheck.jsonout import Items, dumps, iterdumps

#: findings written per piece of the stream (a piece each cost more than its finding's text)
_BATCH = 64


def _finding(f: Finding, lang: str) -> dict[str, object]:
    d = f.to_json()
    d["message"] = f.message_in(lang)
    return d


def _waived(w: WaivedFinding, lang: str) -> dict[str, object]:
    return {
        **w.finding.to_json(),
        "message": w.finding.message_in(lang),
        "waiver": w.waiver,
        "reason": w.reason,
        "expires": w.expires,
        "approved_by": w.approved_by,
    }


def as_dict(result: CheckResult, lang: str = "en") -> dict[str, object]:
    return _document(result, lang, lazy=False)


def _document(result: CheckResult, lang: str, *, lazy: bool) -> dict[str, object]:
    """The findings object; with ``lazy`` its findings are made one at a time as they are written."""
    findings = result.findings
    out: dict[str, object] = {
        "findings": (
            Items(lambda: (_finding(f, lang) for f in findings), not findings, _BATCH)
            if lazy
            else [_finding(f, lang) for f in findings]
        ),
        "summary": result.summary(),
    }
    if result.waived:
        waived = result.waived
        out["waived"] = (
            Items(lambda: (_waived(w, lang) for w in waived), False, _BATCH)
            if lazy
            else [_waived(w, lang) for w in waived]
        )
    return out


def render(result: CheckResult, *, color: bool = False, lang: str = "en", **context: object) -> str:
    return dumps(as_dict(result, lang)) + "\n"


def stream(result: CheckResult, *, color: bool = False, lang: str = "en", **context: object) -> Iterator[str]:
    """:func:`render`'s text in pieces, one finding at a time (a report of 132,000 findings is 120 MB)."""
    yield from iterdumps(_document(result, lang, lazy=True))
    yield "\n"
