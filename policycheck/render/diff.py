"""Renderers of `policycheck diff`: what a change introduces and resolves.

``text`` for the terminal, ``markdown`` for a pull-request comment, ``json``
for other tools and ``github`` for workflow annotations on the introduced
findings. Introduced findings point at the head's files, resolved ones at
the base's.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from policycheck import i18n
from policycheck.diff import DiffResult
from policycheck.findings import Finding
from policycheck.render import github
from policycheck.render.context import ReportContext
from policycheck.render.markdown import MARKER, cell, code, counts, findings_table, gate_line


def _line(f: Finding, lang: str, ctx: ReportContext) -> str:
    return f"  {ctx.path(f.file)}:{f.line}: {f.severity} {f.rule} {f.message_in(lang)}"


def summary(diff: DiffResult, lang: str = "en") -> str:
    # Swedish adjectives agree in number ("1 ny", "2 nya")
    introduced = i18n.plural("render.diff.count.introduced", len(diff.introduced), lang)
    resolved = i18n.plural("render.diff.count.resolved", len(diff.resolved), lang)
    unchanged = i18n.plural("render.diff.count.unchanged", diff.unchanged, lang)
    return i18n.word("render.diff.head", lang, introduced=introduced, resolved=resolved, unchanged=unchanged,
                     base=diff.base, head=diff.head) + "."


def render_text(diff: DiffResult, lang: str = "en", **context: object) -> str:
    ctx = ReportContext.of(context)
    out = []
    if diff.introduced:
        out.append(i18n.word("render.diff.introduced", lang))
        out += [_line(f, lang, ctx) for f in diff.introduced]
    if diff.resolved:
        out.append(i18n.word("render.diff.resolved", lang))
        waived = i18n.word("render.diff.waived", lang)
        out += [_line(f, lang, ctx) + (waived if f.fingerprint in diff.waived else "") for f in diff.resolved]
    if diff.base_missing:
        out.append(i18n.word("render.diff.missing", lang, base=diff.base))
    out.append(summary(diff, lang))
    return "\n".join(out) + "\n"


def render_markdown(diff: DiffResult, lang: str = "en", **context: object) -> str:
    ctx = ReportContext.of(context)
    introduced = i18n.word("render.markdown.introduced", lang)
    resolved = i18n.word("render.markdown.resolved", lang)
    head = (f"### {i18n.word('render.markdown.title', lang)}: {len(diff.introduced)} {introduced}, "
            f"{len(diff.resolved)} {resolved}, {diff.unchanged} {i18n.word('render.markdown.unchanged', lang)}")
    out = [MARKER, head, "", f"{code(diff.base)} → {code(diff.head)}", ""]
    gate = gate_line(diff.introduced, lang, ctx.fail_on)
    if gate:
        out += [gate, ""]
    if diff.base_missing:
        out += [cell(i18n.word("render.diff.missing", lang, base=diff.base)), ""]
    if diff.introduced:
        out += [f"#### {introduced.capitalize()}: {counts(diff.introduced, lang)}", "",
                findings_table(diff.introduced, lang, ctx), ""]
    if diff.resolved:
        note = {fp: i18n.word("render.markdown.now_waived", lang) for fp in diff.waived}
        out += [f"#### {resolved.capitalize()}: {counts(diff.resolved, lang)}", "",
                findings_table(diff.resolved, lang, ctx, note), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _finding_json(f: Finding, lang: str, ctx: ReportContext) -> dict[str, object]:
    d = f.to_json()
    d["message"] = f.message_in(lang)
    if ctx.path_prefix:
        d["path"] = ctx.path(f.file)
    return d


def render_json(diff: DiffResult, lang: str = "en", **context: object) -> str:
    ctx = ReportContext.of(context)
    doc: dict[str, object] = {
        "base": diff.base,
        "head": diff.head,
        "introduced": [_finding_json(f, lang, ctx) for f in diff.introduced],
        "resolved": [{**_finding_json(f, lang, ctx), "waived": f.fingerprint in diff.waived}
                     for f in diff.resolved],
        "summary": {"introduced": len(diff.introduced), "resolved": len(diff.resolved),
                    "unchanged": diff.unchanged},
    }
    if diff.base_missing:
        doc["base_missing"] = True
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def render_github(diff: DiffResult, lang: str = "en", **context: object) -> str:
    """Annotations for the introduced findings only: those are the ones the change is responsible for."""
    ctx = ReportContext.of(context)
    lines = [github.annotation(f, lang, ctx) for f in diff.introduced]
    lines.append(f"policycheck diff: {summary(diff, lang)}")
    return "\n".join(lines) + "\n"


DIFF_FORMATS: dict[str, Callable[..., str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
    "github": render_github,
}

