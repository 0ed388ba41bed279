"""A content-addressed cache of parsed and validated files, and of `check`'s output.

Two layers, both in the user cache directory (``$POLICYCHECK_CACHE_DIR``, else
``$XDG_CACHE_HOME/policycheck``, else ``~/.cache/policycheck``), never in the
compliance repo itself: a cache entry is a pickle, and a pickle committed to a
repo by a pull request would run code in CI. Nothing needs to be git-ignored.

- **Files** (every command that loads a repo from disk): for each file read, the
  YAML read (data, positions, problems) and the validation of each model from it
  (the model or the problems), keyed by the SHA-256 of the file's path and bytes.
  A changed file misses; every other file is served from the cache. Problems are
  cached with the result, so a bad file never passes. One file per repo root, of
  checksummed segments each pickled whole (see :class:`FileCache`), written after
  the load by a forked process while the command goes on.
- **Output** (`check`): the text, exit code and notes of a run, keyed by the
  command's options, and valid only while every file the run read (and every
  directory it listed) still has the same contents: each is re-read and
  re-hashed before the output is replayed. Runs that end in errors are not stored.

Every key includes the *build id*: policycheck's version, the Python version and
the size and modification time of every file of the package and the rule pack,
so a cache is never trusted across versions (or edits of policycheck itself).
An entry that does not unpickle, fails its checksum or carries another key is
ignored. ``--no-cache`` (``check``) or ``POLICYCHECK_NO_CACHE=1`` (every command)
turns the cache off.

This module imports only the standard library: the output layer runs before
pydantic, networkx or ruamel.yaml are imported.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

CACHE_ENV = "POLICYCHECK_CACHE_DIR"
NO_CACHE_ENV = "POLICYCHECK_NO_CACHE"
_MAGIC = b"policycheck-cache 1\n"
#: a file larger than this is never hashed for a replay (the loader refuses it anyway)
_MAX_HASHED = 5 * 1024 * 1024


def enabled() -> bool:
    return os.environ.get(NO_CACHE_ENV, "") in ("", "0")


def directory() -> Path:
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "policycheck"


@cache
def build_id() -> str:
    """Changes with policycheck's version, Python's, and any edit of the package or the rule pack."""
    h = hashlib.sha256()
    h.update(f"{sys.version}\0{sys.prefix}\0".encode())
    package = Path(__file__).resolve().parent
    with contextlib.suppress(OSError):  # __init__.py holds __version__ (read, not imported: no import cycle)
        h.update((package / "__init__.py").read_bytes())
    roots = [package]
    pack = package.parent / "policies"
    if not (package / "_pack").is_dir() and (pack / "reference").is_dir():
        roots.append(pack)
    for top in roots:
        for folder, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
            for name in sorted(files):
                if name.endswith((".pyc", ".pyo")):
                    continue
                path = os.path.join(folder, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                h.update(f"{os.path.relpath(path, top)}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return h.hexdigest()


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def _read(path: Path) -> bytes | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data if data.startswith(_MAGIC) else None


def _write(path: Path, payload: bytes) -> None:
    """Atomically (temp file + rename); a cache that cannot be written is simply not written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        import tempfile  # only when writing (a replay and --no-cache never do)

        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(_MAGIC)
                out.write(payload)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError:
        return


def _seal(key: str, value: Any) -> bytes:
    body = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
    return hashlib.sha256(body).digest() + body


def _open(key: str, sealed: Any) -> Any:
    """The value of a sealed entry, or raise KeyError when it is corrupt or another key's."""
    if not isinstance(sealed, bytes) or len(sealed) < 32:
        raise KeyError(key)
    check, body = sealed[:32], sealed[32:]
    if hashlib.sha256(body).digest() != check:
        raise KeyError(key)
    try:
        stored_key, value = pickle.loads(body)
    except Exception as exc:  # any unpickling failure is a miss
        raise KeyError(key) from exc
    if stored_key != key:
        raise KeyError(key)
    return value


def _pickler(file: Any) -> pickle.Pickler:
    return pickle.Pickler(file, protocol=pickle.HIGHEST_PROTOCOL)


# --- the file layer ------------------------------------------------------------------

#: results shared by the loads of one run (see :func:`sharing`), by (content key, step)
_shared: dict[tuple[str, Any], Any] | None = None


