"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

Every rule of the pack is in ``tool.driver.rules`` with its documentation as
help; every finding is a result with a repo-relative URI (against
``%SRCROOT%``, the root of the git work tree), a start line and column, and a
``partialFingerprints`` entry that is the finding's fingerprint (rule and
subject, never the line), so an alert survives edits that move lines. Waived
findings are results with a suppression. No clock, no absolute path, no host:
the same input gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from policycheck import __version__
from policycheck.findings import CheckResult, Finding, WaivedFinding
from policycheck.i18n import articles as cite
from policycheck.i18n import word
from policycheck.jsonout import Items, dumps, iterdumps
from policycheck.render.context import LEVELS, ReportContext

if TYPE_CHECKING:
    from policycheck.rules.pack import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "policycheck/v1"
SRCROOT = "%SRCROOT%"

#: GitHub's scale: critical > 9.0, high 7.0-8.9, medium 4.0-6.9, low 0.1-3.9
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "2.0", "info": "0.0"}

def _w(key: str, lang: str, **fields: object) -> str:
    return word(f"sarif.{key}", lang, None, **fields)


def rule_help_text(rule: Rule, lang: str = "en") -> str:
    docs = rule.spec.docs_in(lang)
    parts = [f"{_w('what', lang)}: {docs.what}", f"{_w('why', lang)}: {docs.why}", f"{_w('fix', lang)}: {docs.fix}"]
    if rule.spec.articles:
        parts.append("GDPR: " + cite(rule.spec.articles, lang))
    if docs.references:
        parts.append(f"{_w('references', lang)}: " + "; ".join(docs.references))
    return "\n\n".join(p.strip() for p in parts)


def _longest_backtick_run(text: str) -> int:
    runs = [len(r) for r in re.findall(r"`+", text)]
    return max(runs, default=0)


def rule_help_markdown(rule: Rule, lang: str = "en") -> str:
    docs = rule.spec.docs_in(lang)
    parts = [f"**{rule.spec.title_in(lang)}**", f"## {_w('what', lang)}", docs.what.strip(), f"## {_w('why', lang)}",
             docs.why.strip(), f"## {_w('fix', lang)}", docs.fix.strip()]
    if docs.example:
        fence = "`" * max(3, _longest_backtick_run(docs.example) + 1)
        parts += [f"## {_w('example', lang)}", f"{fence}yaml\n" + docs.example.rstrip("\n") + f"\n{fence}"]
    if rule.spec.articles:
        parts += ["## GDPR", cite(rule.spec.articles, lang)]
    if docs.references:
        parts += [f"## {_w('references', lang)}", "\n".join(f"- {r}" for r in docs.references)]
    return "\n\n".join(parts)


def _rule(rule: Rule, ctx: ReportContext, lang: str = "en") -> dict[str, object]:
    severity = ctx.severity(rule)
    return {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": rule.spec.title_in(lang)},
        "fullDescription": {"text": rule.spec.docs_in(lang).what.strip()},
        "help": {"text": rule_help_text(rule, lang), "markdown": rule_help_markdown(rule, lang)},
        "defaultConfiguration": {"level": LEVELS[severity][0], "enabled": ctx.enabled(rule)},
        "properties": {
            "tags": sorted({"gdpr", "compliance", "security", rule.spec.area}),
            "precision": "high",
            "problem.severity": LEVELS[severity][0],
            "security-severity": SECURITY_SEVERITY[severity],
            "severity": severity,
            "articles": list(rule.spec.articles),
            "area": rule.spec.area,
        },
    }


def _location(f: Finding, ctx: ReportContext) -> dict[str, object]:
    physical: dict[str, object] = {"artifactLocation": {"uri": ctx.path(f.file), "uriBaseId": SRCROOT}}
    if f.line > 0:
        # a finding about a whole declaration points at its first column
        region: dict[str, int] = {"startLine": f.line, "startColumn": max(f.column, 1)}
        physical["region"] = region
    kind, _, name = f.subject.partition(":")
    logical = {"name": name or kind, "fullyQualifiedName": f.subject, "kind": kind}
    return {"physicalLocation": physical, "logicalLocations": [logical]}


def _result(f: Finding, lang: str, ctx: ReportContext, index: dict[str, int],
            waived: WaivedFinding | None = None) -> dict[str, object]:
    out: dict[str, object] = {"ruleId": f.rule}
    if f.rule in index:
        out["ruleIndex"] = index[f.rule]
    properties: dict[str, object] = {"severity": f.severity, "subject": f.subject,
                                     "articles": list(f.articles)}
    if f.evidence:
        properties["evidence"] = dict(f.evidence)
    out.update({
        "level": LEVELS[f.severity][0],
        "message": {"text": f.message_in(lang)},
        "locations": [_location(f, ctx)],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "properties": properties,
    })
    if waived is not None:
        justification = _w("waiver", lang, n=waived.waiver, reason=waived.reason)
        if waived.approved_by:
            justification += _w("approved", lang, who=waived.approved_by)
        justification += _w("expires", lang, date=waived.expires)
        out["suppressions"] = [{"kind": "inSource", "status": "accepted", "justification": justification}]
    return out


def as_log(result: CheckResult, lang: str = "en", **context: object) -> dict[str, object]:
    return _log(result, lang, False, context)


def _log(result: CheckResult, lang: str, lazy: bool, context: Mapping[str, object]) -> dict[str, object]:
    """The SARIF log; with ``lazy`` its results are made one at a time as they are written."""
    ctx = ReportContext.of(context)
    driver_rules: list[dict[str, object]] = [_rule(r, ctx, lang) for r in ctx.rules]
    index = {r.id: i for i, r in enumerate(ctx.rules)}
    items: list[tuple[Finding, WaivedFinding | None]] = [(f, None) for f in result.findings]
    items += [(w.finding, w) for w in result.waived]
    items.sort(key=lambda item: item[0].sort_key())
    # a finding of a rule the context does not list (a renderer called without rules)
    # still gets a rule entry, so that every ruleId resolves
    for rule_id in sorted({f.rule for f, _ in items} - set(index)):
        index[rule_id] = len(driver_rules)
        driver_rules.append({"id": rule_id, "name": rule_id})
    run: dict[str, object] = {
        "tool": {"driver": {
            "name": "policycheck",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": driver_rules,
        }},
        "originalUriBaseIds": {SRCROOT: {
            "description": {"text": _w("srcroot", lang)}}},
        "columnKind": "unicodeCodePoints",
        "results": (
            Items(lambda: (_result(f, lang, ctx, index, w) for f, w in items), not items)
            if lazy
            else [_result(f, lang, ctx, index, w) for f, w in items]
        ),
        "properties": {"summary": result.summary()},
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(result: CheckResult, *, color: bool = False, lang: str = "en", **context: object) -> str:
    return dumps(as_log(result, lang, **context)) + "\n"


def stream(result: CheckResult, *, color: bool = False, lang: str = "en", **context: object) -> Iterator[str]:
    """:func:`render`'s text in pieces, one result at a time."""
    yield from iterdumps(_log(result, lang, True, context))
    yield "\n"
