"""`policycheck init`: write a skeleton compliance repo to fill in (never over existing files)."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", "org_name", default="Example AB", show_default=True, help="The organization's name.")
@click.option("--country", default="SE", show_default=True, help="Country of establishment (ISO code).")
@click.option("--contact", default="privacy@example.com", show_default=True, help="Where data subjects write.")
def command(directory: Path, org_name: str, country: str, contact: str) -> None:
    """Create a compliance repo in DIRECTORY (which must be empty or not exist)."""
    from policycheck.adopt import schema
    from policycheck.commands.options import today
    from policycheck.errors import UsageError
    from policycheck.scaffold import files

    if directory.exists() and any(directory.iterdir()):
        raise UsageError(f"{directory} is not empty; init writes only into a new or empty directory")
    # each YAML file names its JSON Schema, written into the repo (editors validate offline)
    skeleton = files(org_name, country.upper(), contact, today())
    skeleton = {rel: schema.with_modeline(rel, text) for rel, text in skeleton.items()}
    for rel, text in {**skeleton, **schema.files()}.items():
        target = directory / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    click.echo(
        f"Created a compliance repo in {directory}. Next: describe your systems in systems/ and your vendors "
        f"in processors/, then run `policycheck check {directory} --fail-on info`: its findings list what is "
        "still to be done (nothing is declared as done until you declare it)."
    )
