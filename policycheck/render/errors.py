"""Read errors (exit 2) in the machine formats, so CI shows them where it shows findings."""

from __future__ import annotations

import json

from policycheck import __version__
from policycheck.errors import Problem
from policycheck.escape import terminal

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _escape_data(text: str) -> str:
    # the runner's own escapes first, then every other control character shown, never sent raw
    return terminal(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_errors(fmt: str, problems: list[Problem], prefix: str = "") -> str | None:
    """The problems as a `fmt` document, or None for formats that print errors only on stderr.

    ``prefix`` is the compliance repo's path inside the git work tree (for CI tools).
    """
    ordered = [
        Problem(prefix + p.file if not p.file.startswith("/") else p.file, p.line, p.column, p.message)
        for p in sorted(problems)
    ]
    if fmt == "json":
        errors = [{"file": p.file, "line": p.line or 1, "column": p.column or 1, "message": p.message} for p in ordered]
        return (
            json.dumps(
                {"errors": errors, "findings": [], "summary": {"total": 0, "errors": len(errors)}},
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
    if fmt == "codequality":
        from policycheck.render.codequality import render_errors as codequality_errors

        return codequality_errors(ordered)
    if fmt == "github":
        return "".join(
            f"::error file={_escape_property(p.file)},line={p.line or 1},col={p.column or 1},"
            f"title={_escape_property('policycheck: invalid input')}::{_escape_data(p.message)}\n"
            for p in ordered
        )
    if fmt == "sarif":
        notifications = [
            {
                "level": "error",
                "message": {"text": p.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": p.file},
                            "region": {"startLine": p.line or 1, "startColumn": p.column or 1},
                        }
                    }
                ],
            }
            for p in ordered
        ]
        doc = {
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {"driver": {"name": "policycheck", "version": __version__, "rules": []}},
                    "invocations": [{"executionSuccessful": False, "toolExecutionNotifications": notifications}],
                    "results": [],
                }
            ],
        }
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    return None
