"""Sentences of the support answers as data, worded at the edge.

The builders (erasure, access, breach, transparency) return :data:`Text` values, not prose: a
:class:`Phrase` is a catalogue key (``support.<key>`` in :mod:`policycheck.i18n.en_support` /
:mod:`policycheck.i18n.sv_support`) with its fields; a field is an id, a date, a number, a
user-given name or another :data:`Text`. :func:`say` words one in a language (the one lookup,
:func:`policycheck.i18n.word`), and :func:`worded` words every one of a result at once, for the
templates and the JSON output: the only place where these outputs become prose.
"""

from __future__ import annotations

import dataclasses
import functools
import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal, TypeVar, cast

from pydantic import WithJsonSchema

from policycheck import i18n

#: how a :class:`Listing` joins its items
Joined = Literal["and", "or", "comma", "space", "semicolon", "concat"]
_SEPARATORS = {"comma": ", ", "space": " ", "semicolon": "; ", "concat": ""}


@dataclass(frozen=True)
class Phrase:
    """The catalogue entry ``support.<key>`` with its fields (see :func:`phrase`)."""

    key: str
    fields: tuple[tuple[str, Field], ...] = ()


@dataclass(frozen=True)
class Listing:
    """Items in a row: ``a, b and c`` (``and``, ``or``), or joined by ``, ``, `` ``, ``; `` or nothing."""

    items: tuple[Field, ...]
    joined: Joined = "and"


@dataclass(frozen=True)
class Span:
    """An ISO 8601 duration, in words: ``P30D`` -> ``30 days`` / ``30 dagar``."""

    iso: str


@dataclass(frozen=True)
class Retention:
    """How long data is kept: the period (ISO 8601; None when not declared) and what it is
    counted from (``retention_from``): ``2 years after the case is closed``."""

    iso: str | None
    start: str | None = None


@dataclass(frozen=True)
class Cited:
    """Text holding article citations (``Art. 17(3)(b)``), cited in the language's style."""

    text: Field


@dataclass(frozen=True)
class Marked:
    """Text (a law's citation, an authority) followed by the unverified marker when it comes
    from reference data tagged ``verified: false``."""

    text: Field
    unverified: bool


@dataclass(frozen=True)
class SubjectKind:
    """Data subjects of a type (``subjects``), in the plural: ``customer`` -> ``customers`` / ``kunder``."""

    subject: str


#: a sentence, or a piece of one, not yet worded
Text = Phrase | Listing | Span | Retention | Cited | Marked | SubjectKind
#: a field of a :class:`Phrase`: an id, a date, a user-given name, a number, or more text
Field = str | int | Text
#: a result's text field: a string in the JSON output (worded there, and in the JSON Schema so)
Words = Annotated[Text, WithJsonSchema({"type": "string"})]
#: a result's field that is a name when there is one, else text: a string in the JSON output
NameOrWords = Annotated[Field, WithJsonSchema({"type": "string"})]


def phrase(key: str, **fields: Field) -> Phrase:
    """``phrase("erasure.note.cycle", others=Listing(...))``."""
    return Phrase(key, tuple(fields.items()))


def listing(items: Iterable[Field], joined: Joined = "and") -> Listing:
    return Listing(tuple(items), joined)


def sentences(*items: Field | None) -> Listing:
    """Sentences one after another (empty ones left out)."""
    return Listing(tuple(i for i in items if i is not None and i != "" and not _empty(i)), "space")


def _empty(item: Field) -> bool:
    return isinstance(item, Listing) and not item.items


def tr(key: str, lang: str, **fields: object) -> str:
    """The text of the catalogue entry ``support.<key>`` in ``lang`` with ``fields`` filled in
    (:func:`policycheck.i18n.word`). A key that is not in the catalogue is an error."""
    full = f"support.{key}"
    text = i18n.word(full, lang, default="", **fields)
    if not text:
        raise KeyError(full)
    return text


def has(key: str) -> bool:
    """Whether ``support.<key>`` is in the catalogue."""
    return bool(i18n.word(f"support.{key}", "en", default=""))


