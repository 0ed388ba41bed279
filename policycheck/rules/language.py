"""The rule language: paths, operands and messages, checked when the pack loads.

A condition is a mapping with one operator key; the operators are one table,
:data:`policycheck.rules.operators.OPERATORS` (see docs/rule-language.md, generated
from it). Any operator may add ``as: NAME`` to bind its evidence (the difference,
the matching elements, the value) for the message. ``$name`` is a parameter of the
rule; ``{value: X}`` is a literal; ``{path: P}`` is a path in a value slot.
Compilation turns a condition into a closure and checks, against the static
attribute table, that every path exists and every operand has a usable type;
an unknown operator, attribute or parameter is an error, never a silent pass.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from policycheck.i18n import entity_name, name_of, word
from policycheck.model.types import DURATION_PATTERN, Duration, Name
from policycheck.reference import reference
from policycheck.rules.kinds import _TABLES, ATTRS, RENAMED, Context, T, lookup

Pred = Callable[[Any, Context], bool]
Value = Callable[[Any, Context], Any]


class RuleSyntaxError(Exception):
    """A rule's condition, path or message does not compile; ``path`` says where in the rule."""

    def __init__(self, message: str, where: tuple[str | int, ...] = ()) -> None:
        super().__init__(message)
        self.where = where


def _hint(name: str, choices: list[str]) -> str:
    m = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    return f" (did you mean '{m[0]}'?)" if m else ""


# --- values -------------------------------------------------------------------------------


def is_missing(value: Any) -> bool:
    if type(value) is str:  # the common case
        return not value
    return value is None or value == "" or (isinstance(value, tuple | list | set | frozenset | dict) and not value)


def as_list(value: Any) -> list[Any]:
    if type(value) is tuple:  # the common case
        return list(value)
    if value is None:
        return []
    if isinstance(value, tuple | list | set | frozenset):
        return list(value)
    return [value]


def human_duration(d: Duration, lang: str = "en") -> str:
    """``P1Y6M`` as "1 year 6 months" (en) or "1 år 6 månader" (sv): the catalogue's units
    (``duration.<unit>.1`` / ``.n``), joined by spaces."""
    parts = [
        word(f"duration.{unit}.{'1' if n == 1 else 'n'}", lang, n=n)
        for unit, n in (("year", d.years), ("month", d.months), ("day", d.days))
        if n
    ]
    return " ".join(parts) or d.text


def _no_duration(text: str) -> bool:
    """``text`` (plain text that starts with a P: "Payments", "Phone number") cannot be read as a
    duration, so :func:`show` gives it as it is: what it gives after ``Duration.parse`` raises,
    without raising (that costs twenty times more)."""
    return FAST_PATHS and DURATION_PATTERN.fullmatch(text) is None


def show(value: Any, lang: str = "en") -> str:
    """A value as message text: ids for objects, lists joined by commas, durations in words."""
    if type(value) is str and (value[:1] != "P" or _no_duration(value)):  # text that is no duration
        return value
    if type(value) is Name:  # a declared name (a str that keeps its texts per language)
        return value.in_lang(lang)
    if type(value) is tuple:
        return ", ".join([v if type(v) is str and v[:1] != "P" else show(v, lang) for v in value])
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list | set | frozenset):
        return ", ".join([v if type(v) is str and v[:1] != "P" else show(v, lang) for v in value])
    if isinstance(value, Duration):
        return human_duration(value, lang)
    if isinstance(value, Name):
        return value.in_lang(lang)
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, str) and value[:1] == "P":
        try:
            return human_duration(Duration.parse(value), lang)
        except ValueError:
            pass  # text that only starts like a duration
    ident = getattr(value, "id", None)
    if isinstance(ident, str):
        return ident
    return str(value)


def _key(value: Any) -> Any:
    if type(value) is str:  # an id already (str has no `id`)
        return value
    ident = getattr(value, "id", None)
    return ident if isinstance(ident, str) else value


# --- paths --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """What names mean while compiling: the item type, the params, bound names."""

    type: str
    params: dict[str, Any]
    bound: frozenset[str] = frozenset()
    #: the type of the value each ``as:`` name binds, filled while compiling (shared by nested scopes)
    bound_types: dict[str, str] = field(default_factory=dict)
    #: each ``$name`` used where a type is needed: (type, operator, where), filled while compiling (shared)
    param_uses: dict[str, list[tuple[str, str, tuple[str | int, ...]]]] = field(default_factory=dict)


