"""Checkov-style control of `check`: --rule/--skip-rule, --quiet, --compact; and shell completion of ids.

Completion functions run on every TAB press: they import nothing heavy until asked, and never
raise (a broken repo completes nothing rather than printing a traceback into the shell).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from click.shell_completion import CompletionItem

if TYPE_CHECKING:
    from policycheck.findings import CheckResult
    from policycheck.rules.pack import Rule

F = TypeVar("F", bound=Callable[..., Any])


# --- completion ------------------------------------------------------------------------------------


def _repo_dir(ctx: click.Context) -> Path | None:
    value = ctx.params.get("directory")
    if isinstance(value, Path):
        return value
    targets = ctx.params.get("targets")
    if isinstance(targets, tuple | list) and targets and (Path(str(targets[0])) / "policycheck.yaml").is_file():
        return Path(str(targets[0]))  # breach-impact [DIRECTORY] NODE
    return None


def _root(ctx: click.Context) -> Path | None:
    from policycheck.load.files import find_root

    try:
        return find_root(_repo_dir(ctx))
    except Exception:
        return None


def complete_rule_ids(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Rule ids of the pack (and of the repo's own rules/, when one is found)."""
    from policycheck.rules.pack import load_pack

    try:
        rules = load_pack(_root(ctx))
    except Exception:
        try:
            rules = load_pack(None)
        except Exception:
            return []
    ordered = sorted(rules, key=lambda r: r.id)
    return [CompletionItem(r.id, help=r.spec.title) for r in ordered if r.id.startswith(incomplete)]


def _repo(ctx: click.Context) -> Any:
    from policycheck.load.repo import load_repo

    root = _root(ctx)
    if root is None:
        return None
    try:
        return load_repo(root)
    except Exception:
        return None


def complete_node_ids(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """System, processor and recipient ids of the repo."""
    repo = _repo(ctx)
    if repo is None:
        return []
    out = []
    for kind, table in (("system", repo.systems), ("processor", repo.processors), ("recipient", repo.recipients)):
        out += [CompletionItem(i, help=kind) for i in sorted(table) if i.startswith(incomplete)]
    return out


def complete_subjects(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Finding subjects (`system:ID`, `purpose:ID`, ...) of the repo's declarations."""
    repo = _repo(ctx)
    if repo is None:
        return []
    subjects = ["organization", "privacy-notice"]
    for kind, table in (
        ("system", repo.systems),
        ("processor", repo.processors),
        ("recipient", repo.recipients),
        ("purpose", repo.purposes),
        ("category", repo.categories),
        ("team", repo.teams),
        ("policy", repo.policies),
    ):
        subjects += [f"{kind}:{i}" for i in sorted(table)]
    return [CompletionItem(s) for s in subjects if s.startswith(incomplete)]


def complete_data_subjects(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Data-subject kinds (`customer`, `employee`, ...) that the repo's categories and purposes name."""
    repo = _repo(ctx)
    if repo is None:
        return []
    found: set[str] = set()
    for item in (*repo.categories.values(), *repo.purposes.values()):
        found.update(item.subjects)
    return [CompletionItem(s) for s in sorted(found) if s.startswith(incomplete)]


# --- check's options -------------------------------------------------------------------------------

#: --compact's severity colours (as the text format's)
_COLORS = {"critical": "\033[1;31m", "high": "\033[31m", "medium": "\033[33m", "low": "\033[36m", "info": "\033[2m"}


def selection_options(f: F) -> F:
    """--rule, --skip-rule, --quiet and --compact, for `check`."""
    f = click.option(
        "--compact", is_flag=True, help="One line per finding (file:line: severity rule message), nothing else."
    )(f)
    f = click.option("--quiet", "-q", is_flag=True, help="Print only the summary line (the exit code still gates).")(f)
    f = click.option(
        "--skip-rule",
        "skip_rules",
        multiple=True,
        metavar="ID",
        shell_complete=complete_rule_ids,
        help="Do not report this rule's findings (repeatable).",
    )(f)
    f = click.option(
        "--rule",
        "only_rules",
        multiple=True,
        metavar="ID",
        shell_complete=complete_rule_ids,
        help="Report only this rule's findings (repeatable).",
    )(f)
    return f


def select(
    result: CheckResult, rules: list[Rule], only: tuple[str, ...], skip: tuple[str, ...]
) -> tuple[CheckResult, list[Rule]]:
    """The result and rules restricted by --rule/--skip-rule; an unknown id is an error (exit 2)."""
    from policycheck.errors import UsageError
    from policycheck.load.repo import did_you_mean

    if not only and not skip:
        return result, rules
    ids = {r.id for r in rules}
    bad = [
        f"{opt} {i}: no such rule{did_you_mean(i, ids)}; `policycheck rules` lists them"
        for opt, values in (("--rule", only), ("--skip-rule", skip))
        for i in values
        if i not in ids
    ]
    if bad:
        raise UsageError("; ".join(bad))
    keep = (set(only) or ids) - set(skip)
    kept = [r for r in rules if r.id in keep]
    return (
        dataclasses.replace(
            result,
            findings=tuple(f for f in result.findings if f.rule in keep),
            waived=tuple(w for w in result.waived if w.finding.rule in keep),
            rules_run=len(kept),
        ),
        kept,
    )


def _one_line(text: str) -> str:
    """Terminal-safe: whitespace runs become one space; other control characters (ESC) show as \\xNN."""
    from policycheck.escape import terminal

    return terminal(" ".join(text.split()))


def terminal_text(result: CheckResult, *, color: bool, lang: str, quiet: bool, compact: bool) -> str | None:
    """The terminal output under --quiet or --compact, or None for the normal text output."""
    from policycheck.render.text import summary_line

    if quiet:
        return summary_line(result, lang) + "\n"
    if not compact:
        return None
    lines = []
    for f in result.findings:
        sev = f"{_COLORS[f.severity]}{f.severity}\033[0m" if color else f.severity
        message = _one_line(f.message_in(lang))
        lines.append(f"{_one_line(f.file)}:{f.line}: {sev} {f.rule} {message}")
    lines.append(summary_line(result, lang))
    return "\n".join(lines) + "\n"
