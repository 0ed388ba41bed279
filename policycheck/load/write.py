"""Write files safely: the one place policycheck changes a user's file or writes an output.

- :func:`atomic_write` writes a temporary file in the same folder, fsyncs it,
  checks it (``verify``) and renames it over the target: a full disk, a file
  size limit (``ulimit -f``), a crash or a bad value leaves the old file whole.
- :func:`locked` serialises writers of one file (``waive`` run ten times at once
  keeps all ten waivers): an exclusive ``flock`` on the file itself, taken again
  if another writer renamed a new file into place meanwhile.
- :func:`edit_yaml` is the round trip for commands that edit a declaration file
  (``waive``, ``breach-impact --record``): ruamel.yaml keeps comments, order and
  quoting; the file's line endings (CRLF), a leading ``---`` and its list
  indentation are kept as found; the result is loaded back before it replaces
  the file.

A symlink is written through only when it points inside the repo (reading
refuses the others too). Every failure is a :class:`UsageError` naming the file.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from policycheck.errors import UsageError


def _why(exc: OSError) -> str:
    if exc.errno == errno.EFBIG:
        return "the file size limit was reached (ulimit -f?)"
    if exc.errno == errno.ENOSPC:
        return "no space left on the device"
    if exc.errno in (errno.EPERM, errno.EACCES):
        return "permission denied (is the file or its folder read-only or immutable?)"
    return exc.strerror or str(exc)


def write_target(path: Path, root: Path | None = None) -> Path:
    """The file a write to ``path`` really changes: a symlink's target, if it stays in ``root``."""
    if not path.is_symlink():
        return path
    try:
        target = path.resolve(strict=False)
    except (OSError, RuntimeError) as exc:  # a symlink loop
        raise UsageError(f"{path}: cannot follow the symlink ({exc}); replace it with the file") from exc
    if root is not None:
        try:
            target.relative_to(root.resolve())
        except ValueError:
            raise UsageError(
                f"{path}: is a symlink that points outside the repo (to {target}); refusing to write through it"
            ) from None
    return target


def atomic_write(
    path: Path,
    data: bytes | Iterable[bytes],
    *,
    root: Path | None = None,
    verify: Callable[[bytes], None] | None = None,
) -> None:
    """Replace ``path`` with ``data``: temporary file in the same folder, fsync, ``verify``, rename.

    ``data`` may come in pieces (a report written as it is made), consumed once.

    ``verify`` gets the bytes as written and raises (a :class:`PolicycheckError`) to refuse
    them; the target is then untouched. A new file gets mode 0644 (less the umask); an
    existing one keeps its mode.
    """
    target = write_target(path, root)
    folder = target.parent
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as exc:
        raise UsageError(f"{path}: cannot write: {_why(exc)}") from exc
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            if isinstance(data, bytes):
                fh.write(data)
            else:
                for piece in data:
                    fh.write(piece)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        if verify is not None:
            verify(Path(tmp).read_bytes())
        os.replace(tmp, target)
        tmp = None
        with contextlib.suppress(OSError):  # make the rename durable where the platform allows it
            dir_fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write: {_why(exc)}; the file was not changed") from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (an existing file) against other policycheck writers."""
    import fcntl

    while True:
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        except OSError as exc:
            raise UsageError(f"{path}: cannot open: {_why(exc)}") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                same = os.fstat(fd).st_ino == os.stat(path).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # another writer renamed a new file into place: lock that one
    try:
        yield
    finally:
        os.close(fd)


# --- round-trip YAML edits ------------------------------------------------------------------


