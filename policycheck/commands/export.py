"""`policycheck export`: the compliance repo in other tools' formats."""

from __future__ import annotations

from pathlib import Path

import click

from policycheck.commands.options import repo_argument


@click.group("export")
def command() -> None:
    """Write the compliance repo in another tool's format (fides)."""


@command.command("fides")
@repo_argument
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write to FILE, not stdout."
)
def fides(directory: Path | None, output: Path | None) -> None:
    """Fides manifests (fideslang `system`, `data_category`, `data_use`, ...) of the repo DIRECTORY.

    What Fides has no field for is kept under each resource's `meta.policycheck`, so
    `policycheck import fides` gives the repo back.
    """
    from policycheck.adopt.fides import export, to_yaml
    from policycheck.commands.options import load
    from policycheck.commands.output import emit

    root, repo = load(directory)
    text = "# Fides manifests written by `policycheck export fides`\n" + to_yaml(export(repo))
    emit(text, output, "yaml", root)
