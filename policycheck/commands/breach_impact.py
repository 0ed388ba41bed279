"""`policycheck breach-impact`: what a breach of a system or processor exposes, and whom to tell."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from policycheck.commands.options import DateTimeParam, lang_option
from policycheck.commands.select import complete_node_ids


@click.command("breach-impact")
@click.argument("targets", nargs=-1, required=True, metavar="[DIRECTORY] NODE", shell_complete=complete_node_ids)
@click.option("--as-of", "as_of", type=DateTimeParam(), default=None,
              help="When you became aware of the breach (YYYY-MM-DDTHH:MM, or a date: midnight); "
                   "the 72 hours run from here. Default: today, midnight.")
@click.option("--affected", type=click.IntRange(min=0), default=None, metavar="N",
              help="Approximate number of people affected, to judge large scale (Art. 34).")
@click.option("--large-scale", "large_scale", type=click.IntRange(min=1), default=1000,
              show_default=True, metavar="N",
              help="--affected at or above N counts as large scale (not a legal threshold).")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True, help="Output format.")
@click.option("--record", is_flag=True,
              help="Also append an entry to breaches.yaml (the Art. 33(5) register), prefilled from the analysis; "
                   "needs --as-of with the UTC offset (2026-03-02T09:15+01:00).")
@lang_option
def command(targets: tuple[str, ...], as_of: dt.datetime | None, affected: int | None,
            large_scale: int, fmt: str, record: bool, lang: str | None) -> None:
    """What a breach of NODE (a system, processor or recipient id) in DIRECTORY exposes.

    With no DIRECTORY argument, give NODE alone: `policycheck breach-impact zendesk` looks for
    the repo from the current directory. The report lists the exposed categories (special
    ones flagged), data subjects, what the node feeds and is fed by, the countries involved,
    the deadline to notify the supervisory authority (72 hours from --as-of), the Art. 33(3)
    notification prefilled, whether Art. 34 communication is likely, whom to call, and a
    message for customers and a script for agents in English and Swedish.
    """
    from policycheck.commands.options import load, today
    from policycheck.support import breach

    if len(targets) > 2:
        raise click.UsageError("give at most a DIRECTORY and a NODE")
    directory = Path(targets[0]) if len(targets) == 2 else None
    node = targets[-1]
    root, repo = load(directory)
    if record and as_of is None:
        raise click.UsageError("--record needs --as-of: when you became aware, with the UTC offset "
                               "(e.g. 2026-03-02T09:15+01:00)")
    aware = as_of or dt.datetime.combine(today(), dt.time())
    impact = breach.build(repo, node, aware, lang or repo.config.settings.language,
                          affected=affected, large_scale=large_scale)
    if record:
        from policycheck.support.breach_record import record as append_entry

        ident = append_entry(root, repo, impact.node, aware, impact.categories, affected)
        click.echo(f"Recorded breach {ident} in {root / 'breaches.yaml'}; decide and record its risk and "
                   "notifications there.", err=True)
    from policycheck.commands.output import echo

    echo(breach.render(impact, fmt), fmt)
