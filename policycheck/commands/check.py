"""`policycheck check`: the gate. Exit 0 clean, 1 findings at or above fail_on, 2 invalid input."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
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
        if replayed is not None and _stored(replayed):
            return _emit(replayed)[0]
    with cache.tracing() as manifest:
        emitted = _run(directory, fmt, output, fail_on, baseline, as_of, lang, color, use_cache, selection)
    code, stored = _emit(emitted, key)  # stored only once everything was written
    if key is not None and stored is not None:
        cache.store(key, manifest, stored)
    return code


#: what a run printed, in order ("note", text) | ("echo", pieces, fmt, colour) | ("write", pieces, file, root,
#: fmt), where pieces make the text (:mod:`policycheck.render`'s streams); stored for a replay as
#: ("echo", stored output, colour) | ("write", stored output, file, root), the stored output a name and
#: SHA-256 in the cache (:class:`policycheck.cache.Blob`); and its exit code
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


def _stored(emitted: Emitted) -> bool:
    """Whether every output a stored run refers to is in the cache, unchanged."""
    from policycheck import cache

    return all(cache.blob_ok(*action[1]) for action in emitted[0] if action[0] in ("echo", "write"))


def _emit(emitted: Emitted, key: str | None = None) -> tuple[int, Emitted | None]:
    """Print and write what a run produced (the same calls for a fresh run and a replay).

    A fresh run's texts are written as their pieces are made; with ``key`` each is also stored
    in the cache, and the run as it can be replayed is returned beside the exit code (None when
    an output could not be stored).
    """
    from policycheck import cache
    from policycheck.commands.output import file_chunks, line_chunks, safe_chunks, write_bytes

    actions, code = emitted
    stored: list[tuple[Any, ...]] | None = []
    for n, action in enumerate(actions):
        kind = action[0]
        if kind == "note":
            click.echo(str(action[1]), err=True)
            if stored is not None:
                stored.append(action)
            continue
        if callable(action[1]):  # a fresh run: the pieces of the text
            blob = cache.Blob(key, n) if key is not None and stored is not None else None
            if kind == "echo":
                _, pieces, fmt, color = action
                safe = safe_chunks(line_chunks(pieces()), fmt, color=color)
                chunks: Iterable[bytes] = (c.encode("utf-8") for c in safe)
            else:
                _, pieces, file, root, fmt = action
                chunks = file_chunks(pieces(), fmt)
        else:  # a replay: the stored bytes
            blob = None
            chunks = cache.blob_chunks(action[1][0])
            color = bool(action[2]) if kind == "echo" else False
            file, root = (action[2], action[3]) if kind == "write" else ("", "")
        if blob is not None:
            chunks = blob.tee(chunks)
        try:
            if kind == "echo":
                _echo_bytes(chunks, bool(color))
            else:
                write_bytes(chunks, Path(str(file)), Path(str(root)))
        except BaseException:
            if blob is not None:
                blob.discard()
            raise
        if blob is not None:
            done = blob.finish()
            if done is None or stored is None:
                stored = None
            elif kind == "echo":
                stored.append(("echo", done, bool(color)))
            else:
                stored.append(("write", done, str(file), str(root)))
    return code, ((stored, code) if key is not None and stored is not None else None)


def _echo_bytes(chunks: Iterable[bytes], color: bool) -> None:
    """Print UTF-8 text given in chunks, a run of whole lines at a time (click strips no colour
    code in half)."""
    import codecs

    from policycheck.commands.output import line_chunks

    decoder = codecs.getincrementaldecoder("utf-8")()
    texts = (decoder.decode(chunk) for chunk in chunks)
    for text in line_chunks(texts):
        click.echo(text, nl=False, color=color)
    tail = decoder.decode(b"", final=True)
    if tail:
        click.echo(tail, nl=False, color=color)


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
    from policycheck.commands.output import emit, is_stdout
    from policycheck.errors import InvalidInput
    from policycheck.load.git import worktree_prefix
    from policycheck.render import get_stream
    from policycheck.rules.engine import configure

    try:
        root, repo, rules, result = check(directory, as_of, lang, use_cache, release=True)
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

    def report() -> Iterator[str]:
        return get_stream(fmt)(
            result, lang=lang, rules=shown, root=root, path_prefix=prefix, severities=severities, fail_on=threshold
        )

    terminal = terminal_text(result, color=colored, lang=lang, quiet=quiet, compact=compact)

    def summary() -> Iterable[str]:
        return (terminal,) if terminal is not None else get_stream("text")(result, color=colored, lang=lang)

    if output is not None and not is_stdout(output):
        actions.append(("write", report, str(output), str(root), fmt))
        actions.append(("echo", summary, "text", colored))
    elif fmt == "text":
        actions.append(("echo", summary, "text", colored))
    else:
        actions.append(("echo", report, fmt, False))
    return actions, 1 if result.failing(threshold) else 0
