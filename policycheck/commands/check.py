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

FORMAT_CHOICE = click.Choice(["text", "json", "sarif", "junit", "github", "markdown"])


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
    no_cache: bool,
) -> None:
    """Check the compliance repo DIRECTORY (default: the nearest one holding policycheck.yaml)."""
    from policycheck import cache
    from policycheck.commands.options import today

    use_cache = not no_cache and cache.enabled()
    as_of = as_of or today()
    key = None
    if use_cache:
        key = _output_key(directory, fmt, output, fail_on, baseline, as_of, lang, color)
        replayed = cache.replay(key) if key is not None else None
        if replayed is not None:
            raise SystemExit(_emit(replayed, output))
    with cache.tracing() as manifest:
        emitted = _run(directory, fmt, output, fail_on, baseline, as_of, lang, color, use_cache)
    if key is not None:
        cache.store(key, manifest, emitted)
    raise SystemExit(_emit(emitted, output))


#: what a run printed: (file text or None, [(text, to stderr, colour)], exit code)
Emitted = tuple[str | None, list[tuple[str, bool, bool | None]], int]


def _output_key(
    directory: Path | None,
    fmt: str,
    output: Path | None,
    fail_on: str | None,
    baseline: Path | None,
    as_of: dt.date,
    lang: str | None,
    color: bool | None,
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
    )


def _emit(emitted: Emitted, output: Path | None) -> int:
    file_text, lines, code = emitted
    if output is not None and file_text is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(file_text, encoding="utf-8")
    for text, err, color in lines:
        click.echo(text, nl=False, err=err, color=color)
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
) -> Emitted:
    from policycheck.commands.options import check, use_color
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
            prefix = worktree_prefix(find_root(directory)) if fmt in ("sarif", "github") else ""
        except UsageError:
            prefix = ""
        doc = render_errors(fmt, exc.problems, prefix)
        if doc is not None:
            if output is not None:
                output.parent.mkdir(parents=True, exist_ok=True)
                output.write_text(doc, encoding="utf-8")
            else:
                click.echo(doc, nl=False)
        raise
    lang = lang or repo.config.settings.language
    lines: list[tuple[str, bool, bool | None]] = []
    if baseline is not None:
        from policycheck.baseline import apply_baseline, read_baseline

        known = read_baseline(baseline)
        stale = known.stale(result)
        result = apply_baseline(result, known)
        if stale:
            note = (
                f"note: {len(stale)} baseline {'entry matches' if len(stale) == 1 else 'entries match'} "
                f"no finding any more (fixed?); `policycheck baseline` rewrites {baseline}\n"
            )
            lines.append((note, True, None))
    threshold = fail_on or repo.config.settings.fail_on
    colored = use_color() if color is None else color
    prefix = worktree_prefix(root)
    severities = {c.rule.id: c.severity for c in configure(rules, repo)}

    def report(fmt: str) -> str:
        return get_renderer(fmt)(
            result, lang=lang, rules=rules, root=root, path_prefix=prefix, severities=severities, fail_on=threshold
        )

    file_text = None
    if output is not None:
        file_text = report(fmt)
        lines.append((get_renderer("text")(result, color=colored, lang=lang), False, colored))
    elif fmt == "text":
        lines.append((get_renderer("text")(result, color=colored, lang=lang), False, colored))
    else:
        lines.append((report(fmt), False, None))
    return file_text, lines, 1 if result.failing(threshold) else 0