def compile_path(text: str, scope: Scope, where: tuple[str | int, ...]) -> tuple[Value, T]:
    """Compile ``a.b.c`` against ``scope.type``; returns a getter and the static type."""
    if not isinstance(text, str) or not text:
        raise RuleSyntaxError(f"expected a path, got {text!r}", where)
    if text.startswith("$"):
        name = text[1:]
        if name not in scope.params:
            raise RuleSyntaxError(
                f"unknown parameter '${name}'{_hint(name, list(scope.params))}; declare it under `params:`",
                where,
            )
        value = scope.params[name]
        return (lambda item, ctx, n=name: ctx.params[n]), _literal_type(value)
    parts = text.split(".")
    steps: list[tuple[str, Any]] = []
    current = T(scope.type)
    first = parts[0]
    if first == "org":
        steps.append(("org", None))
        current = T("organization")
        parts = parts[1:]
    elif first == "item":
        parts = parts[1:]
    for part in parts:
        type_name = current.name
        attrs = ATTRS.get(type_name)
        if attrs is None:
            raise RuleSyntaxError(f"'{text}': a {current} has no attribute '{part}'", where)
        if part not in attrs:
            if (type_name, part) in RENAMED:
                new = RENAMED[(type_name, part)]
                raise RuleSyntaxError(f"'{text}': '{part}' of {type_name} is now '{new}' (the same value)", where)
            raise RuleSyntaxError(
                f"'{text}': unknown attribute '{part}' of {type_name}{_hint(part, list(attrs))}; "
                f"known: {', '.join(sorted(attrs))}",
                where,
            )
        attr = attrs[part]
        steps.append(("get", (current, attr)))
        many = current.many or attr.type.many
        current = T(attr.type.name, many, attr.type.ref)

    if len(steps) == 1 and steps[0][0] == "get" and not steps[0][1][0].ref and not steps[0][1][0].many:
        # one attribute of the item itself: the common case, without the loop
        attr = steps[0][1][1]
        if FAST_PATHS and attr.plain is not None and attr.memo is None:
            field_of = attrgetter(attr.plain)  # what ``attr.get`` reads, read in C

            def get_field(item: Any, ctx: Context) -> Any:
                return None if item is None else field_of(item)

            return get_field, current
        one = attr.read

        def get_one(item: Any, ctx: Context) -> Any:
            return None if item is None else one(item, ctx)

        return get_one, current

    if all(op == "get" and not arg[0].many for op, arg in steps):
        # one value at each step (ids looked up on the way): the loop below without its branches
        chain = tuple((arg[0].name if arg[0].ref else None, arg[1].read) for _, arg in steps)

        def get_chain(item: Any, ctx: Context) -> Any:
            value: Any = item
            for ref, read in chain:
                if value is None:
                    return None
                if ref is not None:
                    value = ctx.lookup(ref, value)
                    if value is None:
                        return None
                value = read(value, ctx)
            return value

        if FAST_PATHS:
            return _fast_chain(steps), current
        return get_chain, current

    def get(item: Any, ctx: Context) -> Any:
        value: Any = item
        for op, arg in steps:
            if op == "org":
                from policycheck.rules.kinds import Organization

                value = Organization(ctx.repo)
                continue
            owner, attr = arg
            if value is None:
                return None
            if owner.ref:
                value = (
                    [o for o in (ctx.lookup(owner.name, v) for v in value) if o is not None]
                    if owner.many
                    else ctx.lookup(owner.name, value)
                )
                if value is None:
                    return None
            if owner.many:
                out: list[Any] = []
                for v in value:
                    r = attr.read(v, ctx)
                    if attr.type.many:
                        out.extend(r or ())
                    elif r is not None:
                        out.append(r)
                seen: list[Any] = []
                for r in out:
                    if r not in seen:
                        seen.append(r)
                value = tuple(seen)
            else:
                value = attr.read(value, ctx)
        return value

    return get, current


