"""`policycheck check`: the gate. Exit 0 clean, 1 findings at or above fail_on, 2 invalid input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

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
@click.option(
    "--no-cache",
    is_flag=True,
    default=False,
    help="Read every file again and store nothing (see docs/performance.md); also POLICYCHECK_NO_CACHE=1.",
)
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
    no_cache: bool = False,
) -> int:
    """Check the compliance repo DIRECTORY (default: the nearest one holding policycheck.yaml)."""
    from policycheck import cache
    from policycheck.commands.options import today

    use_cache = not no_cache and cache.enabled()
    as_of = as_of or today()
    key = None
    selection = (only_rules, skip_rules, quiet, compact)
    if use_cache:
        key = _output_key(directory, fmt, output, fail_on, baseline, as_of, lang, color, selection)
        replayed = cache.replay(key, _document_status) if key is not None else None
        if replayed is not None:
            return _emit(replayed)
    with cache.tracing() as manifest:
        emitted = _run(directory, fmt, output, fail_on, baseline, as_of, lang, color, use_cache, selection)
    code = _emit(emitted)  # stored only once everything was written
    if key is not None:
        cache.store(key, manifest, emitted)
    return code


#: what a run printed, in order ("note", text) | ("echo", text made safe for the stream, colour)
#: | ("write", text, file, root, fmt),
#: and its exit code
Emitted = tuple[list[tuple[Any, ...]], int]


def _output_key(
    directory: Path | None,
    fmt: str,
    output: Path | None,
    fail_on: str | None,
    baseline: Path | None,
    as_of: dt.date,
    lang: str | None,
    color: bool | None,
    selection: tuple[tuple[str, ...], tuple[str, ...], bool, bool],
) -> str | None:
    """The output cache key of these options (the files read are checked separately), or None."""
    import hashlib
    import os

    from policycheck import cache
    from policycheck.commands.options import use_color
    from policycheck.errors import UsageError
    from policycheck.load.files import find_root
    from policycheck.load.git import worktree_prefix

    try:
        root = find_root(directory)
        base = hashlib.sha256(baseline.read_bytes()).hexdigest() if baseline is not None else ""
    except (UsageError, OSError):
        return None
    colored = use_color() if color is None else color
    return cache.output_key(
        "check",
        os.getcwd(),
        os.path.abspath(root),
        str(directory),
        fmt,
        str(output),
        str(fail_on),
        str(baseline),
        base,
        as_of.isoformat(),
        str(lang),
        str(colored),
        worktree_prefix(root),
        repr(selection),
    )


def _document_status(root: str, rel: str) -> str:
    from policycheck.load.files import FileSystemReader

    return FileSystemReader(Path(root)).document_status(rel)


def _emit(emitted: Emitted) -> int:
    """Print and write what a run produced (the same calls for a fresh run and a replay)."""
    from policycheck.commands.output import write_file

    actions, code = emitted
    for action in actions:
        if action[0] == "note":
            click.echo(str(action[1]), err=True)
        elif action[0] == "echo":  # commands.output.echo, with the text already made safe for the stream
            click.echo(str(action[1]), nl=False, color=bool(action[2]))
        else:
            _, text, file, root, fmt = action
            write_file(str(text), Path(str(file)), Path(str(root)), fmt=str(fmt))
    return code


def _run(
    directory: Path | None,
    fmt: str,
    output: Path | None,
    fail_on: str | None,
    baseline: Path | None,
    as_of: dt.date | None,
    lang: str | None,
    color: bool | None,
    use_cache: bool,
    selection: tuple[tuple[str, ...], tuple[str, ...], bool, bool],
) -> Emitted:
    from policycheck.commands.options import check, use_color
    from policycheck.commands.output import emit, is_stdout, safe_for_stream
    from policycheck.errors import InvalidInput
    from policycheck.load.git import worktree_prefix
    from policycheck.render import get_renderer
    from policycheck.rules.engine import configure

    try:
        root, repo, rules, result = check(directory, as_of, lang, use_cache)
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
    only_rules, skip_rules, quiet, compact = selection
    actions: list[tuple[Any, ...]] = []
    if baseline is not None:
        from policycheck.baseline import apply_baseline, read_baseline

        known = read_baseline(baseline)
        stale = known.stale(result)
        result = apply_baseline(result, known)
        if stale:
            note = (
                f"note: {len(stale)} baseline {'entry matches' if len(stale) == 1 else 'entries match'} "
                f"no finding any more (fixed?); `policycheck baseline` rewrites {baseline}"
            )
            actions.append(("note", note))
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
        actions.append(("write", report(fmt), str(output), str(root), fmt))
        actions.append(("echo", safe_for_stream(summary, "text", color=colored), colored))
    elif fmt == "text":
        actions.append(("echo", safe_for_stream(summary, "text", color=colored), colored))
    else:
        actions.append(("echo", safe_for_stream(report(fmt), fmt), False))
    return actions, 1 if result.failing(threshold) else 0
