"""Writing the new files of an import: YAML text, atomic writes, never over an existing file unless forced.

The importers create files, they do not edit them, so the YAML is composed as text: every scalar
from the user's spreadsheet or manifest is written as a JSON string (a valid YAML double-quoted
scalar, so no value can break the document or smuggle in a key), and notes are YAML comments.
"""

from __future__ import annotations

import json
from pathlib import Path

from policycheck.errors import UsageError


def scalar(value: str | int | bool) -> str:
    """A YAML scalar for ``value``: ids and numbers bare, any other text double-quoted (JSON escaping)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def flow_list(values: list[str] | tuple[str, ...]) -> str:
    return "[" + ", ".join(scalar(v) for v in values) + "]"


def comment(text: str) -> str:
    """One YAML comment line: newlines and control characters folded to spaces."""
    flat = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return f"# {flat}" if flat else "#"


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path``, creating its folder: :func:`policycheck.load.write.atomic_write`
    (temporary file in the same folder, fsync, rename; a failure is a one-line error)."""
    from policycheck.load.write import atomic_write as write_bytes

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{path.parent}: cannot create the folder: {exc.strerror or exc}") from exc
    write_bytes(path, text.encode("utf-8"))


def write_files(root: Path, files: dict[str, str], force: bool) -> list[str]:
    """Write every file (repo-relative path -> text); refuse, writing nothing, if any exists and not ``force``."""
    existing = sorted(rel for rel in files if (root / rel).exists())
    if existing and not force:
        shown = ", ".join(existing[:5]) + (f" and {len(existing) - 5} more" if len(existing) > 5 else "")
        raise UsageError(
            f"{root}: {shown} already exist{'s' if len(existing) == 1 else ''}; import into a new directory "
            "(--into) or pass --force to overwrite them"
        )
    for rel, text in sorted(files.items()):
        atomic_write(root / rel, text)
    return sorted(files)
