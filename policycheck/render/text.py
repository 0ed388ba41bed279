"""Plain text: ``path:line: severity rule-id message``, most severe first, with a summary line.

A person reads this output top down, so the critical finding comes first, then
file and line within a severity. The machine formats (JSON, SARIF, ...) keep
the result's own order (file, line), which FORMAT.md fixes.
"""

from __future__ import annotations

from collections.abc import Iterator

from policycheck import i18n
from policycheck.escape import terminal
from policycheck.findings import CheckResult, Finding
from policycheck.model.types import severity_rank

_COLORS = {
    "critical": "\033[1;31m",
    "high": "\033[31m",
    "medium": "\033[33m",
    "low": "\033[36m",
    "info": "\033[2m",
}
_RESET = "\033[0m"

def summary_line(result: CheckResult, lang: str = "en") -> str:
    s = result.summary()
    total = s.pop("total")
    waived = s.pop("waived", 0)
    baselined = s.pop("baselined", 0)
    if total:
        findings = i18n.word("render.text.finding" if total == 1 else "render.text.findings", lang)
        head = (
            f"{total} {findings} ("
            # severity words agree with the count ("7 kritiska"); finding lines keep the severity
            # code, for tools that parse them
            + ", ".join(i18n.severity_count(n, sev, lang) for sev, n in s.items())
            + ")"
        )
    else:
        head = i18n.word("render.text.none", lang)
    tail = []
    if waived:
        tail.append(f"{waived} {i18n.word('render.text.waived_one' if waived == 1 else 'render.text.waived', lang)}")
    if baselined:
        tail.append(f"{baselined} {i18n.word('render.text.baselined', lang)}")
    return head + (f"; {', '.join(tail)}" if tail else "") + "."


def reading_order(findings: tuple[Finding, ...]) -> list[Finding]:
    """Most severe first, then the result's own order (file, line, column, rule, subject)."""
    return sorted(findings, key=lambda f: (-severity_rank(f.severity), f.sort_key()))


def _line(f: Finding, color: bool, lang: str) -> str:
    sev = f.severity
    if color:
        sev = f"{_COLORS[f.severity]}{sev}{_RESET}"
    return terminal(f"{f.file}:{f.line}: ") + f"{sev} {terminal(f.rule)} {terminal(f.message_in(lang))}"


def render(result: CheckResult, *, color: bool = False, lang: str = "en", **context: object) -> str:
    return "".join(stream(result, color=color, lang=lang, **context))


def stream(result: CheckResult, *, color: bool = False, lang: str = "en", **context: object) -> Iterator[str]:
    """:func:`render`'s text in pieces, a line at a time."""
    for f in reading_order(result.findings):
        yield _line(f, color, lang) + "\n"
    yield summary_line(result, lang) + "\n"