def say(value: Field, lang: str, base: Mapping[str, Field] | None = None) -> Any:
    """``value`` in words in ``lang``; ``base`` holds fields every phrase may use (``subject``).

    A number stays a number (a field may format it); everything else becomes a str.
    """
    if isinstance(value, str | int):
        return value
    if isinstance(value, Phrase):
        fields = {k: say(v, lang, base) for k, v in value.fields}
        for k, v in (base or {}).items():
            fields.setdefault(k, say(v, lang))
        return tr(value.key, lang, **fields)
    if isinstance(value, Listing):
        items = [str(say(i, lang, base)) for i in value.items]
        if value.joined in ("and", "or"):
            return i18n.join(items, lang, value.joined)
        return _SEPARATORS[value.joined].join(items)
    if isinstance(value, Span):
        return i18n.duration(value.iso, lang)
    if isinstance(value, Retention):
        if value.iso is None:
            return tr("retention_missing", lang)
        words = i18n.duration(value.iso, lang)
        after = i18n.retention_start(value.start, lang)
        return f"{words} {after}" if after else words
    if isinstance(value, Cited):
        return i18n.article(str(say(value.text, lang, base)), lang)
    if isinstance(value, SubjectKind):
        return i18n.subject_kind(value.subject, lang)
    if isinstance(value, Marked):
        text = say(value.text, lang, base)
        return f"{text} ({tr('unverified', lang)})" if value.unverified else text
    raise TypeError(f"not text: {value!r}")


T = TypeVar("T")


def worded(result: T, lang: str, base: Mapping[str, Field] | None = None, *, memo: bool = False) -> T:
    """A copy of ``result`` (dataclasses, tuples, lists, dicts) with every :data:`Text` in it
    worded in ``lang``: what the templates and the JSON output show. The copy has the same
    classes; its text fields hold str.

    ``memo``: each distinct text is worded once (:class:`Memo`), for results that repeat the
    same sentences many times (the transparency page: 60,000 texts, 8,000 distinct, at 5,000
    systems)."""
    return cast(T, _worded(result, lang, base, Memo(lang, base) if memo else None))


class Memo:
    """:func:`say` in one language, each distinct text worded once.

    Texts are frozen dataclasses compared by value; a field is an id, a name, a number or more
    text, so two equal texts word alike. (A bool in a field would word as ``True`` yet equal
    ``1``: :data:`Field` has none, and the text's own type is part of the key.)"""

    def __init__(self, lang: str, base: Mapping[str, Field] | None) -> None:
        self.lang, self.base = lang, base
        self._said: dict[Text, Any] = {}

    def say(self, value: Text) -> Any:
        got = self._said.get(value, _MISSING)
        if got is _MISSING:
            got = self._said[value] = say(value, self.lang, self.base)
        return got


_MISSING: Any = object()
_TEXT_TYPES = (Phrase, Listing, Span, Retention, Cited, Marked, SubjectKind)


def _worded(value: object, lang: str, base: Mapping[str, Field] | None, memo: Memo | None = None) -> object:
    """``value`` worded; the very same object when nothing in it is text (no copies made).

    The common types (a plan of 5,000 systems has 200,000 values to look at) by their exact
    type first; anything else, subclasses included, by :func:`_worded_any`. With ``memo``, each
    distinct text is worded once."""
    t = type(value)
    if t in _SIMPLE:
        return value
    if t is tuple or t is list:
        items = []
        changed = False
        for v in cast(tuple[object, ...], value):
            if type(v) in _SIMPLE:
                items.append(v)
                continue
            new = _worded(v, lang, base, memo)
            items.append(new)
            changed = changed or new is not v
        if not changed:
            return value
        return tuple(items) if t is tuple else items
    if t in _TEXT_SET:
        return say(cast(Text, value), lang, base) if memo is None else memo.say(cast(Text, value))
    spec = _REBUILT[t] if t in _REBUILT else _rebuilt_fields(t)
    if spec is None:
        return _worded_any(value, lang, base, memo)
    names, get = spec
    values = get(value)
    changes: dict[str, object] | None = None
    for name, old in zip(names, values, strict=True):
        to = type(old)
        if to in _SIMPLE:
            continue
        if to is tuple:  # most are ids and names: looked at here, without a call
            for x in cast(tuple[object, ...], old):
                if type(x) not in _SIMPLE:
                    break
            else:
                continue
        new = _worded(old, lang, base, memo)
        if new is not old:
            if changes is None:
                changes = {}
            changes[name] = new
    if changes is None:
        return value
    # dataclasses.replace(value, **changes): every field is an __init__ argument (no InitVar)
    fields = dict(zip(names, values, strict=True))
    fields.update(changes)
    return t(**fields)


_SIMPLE = frozenset({str, int, bool, float, type(None)})
_TEXT_SET: frozenset[type] = frozenset(_TEXT_TYPES)  # the exact classes (a subclass goes the general way)
_REBUILT: dict[type, tuple[tuple[str, ...], Callable[[object], tuple[Any, ...]]] | None] = {}


