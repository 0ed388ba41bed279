"""Markdown for a pull-request (or merge-request) comment: a summary and a table of findings.

The first line is a hidden marker (``<!-- policycheck -->``) so that a bot
can find and update its earlier comment instead of adding a new one. Text
from the declarations is escaped, so a name with ``|`` or ``<`` cannot break
the table or inject HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from policycheck import i18n
from policycheck.escape import markdown, markdown_code
from policycheck.findings import CheckResult, Finding
from policycheck.model.types import SEVERITIES, severity_rank
from policycheck.render.context import ReportContext

MARKER = "<!-- policycheck -->"

def cell(text: str) -> str:
    """Text for a table cell: Markdown and HTML inert (:func:`policycheck.escape.markdown`), lines
    joined by ``<br>``."""
    return "<br>".join(markdown(line) for line in re.split(r"\r\n|\r|\n", text))


def code(text: str) -> str:
    """An inline code span, whatever ``text`` holds (:func:`policycheck.escape.markdown_code`)."""
    return markdown_code(text)


def counts(findings: Iterable[Finding], lang: str) -> str:
    """``6 findings (1 critical, 3 high, 2 medium)`` or ``no findings``."""
    by_severity = {s: 0 for s in SEVERITIES}
    total = 0
    for f in findings:
        by_severity[f.severity] += 1
        total += 1
    if not total:
        return i18n.word("render.markdown.none", lang)
    detail = ", ".join(i18n.severity_count(n, s, lang) for s, n in reversed(by_severity.items()) if n)
    noun = i18n.word("render.markdown.finding" if total == 1 else "render.markdown.findings", lang)
    return f"{total} {noun} ({detail})"


def findings_table(findings: Iterable[Finding], lang: str, ctx: ReportContext,
                   note: dict[str, str] | None = None) -> str:
    """A table of ``findings``, most severe first; ``note`` adds text to a message, by fingerprint."""
    findings = sorted(findings, key=lambda f: (-severity_rank(f.severity), *f.sort_key()))
    head = (i18n.word(key, lang) for key in ("render.markdown.severity", "render.markdown.rule",
                                              "render.markdown.subject", "render.markdown.where",
                                              "render.markdown.message"))
    rows = ["| " + " | ".join(head) + " |", "| --- | --- | --- | --- | --- |"]
    for f in findings:
        message = cell(f.message_in(lang))
        if note and f.fingerprint in note:
            message += " " + cell(note[f.fingerprint])
        word = i18n.severity(f.severity, lang)
        severity = f"**{word}**" if severity_rank(f.severity) >= severity_rank("high") else word
        rows.append(f"| {severity} | {code(f.rule)} | {code(f.subject)} | {code(f'{ctx.path(f.file)}:{f.line}')} "
                    f"| {message} |")
    return "\n".join(rows)


def gate_line(findings: Iterable[Finding], lang: str, fail_on: str | None) -> str:
    if fail_on is None:
        return ""
    failing = [f for f in findings if severity_rank(f.severity) >= severity_rank(fail_on)]
    key = "render.markdown.fails" if failing else "render.markdown.passes"
    return i18n.word(key, lang, n=len(failing), level=i18n.severity(fail_on, lang))


def render(result: CheckResult, *, color: bool = False, lang: str = "en", **context: object) -> str:
    ctx = ReportContext.of(context)
    out = [MARKER, f"### {i18n.word('render.markdown.title', lang)}: {counts(result.findings, lang)}", ""]
    gate = gate_line(result.findings, lang, ctx.fail_on)
    if gate:
        out += [gate, ""]
    if result.findings:
        out += [findings_table(result.findings, lang, ctx), ""]
    if result.waived:
        n = len(result.waived)
        summary = i18n.word("render.markdown.waived_one" if n == 1 else "render.markdown.waived_many", lang, n=n)
        head = (i18n.word(key, lang) for key in ("render.markdown.rule", "render.markdown.subject",
                                                  "render.markdown.waiver", "render.markdown.expires",
                                                  "render.markdown.reason"))
        out += [f"<details><summary>{summary}</summary>", "", "| " + " | ".join(head) + " |",
                "| --- | --- | --- | --- | --- |"]
        for wf in result.waived:
            f = wf.finding
            out.append(f"| {code(f.rule)} | {code(f.subject)} | {wf.waiver} | {wf.expires} | {cell(wf.reason)} |")
        out += ["", "</details>", ""]
    if result.baselined:
        n = result.baselined
        findings = i18n.word("render.markdown.finding" if n == 1 else "render.markdown.findings", lang)
        out += [i18n.word("render.markdown.baselined", lang, n=n, findings=findings), ""]
    return "\n".join(out).rstrip("\n") + "\n"