def _yaml_style(text: str, list_key: str | None = None) -> dict[str, Any]:
    """How ``text`` is laid out: line endings, a leading ``---``, mapping and list indentation.

    The list indentation is read from the list under the top-level key ``list_key`` when it
    has one (the list an edit adds to), else from the first block list of the file.
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    body = text.replace("\r\n", "\n").split("\n")
    explicit_start = any(line.rstrip() == "---" for line in body[:1]) or bool(
        re.match(r"(?:\s*#[^\n]*\n|\s*\n)*---\s*(\n|$)", text.replace("\r\n", "\n"))
    )
    mapping = 2
    sequence, offset = 4, 2
    keyed = [i for i, line in enumerate(body) if list_key and re.fullmatch(rf"{re.escape(list_key)}:\s*(#.*)?", line)]
    order = keyed + [i for i in range(len(body)) if i not in keyed]
    for i in order:
        line = body[i]
        if i + 1 >= len(body):
            continue
        head = re.fullmatch(r"( *)[^\s#-][^:#]*:\s*(#.*)?", line)
        if not head:
            continue
        nxt = body[i + 1]
        item = re.match(r"( *)- +(\S)?", nxt)
        child = re.match(r"( *)[^\s#-]", nxt)
        base = len(head.group(1))
        if item and len(item.group(1)) >= base:
            offset = len(item.group(1)) - base
            sequence = (item.end() - 1 - base) if item.group(2) else offset + 2
            break
        if child and len(child.group(1)) > base and mapping == 2:
            mapping = len(child.group(1)) - base
    return {"newline": newline, "explicit_start": explicit_start, "mapping": mapping,
            "sequence": max(sequence, offset + 2), "offset": offset}


def edit_yaml(
    path: Path,
    change: Callable[[Any], None],
    *,
    root: Path | None = None,
    verify: Callable[[str, str], None] | None = None,
    list_key: str | None = None,
) -> None:
    """Load ``path`` with ruamel.yaml (round trip), let ``change`` edit it, and write it back safely.

    Holds :func:`locked` from the read to the rename, so concurrent edits serialise and none
    is lost. ``verify`` gets the old and the new text and raises to refuse it. Line endings, a leading
    ``---`` and the list indentation (of the list under ``list_key``, if given) are kept as found.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    target = write_target(path, root)
    with locked(target):
        try:
            raw = target.read_bytes()
        except OSError as exc:
            raise UsageError(f"{path}: cannot read: {_why(exc)}") from exc
        try:
            text = raw.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            raise UsageError(f"{path}: not valid UTF-8; save the file as UTF-8") from exc
        from policycheck.load.yamlread import read_yaml

        _, problems = read_yaml(text, path.name)  # the safe reader first: no bomb or deep nesting reaches ruamel
        if problems:
            raise UsageError(f"cannot edit {path}: {min(problems)}; fix the file first")
        style = _yaml_style(text, list_key)
        text = text.replace("\r\n", "\n")  # ruamel keeps a '\r' in comments; the endings come back below
        yaml = YAML()  # round trip: comments, order and quoting survive
        yaml.preserve_quotes = True
        yaml.width = 1_000_000  # never re-wrap the user's long lines
        yaml.indent(mapping=style["mapping"], sequence=style["sequence"], offset=style["offset"])
        yaml.explicit_start = style["explicit_start"]
        try:
            data = yaml.load(text)
            change(data)
            out = io.StringIO()
            yaml.dump(data, out)
        except (YAMLError, RecursionError) as exc:
            raise UsageError(f"{path}: cannot edit it as YAML ({type(exc).__name__}); fix it first") from exc
        new_text = out.getvalue()
        if style["newline"] != "\n":
            new_text = new_text.replace("\n", style["newline"])

        def check(written: bytes) -> None:
            try:
                decoded = written.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise UsageError(f"{path}: the edit would not be valid UTF-8; nothing was changed") from exc
            if verify is not None:
                verify(text, decoded)

        try:
            encoded = new_text.encode("utf-8")
        except UnicodeEncodeError as exc:
            bad = exc.object[exc.start : exc.end]
            raise UsageError(
                f"{path}: the new text holds {bad!r}, which is not a character (invalid bytes from the shell?); "
                "nothing was changed"
            ) from exc
        atomic_write(target, encoded, root=None, verify=check)