@contextlib.contextmanager
def sharing() -> Iterator[None]:
    """Share parsed and validated files between the loads inside (``diff``'s two sides), in memory.

    A file with the same path and content reads and validates to the same thing (the file
    layer's key is exactly that), so a load inside takes the results of every file an earlier
    load inside already read, whether the on-disk cache is on or off: ``diff`` reads its base
    revision first, and the work tree then parses only the files the change touched. The
    results are the same objects (documents and frozen models, only read after loading).
    """
    global _shared
    previous, _shared = _shared, {}
    try:
        yield
    finally:
        _shared = previous



#: the file layer's format: this line, then one or more segments, each the length of its pickle
#: (8 bytes, little-endian), the pickle's SHA-256 (32 bytes) and the pickle of
#: ``(the root's id, {content key: {step: result}})``
_FILES_MAGIC = b"policycheck-files 2\n"
_HEADER = 40
#: this run's new entries are appended to a layer as one more segment (instead of pickling every
#: entry again) while the layer has fewer segments than this and few entries no run reads any more
MAX_SEGMENTS = 4
#: a layer of at least this many new entries is pickled and written by a forked process (see
#: :meth:`FileCache.save`); fewer are written in the process itself
FORK_MIN_ENTRIES = 400

#: layers being written by forked writers of this process: path -> (pid, its temp file)
_writers: dict[str, tuple[int, str]] = {}
_waits_at_exit = False


def wait_writers() -> None:
    """Wait for every forked writer of this process (at exit, and before a layer it writes is read)."""
    for path in list(_writers):
        _wait(path)


def _wait(path: str) -> None:
    """Wait for the writer of ``path``, if one runs; a writer that failed leaves no temp file behind."""
    pid, tmp = _writers.pop(path, (0, ""))
    if not pid:
        return
    try:
        _, status = os.waitpid(pid, 0)
        ok = os.waitstatus_to_exitcode(status) == 0
    except OSError:  # reaped by someone else: its temp file, if any, is gone or never trusted
        ok = False
    if not ok:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


class _Hashing:
    """A binary file's ``write`` that also hashes and counts what passes."""

    def __init__(self, out: Any) -> None:
        self.out = out
        self.hash = hashlib.sha256()
        self.size = 0

    def write(self, data: Any) -> int:
        self.hash.update(data)
        self.size += memoryview(data).nbytes
        return int(self.out.write(data))


def _fill(fd: int, tmp: str, path: Path, head: bytes, body: Any, pickler: Callable[[Any], pickle.Pickler]) -> None:
    """Write ``head`` and one segment holding ``body`` into the temp file ``fd`` (closed here in any
    case) and rename it to ``path``; on any failure the temp file is removed and the error raised."""
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(head)
            at = out.tell()
            out.write(bytes(_HEADER))
            sink = _Hashing(out)
            pickler(sink).dump(body)
            out.seek(at)
            out.write(sink.size.to_bytes(8, "little") + sink.hash.digest())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _can_fork() -> bool:
    """Whether a writer may be forked: ``os.fork`` exists, more than one process may work and
    no other thread runs (a fork copies their locks in whatever state they are)."""
    from policycheck.workers import jobs, other_threads

    return hasattr(os, "fork") and jobs() > 1 and not other_threads()


