"""Find a compliance repo and read its files safely.

Only this package touches the file system on the read path. Files come back as
text with their repo-relative path; every problem (a symlink leaving the repo,
non-UTF-8 bytes, a file too large) is collected, never raised one by one.
"""

from __future__ import annotations

import errno
import os
import posixpath
import stat
from dataclasses import dataclass
from functools import cached_property
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
        marker = start / MARKER
        if (marker.exists() or marker.is_symlink()) and not marker.is_file():
            raise UsageError(f"{marker}: not a regular file (a directory, pipe, device or broken link?)")
        if not marker.is_file():
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


#: errors for which Path.exists() and Path.is_symlink() answer False instead of raising
_MISSING = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})


def _rel(root: Path, path: Path) -> str:
    # the loader's paths are made as root / name: a string prefix, without PurePath.relative_to's
    # parsing (measurable at thousands of files); anything else the general way
    whole, start = str(path), str(root)
    if os.sep == "/" and whole.startswith(start) and whole[len(start) : len(start) + 1] == "/" and start != "/":
        return whole[len(start) + 1 :]
    return path.relative_to(root).as_posix()


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_text(root: Path, path: Path, problems: list[Problem]) -> SourceFile | None:
    """Read one file of the repo as UTF-8 text, or record why it cannot be read.

    Only a regular file is read (a FIFO would hang the check, a device never end); it is
    opened without blocking and at most :data:`MAX_FILE_BYTES` are read, whatever its
    size claims.
    """
    rel = _rel(root, path)
    try:
        try:
            link = stat.S_ISLNK(os.lstat(path).st_mode)
        except FileNotFoundError:
            link = False  # os.open below reports it as before
        if link:
            try:
                target = path.resolve(strict=True)
            except RuntimeError:  # Python 3.11 reports a symlink loop this way
                problems.append(Problem(rel, 0, 0, "symlink loop: the link points (through others) at itself"))
                return None
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    problems.append(Problem(rel, 0, 0, "symlink loop: the link points (through others) at itself"))
                else:
                    problems.append(Problem(rel, 0, 0, "symlink points to a file that does not exist"))
                return None
            try:
                target.relative_to(root.resolve())
            except ValueError:
                problems.append(
                    Problem(
                        rel, 0, 0, f"symlink points outside the repo (to {target}); copy the file into the repo instead"
                    )
                )
                return None
        return _read_file(path, rel, problems)
    except OSError as exc:
        problems.append(_unreadable(rel, exc))
        return None


def _unreadable(rel: str, exc: OSError) -> Problem:
    """The problem of a file that could not be opened or read."""
    if exc.errno == errno.ELOOP:
        return Problem(rel, 0, 0, "symlink loop: the link points (through others) at itself")
    return Problem(rel, 0, 0, f"cannot read: {exc.strerror or exc}")


_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


def _read_file(path: Path | str, rel: str, problems: list[Problem]) -> SourceFile | None:
    """The second half of :func:`read_text`: open (no symlink left to check), read, decode."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
        try:
            mode = os.fstat(fd).st_mode
            if not stat.S_ISREG(mode):
                what = f"is {_kind(mode)}, not a regular file; put the declarations in a file"
                problems.append(Problem(rel, 0, 0, what))
                return None
            chunks: list[bytes] = []
            size = 0
            while size <= MAX_FILE_BYTES:
                chunk = os.read(fd, min(1 << 20, MAX_FILE_BYTES + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        finally:
            os.close(fd)
        if size > MAX_FILE_BYTES:
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
        data = b"".join(chunks)
        note_file(path, data)
    except OSError as exc:
        problems.append(_unreadable(rel, exc))
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


#: files a declaration folder may hold that are no declaration (and are not read)
IGNORED = frozenset({".gitkeep", ".keep", ".DS_Store", ".gitignore", ".gitattributes"})


def list_dir(root: Path, name: str, suffixes: tuple[str, ...], problems: list[Problem]) -> list[Path]:
    """The files of ``root/name`` with one of ``suffixes``, sorted; checks the directory itself.

    Nothing there is skipped in silence: a subfolder, a file with another extension
    (``.YAML`` and ``.yml`` included) or a hidden declaration is refused with a problem
    naming it. Whether an entry is a regular file is checked when it is read.
    """
    folder = root / name
    return [folder / entry for entry in _list_names(root, name, suffixes, problems)]


def _suffix(name: str) -> str:
    """``PurePath(name).suffix`` of a plain file name."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _list_names(root: Path, name: str, suffixes: tuple[str, ...], problems: list[Problem]) -> list[str]:
    """:func:`list_dir`, as the names of the files (no Path per file: thousands in a large repo)."""
    folder = root / name
    note_dir(folder)
    if not folder.exists() and not folder.is_symlink():
        return []
    if folder.is_symlink():
        try:
            folder.resolve().relative_to(root.resolve())
        except (ValueError, RuntimeError, OSError):
            problems.append(Problem(name, 0, 0, "directory is a symlink that points outside the repo"))
            return []
    if not folder.is_dir():
        problems.append(Problem(name, 0, 0, "expected a directory"))
        return []
    wanted = " or ".join(f"*{s}" for s in suffixes)
    out = []
    # os.scandir, not Path.iterdir: no stat for a regular file and no Path per entry (a third of
    # listing 5,000 files); sorted by name, as Paths in one folder sort
    with os.scandir(folder) as it:
        entries = sorted(it, key=lambda e: e.name)
    base = _rel(root, folder)
    for entry in entries:
        entry_name = entry.name
        if entry_name in IGNORED:
            continue
        rel = f"{base}/{entry_name}"
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        suffix = _suffix(entry_name)
        if is_dir:
            problems.append(
                Problem(rel, 0, 0, f"a subfolder: policycheck reads only the {wanted} files directly in {name}/; "
                        "move its files up")
            )
        elif entry_name.startswith("."):
            if suffix.lower() in (*suffixes, ".yml"):
                hidden = "a hidden file: policycheck does not read it; remove the leading '.'"
                problems.append(Problem(rel, 0, 0, hidden))
        elif suffix in suffixes:
            out.append(entry_name)
        elif suffix.lower() in suffixes:
            problems.append(Problem(rel, 0, 0, f"use the lowercase extension {suffix.lower()} "
                                    f"(policycheck reads only {wanted})"))
        elif suffix.lower() == ".yml" and ".yaml" in suffixes:
            problems.append(Problem(rel, 0, 0, "use the .yaml extension (policycheck reads only *.yaml)"))
        else:
            problems.append(Problem(rel, 0, 0, f"not a {wanted} file, so policycheck does not read it; "
                                    f"rename it or move it out of {name}/"))
    return out