def _fast_chain(steps: list[tuple[str, Any]]) -> Value:
    """``get_chain`` with its look-ups and plain fields read without a call each: an id in the
    repo's table of its type (as :func:`kinds.lookup`), a field with :func:`operator.attrgetter`."""
    chain = tuple(
        (
            arg[0].name if arg[0].ref else None,
            _TABLES.get(arg[0].name) if arg[0].ref else None,
            attrgetter(arg[1].plain) if arg[1].plain is not None and arg[1].memo is None else None,
            arg[1].read,
        )
        for _, arg in steps
    )

    def get_fast_chain(item: Any, ctx: Context) -> Any:
        value: Any = item
        repo = ctx.dmap.repo
        for ref, table, field_of, read in chain:
            if value is None:
                return None
            if ref is not None:
                value = getattr(repo, table).get(value) if table is not None else lookup(repo, ref, value)
                if value is None:
                    return None
            value = field_of(value) if field_of is not None else read(value, ctx)
        return value

    return get_fast_chain


def _literal_type(value: Any) -> T:
    if isinstance(value, bool):
        return T("bool")
    if isinstance(value, int | float):
        return T("int")
    if isinstance(value, dt.date):
        return T("date")
    if isinstance(value, list | tuple):
        return T("str", True)
    return T("str")


def operand(value: Any, scope: Scope, where: tuple[str | int, ...], path_slot: bool) -> tuple[Value, T]:
    """An operand: ``$param``, ``{value: X}``, ``{path: P}``, a path (in path slots) or a literal."""
    if isinstance(value, dict):
        if set(value) == {"value"}:
            lit = value["value"]
            return (lambda item, ctx: lit), _literal_type(lit)
        if set(value) == {"path"}:
            return compile_path(value["path"], scope, where)
        raise RuleSyntaxError(f"an operand mapping takes `value:` or `path:`, got {sorted(value)}", where)
    if isinstance(value, str) and value.startswith("$"):
        return compile_path(value, scope, where)
    if path_slot and isinstance(value, str):
        return compile_path(value, scope, where)
    lit = tuple(value) if isinstance(value, list | tuple) else value
    return (lambda item, ctx: lit), _literal_type(lit)


# --- messages -------------------------------------------------------------------------------

_FIELD = re.compile(r"\{([^{}]+)\}")


#: compile the shortcuts below (named values kept per data map, messages rendered without the
#: optional-part loop, conditions without their evidence when nothing binds it); a test turns it
#: off to hold them to the plain closures (tests/rules/test_rule_fast_paths.py)
FAST_PATHS = True


def _named(get: Value, namer: Callable[[Any, Context], Any]) -> Value:
    if not FAST_PATHS:
        return lambda item, ctx: namer(get(item, ctx), ctx)
    key = ("names", namer)

    def named(item: Any, ctx: Context) -> Any:
        """``namer`` of the value; for ids (text, or a tuple of texts) kept per data map and
        language: a namer is a pure function of the repo, the language and the ids, and thousands
        of findings name the same categories or systems."""
        value = get(item, ctx)
        if type(value) is str or (type(value) is tuple and all(type(v) is str for v in value)):
            memo = ctx.dmap.memo
            names = memo.get(key)
            if names is None:
                names = memo[key] = {}
            at = (ctx.lang, value)
            hit = names.get(at, names)  # ``names`` itself: not there yet (a namer may give None)
            if hit is names:
                hit = names[at] = namer(value, ctx)
            return hit
        return namer(value, ctx)

    return named


def _named_text(get: Value, namer: Callable[[Any, Context], Any]) -> Value:
    """The text a message shows for ``namer`` of the value (``—`` when missing, else
    :func:`show` of the names); for ids kept per data map and language, as :func:`_named` keeps
    the names: thousands of findings name the same categories, and showing the names again
    (joining them, telling durations from names that start with a P) costs more than naming them."""
    key = ("shown", namer)

    def shown(item: Any, ctx: Context) -> str:
        value = get(item, ctx)
        if type(value) is str or (type(value) is tuple and all(type(v) is str for v in value)):
            memo = ctx.dmap.memo
            texts = memo.get(key)
            if texts is None:
                texts = memo[key] = {}
            at = (ctx.lang, value)
            text: str | None = texts.get(at)
            if text is None:
                names = namer(value, ctx)
                text = texts[at] = MISSING_TEXT if is_missing(names) else show(names, ctx.lang)
            return text
        names = namer(value, ctx)
        return MISSING_TEXT if is_missing(names) else show(names, ctx.lang)

    return shown


def _bound(name: str) -> Value:
    return lambda item, ctx: ctx.bindings.get(name)