class FileCache:
    """Per-file entries of one repo root: ``{step: result}`` by the file's content key.

    The layer of a root is one file of segments (see :data:`_FILES_MAGIC`), read whole when the
    cache is opened: each segment is one pickle with the pickler's memo on, so a path, a name or
    a tuple that many files share (as a load shares them) is stored once and unpickled once, and a
    warm load shares them across files as a cold one does. An entry holds the results themselves
    (the documents, position tables, models and problems the load keeps anyway); they are pickled
    only when the layer is written, at :meth:`save`, by a forked process when there are many (the
    load goes on to the rules meanwhile). A layer that is damaged in any way, or another root's,
    is ignored whole (and written again).
    """

    def __init__(
        self, root: str, on: bool | None = None, pickler: Callable[[Any], pickle.Pickler] | None = None
    ) -> None:
        self.on = enabled() if on is None else on
        #: how entries are pickled (the loader's compact pickler); ``pickle.loads`` reads them
        self.pickler = pickler or _pickler
        #: the results shared by this run's loads, when inside :func:`sharing`
        self.shared = _shared
        self.ident = digest(build_id(), os.path.abspath(root))
        self.path = directory() / "files" / f"{self.ident[:32]}.bin"
        #: the entries the layer held when opened
        self._stored: dict[str, Any] = {}
        #: the layer as read (when every segment was sound), its segments and how many entries they hold
        self._raw = b""
        self._segments = 0
        self._count = 0
        #: the entries of the files read in this run
        self._entries: dict[str, dict[Any, Any]] = {}
        self._changed: set[str] = set()
        if self.on:
            _wait(str(self.path))  # this process's writer of the same layer, if one still runs
            self._open()

    def _open(self) -> None:
        try:
            with open(self.path, "rb") as fh:
                raw = fh.read()
        except OSError:
            return
        if not raw.startswith(_FILES_MAGIC):
            return
        stored: dict[str, Any] = {}
        view = memoryview(raw)
        pos, segments, count = len(_FILES_MAGIC), 0, 0
        collecting = gc.isenabled()
        gc.disable()  # unpickling makes every object of a load at once: collections would only slow it down
        try:
            while pos < len(raw):
                size = int.from_bytes(view[pos : pos + 8], "little")
                end = pos + _HEADER + size
                body = view[pos + _HEADER : end]
                if end > len(raw) or hashlib.sha256(body).digest() != bytes(view[pos + 8 : pos + _HEADER]):
                    return
                ident, entries = pickle.loads(body)
                if ident != self.ident or not isinstance(entries, dict):
                    return
                stored.update(entries)
                segments += 1
                count += len(entries)
                pos = end
        except Exception:  # any unpickling failure: the whole layer is a miss
            return
        finally:
            view.release()
            if collecting:
                gc.enable()
        self._stored, self._raw, self._segments, self._count = stored, raw, segments, count

    @staticmethod
    def key(rel: str, text: str) -> str:
        return digest(build_id(), rel, text)

    def _entry(self, key: str) -> dict[Any, Any]:
        found = self._entries.get(key)
        if found is not None:
            return found
        entry = self._stored.get(key)
        if not isinstance(entry, dict):
            entry = {}
        self._entries[key] = entry
        return entry

    def get(self, key: str, step: Any) -> tuple[bool, Any]:
        """``(True, result)`` of ``step`` on the file with ``key``, or ``(False, None)``.

        The result is the stored object itself (a load only reads what it gets).
        """
        if self.shared is not None and (key, step) in self.shared:
            value = self.shared[key, step]
            if self.on and step not in self._entry(key):  # kept on disk too, as if computed here
                self.remember(key, step, value)
            return True, value
        if not self.on:
            return False, None
        entry = self._entry(key)
        if step in entry:
            return True, entry[step]
        return False, None

    def stored(self) -> int:
        """How many files' entries the cache held when it was opened."""
        return len(self._stored)

    def new_entry(self, key: str) -> dict[Any, Any] | None:
        """The entry of ``key`` when this run made or changed it, else None (for :meth:`adopt`)."""
        if key not in self._changed:
            return None
        return dict(self._entries.get(key, {}))

    def adopt(self, key: str, entry: dict[Any, Any] | None) -> None:
        """Take the entry another process used for ``key``: ``entry`` when it made one, else the stored one."""
        if entry is None:
            self._entry(key)
        else:
            self._entries[key] = dict(entry)
            self._changed.add(key)

    def remember(self, key: str, step: Any, value: Any) -> None:
        """Keep ``value`` (not a copy: results are only read after loading) for :meth:`save`."""
        if self.shared is not None:
            self.shared[key, step] = value
        if not self.on:
            return
        self._entry(key)[step] = value
        self._changed.add(key)

    def save(self) -> None:
        """Write the entries of the files read in this run when anything is new.

        The new entries are appended to the layer as one more segment when the layer is sound,
        has fewer than :data:`MAX_SEGMENTS` segments and would hold at most a quarter more
        entries than the files read (the others belong to files changed, renamed or removed
        since); else every entry of this run is written as one segment (and the others dropped).
        With at least :data:`FORK_MIN_ENTRIES` to pickle, a forked process pickles and writes
        them while this one goes on; a later :class:`FileCache` of the same root, and the end
        of the process, wait for it. Written to a temp file and renamed when complete, so a
        writer that fails or is killed leaves the layer as it was. Failing to write is no error.
        """
        entries, self._entries = self._entries, {}
        changed, self._changed = self._changed, set()
        stored, self._stored = self._stored, {}
        raw, self._raw = self._raw, b""
        if not self.on:
            return
        live = {key: entry for key, entry in entries.items() if entry}
        fresh = {key: live[key] for key in changed if key in live}
        limit = len(live) + len(live) // 4
        if raw and not fresh and self._count <= limit:
            return  # nothing new, and few entries of files gone
        if not raw and not live and not stored:
            return
        if raw and fresh and self._segments < MAX_SEGMENTS and self._count + len(fresh) <= limit:
            head, body = raw, fresh
        else:
            head, body = _FILES_MAGIC, live
        self._write(head, body)

    def _write(self, head: bytes, body: dict[str, Any]) -> None:
        global _waits_at_exit
        path = self.path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            import tempfile  # only when writing (a replay and --no-cache never do)

            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        except OSError:
            return
        value = (self.ident, body)
        if len(body) >= FORK_MIN_ENTRIES and _can_fork():
            _wait(str(path))  # never two writers of one layer
            try:
                pid = os.fork()
            except OSError:
                pid = -1
            if pid == 0:  # the writer: never returns, never prints, never runs the parent's clean-up
                code = 1
                try:
                    from policycheck.workers import silence

                    gc.disable()  # pickling only reads: no collection touching (and copying) every page
                    silence()
                    _fill(fd, tmp, path, head, value, self.pickler)
                    code = 0
                except BaseException:  # the temp file is gone; the layer stays as it was
                    code = 1
                finally:
                    os._exit(code)
            if pid > 0:
                os.close(fd)
                _writers[str(path)] = (pid, tmp)
                if not _waits_at_exit:
                    import atexit

                    atexit.register(wait_writers)
                    _waits_at_exit = True
                return
        with contextlib.suppress(Exception):  # not written: the next run reads the files again
            _fill(fd, tmp, path, head, value, self.pickler)


