"""`policycheck access-plan`: where to collect a data subject's data and what the answer says."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from policycheck.commands.options import as_of_option, lang_option, repo_argument
from policycheck.commands.select import complete_data_subjects


@click.command("access-plan")
@repo_argument
@click.option("--subject", required=True, metavar="SUBJECT", shell_complete=complete_data_subjects,
              help="Data-subject type, as in categories' and purposes' `subjects` (e.g. customer).")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True, help="Output format.")
@as_of_option
@lang_option
def command(directory: Path | None, subject: str, fmt: str, as_of: dt.date | None,
            lang: str | None) -> None:
    """Access-request plan (Art. 15) for SUBJECT in the compliance repo DIRECTORY.

    Where to collect the subject's data (every system holding it, and processors that
    received it by a flow), and what the answer must say: purposes and lawful bases,
    categories, recipients, retention, transfers and their safeguards, source, rights and the
    complaint authority. The deadline is one month from --as-of, the day the request came in
    (Art. 12(3)). Exit 0; 2 if the repo cannot be read or SUBJECT is unknown.
    """
    from policycheck.commands.options import load, today
    from policycheck.support import access

    _, repo = load(directory)
    plan = access.build(repo, subject, as_of or today(), lang or repo.config.settings.language)
    from policycheck.commands.output import echo

    echo(access.render(plan, fmt), fmt)
