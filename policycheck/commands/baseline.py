"""`policycheck baseline`: accept the current findings, so that the gate fails only on new ones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from policycheck.commands.options import as_of_option, lang_option, repo_argument


@click.command("baseline")
@repo_argument
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The baseline file to write; default policycheck-baseline.json in the repo's root.")
@as_of_option
@lang_option
def command(directory: Path | None, output: Path | None, as_of: dt.date | None, lang: str | None) -> None:
    """Write the current findings of DIRECTORY to a baseline file.

    `policycheck check --baseline FILE` then reports only findings that are not
    in it (matched by fingerprint: rule and subject, so moving lines does not
    matter) and says how many were baselined. Commit the file; regenerate it
    when findings are fixed, and review its diff like any other change.
    """
    from policycheck.baseline import DEFAULT_NAME, dumps, from_result
    from policycheck.commands.options import check

    root, repo, _rules, result = check(directory, as_of, lang)
    lang = lang or repo.config.settings.language
    target = output if output is not None else root / DEFAULT_NAME
    baseline = from_result(result, lang)
    from policycheck.commands.output import echo, is_stdout, write_file

    if is_stdout(output):
        echo(dumps(baseline), "json")
        return
    write_file(dumps(baseline), target, root)
    n = len(baseline.entries)
    again = "policycheck check" + (f" {directory}" if directory is not None else "") + f" --baseline {target}"
    from policycheck import i18n
    from policycheck.escape import terminal

    click.echo(terminal(i18n.plural("cli.baseline.wrote", n, lang, target=target, again=again)))