# --- the output layer ----------------------------------------------------------------

#: what one run read: ("file", absolute path, sha256 or "" when absent), ("dir", path, listing),
#: ("document", root and referenced path, its status)
Manifest = list[tuple[str, str, str]]

_trace: Manifest | None = None


@contextlib.contextmanager
def tracing() -> Iterator[Manifest]:
    """Record every file read and directory listed on the read path (see :func:`note_file`)."""
    global _trace
    previous, _trace = _trace, []
    try:
        yield _trace
    finally:
        _trace = previous


def restart_trace() -> Manifest | None:
    """In a worker process: record its reads from here on in a list of its own (None when not tracing)."""
    global _trace
    if _trace is not None:
        _trace = []
    return _trace


def extend_trace(entries: Manifest | None) -> None:
    """Add what a worker process read (see :func:`restart_trace`) to this process's record."""
    if _trace is not None and entries:
        _trace.extend(entries)


def note_file(path: Path | str, data: bytes | None) -> None:
    if _trace is not None:
        _trace.append(("file", os.path.abspath(path), hashlib.sha256(data).hexdigest() if data is not None else ""))


def note_document(root: Path | str, rel: str, status: str) -> None:
    """A referenced document's status (file, missing, outside, not-a-file) as the loader saw it."""
    if _trace is not None:
        _trace.append(("document", f"{os.path.abspath(root)}\0{rel}", status))


def note_dir(path: Path | str) -> None:
    if _trace is not None:
        _trace.append(("dir", os.path.abspath(path), _listing(str(path))))


def _listing(path: str) -> str:
    """The names in a directory and what each is (file, directory, symlink, other), or "" if none."""
    try:
        with os.scandir(path) as it:
            entries = sorted(
                (
                    e.name,
                    "l"
                    if e.is_symlink()
                    else "d"
                    if e.is_dir(follow_symlinks=False)
                    else "f"
                    if e.is_file(follow_symlinks=False)
                    else "o",
                )
                for e in it
            )
    except OSError:
        return "" if not os.path.lexists(path) else "?"
    return "\n".join(f"{kind} {name}" for name, kind in entries)


#: what a referenced document path names now, given the repo root and the path (load.files)
DocumentStatus = Callable[[str, str], str]


