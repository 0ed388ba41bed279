"""``json.dumps(value, indent=2, ensure_ascii=False)``, byte for byte, several times faster.

With ``indent`` set, the standard library falls back to its pure-Python encoder
(a generator per value): 0.5 s for a report of 30,000 findings. orjson writes
the same bytes in 0.07 s for values without floats (it formats floats its own
way, e.g. ``1e16`` for Python's ``1e+16``); values with floats, or that orjson
refuses (a lone surrogate, a huge int), go to a writer here that uses the C
string escaper (0.3 s), and anything it does not know to :func:`json.dumps`.
"""

from __future__ import annotations

import copy
import dataclasses
import json
from collections.abc import Callable, Iterable, Iterator
from json.encoder import encode_basestring  # the C version when available
from typing import Any

_FLOAT_REPR = float.__repr__


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == -float("inf"):
        return "-Infinity"
    return _FLOAT_REPR(value)


try:  # optional at run time: without it the writer below is used
    import orjson as _orjson
except ImportError:  # pragma: no cover
    _orjson = None  # type: ignore[assignment]


def has_float(value: Any) -> bool:
    """Whether a float is anywhere in ``value`` (dicts, lists and tuples)."""
    stack = [value]
    while stack:
        v = stack.pop()
        t = type(v)
        if t is dict:
            stack.extend(x for x in v.values() if type(x) is not str)
        elif t is list or t is tuple:
            stack.extend(x for x in v if type(x) is not str)
        elif t is float:
            return True
    return False


def dumps(value: Any, *, floats: bool = True) -> str:
    """Exactly ``json.dumps(value, indent=2, ensure_ascii=False)``.

    ``floats=False``: the caller knows that ``value`` holds no float (it built it and looked),
    so it is not walked again to find out (a support plan of 700,000 values)."""
    if _orjson is not None and not (floats and has_float(value)):
        try:
            text: str = _orjson.dumps(value, option=_orjson.OPT_INDENT_2).decode("utf-8")
            return text
        except (TypeError, ValueError):
            pass
    try:
        parts: list[str] = []
        _write(value, parts, "\n")
    except _Fallback:
        return json.dumps(value, indent=2, ensure_ascii=False)
    return "".join(parts)


class _Fallback(Exception):
    pass


def _write(value: Any, out: list[str], nl: str) -> None:
    t = type(value)
    if t is str:
        out.append(encode_basestring(value))
    elif t is dict:
        if not value:
            out.append("{}")
            return
        inner = nl + "  "
        first = True
        for key, item in value.items():
            if type(key) is not str:
                raise _Fallback
            head = ("{" if first else ",") + inner + encode_basestring(key) + ": "
            first = False
            if type(item) is str:  # the common case, inline
                out.append(head + encode_basestring(item))
            else:
                out.append(head)
                _write(item, out, inner)
        out.append(nl + "}")
    elif t is list or t is tuple:
        if not value:
            out.append("[]")
            return
        inner = nl + "  "
        first = True
        for item in value:
            head = ("[" if first else ",") + inner
            first = False
            if type(item) is str:
                out.append(head + encode_basestring(item))
            else:
                out.append(head)
                _write(item, out, inner)
        out.append(nl + "]")
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif t is int:
        out.append(int.__repr__(value))
    elif t is float:
        out.append(_float(value))
    else:
        raise _Fallback


class Items:
    """A JSON array made one element at a time (for :func:`iterdumps`): ``make`` is called once
    per serialization and yields the elements; ``empty`` says whether it yields none.

    ``batch``: the elements hold no :class:`Items` (the caller knows), so :func:`iterdumps` may
    write up to that many at once (one :func:`dumps` of a list of them, the same text: a finding
    at a time, the per-call overhead was most of a large report's time)."""

    __slots__ = ("batch", "empty", "make")

    def __init__(self, make: Callable[[], Iterable[Any]], empty: bool, batch: int = 1) -> None:
        self.make = make
        self.empty = empty
        self.batch = batch

    def __iter__(self) -> Iterator[Any]:
        return iter(self.make())


