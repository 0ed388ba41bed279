"""JUnit XML, for the test-report views of GitLab, Jenkins, Azure DevOps and others.

One ``<testsuite>`` per area of the pack (inventory, processors, ...). In it,
each enabled rule without findings is one passing test case, and each finding
is one failing test case named ``rule-id: subject`` whose failure message
starts with ``file:line``; that is what the CI views list, one line per
problem to fix. Waived findings are skipped test cases with the waiver's
reason; rules disabled in policycheck.yaml are skipped too. The XML follows
the JUnit schema that pytest's output is validated against (``junit-10.xsd``):
no timestamp, no host name, times of zero, so the same input gives the same bytes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from policycheck.escape import xml_text
from policycheck.findings import CheckResult, Finding, WaivedFinding
from policycheck.i18n import word
from policycheck.render.context import ReportContext

if TYPE_CHECKING:
    from policycheck.rules.pack import Rule


@dataclass(frozen=True)
class _Case:
    order: tuple[object, ...]
    xml: str
    failures: int = 0
    skipped: int = 0

def _clean(text: str) -> str:
    """Text that XML 1.0 can hold (:func:`policycheck.escape.xml_text`)."""
    return xml_text(text)


def _attr(value: str) -> str:
    return quoteattr(_clean(value), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _text(value: str) -> str:
    return escape(_clean(value), {"\r": "&#13;"})


def _failure_body(f: Finding, lang: str, ctx: ReportContext) -> str:
    lines = [
        f"{ctx.path(f.file)}:{f.line}: {f.severity} {f.rule} {f.message_in(lang)}",
        "",
        f"subject: {f.subject}",
        f"severity: {f.severity}",
    ]
    if f.articles:
        lines.append(f"articles: {', '.join(f.articles)}")
    lines += [f"{k}: {v}" for k, v in f.evidence]
    lines.append(f"fingerprint: {f.fingerprint}")
    rule = ctx.by_id.get(f.rule)
    if rule is not None:
        fix = " ".join(rule.spec.docs_in(lang).fix.split())
        lines += ["", word("junit.fix", lang, None, fix=fix)]
    return "\n".join(lines)


def _finding_case(f: Finding, lang: str, ctx: ReportContext, suite: str) -> str:
    message = f"{ctx.path(f.file)}:{f.line}: {f.message_in(lang)}"
    return (
        f"    <testcase classname={_attr(suite + '.' + f.rule)} name={_attr(f.rule + ': ' + f.subject)} "
        f'time="0">\n'
        f"      <failure type={_attr(f.severity)} message={_attr(message)}>"
        f"{_text(_failure_body(f, lang, ctx))}</failure>\n"
        f"    </testcase>\n"
    )


def _waived_case(w: WaivedFinding, lang: str, ctx: ReportContext, suite: str) -> str:
    f = w.finding
    message = word("junit.waived", lang, None, n=w.waiver, date=w.expires, reason=w.reason)
    return (
        f"    <testcase classname={_attr(suite + '.' + f.rule)} name={_attr(f.rule + ': ' + f.subject)} "
        f'time="0">\n'
        f"      <skipped type=\"waived\" message={_attr(message)}>"
        f"{_text(ctx.path(f.file) + ':' + str(f.line) + ': ' + f.message_in(lang))}</skipped>\n"
        f"    </testcase>\n"
    )


def _rule_cases(rule_id: str, rule: Rule | None, findings: list[Finding], waived: list[WaivedFinding],
                lang: str, ctx: ReportContext, suite: str) -> list[_Case]:
    cases = [_Case(f.sort_key(), _finding_case(f, lang, ctx, suite), failures=1) for f in findings]
    cases += [_Case(w.finding.sort_key(), _waived_case(w, lang, ctx, suite), skipped=1) for w in waived]
    if not cases and rule is not None:
        head = f"    <testcase classname={_attr(suite + '.' + rule_id)} name={_attr(rule_id)} time=\"0\""
        if ctx.enabled(rule):
            cases.append(_Case((), head + " />\n"))
        else:
            disabled = _attr(word("junit.disabled", lang))
            skipped = f'      <skipped type="disabled" message={disabled} />\n'
            cases.append(_Case((), f"{head}>\n{skipped}    </testcase>\n", skipped=1))
    return sorted(cases, key=lambda c: c.order)


def render(result: CheckResult, *, color: bool = False, lang: str = "en", **context: object) -> str:
    ctx = ReportContext.of(context)
    findings: dict[str, list[Finding]] = defaultdict(list)
    waived: dict[str, list[WaivedFinding]] = defaultdict(list)
    for f in result.findings:
        findings[f.rule].append(f)
    for w in result.waived:
        waived[w.finding.rule].append(w)
    area_of: dict[str, str] = {r.id: r.spec.area for r in ctx.rules}
    for rule_id in {*findings, *waived}:
        if rule_id not in area_of:
            sample = (findings.get(rule_id) or [w.finding for w in waived[rule_id]])[0]
            area_of[rule_id] = sample.area or "custom"

    suites: dict[str, list[_Case]] = defaultdict(list)
    for rule_id in sorted(area_of):
        area = area_of[rule_id]
        suites[area] += _rule_cases(rule_id, ctx.by_id.get(rule_id), findings.get(rule_id, []),
                                    waived.get(rule_id, []), lang, ctx, f"policycheck.{area}")

    total = sum(len(cases) for cases in suites.values())
    total_failures = sum(c.failures for cases in suites.values() for c in cases)
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
           f'<testsuites name="policycheck" tests="{total}" failures="{total_failures}" errors="0" time="0">\n']
    for area in sorted(suites):
        cases = suites[area]
        failures = sum(c.failures for c in cases)
        skipped = sum(c.skipped for c in cases)
        out.append(f'  <testsuite name={_attr("policycheck." + area)} tests="{len(cases)}" '
                   f'failures="{failures}" errors="0" skipped="{skipped}" time="0">\n')
        out += [c.xml for c in cases]
        out.append("  </testsuite>\n")
    out.append("</testsuites>\n")
    return "".join(out)
