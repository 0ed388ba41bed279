"""GitHub Actions workflow commands: one annotation per finding, shown on the changed file.

``::error file=processors/x.yaml,line=1,col=1,title=...::message`` for
critical and high findings, ``::warning`` for medium, ``::notice`` for low and
info. Paths are relative to the repository root (the compliance repo may sit in
a subdirectory). Messages and properties are escaped as the runner expects,
so a ``%``, a newline, a ``:`` or a ``,`` cannot end or forge a command.
The last line is the plain summary.
"""

from __future__ import annotations

from collections.abc import Iterator

from policycheck import i18n
from policycheck.escape import terminal
from policycheck.findings import CheckResult, Finding
from policycheck.render.context import LEVELS, ReportContext
from policycheck.render.text import summary_line


def escape_data(text: str) -> str:
    # the runner's own escapes first, then every other control character shown, never sent raw
    return terminal(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding, lang: str, ctx: ReportContext) -> str:
    props = [f"file={escape_property(ctx.path(f.file))}"]
    if f.line > 0:
        props.append(f"line={f.line}")
        if f.column > 0:
            props.append(f"col={f.column}")
    title = f"{f.rule} ({i18n.severity(f.severity, lang)})"
    props.append(f"title={escape_property(title)}")
    message = f"{f.message_in(lang)} [{f.subject}]"
    return f"::{LEVELS[f.severity][1]} {','.join(props)}::{escape_data(message)}"


def render(result: CheckResult, *, color: bool = False, lang: str = "en", **context: object) -> str:
    return "".join(stream(result, color=color, lang=lang, **context))


def stream(result: CheckResult, *, color: bool = False, lang: str = "en", **context: object) -> Iterator[str]:
    """:func:`render`'s text in pieces, a line at a time."""
    ctx = ReportContext.of(context)
    for f in result.findings:
        yield annotation(f, lang, ctx) + "\n"
    yield f"policycheck: {summary_line(result, lang)}\n"