@dataclass(frozen=True)
class FileSystemReader:
    """Reads a repo from a directory on disk."""

    root: Path

    def read(self, rel: str, problems: list[Problem]) -> SourceFile | None:
        # the common case, a plain file, by string path (no Path made, one lstat); anything
        # else (a symlink, an error other than a missing file) the general way
        full = os.path.join(self.root, rel)
        try:
            link = stat.S_ISLNK(os.lstat(full).st_mode)
        except OSError as exc:
            if exc.errno in _MISSING:  # neither a file nor a (broken) symlink (as Path.exists says)
                note_file(full, None)
                return None
            link = True  # anything else read_text reports
        if link or os.sep != "/" or rel.startswith("/") or "/." in f"/{rel}":
            return read_text(self.root, self.root / rel, problems)
        return _read_file(full, rel, problems)

    def listing(self, name: str, suffixes: tuple[str, ...], problems: list[Problem]) -> list[str]:
        base = _rel(self.root, self.root / name)
        return [f"{base}/{entry}" for entry in _list_names(self.root, name, suffixes, problems)]

    def document_status(self, rel: str) -> str:
        """What a referenced document path names: "file" (a regular file inside the repo, symlinks
        followed), "outside" (an absolute path, ``..`` or a symlink leaving the repo), "not-a-file", "missing"."""
        status = self._document_status(rel)
        note_document(self.root, rel, status)  # the output cache asks again before replaying
        return status

    @cached_property
    def _resolved_root(self) -> Path:
        """The root with its symlinks resolved, once per reader (a large repo references hundreds of
        documents); an error is raised again on every call, as it is not cached."""
        return self.root.resolve()

    @cached_property
    def _resolved_dirs(self) -> dict[str, str]:
        """Folders of referenced documents with their symlinks resolved, by their path in the repo
        (hundreds of documents share a few folders)."""
        return {}

    def _resolved(self, rel: str) -> str:
        """``str((self.root / rel).resolve())``, resolving each folder once: the path of a file that is
        not a symlink, in a resolved folder, is resolved already."""
        folder, _, name = rel.rpartition("/")
        if name in ("", ".", "..") or rel.startswith("/") or os.sep != "/":
            return str((self.root / rel).resolve())
        resolved = self._resolved_dirs.get(folder)
        if resolved is None:
            resolved = self._resolved_dirs[folder] = str((self.root / folder).resolve())
        target = os.path.join(resolved, name)
        try:
            link = stat.S_ISLNK(os.lstat(target).st_mode)
        except OSError:  # missing or unreadable: Path.resolve keeps the name as it is
            return target
        return str((self.root / rel).resolve()) if link else target

    def _document_status(self, rel: str) -> str:
        try:
            root = self._resolved_root
            target = self._resolved(rel)
        except (OSError, RuntimeError, ValueError):  # a symlink loop, a NUL byte, a name too long
            return "missing"
        if not Path(target).is_relative_to(root):
            return "outside"
        try:  # one stat for Path.exists and Path.is_file
            mode = os.stat(target).st_mode
        except (OSError, ValueError):
            return "missing"
        return "file" if stat.S_ISREG(mode) else "not-a-file"


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
        out = []
        for p in sorted(self.files):
            if not p.startswith(prefix) or Path(p).name in IGNORED:
                continue
            rest = p[len(prefix) :]
            if "/" in rest:
                where = f"in a subfolder: policycheck reads only the files directly in {name}/"
                problems.append(Problem(p, 0, 0, where))
            elif Path(p).suffix in suffixes and not Path(p).name.startswith("."):
                out.append(p)
            elif not Path(p).name.startswith(".") or Path(p).suffix.lower() in (*suffixes, ".yml"):
                problems.append(Problem(p, 0, 0, f"policycheck does not read this file; name it *{suffixes[0]}"))
        return out

    @cached_property
    def _folders(self) -> frozenset[str]:
        """Every folder that holds a file of the mapping (``a`` and ``a/b`` for ``a/b/c``), listed once:
        looking a document up scanned every path."""
        out: set[str] = set()
        for p in self.files:
            cut = p.rfind("/")
            while cut > 0 and p[:cut] not in out:
                out.add(p[:cut])
                cut = p.rfind("/", 0, cut)
        return frozenset(out)

    def document_status(self, rel: str) -> str:
        """As :meth:`FileSystemReader.document_status`, for the files of the mapping."""
        norm = posixpath.normpath(rel)
        if norm.startswith(("/", "../")) or norm == "..":
            return "outside"
        if norm in self.files:
            return "file"
        if norm in self._folders:
            return "not-a-file"
        return "missing"
