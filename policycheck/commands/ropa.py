"""`policycheck ropa`: the record of processing activities (Art. 30(1)), one row per purpose."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from policycheck.commands.options import as_of_option, lang_option, repo_argument


@click.command("ropa")
@repo_argument
@click.option("--format", "fmt", type=click.Choice(["csv", "markdown", "json", "xlsx"]), default="markdown",
              show_default=True,
              help="Output format. csv: UTF-8 with a byte order mark (Excel); xlsx: an Excel workbook, one sheet "
                   "per register (needs --output unless standard output is a file or pipe).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to FILE instead of standard output.")
@as_of_option
@lang_option
def command(directory: Path | None, fmt: str, output: Path | None, as_of: dt.date | None,
            lang: str | None) -> None:
    """The record of processing activities of DIRECTORY: columns for Art. 30(1) (a)-(g)."""
    from policycheck.commands.options import load, today
    from policycheck.graph import DataMap
    from policycheck.reports import ropa
    from policycheck.reports.i18n import texts

    if fmt == "xlsx" and output is None and sys.stdout.isatty():
        from policycheck.errors import UsageError

        raise UsageError("--format xlsx writes a binary workbook, not text for a terminal: "
                         "give --output FILE (e.g. --output ropa.xlsx) or redirect standard output to a file")
    root, repo = load(directory)
    day = as_of or today()
    t = texts(lang or repo.config.settings.language)
    entries = ropa.build(repo, DataMap(repo, day))
    policy = ropa.security_policy(repo)
    if fmt == "xlsx":
        data = ropa.to_xlsx(ropa.registers(entries, t, policy), t, repo.config.organization.name, day)
        if output is None:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            from policycheck.commands.output import refuse_repo_file
            from policycheck.load.write import atomic_write

            refuse_repo_file(output, root)
            output.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(output, data)
        return
    if fmt == "csv":
        text = ropa.to_csv(entries, t, policy)
    elif fmt == "json":
        text = ropa.to_json(entries, ropa.controller(repo), t, policy, day.isoformat())
    else:
        text = ropa.to_markdown(entries, t, policy, repo.config.organization.name, day.isoformat())
    from policycheck.commands.output import emit

    emit(text, output, fmt, root)
