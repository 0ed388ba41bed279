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
from collections.abc import Iterable, Mapping
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
    return cast(T, Memo(lang, base).word(result) if memo else _worded(result, lang, base))


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

    def word(self, value: object) -> object:
        """``_worded(value, lang, base)``, dispatching on the exact type (a page has 200,000
        values to walk); anything but plain dataclasses, tuples and lists goes the general way."""
        t = type(value)
        if t is str or value is None or t is int or t is bool or t is float:
            return value
        if t in _TEXT_EXACT:
            text = cast(Text, value)
            got = self._said.get(text, _MISSING)
            if got is _MISSING:
                got = self._said[text] = say(text, self.lang, self.base)
            return got
        names = _WALKED[t] if t in _WALKED else _walked(t)
        if names is not None:
            changes: dict[str, object] = {}
            for name in names:
                old = getattr(value, name)
                ot = type(old)
                if old is None or ot is str or ot is int or ot is bool:
                    continue
                new = self.word(old)
                if new is not old:
                    changes[name] = new
            return dataclasses.replace(cast(Any, value), **changes) if changes else value
        if t is tuple or t is list:
            seq = cast(tuple[object, ...] | list[object], value)
            items = [self.word(v) for v in seq]
            if all(new is old for new, old in zip(items, seq, strict=True)):
                return value
            return tuple(items) if t is tuple else items
        return _worded(value, self.lang, self.base, self)


_MISSING: Any = object()
#: class -> its fields in ``__init__`` when it is a dataclass that is no text, else None
_WALKED: dict[type, tuple[str, ...] | None] = {}


def _walked(cls: type) -> tuple[str, ...] | None:
    names = None
    if dataclasses.is_dataclass(cls) and not issubclass(cls, _TEXT_TYPES):
        names = _init_fields(cls)
    _WALKED[cls] = names
    return names


_TEXT_TYPES = (Phrase, Listing, Span, Retention, Cited, Marked, SubjectKind)
#: the exact classes of text (a subclass goes the general way)
_TEXT_EXACT: frozenset[type] = frozenset(_TEXT_TYPES)


def _worded(value: object, lang: str, base: Mapping[str, Field] | None, memo: Memo | None = None) -> object:
    """``value`` worded; the very same object when nothing in it is text (no copies made)."""
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
