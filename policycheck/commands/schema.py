"""`policycheck schema`: write the JSON Schemas of the declaration files, for editors."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("schema")
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(".policycheck/schemas"),
    show_default=True,
    help="Directory to write the schemas into (created if missing; the schemas in it are replaced).",
)
def command(output: Path) -> None:
    """Write one JSON Schema per declaration file (policycheck.yaml, systems/, ...) into --output.

    Point your editor at them: `policycheck init` adds a `# yaml-language-server: $schema=...`
    line to each file it creates; docs/format.md shows the VS Code settings for existing repos.
    """
    from policycheck.adopt.schema import GLOBS, render, schemas
    from policycheck.adopt.write import atomic_write

    written = schemas()
    for name, schema in written.items():
        atomic_write(output / name, render(schema))
    width = max(len(n) for n in written)
    for name in written:
        click.echo(f"{output / name}".ljust(len(str(output)) + 1 + width) + "  " + ", ".join(GLOBS[name]))
