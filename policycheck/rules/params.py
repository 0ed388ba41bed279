"""The types of a rule's parameters: declared, or known from the default and from where ``$name`` is used.

A parameter is written either plainly, ``max_age: P12M``, or with its type,
``max_age: {type: duration, default: P12M}``. A plain parameter's type is its
default's (a number, true/false, a list of text) or, for text, what the condition
uses it as: a ``$name`` that ``within:`` or ``older_than:`` reads is a duration,
otherwise it is text. A type is never guessed from how a text looks. Every use of
``$name`` must fit the type (a rule-load error otherwise), and ``policycheck.yaml``
overrides are checked against it (:func:`check`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from policycheck.model.types import Duration

#: the parameter types, each with how an error message describes a value of it
PARAM_TYPES: dict[str, str] = {
    "duration": "a duration such as P6M",
    "int": "a whole number such as 72",
    "number": "a number such as 0.5",
    "str": "text such as customer-support",
    "list": "a list of text such as [scc, bcr]",
    "bool": "true or false",
}

#: what a use of ``$name`` needs -> the parameter types that fit it
_FITS: dict[str, tuple[str, ...]] = {
    "duration": ("duration",),
    "number": ("int", "number"),
    "list": ("list",),
}

_USE_WORDS = {"duration": "a duration", "number": "a number", "list": "a list"}


def shown(value: Any) -> str:
    """A value as YAML would show it, for error messages: 'text', 72, true, [a, b]."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return "[" + ", ".join(shown(v) if not isinstance(v, str) else v for v in value) + "]"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return repr(value)
    return str(value)


def check(value: Any, type_name: str) -> str | None:
    """None when ``value`` is a ``type_name``, else the error: "expected a duration such as P6M, got 'x'"."""
    ok: bool
    if type_name == "duration":
        if not isinstance(value, str):
            ok = False
        else:
            try:
                Duration.parse(value)
                ok = True
            except ValueError as exc:
                if "not an ISO 8601 duration" not in str(exc):  # ISO 8601, but too long or too large: say why
                    return f"expected {PARAM_TYPES[type_name]}, got {shown(value)}: {exc}"
                ok = False
    elif type_name == "int":
        ok = type(value) is int
    elif type_name == "number":
        ok = type(value) in (int, float)
    elif type_name == "str":
        ok = isinstance(value, str)
    elif type_name == "list":
        ok = isinstance(value, tuple | list) and all(isinstance(v, str) for v in value)
    elif type_name == "bool":
        ok = isinstance(value, bool)
    else:  # pragma: no cover - the types are checked when the pack loads
        raise ValueError(f"unknown parameter type {type_name!r}")
    return None if ok else f"expected {PARAM_TYPES[type_name]}, got {shown(value)}"


def default_type(value: Any) -> str | None:
    """The type a plain default shows by itself, or None when it shows none (a mapping, a date...)."""
    if isinstance(value, bool):
        return "bool"
    if type(value) is int:
        return "int"
    if type(value) is float:
        return "number"
    if isinstance(value, str):
        return "str"
    if isinstance(value, tuple | list) and all(isinstance(v, str) for v in value):
        return "list"
    return None


def _where(where: tuple[str | int, ...]) -> str:
    return ".".join(str(w) for w in where)


def resolve(
    name: str,
    default: Any,
    declared: str | None,
    uses: Sequence[tuple[str, str, tuple[str | int, ...]]],
) -> tuple[str | None, str | None]:
    """The type of parameter ``name`` and, when something disagrees, the error (without the location).

    ``uses``: what each use of ``$name`` needs (``duration``, ``number``, ``list``), by which
    operator, where in the rule.
    """
    needs = {need for need, _, _ in uses}
    type_name: str | None
    if declared is not None:
        type_name = declared
    else:
        type_name = default_type(default)
        if type_name is None:
            return None, (
                f"params.{name}: the default {shown(default)} is not a parameter value; write a duration, "
                f"a number, text, a list of text or true/false, or {{type: {'|'.join(PARAM_TYPES)}, default: ...}}"
            )
        if type_name == "str" and needs == {"duration"}:
            type_name = "duration"  # text that the condition reads as a duration
    for need, op, where in uses:
        if type_name not in _FITS.get(need, (type_name,)):
            kind = "declared" if declared is not None else "written as"
            return type_name, (
                f"params.{name}: {op} at {_where(where)} uses ${name} as {_USE_WORDS[need]}, but it is "
                f"{kind} {PARAM_TYPES[type_name].split(' such as ')[0]}"
                + ("" if declared is not None else f"; declare it: {{type: {need}, default: ...}}")
            )
    problem = check(default, type_name)
    if problem is not None:
        return type_name, f"params.{name}: the default: {problem}"
    return type_name, None