def _rebuilt_fields(cls: type) -> tuple[tuple[str, ...], Callable[[object], tuple[Any, ...]]] | None:
    """The fields of a dataclass whose every entry is a field given to ``__init__`` (so that
    ``cls(**fields)`` is ``dataclasses.replace``), not a :data:`Text`, and a getter of their
    values; else None."""
    spec = None
    entries = getattr(cls, "__dataclass_fields__", None)
    if dataclasses.is_dataclass(cls) and isinstance(entries, dict) and not issubclass(cls, _TEXT_TYPES):
        fields = dataclasses.fields(cls)
        if len(fields) == len(entries) and all(f.init for f in fields):
            names = tuple(f.name for f in fields)
            spec = (names, operator.attrgetter(*names) if len(names) > 1 else _one_of(names))
    _REBUILT[cls] = spec
    return spec


def _worded_any(value: object, lang: str, base: Mapping[str, Field] | None, memo: Memo | None = None) -> object:
    """:func:`_worded` of any value (subclasses, dataclasses with fields outside ``__init__``)."""
    if value is None or isinstance(value, _PLAIN):
        return value
    if isinstance(value, _TEXT_TYPES):
        return say(value, lang, base) if memo is None else memo.say(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for name in _init_fields(type(value)):
            old = getattr(value, name)
            if old is None or isinstance(old, _PLAIN):
                continue
            new = _worded(old, lang, base, memo)
            if new is not old:
                changes[name] = new
        return dataclasses.replace(value, **changes) if changes else value
    if isinstance(value, tuple | list):
        if all(isinstance(v, _PLAIN) for v in value):
            return value
        items = [_worded(v, lang, base, memo) for v in value]
        if all(new is old for new, old in zip(items, value, strict=True)):
            return value
        return tuple(items) if isinstance(value, tuple) else items
    if isinstance(value, dict):
        out = {k: _worded(v, lang, base, memo) for k, v in value.items()}
        return value if all(out[k] is v for k, v in value.items()) else out
    return value


_PLAIN = (str, int, float)  # bool is an int


@functools.cache
def _init_fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.init)


def worded_dict(
    result: object, lang: str, base: Mapping[str, Field] | None = None, *, memo: bool = False
) -> tuple[Any, bool]:
    """``jsonout.asdict(worded(result, lang, base))`` in one pass, and whether a float is in it
    (``memo``: each distinct text worded once, as :func:`worded`).

    What the JSON outputs write: a plan of 5,000 systems has 700,000 values, and wording it into
    a copy of its dataclasses (``dataclasses.replace`` per object) and then converting that copy
    into dicts walked it twice. The value is the same (a test holds it to the two passes); only
    plain dataclasses, tuples, lists and dicts are walked here, anything else (a named tuple, a
    dict subclass, a dataclass with fields outside ``__init__``) goes the two-pass way."""
    from policycheck import jsonout

    floats = False
    said = Memo(lang, base) if memo else None

    def conv(value: object) -> Any:
        nonlocal floats
        t = type(value)
        if t is str or t is int or t is bool or value is None:
            return value
        if t is float:
            floats = True
            return value
        if isinstance(value, _TEXT_TYPES):
            out = say(value, lang, base) if said is None else said.say(value)
            if type(out) is float:
                floats = True
            return out
        if t is tuple:
            return tuple(conv(v) for v in cast(tuple[object, ...], value))
        if t is list:
            return [conv(v) for v in cast(list[object], value)]
        if t is dict:
            d = cast(dict[Any, object], value)
            return {k: conv(v) for k, v in d.items()} if _plain_keys(d) else _slow(d)
        names = _DICT_FIELDS[t] if t in _DICT_FIELDS else _dict_fields(t)
        if names is not None:
            return {name: conv(getattr(value, name)) for name in names}
        return _slow(value)

    def _slow(value: object) -> Any:
        nonlocal floats
        out = jsonout.asdict(_worded(value, lang, base, said))
        floats = floats or jsonout.has_float(out)
        return out

    return conv(result), floats


def _plain_keys(value: dict[Any, Any]) -> bool:
    return all(type(k) is str for k in value)


_DICT_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _dict_fields(cls: type) -> tuple[str, ...] | None:
    """The fields of a plain dataclass (every field in ``__init__``, no ``__post_init__``), else None."""
    names: tuple[str, ...] | None = None
    if dataclasses.is_dataclass(cls) and not issubclass(cls, _TEXT_TYPES):
        fields = dataclasses.fields(cls)
        if all(f.init for f in fields) and not hasattr(cls, "__post_init__"):
            names = tuple(f.name for f in fields)
    _DICT_FIELDS[cls] = names
    return names


