"""GitLab Code Quality: a JSON array of issues, shown in the merge request's Code Quality widget.

Each issue has ``description``, ``check_name`` (the rule id), ``fingerprint`` (stable: from the
finding's rule and subject, never its line), ``severity`` (``info``, ``minor``, ``major``,
``critical``, ``blocker``) and ``location.path`` / ``location.lines.begin``, the path relative to
the root of the git work tree. Waived and baselined findings are left out, as in the other formats.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator

from policycheck.errors import Problem
from policycheck.findings import CheckResult, Finding
from policycheck.jsonout import Items, iterdumps
from policycheck.render.context import ReportContext

#: policycheck severity -> GitLab Code Quality severity
SEVERITIES = {"info": "info", "low": "minor", "medium": "major", "high": "critical", "critical": "blocker"}


def _issue(f: Finding, lang: str, ctx: ReportContext) -> dict[str, object]:
    return {
        "type": "issue",
        "description": f"{f.message_in(lang)} [{f.subject}]",
        "check_name": f.rule,
        "categories": ["Security"],
        "fingerprint": f.fingerprint,
        "severity": SEVERITIES[f.severity],
        "location": {"path": ctx.path(f.file), "lines": {"begin": max(f.line, 1)}},
    }


def render(result: CheckResult, *, color: bool = False, lang: str = "en", **context: object) -> str:
    return "".join(stream(result, color=color, lang=lang, **context))


def stream(result: CheckResult, *, color: bool = False, lang: str = "en", **context: object) -> Iterator[str]:
    """:func:`render`'s text in pieces, one issue at a time."""
    ctx = ReportContext.of(context)
    yield from iterdumps(Items(lambda: (_issue(f, lang, ctx) for f in result.findings), not result.findings))
    yield "\n"


def render_errors(problems: list[Problem]) -> str:
    """Read errors (exit 2) as blocker issues, so the widget shows why nothing was checked."""
    issues = [
        {
            "type": "issue",
            "description": f"policycheck: invalid input: {p.message}",
            "check_name": "invalid-input",
            "categories": ["Bug Risk"],
            "fingerprint": hashlib.sha256(f"{p.file}\x1f{p.message}".encode()).hexdigest()[:32],
            "severity": "blocker",
            "location": {"path": p.file, "lines": {"begin": p.line or 1}},
        }
        for p in problems
    ]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
