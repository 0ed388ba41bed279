"""`policycheck check`: the gate. Exit 0 clean, 1 findings at or above fail_on, 2 invalid input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from policycheck.commands.options import (
    SEVERITY_CHOICE,
    as_of_option,
    lang_option,
    repo_argument,
)
from policycheck.commands.select import selection_options

FORMAT_CHOICE = click.Choice(["text", "json", "sarif", "junit", "github", "markdown", "codequality"])


@click.command("check")
@repo_argument
@click.option("--format", "fmt", type=FORMAT_CHOICE, default="text", show_default=True, help="Output format.")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the report in --format to FILE; the terminal gets the text summary.",
)
@click.option(
    "--fail-on",
    type=SEVERITY_CHOICE,
    default=None,
    help="Lowest severity that makes the exit code 1; default settings.fail_on (high).",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="Report only findings not in this baseline file (see `policycheck baseline`).",
)
@as_of_option
@lang_option
@click.option(
    "--color/--no-color", default=None, help="Colour the text output (default: on a terminal, unless NO_COLOR)."
)
@selection_options
def command(
    directory: Path | None,
    fmt: str,
    output: Path | None,
    fail_on: str | None,
    baseline: Path | None,
    as_of: dt.date | None,
    lang: str | None,
    color: bool | None,
    only_rules: tuple[str, ...] = (),
    skip_rules: tuple[str, ...] = (),
    quiet: bool = False,
    compact: bool = False,
) -> int:
    """Check the compliance repo DIRECTORY (default: the nearest one holding policycheck.yaml)."""
    from policycheck.commands.options import check, use_color
    from policycheck.commands.output import echo, emit, is_stdout, write_file
    from policycheck.errors import InvalidInput
    from policycheck.load.git import worktree_prefix
    from policycheck.render import get_renderer
    from policycheck.rules.engine import configure

    try:
        root, repo, rules, result = check(directory, as_of, lang)
    except InvalidInput as exc:
        # machine formats carry the read errors too (a CI annotation must not vanish); then exit 2
        from policycheck.errors import UsageError
        from policycheck.load.files import find_root
        from policycheck.render.errors import render_errors

        try:
            prefix = worktree_prefix(find_root(directory)) if fmt in ("sarif", "github", "codequality") else ""
        except UsageError:
            prefix = ""
        doc = render_errors(fmt, exc.problems, prefix)
        if doc is not None:
            try:
                where: Path | None = find_root(directory)
            except UsageError:
                where = None
            emit(doc, output, fmt, where)
        raise
    lang = lang or repo.config.settings.language
    if baseline is not None:
        from policycheck.baseline import apply_baseline, read_baseline

        known = read_baseline(baseline)
        stale = known.stale(result)
        result = apply_baseline(result, known)
        if stale:
            click.echo(
                f"note: {len(stale)} baseline {'entry matches' if len(stale) == 1 else 'entries match'} "
                f"no finding any more (fixed?); `policycheck baseline` rewrites {baseline}",
                err=True,
            )
    from policycheck.commands.select import select, terminal_text

    result, shown = select(result, rules, only_rules, skip_rules)  # after the baseline: its stale note is whole
    threshold = fail_on or repo.config.settings.fail_on
    colored = use_color() if color is None else color
    prefix = worktree_prefix(root)
    severities = {c.rule.id: c.severity for c in configure(rules, repo)}

    def report(fmt: str) -> str:
        return get_renderer(fmt)(
            result, lang=lang, rules=shown, root=root, path_prefix=prefix, severities=severities, fail_on=threshold
        )

    terminal = terminal_text(result, color=colored, lang=lang, quiet=quiet, compact=compact)
    summary = terminal or get_renderer("text")(result, color=colored, lang=lang)
    if output is not None and not is_stdout(output):
        write_file(report(fmt), output, root, fmt=fmt)
        echo(summary, color=colored)
    elif fmt == "text":
        echo(summary, color=colored)
    else:
        emit(report(fmt), None, fmt)
    return 1 if result.failing(threshold) else 0
