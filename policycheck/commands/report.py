"""`policycheck report`: the gap report for compliance officers, management and auditors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from policycheck.commands.options import as_of_option, lang_option, repo_argument


@click.command("report")
@repo_argument
@click.option("--format", "fmt", type=click.Choice(["html", "markdown"]), default="html", show_default=True,
              help="html: one self-contained file for screen and A4 print; markdown: renders on GitHub.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the report to FILE instead of standard output.")
@click.option("--baseline", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
              help="A baseline file (`policycheck baseline`): show the score then and now, per area.")
@as_of_option
@lang_option
def command(directory: Path | None, fmt: str, output: Path | None, baseline: Path | None, as_of: dt.date | None,
            lang: str | None) -> None:
    """The gap report of DIRECTORY: score, what to fix first, policy documents, findings by area,
    processors and transfers, the data map and the record of processing (Art. 30).

    The report is confidential: the HTML file loads nothing from the network. It
    is the same byte for byte for the same declarations and --as-of. The exit
    code is 0 whatever the findings (use `policycheck check` as the gate).
    """
    from policycheck.commands.options import check, today
    from policycheck.graph import DataMap
    from policycheck.reports import gap

    # findings in the report's one language (the rules may then run on both cores); the map stays
    root, repo, rules, result = check(directory, as_of, lang, release=True, keep_map=True)
    language = lang or repo.config.settings.language
    then = None
    if baseline is not None:
        from policycheck.baseline import read_baseline

        then = gap.baseline_scored(((e.rule, e.subject) for e in read_baseline(baseline).entries), rules, repo)
    # the data map's picture is drawn on the second core while the rest is built and written
    report = gap.build(repo, DataMap.of(repo, as_of or today()), result, rules, language, then, fmt, beside=True)
    try:
        text = gap.to_html(report) if fmt == "html" else gap.to_markdown(report)
    finally:
        report.close()
    from policycheck.commands.output import emit

    emit(text, output, fmt, root)
