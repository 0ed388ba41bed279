"""Find a compliance repo and read its files safely.

Only this package touches the file system on the read path. Files come back as
text with their repo-relative path; every problem (a symlink leaving the repo,
non-UTF-8 bytes, a file too large) is collected, never raised one by one.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from policycheck.cache import note_dir, note_document, note_file
from policycheck.errors import Problem, UsageError

MARKER = "policycheck.yaml"
MAX_FILE_BYTES = 5 * 1024 * 1024


def find_root(start: Path | None) -> Path:
    """The repo root: ``start`` if given, else the nearest directory holding policycheck.yaml."""
    if start is not None:
        if not start.is_dir():
            raise UsageError(f"{start}: not a directory")
        if not (start / MARKER).is_file():
            raise UsageError(
                f"{start}: no {MARKER} here; point policycheck at the root of a compliance "
                "repo (the directory holding policycheck.yaml)"
            )
        return start
    here = Path.cwd()
    for candidate in (here, *here.parents):
        if (candidate / MARKER).is_file():
            return candidate
    below = sorted(p.parent for p in here.glob(f"*/{MARKER}")) + sorted(p.parent for p in here.glob(f"*/*/{MARKER}"))
    hint = f" (found one in {below[0].relative_to(here).as_posix()}/: pass that directory)" if below else ""
    raise UsageError(
        f"no {MARKER} in {here} or any parent directory{hint}; pass the compliance repo's directory "
        "(the one holding policycheck.yaml)"
    )


@dataclass(frozen=True)
class SourceFile:
    path: str  # relative to the root, forward slashes
    text: str


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def read_text(root: Path, path: Path, problems: list[Problem]) -> SourceFile | None:
    """Read one file of the repo as UTF-8 text, or record why it cannot be read."""
    rel = _rel(root, path)
    try:
        if path.is_symlink():
            target = path.resolve()
            try:
                target.relative_to(root.resolve())
            except ValueError:
                problems.append(
                    Problem(
                        rel, 0, 0, f"symlink points outside the repo (to {target}); copy the file into the repo instead"
                    )
                )
                return None
        if path.stat().st_size > MAX_FILE_BYTES:
            problems.append(
                Problem(
                    rel,
                    0,
                    0,
                    f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; "
                    "declarations are small, is this the right file?",
                )
            )
            return None
        data = path.read_bytes()
        note_file(path, data)
    except OSError as exc:
        problems.append(Problem(rel, 0, 0, f"cannot read: {exc.strerror or exc}"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(rel, line, 0, f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8")
        )
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.append(Problem(rel, line, 0, "contains a NUL byte; is this a text file?"))
        return None
    return SourceFile(rel, text)


def list_dir(root: Path, name: str, suffixes: tuple[str, ...], problems: list[Problem]) -> list[Path]:
    """The files of ``root/name`` with one of ``suffixes``, sorted; checks the directory itself."""
    folder = root / name
    note_dir(folder)
    if not folder.exists() and not folder.is_symlink():
        return []
    if folder.is_symlink():
        try:
            folder.resolve().relative_to(root.resolve())
        except ValueError:
            problems.append(Problem(name, 0, 0, "directory is a symlink that points outside the repo"))
            return []
    if not folder.is_dir():
        problems.append(Problem(name, 0, 0, "expected a directory"))
        return []
    out = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.suffix in suffixes:
            out.append(path)
        elif path.suffix in (".yml",) and ".yaml" in suffixes:
            problems.append(Problem(_rel(root, path), 0, 0, "use the .yaml extension (policycheck reads only *.yaml)"))
    return out


@dataclass(frozen=True)
class FileSystemReader:
    """Reads a repo from a directory on disk."""

    root: Path

    def read(self, rel: str, problems: list[Problem]) -> SourceFile | None:
        path = self.root / rel
        if not path.exists() and not path.is_symlink():
            note_file(path, None)
            return None
        return read_text(self.root, path, problems)

    def listing(self, name: str, suffixes: tuple[str, ...], problems: list[Problem]) -> list[str]:
        return [_rel(self.root, p) for p in list_dir(self.root, name, suffixes, problems)]

    def document_status(self, rel: str) -> str:
        """What a referenced document path names: "file" (a regular file inside the repo, symlinks
        followed), "outside" (an absolute path, ``..`` or a symlink leaving the repo), "not-a-file", "missing"."""
        status = self._document_status(rel)
        note_document(self.root, rel, status)  # the output cache asks again before replaying
        return status

    def _document_status(self, rel: str) -> str:
        try:
            root = self.root.resolve()
            target = (self.root / rel).resolve()
        except (OSError, RuntimeError, ValueError):  # a symlink loop, a NUL byte, a name too long
            return "missing"
        if not target.is_relative_to(root):
            return "outside"
        try:
            if not target.exists():
                return "missing"
            return "file" if target.is_file() else "not-a-file"
        except OSError:
            return "missing"


@dataclass(frozen=True)
class MappingReader:
    """Reads a repo from a mapping of path -> bytes (for example a git revision)."""

    files: dict[str, bytes]

    def read(self, rel: str, problems: list[Problem]) -> SourceFile | None:
        data = self.files.get(rel)
        if data is None:
            return None
        try:
            return SourceFile(rel, data.decode("utf-8").removeprefix("\ufeff"))
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            problems.append(Problem(rel, line, 0, "not valid UTF-8; save the file as UTF-8"))
            return None

    def listing(self, name: str, suffixes: tuple[str, ...], problems: list[Problem]) -> list[str]:
        prefix = name + "/"
        return sorted(
            p
            for p in self.files
            if p.startswith(prefix)
            and "/" not in p[len(prefix) :]
            and Path(p).suffix in suffixes
            and not Path(p).name.startswith(".")
        )

    def document_status(self, rel: str) -> str:
        """As :meth:`FileSystemReader.document_status`, for the files of the mapping."""
        norm = posixpath.normpath(rel)
        if norm.startswith(("/", "../")) or norm == "..":
            return "outside"
        if norm in self.files:
            return "file"
        if any(p.startswith(norm + "/") for p in self.files):
            return "not-a-file"
        return "missing"