def _streams(value: Any) -> bool:
    """Whether ``value`` is or holds an :class:`Items` (only those are written piece by piece)."""
    t = type(value)
    if t is Items:
        return True
    if t is dict:
        return all(type(k) is str for k in value) and any(_streams(v) for v in value.values())
    if t is list or t is tuple:
        return any(_streams(v) for v in value)
    return False


def iterdumps(value: Any, nl: str = "\n") -> Iterator[str]:
    """``dumps(value)`` in pieces (their join is the same text): the elements of every
    :class:`Items` are written one at a time, so the whole document never exists at once."""
    t = type(value)
    if t is Items:
        if value.empty:
            yield "[]"
            return
        if value.batch > 1:
            yield from _batched(value, value.batch, nl)
            return
        inner = nl + "  "
        first = True
        for item in value:
            yield ("[" if first else ",") + inner
            first = False
            yield from iterdumps(item, inner)
        yield nl + "]"
        return
    if not _streams(value):
        # dumps' newlines are only those of its layout (strings escape theirs): indent them
        text = dumps(value)
        yield text if nl == "\n" else text.replace("\n", nl)
        return
    inner = nl + "  "
    if t is dict:
        first = True
        for key, item in value.items():
            yield ("{" if first else ",") + inner + encode_basestring(key) + ": "
            first = False
            yield from iterdumps(item, inner)
        yield nl + "}"
    else:
        first = True
        for item in value:
            yield ("[" if first else ",") + inner
            first = False
            yield from iterdumps(item, inner)
        yield nl + "]"


def _batched(items: Iterable[Any], size: int, nl: str) -> Iterator[str]:
    """The array of ``items`` (none of them an :class:`Items` or holding one) as :func:`iterdumps`
    writes it, up to ``size`` elements per piece: ``dumps`` of a list of them is ``[``, each element
    one level in, separated by ``,`` and a new line, then a new line and ``]``; its elements, cut
    out of it, are those of the whole array (``dumps`` is ``json.dumps``: a list's elements are
    written alike at any depth, and strings escape their new lines, so indenting is replacing)."""
    first = True
    batch: list[Any] = []
    it = iter(items)
    while True:
        batch.clear()
        for item in it:
            batch.append(item)
            if len(batch) == size:
                break
        if not batch:
            break
        body = dumps(batch)[1:-2]  # without "[" and "\n]"
        yield ("[" if first else ",") + (body if nl == "\n" else body.replace("\n", nl))
        first = False
    if first:  # an array that turned out empty
        yield "[]"
        return
    yield nl + "]"


_ATOMS = (str, int, float, bool, type(None))
_FIELDS: dict[type, tuple[str, ...]] = {}


def asdict(obj: Any) -> Any:
    """:func:`dataclasses.asdict` of ``obj``, the same value, without its per-leaf ``copy.deepcopy``
    (a plan of 5,000 systems has 700,000 leaves; text and numbers are immutable, so they are
    shared, not copied). Dataclasses become dicts (fields in order), lists and tuples stay lists
    and tuples (a named tuple is rebuilt from its fields), dicts are converted key and value (a
    defaultdict keeps its factory, as from Python 3.12),
    anything else is deep-copied as ``dataclasses.asdict`` does."""
    if isinstance(obj, _ATOMS):
        return obj
    cls = type(obj)
    names = _FIELDS.get(cls)
    if names is None and dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(obj))
    if names is not None:
        return {name: asdict(getattr(obj, name)) for name in names}
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return cls(*[asdict(v) for v in obj])
    if isinstance(obj, (list, tuple)):
        return cls(asdict(v) for v in obj)
    if isinstance(obj, dict):
        if hasattr(cls, "default_factory"):  # a defaultdict keeps its factory (Python 3.12's asdict)
            out = cls(getattr(obj, "default_factory"))  # noqa: B009
            for k, v in obj.items():
                out[asdict(k)] = asdict(v)
            return out
        return cls((asdict(k), asdict(v)) for k, v in obj.items())
    return copy.deepcopy(obj)


def dataclass_dict(obj: Any) -> dict[str, Any]:
    """:func:`asdict` of a dataclass instance (a dict)."""
    out = asdict(obj)
    if not isinstance(out, dict):
        raise TypeError(f"not a dataclass instance: {type(obj).__name__}")
    return out
