"""Renderers of `policycheck diff`: what a change introduces and resolves.

``text`` for the terminal, ``markdown`` for a pull-request comment, ``json``
for other tools and ``github`` for workflow annotations on the introduced
findings. Introduced findings point at the head's files, resolved ones at
the base's.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from policycheck.diff import DiffResult
from policycheck.findings import Finding
from policycheck.render import github
from policycheck.render.context import ReportContext
from policycheck.render.markdown import MARKER, cell, code, counts, findings_table, gate_line, words

_TEXT = {
    "en": {
        "head": "{introduced} introduced, {resolved} resolved, {unchanged} unchanged ({base} -> {head})",
        "introduced": "Introduced:",
        "resolved": "Resolved:",
        "waived": " (now waived)",
        "missing": "({base} has no compliance repo here: every finding is new)",
    },
    "sv": {
        "head": "{introduced} nya, {resolved} åtgärdade, {unchanged} oförändrade ({base} -> {head})",
        "introduced": "Nya:",
        "resolved": "Åtgärdade:",
        "waived": " (nu undantagen)",
        "missing": "({base} har inget efterlevnadsarkiv här: varje avvikelse är ny)",
    },
}


def _line(f: Finding, lang: str, ctx: ReportContext) -> str:
    return f"  {ctx.path(f.file)}:{f.line}: {f.severity} {f.rule} {f.message_in(lang)}"


def summary(diff: DiffResult, lang: str = "en") -> str:
    t = _TEXT.get(lang, _TEXT["en"])
    return t["head"].format(introduced=len(diff.introduced), resolved=len(diff.resolved),
                            unchanged=diff.unchanged, base=diff.base, head=diff.head) + "."


def render_text(diff: DiffResult, lang: str = "en", **context: object) -> str:
    ctx = ReportContext.of(context)
    t = _TEXT.get(lang, _TEXT["en"])
    out = []
    if diff.introduced:
        out.append(t["introduced"])
        out += [_line(f, lang, ctx) for f in diff.introduced]
    if diff.resolved:
        out.append(t["resolved"])
        out += [_line(f, lang, ctx) + (t["waived"] if f.fingerprint in diff.waived else "") for f in diff.resolved]
    if diff.base_missing:
        out.append(t["missing"].format(base=diff.base))
    out.append(summary(diff, lang))
    return "\n".join(out) + "\n"


def render_markdown(diff: DiffResult, lang: str = "en", **context: object) -> str:
    ctx = ReportContext.of(context)
    w = words(lang)
    head = (f"### {w['title']}: {len(diff.introduced)} {w['introduced']}, {len(diff.resolved)} {w['resolved']}, "
            f"{diff.unchanged} {w['unchanged']}")
    out = [MARKER, head, "", f"{code(diff.base)} → {code(diff.head)}", ""]
    gate = gate_line(diff.introduced, lang, ctx.fail_on)
    if gate:
        out += [gate, ""]
    if diff.base_missing:
        out += [cell(_TEXT.get(lang, _TEXT["en"])["missing"].format(base=diff.base)), ""]
    if diff.introduced:
        out += [f"#### {w['introduced'].capitalize()}: {counts(diff.introduced, lang)}", "",
                findings_table(diff.introduced, lang, ctx), ""]
    if diff.resolved:
        note = {fp: w["now_waived"] for fp in diff.waived}
        out += [f"#### {w['resolved'].capitalize()}: {counts(diff.resolved, lang)}", "",
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

