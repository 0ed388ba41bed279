"""`policycheck diff BASE [HEAD]`: the findings a change introduces and resolves.

Both revisions are read through git (``git ls-tree`` and ``git cat-file``),
so nothing is checked out and the work tree is left alone; without HEAD the
work tree as it is on disk is compared with BASE, as ``git diff BASE`` does.
Exit 0 when the change introduces nothing at or above fail_on, 1 when it does,
2 when either side cannot be read.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from policycheck.commands.options import SEVERITY_CHOICE, as_of_option, lang_option

if TYPE_CHECKING:
    from policycheck.findings import CheckResult
    from policycheck.load.git import GitLocation
    from policycheck.model import Repo
    from policycheck.rules.pack import Rule

FORMAT_CHOICE = click.Choice(["text", "markdown", "json", "github"])


@click.command("diff")
@click.argument("base")
@click.argument("head", required=False)
@click.option("-C", "--directory", type=click.Path(file_okay=False, exists=True, path_type=Path), default=None,
              help="The compliance repo's directory in the git work tree (default: the nearest one "
                   "holding policycheck.yaml, else the current directory).")
@click.option("--format", "fmt", type=FORMAT_CHOICE, default="text", show_default=True,
              help="Output format; markdown is meant for a pull-request comment.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the report in --format to FILE; the terminal gets the text summary.")
@click.option("--fail-on", type=SEVERITY_CHOICE, default=None,
              help="Lowest severity of an introduced finding that makes the exit code 1; "
                   "default the head's settings.fail_on (high).")
@as_of_option
@lang_option
def command(base: str, head: str | None, directory: Path | None, fmt: str, output: Path | None,
            fail_on: str | None, as_of: dt.date | None, lang: str | None) -> int:
    """Compare the compliance repo at git revision BASE with HEAD (default: the work tree).

    Lists the findings the change introduces and those it resolves, matched by
    fingerprint (rule and subject), so moved or reformatted declarations are
    not reported. Both sides are evaluated as of the same day (--as-of).
    Typical use in a pull request: `policycheck diff origin/main HEAD --format markdown`.
    """
    from policycheck.cache import sharing
    from policycheck.commands.options import today
    from policycheck.diff import compare, compare_with
    from policycheck.diffrun import Pending
    from policycheck.errors import UsageError
    from policycheck.findings import CheckResult
    from policycheck.load.files import MARKER, find_root
    from policycheck.load.git import locate
    from policycheck.render.diff import DIFF_FORMATS

    if directory is None:
        try:
            directory = find_root(None)
        except UsageError:
            directory = Path.cwd()
    where = locate(directory)
    day = as_of or today()

    with sharing():  # the head side takes every file the change did not touch from the base side's load
        base_side = _load_revision(where, base, lang)
        # the base's rules run in a worker on the other core while the head is loaded and checked
        pending = None
        if base_side is not None:
            with _labelled(where, base):
                pending = Pending(base_side[0], base_side[1], day, lang, base_side[2])
        try:
            if head is None:
                from policycheck.commands.options import check

                if not (directory / MARKER).is_file():
                    raise UsageError(f"{directory}: no {MARKER} in the work tree; name the HEAD revision to "
                                     "compare, or pass the compliance repo's directory with -C")
                _root, head_repo, _rules, head_result = check(directory, day, lang)
                head_label = "working tree"
            else:
                head_side = _revision(where, head, day, lang)
                if head_side is None:
                    raise UsageError(_missing(where, head))
                head_repo, head_result = head_side
                head_label = head
        except BaseException:
            if pending is not None:
                pending.cancel()
            raise
    lang = lang or head_repo.config.settings.language
    threshold = fail_on or head_repo.config.settings.fail_on
    if pending is not None:
        with _labelled(where, base):
            before, base_findings = pending.result(lang, {f.fingerprint for f in head_result.findings})
        diff = compare_with(before, base_findings, head_result, _label(base), _label(head_label))
    else:
        diff = compare(CheckResult(()), head_result, _label(base), _label(head_label), base_missing=True)
    context: dict[str, object] = {"path_prefix": where.prefix, "fail_on": threshold}
    from policycheck.commands.output import echo, emit, is_stdout, write_file

    if output is not None and not is_stdout(output):
        write_file(DIFF_FORMATS[fmt](diff, lang, **context), output, directory, fmt=fmt)
        echo(DIFF_FORMATS["text"](diff, lang, **context))
    else:
        emit(DIFF_FORMATS[fmt](diff, lang, **context), None, fmt)
    return 1 if diff.failing(threshold) else 0


def _label(rev: str) -> str:
    """A revision as reports show it: a full commit id shortened to 12 digits, anything else as given."""
    if len(rev) == 40 and all(c in "0123456789abcdef" for c in rev):
        return rev[:12]
    return rev


def _missing(where: GitLocation, rev: str) -> str:
    place = f"in {where.prefix}" if where.prefix else "at the top of the git repository"
    return (f"revision '{rev}' has no policycheck.yaml {place}; pass the compliance repo's directory "
            "with -C DIR")


def _revision(where: GitLocation, rev: str, as_of: dt.date, lang: str | None) -> tuple[Repo, CheckResult] | None:
    """The repo at ``rev`` and its check result, or None when the revision has no compliance repo."""
    from policycheck.rules.engine import run

    loaded = _load_revision(where, rev, lang)
    if loaded is None:
        return None
    repo, rules, _files = loaded
    with _labelled(where, rev):
        return repo, run(repo, rules, as_of, lang)


@contextlib.contextmanager
def _labelled(where: GitLocation, rev: str) -> Iterator[None]:
    """Problems of the revision's files named ``rev:prefix/file``."""
    from policycheck.errors import InvalidInput, Problem

    try:
        yield
    except InvalidInput as exc:
        raise InvalidInput([Problem(f"{rev}:{where.prefix}{p.file}", p.line, p.column, p.message)
                            for p in exc.problems]) from exc


def _load_revision(where: GitLocation, rev: str, lang: str | None) -> tuple[Repo, list[Rule], int] | None:
    """The repo at ``rev``, the rule pack (with the revision's own rules) and how many files it has;
    None when the revision has no compliance repo."""
    import tempfile

    from policycheck.cache import FileCache
    from policycheck.load.files import MappingReader
    from policycheck.load.git import resolve_revision, revision_files
    from policycheck.load.repo import load_from
    from policycheck.rules.pack import load_pack

    commit = resolve_revision(where, rev)
    with _labelled(where, rev):
        files = revision_files(where, commit)
        if files is None:
            return None
        # no on-disk cache for a revision; the files shared with the other side, when there is one
        repo = load_from(MappingReader(files), f"{rev}:{where.prefix}", FileCache(rev, on=False))
        custom = {p: data for p, data in files.items()
                  if p.startswith("rules/") and p.count("/") == 1 and p.endswith(".yaml")}
        if custom:
            # the pack loader reads rule files from disk: lay the revision's own rules out in a
            # private temporary directory (labels stay rules/<id>.yaml)
            with tempfile.TemporaryDirectory(prefix="policycheck-diff-") as tmp:
                for rel, data in custom.items():
                    target = Path(tmp) / rel
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(data)
                rules = load_pack(Path(tmp))
        else:
            rules = load_pack(None)
    return repo, rules, len(files)
