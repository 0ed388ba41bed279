"""`policycheck transparency`: the customers' "what we store about you" page, and the agents'
answer sheet."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from policycheck.commands.options import as_of_option, repo_argument


@click.command("transparency")
@repo_argument
@click.option("--lang", type=click.Choice(["en", "sv"]), default=None,
              help="Language of the page; default settings.language (en).")
@click.option("--format", "fmt", type=click.Choice(["html", "markdown", "json"]), default="html",
              show_default=True, help="Output format (HTML is one self-contained file).")
@click.option("--audience", type=click.Choice(["customers", "agents"]), default="customers",
              show_default=True,
              help="customers: the page customers read; agents: the answer sheet for support.")
@click.option("--subject", default=None, metavar="SUBJECT",
              help="Only data about this data-subject type (e.g. customer); default: all.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to FILE instead of standard output.")
@as_of_option
def command(directory: Path | None, lang: str | None, fmt: str, audience: str,
            subject: str | None, output: Path | None, as_of: dt.date | None) -> None:
    """The "what we store about you" page for the compliance repo DIRECTORY.

    Per customer channel (systems with `channel: true`): what is stored, why and on what
    lawful basis, how long, who else gets it, where it is kept (and the safeguards for
    transfers outside the EU/EEA), the rights, whom to contact and the right to complain to
    the supervisory authority. With --audience agents: the same facts as answers to
    customers' questions. --as-of decides which adequacy decisions are in force (default
    today).
    """
    from policycheck.commands.options import load, today
    from policycheck.support import transparency

    root, repo = load(directory)
    page = transparency.build(repo, as_of or today(), lang or repo.config.settings.language, subject)
    text = transparency.render(page, fmt, audience)
    from policycheck.commands.output import emit

    emit(text, output, fmt, root)
