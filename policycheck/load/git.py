"""Read a compliance repo as it was at a git revision, without checking anything out.

The compliance repo may be the whole git repository or a subdirectory of it
(``compliance/`` in a monorepo): :func:`locate` finds the work tree and the
prefix, :func:`revision_files` lists the revision's files under that prefix
with ``git ls-tree`` and reads them in one ``git cat-file --batch`` call.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from policycheck.errors import InvalidInput, Problem, UsageError
from policycheck.load.files import MARKER, MAX_FILE_BYTES

if TYPE_CHECKING:
    import subprocess

#: a symlink chain longer than this is treated as a loop
_MAX_LINK_HOPS = 8
#: the only files the loader and the pack read (contracts and other documents are never opened)
_READ_SUFFIXES = (".yaml", ".yml", ".md")
#: directories whose files the loader lists
_ENTITY_DIRS = ("systems", "processors", "recipients", "policies", "rules")


@dataclass(frozen=True)
class GitLocation:
    """Where a compliance repo sits in a git work tree."""

    toplevel: Path
    #: the compliance repo's directory relative to ``toplevel``: ``""`` or ``"compliance/"``
    prefix: str


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    import subprocess  # only diff runs git: check imports this module for worktree_prefix alone

    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False,
        )
    except FileNotFoundError as exc:
        raise UsageError("git is not installed (or not on PATH); `policycheck diff` needs it") from exc


def worktree_prefix(root: Path) -> str:
    """The path of ``root`` inside the enclosing git work tree (``""`` when at its top or outside git).

    Reports use it so that a compliance repo in a subdirectory is still located
    correctly by tools that resolve paths against the repository root (GitHub
    code scanning, workflow annotations). Looks for ``.git`` only; runs no git.
    """
    here = root.resolve()
    for candidate in (here, *here.parents):
        if (candidate / ".git").exists():
            rel = here.relative_to(candidate).as_posix()
            return "" if rel == "." else rel + "/"
    return ""


def locate(directory: Path) -> GitLocation:
    """The git work tree holding ``directory`` and the directory's prefix in it."""
    if not directory.is_dir():
        raise UsageError(f"{directory}: not a directory")
    top = _git(directory, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise UsageError(f"{directory}: not inside a git repository; `policycheck diff` compares git revisions")
    prefix = _git(directory, "rev-parse", "--show-prefix")
    return GitLocation(Path(top.stdout.decode("utf-8").strip()), prefix.stdout.decode("utf-8").strip())


def resolve_revision(where: GitLocation, rev: str) -> str:
    """The commit id of ``rev``; a clear error (with the shallow-clone hint) when it is unknown."""
    if rev.startswith("-"):
        raise UsageError(f"'{rev}' is not a git revision")
    out = _git(where.toplevel, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if out.returncode != 0:
        shallow = _git(where.toplevel, "rev-parse", "--is-shallow-repository").stdout.strip() == b"true"
        hint = (
            "; this clone is shallow: fetch the history first (`git fetch --unshallow`, or "
            "`fetch-depth: 0` in actions/checkout)" if shallow else
            "; is it fetched? (`git fetch origin <branch>`)"
        )
        raise UsageError(f"unknown git revision '{rev}'{hint}")
    return out.stdout.decode("ascii").strip()


def _ls_tree(where: GitLocation, commit: str) -> list[tuple[str, str, str, int]]:
    """``(mode, object id, path relative to the prefix, size)`` of every blob under the prefix."""
    args = ["ls-tree", "-r", "-z", "-l", "--full-tree", commit]
    if where.prefix:
        args += ["--", where.prefix]
    out = _git(where.toplevel, *args)
    if out.returncode != 0:
        raise UsageError(f"git ls-tree {commit} failed: {out.stderr.decode('utf-8', 'replace').strip()}")
    entries = []
    for record in out.stdout.split(b"\x00"):
        if not record:
            continue
        meta, _, raw_path = record.partition(b"\t")
        mode, kind, oid, size = meta.split()
        if kind != b"blob":
            continue  # submodules
        path = raw_path.decode("utf-8", "surrogateescape")
        if not path.startswith(where.prefix):
            continue
        entries.append((mode.decode(), oid.decode(), path[len(where.prefix):], int(size)))
    return entries


def _cat_blobs(where: GitLocation, oids: list[str]) -> dict[str, bytes]:
    """The contents of ``oids`` read with one ``git cat-file --batch``."""
    unique = sorted(set(oids))
    if not unique:
        return {}
    out = _git(where.toplevel, "cat-file", "--batch", stdin="".join(f"{o}\n" for o in unique).encode())
    if out.returncode != 0:
        raise UsageError(f"git cat-file failed: {out.stderr.decode('utf-8', 'replace').strip()}")
    data = out.stdout
    blobs: dict[str, bytes] = {}
    pos = 0
    for oid in unique:
        end = data.index(b"\n", pos)
        header = data[pos:end].split()
        if len(header) < 3 or header[1] != b"blob":
            raise UsageError(f"git cat-file: object {oid} is not a blob")
        size = int(header[2])
        start = end + 1
        blobs[oid] = data[start:start + size]
        pos = start + size + 1
    return blobs


def revision_files(where: GitLocation, commit: str) -> dict[str, bytes] | None:
    """The files of the compliance repo at ``commit`` by repo-relative path, or None if it has none.

    Symlinks that stay inside the compliance repo are followed; one that leaves
    it, or a file too large to be a declaration, is an error as it is on disk.
    """
    entries = _ls_tree(where, commit)
    if not any(path == MARKER for _, _, path, _ in entries):
        return None
    problems: list[Problem] = []
    wanted = []
    # Every other file is known by name, unread: a document a declaration refers to (a PDF
    # contract) exists at that revision, and a stray file in a declaration folder is refused
    # by name, as on disk.
    present = {path: b"" for mode, _, path, _ in entries if mode != "120000" and not path.endswith(_READ_SUFFIXES)}
    for mode, oid, path, size in entries:
        if mode != "120000" and not path.endswith(_READ_SUFFIXES):
            continue
        if size > MAX_FILE_BYTES:
            problems.append(Problem(path, 0, 0, f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; "
                                    "declarations are small, is this the right file?"))
            continue
        wanted.append((mode, oid, path))
    blobs = _cat_blobs(where, [oid for _, oid, _ in wanted])
    files = present | {path: blobs[oid] for mode, oid, path in wanted if mode != "120000"}
    links = {path: blobs[oid].decode("utf-8", "surrogateescape") for mode, oid, path in wanted if mode == "120000"}
    regular = dict(files)
    for path, target in links.items():
        resolved = _follow(path, target, regular, links)
        if resolved is None:
            if path.endswith(_READ_SUFFIXES) or path in _ENTITY_DIRS:
                problems.append(Problem(path, 0, 0, f"symlink points outside the repo (to {target}); "
                                        "copy the file into the repo instead"))
        elif resolved in regular:
            files[path] = regular[resolved]
        else:  # a directory inside the repo: its files appear under the link's name too
            inner = resolved + "/"
            files.update({path + "/" + p[len(inner):]: d for p, d in regular.items() if p.startswith(inner)})
    if problems:
        raise InvalidInput(problems)
    return dict(sorted(files.items()))


def _follow(path: str, target: str, files: dict[str, bytes], links: dict[str, str]) -> str | None:
    """The file or directory a symlink inside the repo ends at, or None if it leaves the repo or loops."""
    current, dest = path, target
    for _ in range(_MAX_LINK_HOPS):
        if posixpath.isabs(dest):
            return None
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(current), dest))
        if joined == ".." or joined.startswith("../"):
            return None
        if joined in files or any(p.startswith(joined + "/") for p in files):
            return joined
        if joined not in links:
            return None
        current, dest = joined, links[joined]
    return None
