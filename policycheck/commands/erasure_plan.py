"""`policycheck erasure-plan`: every place holding a data subject's data, and how to erase it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from policycheck.commands.options import as_of_option, lang_option, repo_argument
from policycheck.commands.select import complete_data_subjects


@click.command("erasure-plan")
@repo_argument
@click.option("--subject", required=True, metavar="SUBJECT", shell_complete=complete_data_subjects,
              help="Data-subject type, as in categories' and purposes' `subjects` (e.g. customer).")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True, help="Output format.")
@as_of_option
@lang_option
def command(directory: Path | None, subject: str, fmt: str, as_of: dt.date | None,
            lang: str | None) -> None:
    """Erasure plan (Art. 17) for SUBJECT in the compliance repo DIRECTORY.

    Lists every place holding the subject's data (systems, notes, paper, backups, processors,
    sub-processors, recipients), found through stores, flows, hosting and sub-processing, in
    the order to erase them, with what to do, the procedure, the owner, the deadline (one
    month from --as-of, the day the request came in; Art. 12(3)), the recipients to inform
    (Art. 19) and the blocking gaps. Exit 0; 2 if the repo cannot be read or SUBJECT is unknown.
    """
    from policycheck.commands.options import load, today
    from policycheck.support import erasure

    _, repo = load(directory)
    plan = erasure.build(repo, subject, as_of or today(), lang or repo.config.settings.language)
    from policycheck.commands.output import echo

    echo(erasure.render(plan, fmt), fmt)