def _unchanged(manifest: Manifest, document_status: DocumentStatus | None) -> bool:
    for kind, path, expected in manifest:
        if kind == "document":
            root, rel = path.split("\0", 1)
            if document_status is None or document_status(root, rel) != expected:
                return False
            continue
        if kind == "dir":
            if _listing(path) != expected or expected == "?":
                return False
            continue
        if os.path.islink(path):
            return False
        try:  # never blocks on a FIFO or reads a device: only a regular file of a sane size is hashed
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        except FileNotFoundError:
            actual = ""
        except OSError:
            return False
        else:
            try:
                st = os.fstat(fd)
                if not stat.S_ISREG(st.st_mode) or st.st_size > _MAX_HASHED:
                    return False
                h = hashlib.sha256()
                while chunk := os.read(fd, 1 << 20):
                    h.update(chunk)
                actual = h.hexdigest()
            except OSError:
                return False
            finally:
                os.close(fd)
        if actual != expected:
            return False
    return True


def cacheable(manifest: Manifest) -> bool:
    """Only runs over plain files: a symlink or an unreadable directory is re-checked every time."""
    return all(
        (kind == "dir" and expected != "?" and "\nl " not in "\n" + expected)
        or (kind == "file" and not os.path.islink(path))
        or kind == "document"
        for kind, path, expected in manifest
    )


def _output_path(key: str) -> Path:
    return directory() / "output" / f"{key[:40]}.bin"


def output_key(*parts: str) -> str:
    return digest(build_id(), *parts)


def replay(key: str, document_status: DocumentStatus | None = None) -> Any:
    """The stored output of a run with ``key`` when every file it read is unchanged, else None.

    ``document_status`` looks up a referenced document again (without it, a run that looked
    one up is not replayed).
    """
    raw = _read(_output_path(key))
    if raw is None:
        return None
    try:
        manifest, value = _open(key, raw[len(_MAGIC) :])
    except (KeyError, TypeError, ValueError):
        return None
    if not isinstance(manifest, list) or not _unchanged(manifest, document_status):
        return None
    return value


def store(key: str, manifest: Manifest, value: Any) -> None:
    if cacheable(manifest):
        _write(_output_path(key), _seal(key, (manifest, value)))


# --- large outputs, stored beside their entry -------------------------------------------


class Blob:
    """The bytes of one output of a run, written to the cache as they are written to their
    destination (no second copy in memory); the entry keeps the name and SHA-256 of the file."""

    def __init__(self, key: str, n: int) -> None:
        self.path = directory() / "output" / f"{key[:40]}-{n}.out"
        self.hash = hashlib.sha256()
        self._out: Any = None
        self._tmp = ""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            import tempfile  # only when writing (a replay and --no-cache never do)

            fd, self._tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-")
            self._out = os.fdopen(fd, "wb")
        except OSError:
            self._out = None

    def tee(self, chunks: Iterable[bytes]) -> Iterator[bytes]:
        """``chunks`` unchanged, each also written to the cache file."""
        for chunk in chunks:
            self.hash.update(chunk)
            if self._out is not None:
                try:
                    self._out.write(chunk)
                except OSError:
                    self.discard()
            yield chunk

    def finish(self) -> tuple[str, str] | None:
        """(file name, SHA-256) once everything passed through :meth:`tee`, or None if not stored."""
        if self._out is None:
            return None
        try:
            self._out.close()
            self._out = None
            os.replace(self._tmp, self.path)
        except OSError:
            self.discard()
            return None
        return self.path.name, self.hash.hexdigest()

    def discard(self) -> None:
        if self._out is not None:
            with contextlib.suppress(OSError):
                self._out.close()
            self._out = None
        if self._tmp:
            with contextlib.suppress(OSError):
                os.unlink(self._tmp)


def blob_ok(name: str, sha256: str) -> bool:
    """Whether the stored output ``name`` is there with this SHA-256 (read once, in chunks)."""
    h = hashlib.sha256()
    try:
        for chunk in blob_chunks(name):
            h.update(chunk)
    except OSError:
        return False
    return h.hexdigest() == sha256


def blob_chunks(name: str) -> Iterator[bytes]:
    """The bytes of a stored output, in chunks (check :func:`blob_ok` first)."""
    with open(directory() / "output" / name, "rb") as fh:
        while chunk := fh.read(1 << 20):
            yield chunk
