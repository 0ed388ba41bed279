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
@click.option("--allow-findings", is_flag=True, default=False,
              help="Write the page even when the checks find critical or high problems in what "
                   "it says (transfers without a safeguard, purposes without a lawful basis, "
                   "no privacy contact); they are still listed on stderr.")
@as_of_option
def command(directory: Path | None, lang: str | None, fmt: str, audience: str,
            subject: str | None, output: Path | None, allow_findings: bool,
            as_of: dt.date | None) -> int:
    """The "what we store about you" page for the compliance repo DIRECTORY.

    Per customer channel (systems with `channel: true`): what is stored, why and on what
    lawful basis, how long, who else gets it, where it is kept (and the safeguards for
    transfers outside the EU/EEA), the rights, whom to contact and the right to complain to
    the supervisory authority. With --audience agents: the same facts as answers to
    customers' questions. --as-of decides which adequacy decisions are in force (default
    today).

    The customers' page is not written while the checks find unresolved critical or high
    problems in what it says (a transfer without a safeguard, a purpose without a lawful
    basis, no privacy contact): they are listed on stderr and the exit code is 1, unless
    --allow-findings is given. Internal notes (unverified reference facts the page relies on)
    go to stderr, never onto the page.
    """
    from policycheck.api import check
    from policycheck.commands.options import today
    from policycheck.errors import EXIT_FINDINGS, EXIT_OK
    from policycheck.support import transparency

    day = as_of or today()
    # findings in the page's one language (the rules may then run on both cores); the map stays.
    # Only the findings of the rules about what the page says are read (the answer sheet reads
    # none): only those rules run (every rule is still configured, so a bad override is an error)
    only = transparency.PAGE_RULES if audience == "customers" else frozenset()
    checked = check(directory, as_of=day, lang=lang, release=True, keep_map=True, only=only)
    repo = checked.repo
    lang = lang or repo.config.settings.language
    page = transparency.build(repo, day, lang, subject, beside=True)  # on both cores when it pays
    blocking = transparency.blocking_findings(checked.result) if audience == "customers" else []
    for line in transparency.blocking_lines(blocking, lang, allowed=allow_findings):
        click.echo(line, err=True)
    if audience == "customers":
        for note in transparency.notes(page):
            click.echo(transparency.one_line(note), err=True)
    if blocking and not allow_findings:
        return EXIT_FINDINGS
    text = transparency.render(page, fmt, audience)
    from policycheck.commands.output import emit

    emit(text, output, fmt, checked.root)
    return EXIT_OK