#: how a message shows a missing value (unset field, empty list, unbound name)
MISSING_TEXT = "—"


def category_names(value: Any, ctx: Context) -> Any:
    """Categories (ids or objects) as their names in ``ctx.lang``; an id with no category stays the id."""
    if value is None:
        return None
    categories = ctx.repo.categories
    lang = ctx.lang
    out: list[str] = []
    for v in as_list(value):
        cat = categories.get(v) if isinstance(v, str) else v
        name = getattr(cat, "name", None)
        out.append(name_of(name, lang) or _key(v) if name else str(_key(v)))
    return tuple(out) if isinstance(value, tuple | list | set | frozenset) else (out[0] if out else None)


def _each(value: Any, name: Callable[[str, Context], str | None], ctx: Context) -> Any:
    """``value`` (an id or a list of ids) with each id replaced by its name; an id without one stays."""
    if value is None:
        return None
    out = [name(str(_key(v)), ctx) or str(_key(v)) for v in as_list(value)]
    return tuple(out) if isinstance(value, tuple | list | set | frozenset) else (out[0] if out else None)


def _semicolons(value: Any) -> Any:
    return "; ".join(value) if isinstance(value, tuple) else value


def _topic(ident: str, ctx: Context) -> str | None:
    for pt in reference().policy_types.values():
        label = pt.topics.get(ident)
        if label is not None:
            return label.get(ctx.lang) or label.get("en")
    return None  # a topic of the organization's own: its id


def _entity(table: str) -> Callable[[str, Context], str | None]:
    def name(ident: str, ctx: Context) -> str | None:
        obj = getattr(ctx.repo, table).get(ident)
        value = getattr(obj, "name", None)
        return name_of(value, ctx.lang) if value else None

    return name


def _country(ident: str, ctx: Context) -> str | None:
    return reference().country_name(ident, ctx.lang)


#: how a message names the values of a type (evidence keeps the ids): the type's name -> namer
NAMERS: dict[str, Callable[[Any, Context], Any]] = {
    "category": category_names,
    # a topic's label may hold a comma, so a list of them is joined by semicolons
    "topic": lambda v, ctx: _semicolons(_each(v, _topic, ctx)),
    "clause": lambda v, ctx: _each(v, lambda i, c: word(f"clause.{i}", c.lang, default=i), ctx),
    "purpose": lambda v, ctx: _each(v, _entity("purposes"), ctx),
    "recipient": lambda v, ctx: _each(v, _entity("recipients"), ctx),
    "country": lambda v, ctx: _each(v, _country, ctx),
    "team": lambda v, ctx: _each(v, _entity("teams"), ctx),
    "system": lambda v, ctx: _each(v, _entity("systems"), ctx),
    "processor": lambda v, ctx: _each(v, _entity("processors"), ctx),
    # `a -> b -> c` of node ids: each step by its name
    "path": lambda v, ctx: None if v is None else " → ".join(
        entity_name(ctx.repo, step, ctx.lang) for step in str(v).split(" -> ")
    ),
}


def compile_message(
    text: str, scope: Scope, where: tuple[str | int, ...], names: bool = True
) -> Callable[[Any, Context], str]:
    """A message template: ``{path}``, ``{$param}`` or ``{bound_name}`` in braces.

    A missing value shows as ``—``, never as nothing, so the sentence stays readable;
    ``[[ ... ]]`` marks an optional part, left out when any value in it is missing.
    With ``names`` (finding messages), a path to categories shows their names in the
    message's language; without it (machine-readable evidence), their ids.
    """
    if not isinstance(text, str):
        raise RuleSyntaxError("a message is text", where)
    getters: dict[str, Value] = {}
    #: the fields shown through a namer: their final text in one getter (``render_flat``)
    shown: dict[str, Value] = {}
    for name in _FIELD.findall(text):
        if name in scope.bound:
            namer = NAMERS.get(scope.bound_types.get(name, "")) if names else None
            get = _bound(name)
        else:
            get, t = compile_path(name, scope, where)
            namer = NAMERS.get(t.name) if names else None
        getters[name] = _named(get, namer) if namer else get
        if namer:
            shown[name] = _named_text(get, namer)

    def render(item: Any, ctx: Context) -> str:
        values = {name: get(item, ctx) for name, get in getters.items()}

        def field(m: re.Match[str]) -> str:
            value = values[m.group(1)]
            return MISSING_TEXT if is_missing(value) else show(value, ctx.lang)

        def optional(m: re.Match[str]) -> str:
            part = m.group(1)
            if any(is_missing(values[name]) for name in _FIELD.findall(part)):
                return ""
            return part

        return _FIELD.sub(field, _OPTIONAL.sub(optional, text)).strip()

    pieces = _pieces(text)
    if pieces is None:  # braces outside fields: the general (regex) renderer above
        return render
    getter_items = tuple(getters.items())
    if FAST_PATHS and not any(optional for optional, _, _ in pieces):
        flat = _flat(pieces, getters, shown)
        if flat is not None:
            return flat

    def render_pieces(item: Any, ctx: Context) -> str:
        """The same text as ``render``, from the template split once at compile time."""
        values = {name: get(item, ctx) for name, get in getter_items}
        lang = ctx.lang
        out: list[str] = []
        for optional, names, parts in pieces:
            if optional and any(is_missing(values[name]) for name in names):
                continue
            for is_field, part in parts:
                if is_field:
                    value = values[part]
                    out.append(MISSING_TEXT if is_missing(value) else show(value, lang))
                else:
                    out.append(part)
        return "".join(out).strip()

    return render_pieces


