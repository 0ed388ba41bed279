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
    """The only place the clock is read (see :func:`policycheck.api.today`)."""
    from policycheck.api import today as _today

    return _today()


def use_color(stream: Any = None) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def load(directory: Path | None, use_cache: bool | None = None) -> tuple[Path, Repo]:
    """Find and read the compliance repo and its rules (see :func:`policycheck.api.read`: a
    command that evaluates no rule still refuses a broken one), its names in the command's
    ``--lang`` (else settings.language): every command that prints names loads here."""
    from policycheck.api import read

    root, repo, _ = read(directory, use_cache=use_cache)
    ctx = click.get_current_context(silent=True)
    lang = ctx.params.get("lang") if ctx is not None else None
    return root, repo.localized(lang if isinstance(lang, str) else repo.config.settings.language)


def check(
    directory: Path | None,
    as_of: dt.date | None,
    lang: str | None,
    use_cache: bool | None = None,
    release: bool = False,
    keep_map: bool = False,
) -> tuple[Path, Repo, list[Rule], CheckResult]:
    """Load the repo and the pack and run every rule (see :func:`policycheck.api.check`)."""
    from policycheck.api import check as _check

    c = _check(directory, as_of=as_of, lang=lang, use_cache=use_cache, release=release, keep_map=keep_map)
    return c.root, c.repo, c.rules, c.result