class _NotPlain(Exception):
    """What :func:`worded_json_fast` leaves to :func:`worded_dict`."""


def worded_json_fast(
    result: object, lang: str, base: Mapping[str, Field] | None = None, *, memo: bool = False
) -> str | None:
    """``jsonout.dumps(worded_dict(result, lang, base)[0])`` written by orjson in one call, the
    walk in C: orjson hands each dataclass to a hook that words a :data:`Text` or gives the
    plain dataclass's fields as a dict, so only the dataclasses (41,000 in a plan of 5,000
    systems) cost a Python call, not each of its 700,000 values.

    None (the caller takes the :func:`worded_dict` way) for anything orjson would write
    otherwise than ``json.dumps(indent=2, ensure_ascii=False)`` of the converted value, or that
    :func:`worded_dict` converts in its own way: a float, a value of any type other than str,
    int, bool, None, tuple, list, dict and dataclasses (a date, a named tuple, a subclass of
    int or dict; a subclass of str, a declared name, is written as its text), a key that is
    not a str, an int orjson does not write, a lone surrogate, nesting deeper than orjson
    goes, or no orjson. ``memo``: each distinct text worded once (:class:`Memo`)."""
    try:
        import orjson
    except ImportError:  # pragma: no cover
        return None

    getters: dict[type, tuple[tuple[str, ...], Callable[[object], Any]]] = {}
    said = Memo(lang, base) if memo else None

    def default(value: object) -> object:
        t = type(value)
        known = getters.get(t)
        if known is None:
            if isinstance(value, _TEXT_TYPES):
                out = say(value, lang, base) if said is None else said.say(value)
                if type(out) is not str and type(out) is not int:
                    raise _NotPlain
                return out
            if isinstance(value, str):  # a declared name (a str subclass): its text, as json writes it
                return str.__str__(value)
            names = _DICT_FIELDS[t] if t in _DICT_FIELDS else _dict_fields(t)
            if names is None:
                raise _NotPlain
            get = operator.attrgetter(*names) if len(names) > 1 else _one_of(names)
            known = getters[t] = (names, get)
        names, get = known
        values = get(value)
        for v in values:
            tv = type(v)
            if tv is str or v is None or tv is int or tv is bool:
                continue
            if tv is tuple or tv is list:
                for x in v:
                    if type(x) is not str:
                        _check_plain(v)
                        break
            elif tv is dict:
                _check_plain(v)
            elif not (tv in getters or isinstance(v, str) or dataclasses.is_dataclass(v)):
                raise _NotPlain  # a dataclass (or Text) or a str subclass goes to this hook again
        return dict(zip(names, values, strict=True))

    try:
        _check_plain((result,))
        data: bytes = orjson.dumps(
            result,
            default=default,
            option=orjson.OPT_INDENT_2 | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_SUBCLASS
            | orjson.OPT_PASSTHROUGH_DATETIME,
        )
    except (_NotPlain, TypeError, ValueError):
        return None
    return data.decode("utf-8")


def _one_of(names: tuple[str, ...]) -> Callable[[object], tuple[Any, ...]]:
    """An ``attrgetter`` of ``names`` that gives a tuple also for one name (or none)."""
    if not names:
        return lambda value: ()
    get = operator.attrgetter(names[0])
    return lambda value: (get(value),)


def _check_plain(value: object) -> None:
    """Raise :class:`_NotPlain` unless ``value`` holds only str, int, bool, None, tuples, lists,
    dicts with str keys, and dataclasses (which orjson hands back to the hook)."""
    stack = [value]
    while stack:
        v = stack.pop()
        tv = type(v)
        if tv is tuple or tv is list:
            for x in cast(tuple[object, ...], v):
                tx = type(x)
                if tx is str or tx is int or tx is bool or x is None or tx in _DICT_FIELDS:
                    continue  # a dataclass (a known one, or any below) goes to the hook
                if tx is tuple or tx is list or tx is dict:
                    stack.append(x)
                elif not (isinstance(x, str) or dataclasses.is_dataclass(x)):
                    raise _NotPlain
        elif tv is dict:
            d = cast(dict[object, object], v)
            if not _plain_keys(d):
                raise _NotPlain
            stack.append(tuple(d.values()))
        elif not (isinstance(v, str) or dataclasses.is_dataclass(v)):
            raise _NotPlain
