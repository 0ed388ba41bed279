"""JSON, exactly the FORMAT.md contract (plus optional fields)."""

from __future__ import annotations

from collections.abc import Iterator

from policycheck.findings import CheckResult, Finding, WaivedFinding
from policycheck.jsonout import Items, dumps, iterdumps


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
    out: dict[str, object] = {"findings": [_finding(f, lang) for f in result.findings], "summary": result.summary()}
    if result.waived:
        out["waived"] = [_waived(w, lang) for w in result.waived]
    return out


def render(result: CheckResult, *, color: bool = False, lang: str = "en", **context: object) -> str:
    return dumps(as_dict(result, lang)) + "\n"


def stream(result: CheckResult, *, color: bool = False, lang: str = "en", **context: object) -> Iterator[str]:
    """:func:`render`'s text in pieces, one finding at a time (a report of 132,000 findings is 120 MB)."""
    out: dict[str, object] = {
        "findings": Items(lambda: (_finding(f, lang) for f in result.findings), not result.findings),
        "summary": result.summary(),
    }
    if result.waived:
        out["waived"] = Items(lambda: (_waived(w, lang) for w in result.waived), False)
    yield from iterdumps(out)
    yield "\n"