def _flat(
    pieces: _Pieces, getters: dict[str, Value], shown: dict[str, Value] | None = None
) -> Callable[[Any, Context], str] | None:
    """``render_pieces`` of a template without optional parts, each field read once: its literal
    text and its getters in one sequence, plain text shown as it is, a named field by its text
    (``shown``, see :func:`_named_text`). None when a field repeats (``render_pieces`` reads each
    field once for all its uses)."""
    seq: list[tuple[Value | None, str, bool]] = []  # (getter, literal text, the getter gives text)
    seen: set[str] = set()
    shown = shown or {}
    for _, _, parts in pieces:
        for is_field, part in parts:
            if not is_field:
                if part:
                    seq.append((None, part, False))
            elif part in seen:
                return None
            else:
                seen.add(part)
                if part in shown:  # its final text, from a getter
                    seq.append((shown[part], "", True))
                else:
                    seq.append((getters[part], "", False))
    steps = tuple(seq)
    if len(steps) == 1 and steps[0][0] is not None and not steps[0][2]:  # the template is one field: most evidence
        get = steps[0][0]

        def render_field(item: Any, ctx: Context) -> str:
            value = get(item, ctx)
            if type(value) is str and value and value[0] != "P":
                return value.strip()
            return (MISSING_TEXT if is_missing(value) else show(value, ctx.lang)).strip()

        render_field.__name__ = "render_flat"  # the same rendering, of one step
        return render_field

    def render_flat(item: Any, ctx: Context) -> str:
        lang = ctx.lang
        out: list[str] = []
        for get, literal, text in steps:
            if get is None:
                out.append(literal)
                continue
            value = get(item, ctx)
            if text or (type(value) is str and value and value[0] != "P"):
                out.append(value)  # shown already; or show() and is_missing() of plain text
            else:
                out.append(MISSING_TEXT if is_missing(value) else show(value, lang))
        return "".join(out).strip()

    return render_flat


#: a message template split into optional or not parts, each into literal text and field names
_Pieces = list[tuple[bool, tuple[str, ...], tuple[tuple[bool, str], ...]]]


def _pieces(text: str) -> _Pieces | None:
    """``text`` split at ``[[ ]]`` and ``{ }``, or None when a brace stands outside a field.

    Only then can the pieces be joined without the result forming a field the
    two regex passes of the general renderer would see.
    """
    out: _Pieces = []
    for i, chunk in enumerate(_OPTIONAL.split(text)):
        parts: list[tuple[bool, str]] = []
        names: list[str] = []
        pos = 0
        for m in _FIELD.finditer(chunk):
            parts += [(False, chunk[pos : m.start()]), (True, m.group(1))]
            names.append(m.group(1))
            pos = m.end()
        parts.append((False, chunk[pos:]))
        if any("{" in t or "}" in t for is_field, t in parts if not is_field):
            return None
        out.append((i % 2 == 1, tuple(names), tuple(parts)))
    return out


#: ``[[ ... ]]``: an optional part of a message, left out when any value in it is missing
_OPTIONAL = re.compile(r"\[\[(.*?)\]\]", re.DOTALL)
