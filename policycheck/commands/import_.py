"""`policycheck import`: start a compliance repo from what an organization already has."""

from __future__ import annotations

from pathlib import Path

import click


@click.group("import")
def command() -> None:
    """Write a compliance repo from an existing record of processing (ropa) or Fides manifests (fides)."""


def _write(root: Path, files: dict[str, str], force: bool) -> tuple[list[str], str]:
    """Write the declaration files (each naming its JSON Schema) and the schemas; return them and a summary.

    An existing policycheck.yaml is kept (it holds the organization's settings and waivers), other
    existing files are overwritten only with ``force``. The result is loaded first in a staging copy:
    if it would not load, nothing is written (exit 2, with the problems).
    """
    import shutil
    import tempfile

    from policycheck.adopt import schema
    from policycheck.adopt.write import atomic_write, write_files
    from policycheck.commands.options import check, today
    from policycheck.errors import InvalidInput, UsageError

    files = {rel: schema.with_modeline(rel, text) for rel, text in files.items()}
    if (root / "policycheck.yaml").exists():
        files.pop("policycheck.yaml", None)
    files.update(schema.files())  # generated, ours: always the current ones
    existing = sorted(rel for rel in files if (root / rel).exists() and not rel.startswith(schema.SCHEMA_DIR))
    if existing and not force:
        write_files(root, {rel: files[rel] for rel in existing}, force=False)  # raises, naming them
    with tempfile.TemporaryDirectory(prefix="policycheck-import-") as tmp:
        stage = Path(tmp) / "repo"
        if root.is_dir():
            shutil.copytree(root, stage, ignore=shutil.ignore_patterns(".git"), symlinks=True)
        for rel, text in files.items():
            atomic_write(stage / rel, text)
        try:
            _, _, _, result = check(stage, today(), None)
        except InvalidInput as exc:
            raise UsageError(
                "the imported files would not load together with what is already in "
                f"{root}, so nothing was written: " + "; ".join(exc.lines())
            ) from exc
    for rel, text in sorted(files.items()):
        atomic_write(root / rel, text)
    n = len(result.findings)
    summary = f"`policycheck check {root}` loads it and reports {n} finding{'' if n == 1 else 's'} to work through."
    return sorted(rel for rel in files if not rel.startswith(schema.SCHEMA_DIR)), summary


@command.command("ropa")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option(
    "--into",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Directory of the compliance repo to write.",
)
@click.option(
    "--mapping",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="YAML file mapping your column headers to fields (`columns: {Header: field}`).",
)
@click.option(
    "--name",
    "org_name",
    default=None,
    help="The organization's name (default: as the sheet states it above the header, else a TODO).",
)
@click.option("--country", default="SE", show_default=True, help="Country of establishment (ISO code).")
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
@click.option(
    "--report",
    "report_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the import report (every value not mapped) to FILE.",
)
def ropa(
    file: Path,
    into: Path,
    mapping: Path | None,
    org_name: str | None,
    country: str,
    force: bool,
    report_file: Path | None = None,
) -> None:
    """Import the record of processing activities FILE (.xlsx or .csv, one row per activity)."""
    from policycheck.adopt.ropa import read_mapping, read_ropa, repo_files, report
    from policycheck.errors import UsageError
    from policycheck.reference import reference

    code = reference().country_aliases.get(country.upper(), country.upper())
    if code not in reference().countries:
        raise UsageError(f"--country: '{country}' is not an ISO 3166-1 alpha-2 country code (e.g. SE)")
    imp = read_ropa(file, read_mapping(mapping) if mapping else None)
    files = repo_files(imp, org_name or imp.organization or "TODO: the organization's name", code, file.name)
    written, summary = _write(into, files, force)
    text = report(imp, written)
    if report_file is not None:
        from policycheck.adopt.write import atomic_write

        atomic_write(report_file, text)
    click.echo(text, nl=False)
    click.echo(summary)


@command.command("fides")
@click.argument("manifests", nargs=-1, required=True, type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option(
    "--into",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Directory of the compliance repo to write.",
)
@click.option("--country", default="SE", show_default=True, help="Country for what the manifests do not locate.")
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
def fides(manifests: tuple[Path, ...], into: Path, country: str, force: bool) -> None:
    """Import Fides system manifests MANIFEST... into systems, processors, recipients, categories and purposes."""
    from policycheck.adopt.fides import read_manifests, to_yaml, typed
    from policycheck.errors import UsageError
    from policycheck.load.yamlread import read_yaml

    documents = []
    for path in manifests:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"{path}: cannot read ({exc})") from exc
        doc, problems = read_yaml(text, str(path))
        if problems:
            raise UsageError("; ".join(str(p) for p in problems))
        documents.append((path.name, doc.data))
    imported = read_manifests(documents, country.upper())
    files = typed(imported.files)
    if "policycheck.yaml" not in files and not (into / "policycheck.yaml").exists():
        files["policycheck.yaml"] = {
            "organization": {"name": "TODO: the organization's name", "country": country.upper()}
        }
    written, summary = _write(into, {rel: to_yaml(data) for rel, data in files.items()}, force)
    click.echo(f"Wrote {len(written)} files into {into}.")
    for note in imported.notes:
        click.echo(f"  {note}")
    click.echo(summary)
