"""Where a command's output goes: standard output (made safe for a terminal or CI log) or ``-o FILE``.

Every command that prints a document or writes one with ``-o`` goes through
:func:`emit` (or :func:`echo` for the terminal part), so that

- ``-o -`` means standard output;
- ``-o`` onto a file the loader reads (a declaration of the compliance repo,
  policycheck.yaml, a policy document, a custom rule) is refused;
- a write that fails (``/dev/full``, a read-only folder) is a one-line error, exit 2,
  and a regular file is replaced atomically (never left half written);
- no line on a terminal or CI log starts with ``::`` from data, and no control
  character of a name reaches it (see :mod:`policycheck.escape`).
"""

from __future__ import annotations

import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

import click

from policycheck.escape import guard_lines, json_stream, terminal_block

#: files and folders of a compliance repo that the loader reads (output onto them is refused)
READ_FILES = (
    "policycheck.yaml",
    "categories.yaml",
    "purposes.yaml",
    "exercises.yaml",
    "breaches.yaml",
    "privacy-notice.md",
)
READ_FOLDERS = ("systems", "processors", "recipients", "policies", "rules")


def safe_for_stream(text: str, fmt: str = "text", *, color: bool = False) -> str:
    """``text`` in format ``fmt`` as it may reach a terminal or CI log.

    The ``github`` format is workflow commands by design (its renderer escapes the data in
    them); JSON gets its remaining invisible characters as ``\\u`` escapes; every other
    format keeps its newlines and tabs, shows other control characters as escapes (unless
    ``color``: the text renderer escaped the data and added the colours itself) and never
    starts a line with ``::``.
    """
    if fmt == "github":
        return text
    if text.startswith("\ufeff"):  # a byte order mark we wrote (the CSV for Excel) stays; data's are escaped
        return "\ufeff" + safe_for_stream(text[1:], fmt, color=color)
    if fmt in ("json", "sarif"):
        return guard_lines(json_stream(text))
    if color:
        return guard_lines(text)
    return terminal_block(text)


def echo(text: str, fmt: str = "text", *, err: bool = False, color: bool = False) -> None:
    """Print ``text`` (a document in ``fmt``) to standard output or, with ``err``, standard error."""
    click.echo(safe_for_stream(text, fmt, color=color), nl=False, err=err, color=color)


def is_stdout(output: Path | None) -> bool:
    return output is not None and str(output) == "-"


def refuse_repo_file(output: Path, root: Path | None) -> None:
    """Refuse ``-o`` onto a file of the compliance repo that the loader reads."""
    from policycheck.errors import UsageError

    if root is None:
        return
    try:
        target = output.resolve()
        base = root.resolve()
    except (OSError, RuntimeError) as exc:
        raise UsageError(f"{output}: cannot resolve the path ({exc})") from exc
    try:
        rel = target.relative_to(base)
    except ValueError:
        return
    if rel.as_posix() in READ_FILES or (len(rel.parts) > 1 and rel.parts[0] in READ_FOLDERS):
        raise UsageError(
            f"{output}: is a declaration file of the compliance repo ({rel.as_posix()}); refusing to overwrite "
            "it, write the output somewhere else"
        )


def write_file(text: str, output: Path, root: Path | None = None, *, fmt: str | None = None,
               newline: str | None = None) -> None:
    """Write ``text`` to ``output``: atomically for a regular file, straight to a device or pipe.

    A ``text`` document is read with ``cat`` as often as in an editor: its control
    characters are shown as escapes there too.
    """
    if fmt == "text":
        text = terminal_block(text)
    data = text.encode("utf-8") if newline is None else text.replace("\n", newline).encode("utf-8")
    write_bytes(data, output, root)


def file_chunks(pieces: Iterable[str], fmt: str | None = None) -> Iterator[bytes]:
    """The bytes :func:`write_file` writes for the join of ``pieces``, a run of lines at a time."""
    for chunk in line_chunks(pieces):
        yield (terminal_block(chunk) if fmt == "text" else chunk).encode("utf-8")


def write_bytes(data: bytes | Iterable[bytes], output: Path, root: Path | None = None) -> None:
    """Write ``data`` (whole, or in pieces consumed once) to ``output`` as :func:`write_file` does."""
    from policycheck.errors import UsageError
    from policycheck.load.write import atomic_write

    refuse_repo_file(output, root)
    try:
        st = output.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise UsageError(f"{output}: cannot write: {exc.strerror or exc}") from exc
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise UsageError(f"{output}: is a directory; give a file name")
    if st is not None and not stat.S_ISREG(st.st_mode):  # /dev/stdout, a pipe: write in place
        try:
            with output.open("wb") as fh:
                for piece in (data,) if isinstance(data, bytes) else data:
                    fh.write(piece)
        except OSError as exc:
            raise UsageError(f"{output}: cannot write: {exc.strerror or exc}") from exc
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{output.parent}: cannot create the folder: {exc.strerror or exc}") from exc
    atomic_write(output, data)


#: about how much text a chunk of :func:`line_chunks` holds
CHUNK = 1 << 20


def line_chunks(pieces: Iterable[str], size: int = CHUNK) -> Iterator[str]:
    """The join of ``pieces`` again, in chunks of whole lines of about ``size`` characters (the
    last may lack its newline): what escapes line by line (:func:`safe_for_stream`) is the same
    on each chunk as on the whole text."""
    buffer: list[str] = []
    held = 0
    for piece in pieces:
        buffer.append(piece)
        held += len(piece)
        if held < size:
            continue
        text = "".join(buffer)
        cut = text.rfind("\n") + 1
        if cut:
            yield text[:cut]
            text = text[cut:]
        buffer, held = ([text], len(text)) if text else ([], 0)
    if buffer:
        text = "".join(buffer)
        if text:
            yield text


def safe_chunks(chunks: Iterable[str], fmt: str = "text", *, color: bool = False) -> Iterator[str]:
    """:func:`safe_for_stream` of the join of ``chunks`` (whole lines each, from :func:`line_chunks`)."""
    first = True
    for chunk in chunks:
        # after the first chunk, a chunk starts a line but not the document (no byte order mark)
        yield safe_for_stream(chunk, fmt, color=color) if first else safe_for_stream("\n" + chunk, fmt, color=color)[1:]
        first = False


def emit(text: str, output: Path | None, fmt: str, root: Path | None = None, *, newline: str | None = None) -> bool:
    """``text`` to ``-o`` FILE, or to standard output when ``output`` is None or ``-``.

    Returns whether it went to standard output (the caller then prints no summary).
    """
    if output is None or is_stdout(output):
        echo(text, fmt)
        return True
    write_file(text, output, root, fmt=fmt, newline=newline)
    return False
