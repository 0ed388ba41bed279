"""Options shared by several commands, and the one pipeline they all run."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from policycheck.errors import Problem
    from policycheck.findings import CheckResult
    from policycheck.model import Repo
    from policycheck.rules.pack import Rule

F = TypeVar("F", bound=Callable[..., Any])

#: dates --as-of and --expires accept: the arithmetic on them (retention, deadlines) stays in the calendar
MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(9000, 12, 31)

SEVERITY_CHOICE = click.Choice(["info", "low", "medium", "high", "critical"])


class DateParam(click.ParamType):  # type: ignore[type-arg]
    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            day = dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"'{value}' is not a date; write YYYY-MM-DD", param, ctx)
        if not MIN_DATE <= day <= MAX_DATE:
            self.fail(f"'{value}' is out of range; give a date between {MIN_DATE} and {MAX_DATE}", param, ctx)
        return day


class DateTimeParam(click.ParamType):  # type: ignore[type-arg]
    name = "DATETIME"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.datetime:
        if isinstance(value, dt.datetime):
            return value
        try:
            parsed = dt.datetime.fromisoformat(str(value))
        except ValueError:
            self.fail(f"'{value}' is not a date or time; write YYYY-MM-DD or YYYY-MM-DDTHH:MM", param, ctx)
        if not MIN_DATE <= parsed.date() <= MAX_DATE:
            self.fail(f"'{value}' is out of range; give a date between {MIN_DATE} and {MAX_DATE}", param, ctx)
        return parsed


def repo_argument(f: F) -> F:
    return click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))(f)


def as_of_option(f: F) -> F:
    return click.option(
        "--as-of",
        "as_of",
        type=DateParam(),
        default=None,
        help="Evaluate dates as of this day (YYYY-MM-DD); default today.",
    )(f)


def lang_option(f: F) -> F:
    return click.option(
        "--lang",
        type=click.Choice(["en", "sv"]),
        default=None,
        help="Language of messages; default settings.language (en).",
    )(f)


def today() -> dt.date:
    """The only place the clock is read; every output gets its date through --as-of."""
    return dt.date.today()


def use_color(stream: Any = None) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def load(directory: Path | None, use_cache: bool | None = None) -> tuple[Path, Repo]:
    from policycheck.load.files import find_root
    from policycheck.load.repo import load_repo

    root = find_root(directory)
    return root, load_repo(root, use_cache)


def _override_problems(root: Path, rules: list[Rule]) -> list[Problem]:
    """Unknown rule ids in policycheck.yaml's `rules:`, read from the raw file (the model did not load)."""
    from policycheck.errors import Problem
    from policycheck.load.repo import did_you_mean
    from policycheck.load.yamlread import read_yaml

    try:
        text = (root / "policycheck.yaml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    doc, _ = read_yaml(text, "policycheck.yaml")
    overrides = doc.data.get("rules") if isinstance(doc.data, dict) else None
    if not isinstance(overrides, dict):
        return []
    ids = {r.id for r in rules}
    out = []
    for rule_id in overrides:
        if rule_id not in ids:
            line, col = doc.where(("rules", rule_id))
            hint = did_you_mean(rule_id, ids)
            out.append(
                Problem(
                    "policycheck.yaml",
                    line,
                    col,
                    f"rules: unknown rule '{rule_id}'{hint}; `policycheck rules` lists them",
                )
            )
    return out


def check(
    directory: Path | None, as_of: dt.date | None, lang: str | None, use_cache: bool | None = None
) -> tuple[Path, Repo, list[Rule], CheckResult]:
    """Load the repo and the pack (with the repo's own rules) and run every rule."""
    from policycheck.errors import InvalidInput
    from policycheck.load.files import find_root
    from policycheck.rules.engine import run
    from policycheck.rules.pack import load_pack

    root, repo = None, None
    problems = []
    try:
        root, repo = load(directory, use_cache)
    except InvalidInput as exc:
        problems += exc.problems
    rules: list[Rule] = []
    try:
        rules = load_pack(root or find_root(directory))
    except InvalidInput as exc:
        problems += exc.problems
    if repo is None and rules:  # the declarations are broken: still report unknown rule overrides
        problems += _override_problems(root or find_root(directory), rules)
    if problems or repo is None or root is None:
        raise InvalidInput(problems)
    result = run(repo, rules, as_of or today(), lang)
    return root, repo, rules, result
