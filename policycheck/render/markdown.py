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

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "policycheck",
        "none": "no findings",
        "finding": "finding",
        "findings": "findings",
        "severity": "Severity",
        "rule": "Rule",
        "subject": "Subject",
        "where": "Where",
        "message": "Message",
        "fails": "**Gate: failed**: {n} at or above `{level}`.",
        "passes": "**Gate: passed**: nothing at or above `{level}`.",
        "waived_one": "1 waived finding",
        "waived_many": "{n} waived findings",
        "waiver": "Waiver",
        "expires": "Expires",
        "reason": "Reason",
        "baselined": "{n} known {findings} in the baseline are not shown.",
        "introduced": "introduced",
        "resolved": "resolved",
        "unchanged": "unchanged",
        "now_waived": "(now waived)",
    },
    "sv": {
        "title": "policycheck",
        "none": "inga avvikelser",
        "finding": "avvikelse",
        "findings": "avvikelser",
        "severity": "Allvarlighet",
        "rule": "Regel",
        "subject": "Gäller",
        "where": "Var",
        "message": "Meddelande",
        "fails": "**Grinden: stoppad**: {n} på eller över `{level}`.",
        "passes": "**Grinden: passerad**: inget på eller över `{level}`.",
        "waived_one": "1 undantagen avvikelse",
        "waived_many": "{n} undantagna avvikelser",
        "waiver": "Undantag",
        "expires": "Går ut",
        "reason": "Skäl",
        "baselined": "{n} kända {findings} i baslinjen visas inte.",
        "introduced": "nya",
        "resolved": "åtgärdade",
        "unchanged": "oförändrade",
        "now_waived": "(nu undantagen)",
    },
}

def words(lang: str) -> dict[str, str]:
    return WORDS.get(lang, WORDS["en"])


def cell(text: str) -> str:
    """Text for a table cell: Markdown and HTML inert (:func:`policycheck.escape.markdown`), lines
    joined by ``<br>``."""
    return "<br>".join(markdown(line) for line in re.split(r"\r\n|\r|\n", text))


def code(text: str) -> str:
    """An inline code span, whatever ``text`` holds (:func:`policycheck.escape.markdown_code`)."""
    return markdown_code(text)


def counts(findings: Iterable[Finding], lang: str) -> str:
    """``6 findings (1 critical, 3 high, 2 medium)`` or ``no findings``."""
    w = words(lang)
    by_severity = {s: 0 for s in SEVERITIES}
    total = 0
    for f in findings:
        by_severity[f.severity] += 1
        total += 1
    if not total:
        return w["none"]
    detail = ", ".join(i18n.severity_count(n, s, lang) for s, n in reversed(by_severity.items()) if n)
    return f"{total} {w['finding'] if total == 1 else w['findings']} ({detail})"


def findings_table(findings: Iterable[Finding], lang: str, ctx: ReportContext,
                   note: dict[str, str] | None = None) -> str:
    """A table of ``findings``, most severe first; ``note`` adds text to a message, by fingerprint."""
    w = words(lang)
    findings = sorted(findings, key=lambda f: (-severity_rank(f.severity), *f.sort_key()))
    rows = [f"| {w['severity']} | {w['rule']} | {w['subject']} | {w['where']} | {w['message']} |",
            "| --- | --- | --- | --- | --- |"]
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
    key = "fails" if failing else "passes"
    return words(lang)[key].format(n=len(failing), level=i18n.severity(fail_on, lang))


def render(result: CheckResult, *, color: bool = False, lang: str = "en", **context: object) -> str:
    ctx = ReportContext.of(context)
    w = words(lang)
    out = [MARKER, f"### {w['title']}: {counts(result.findings, lang)}", ""]
    gate = gate_line(result.findings, lang, ctx.fail_on)
    if gate:
        out += [gate, ""]
    if result.findings:
        out += [findings_table(result.findings, lang, ctx), ""]
    if result.waived:
        n = len(result.waived)
        summary = w["waived_one"] if n == 1 else w["waived_many"].format(n=n)
        out += [f"<details><summary>{summary}</summary>", "",
                f"| {w['rule']} | {w['subject']} | {w['waiver']} | {w['expires']} | {w['reason']} |",
                "| --- | --- | --- | --- | --- |"]
        for wf in result.waived:
            f = wf.finding
            out.append(f"| {code(f.rule)} | {code(f.subject)} | {wf.waiver} | {wf.expires} | {cell(wf.reason)} |")
        out += ["", "</details>", ""]
    if result.baselined:
        n = result.baselined
        out += [w["baselined"].format(n=n, findings=w["finding"] if n == 1 else w["findings"]), ""]
    return "\n".join(out).rstrip("\n") + "\n"
