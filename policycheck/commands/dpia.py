"""`policycheck dpia`: the DPIA screening of every purpose, or a DPIA draft for one (Art. 35)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from policycheck.commands.options import as_of_option, lang_option, repo_argument


@click.command("dpia")
@repo_argument
@click.option("--purpose", "purpose", default=None, metavar="ID",
              help="Write a DPIA draft for this purpose, structured by Art. 35(7)(a)-(d).")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json", "html"]), default="text",
              show_default=True, help="Output format.")
@as_of_option
@lang_option
def command(directory: Path | None, purpose: str | None, fmt: str, as_of: dt.date | None,
            lang: str | None) -> None:
    """Screen every purpose of DIRECTORY against the nine DPIA criteria (WP248).

    The table shows, per purpose, the criteria met and where they were seen
    (inferred from the data map, or declared in `dpia_criteria`), the verdict
    ("DPIA required", "likely", "not indicated") and the existing DPIA and its
    age. With --purpose, a DPIA draft prefilled from the declarations: what is
    declared, what is inferred, and what is left to the assessor. Nothing in
    the draft is marked as assessed. The exit code is 0 whatever the verdicts.
    """
    from policycheck.commands.options import check, today
    from policycheck.errors import InvalidInput, Problem
    from policycheck.graph import DataMap
    from policycheck.load.repo import did_you_mean
    from policycheck.reports import dpia

    _, repo, rules, result = check(directory, as_of, lang)
    language = lang or repo.config.settings.language
    dmap = DataMap(repo, as_of or today())
    if purpose is None:
        doc: dpia.Screening | dpia.Draft = dpia.screening(repo, dmap, rules, language)
    else:
        if purpose not in repo.purposes:
            hint = did_you_mean(purpose, repo.purposes) or f"; purposes: {', '.join(sorted(repo.purposes))}"
            raise InvalidInput([Problem("purposes.yaml", 1, 1, f"--purpose: unknown purpose '{purpose}'{hint}")])
        doc = dpia.draft(repo, dmap, rules, result, purpose, language)
    from policycheck.commands.output import echo

    echo(dpia.render(doc, fmt), fmt)
