"""JSON, exactly the FORMAT.md contract (plus optional fields)."""

from __future__ import annotations

from policycheck.findings import CheckResult
from policycheck.jsonout import dumps


def as_dict(result: CheckResult, lang: str = "en") -> dict[str, object]:
    findings = []
    for f in result.findings:
        d = f.to_json()
        d["message"] = f.message_in(lang)
        findings.append(d)
    out: dict[str, object] = {"findings": findings, "summary": result.summary()}
    if result.waived:
        out["waived"] = [
            {
                **w.finding.to_json(),
                "message": w.finding.message_in(lang),
                "waiver": w.waiver,
                "reason": w.reason,
                "expires": w.expires,
                "approved_by": w.approved_by,
            }
            for w in result.waived
        ]
    return out


def render(result: CheckResult, *, color: bool = False, lang: str = "en", **context: object) -> str:
    return dumps(as_dict(result, lang)) + "\n"
