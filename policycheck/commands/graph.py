"""`policycheck graph`: the data map (channels, systems, processors, recipients, countries) for other tools."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from policycheck.commands.options import as_of_option, lang_option, repo_argument


@click.command("graph")
@repo_argument
@click.option("--format", "fmt", type=click.Choice(["dot", "mermaid", "graphml", "json"]), default="json",
              show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to FILE instead of standard output.")
@as_of_option
@lang_option
def command(directory: Path | None, fmt: str, output: Path | None, as_of: dt.date | None,
            lang: str | None) -> None:
    """The data map of DIRECTORY: nodes, flows, hosting, sub-processing and countries.

    Edges on a path by which personal data reaches a third country are marked
    third_country, and unsafe where that transfer has no safeguard (as of --as-of).
    """
    from policycheck.commands.options import load, today
    from policycheck.graph import DataMap
    from policycheck.reports import datamap
    from policycheck.reports.i18n import texts

    root, repo = load(directory)
    t = texts(lang or repo.config.settings.language)
    model = datamap.build(repo, DataMap(repo, as_of or today()))
    if fmt == "dot":
        text = datamap.to_dot(model, t)
    elif fmt == "mermaid":
        text = datamap.to_mermaid(model, t)
    elif fmt == "graphml":
        text = datamap.to_graphml(model)
    else:
        text = datamap.to_json(model)
    from policycheck.commands.output import emit

    emit(text, output, fmt, root)
