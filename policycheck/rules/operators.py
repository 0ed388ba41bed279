"""The operators of the rule language: one table of small typed functions.

Each operator is an :class:`Operator` in :data:`OPERATORS`: its name, its operands
and their types, what it holds for and binds, a YAML example, and the function that
compiles one use of it into a closure. :func:`compile_condition` checks what every
condition shares (one operator key, ``as:``, ``where:``) and dispatches through the
table, at compile time only: evaluation runs the closures, never the table.

The operator section of ``docs/rule-language.md`` is generated from this table
(:mod:`policycheck.rules.docs`), and a test fails when the two differ.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from policycheck.model.types import Duration
from policycheck.rules import language
from policycheck.rules.kinds import Context, T, lookup
from policycheck.rules.language import (
    Pred,
    RuleSyntaxError,
    Scope,
    Value,
    _hint,
    _key,
    as_list,
    compile_path,
    is_missing,
    operand,
)

#: a compiled condition: the predicate and the names it may bind
Compiled = tuple[Pred, frozenset[str]]


@dataclass(frozen=True)
class Call:
    """One use of an operator in a rule, as its compile function sees it."""

    op: str
    args: Any
    cond: Mapping[str, Any]
    scope: Scope
    #: where in the rule, the operator's key included (for errors)
    where: tuple[str | int, ...]
    #: the `as:` name, if any
    bind: str | None

    @property
    def bound(self) -> frozenset[str]:
        return frozenset({self.bind}) if self.bind else frozenset()

    def bind_type(self, t: T) -> None:
        """Record the type of the value ``as:`` binds (messages name categories by it)."""
        if self.bind:
            self.scope.bound_types[self.bind] = t.name

    def two(self) -> tuple[Any, Any]:
        if not isinstance(self.args, list | tuple) or len(self.args) != 2:
            raise RuleSyntaxError(f"'{self.op}' takes a list of two operands: [{self.op.upper()}_A, B]", self.where)
        return self.args[0], self.args[1]

    def operand(self, value: Any, path_slot: bool, param_type: str | None = None) -> tuple[Value, T]:
        """Compile an operand; a ``$param`` in it is noted as used as ``param_type`` (when given)."""
        if param_type is not None:
            self.use_param(value, param_type)
        return operand(value, self.scope, self.where, path_slot)

    def use_param(self, value: Any, param_type: str) -> None:
        """Note that ``value``, when it is ``$name``, is used where a ``param_type`` is needed."""
        if isinstance(value, str) and value.startswith("$"):
            self.scope.param_uses.setdefault(value[1:], []).append((param_type, f"`{self.op}`", self.where))

    def expect(self, t: T, names: set[str], text: Any) -> None:
        if t.name not in names and t.name != "any":
            raise RuleSyntaxError(f"'{self.op}' needs {' or '.join(sorted(names))}, but {text!r} is {t}", self.where)

    def binder(self, fn: Callable[[Any, Context], tuple[bool, Any]], plain: Pred | None = None) -> Pred:
        """The predicate of ``fn``; with ``as:``, binding ``fn``'s evidence when it holds.

        ``plain``, when given, is the same predicate without the evidence: what runs when
        nothing binds it (see ``language.FAST_PATHS``).
        """
        name = self.bind
        if name is None:
            if plain is not None and language.FAST_PATHS:
                return plain
            return lambda item, ctx: fn(item, ctx)[0]

        def pred(item: Any, ctx: Context) -> bool:
            ok, evidence = fn(item, ctx)
            if ok:
                ctx.bindings[name] = evidence
            return ok

        return pred


@dataclass(frozen=True)
class Operator:
    """An operator of the rule language, with what its documentation says about it."""

    name: str
    #: the section of the documentation it belongs to
    group: str
    #: the operand form, as written in YAML
    form: str
    #: the operands and their types
    operands: str
    #: what it holds for, and what `as:` binds
    returns: str
    #: a YAML example
    example: str
    compile: Callable[[Call], Compiled]
    #: it takes `where:` (a condition on each element)
    takes_where: bool = False

    @property
    def doc(self) -> str:
        """The compile function's docstring, each paragraph on one line."""
        paragraphs = (self.compile.__doc__ or "").strip().split("\n\n")
        return "\n\n".join(" ".join(p.split()) for p in paragraphs)


# --- combining ------------------------------------------------------------------------------


def _conditions(call: Call) -> list[Compiled]:
    if not isinstance(call.args, list | tuple) or not call.args:
        raise RuleSyntaxError(f"'{call.op}' takes a non-empty list of conditions", call.where)
    return [compile_condition(c, call.scope, (*call.where, i)) for i, c in enumerate(call.args)]


def _all(call: Call) -> Compiled:
    """Every condition of the list holds."""
    parts = _conditions(call)
    preds = [p for p, _ in parts]
    bound = call.bound.union(*(b for _, b in parts))
    if language.FAST_PATHS and len(preds) in (2, 3):
        return _chain(preds, every=True), bound
    return (lambda item, ctx: all(p(item, ctx) for p in preds)), bound


def _any(call: Call) -> Compiled:
    """At least one condition of the list holds.

    When a branch binds a name, every branch is evaluated, so that each one that holds
    binds its evidence (a branch that did not hold shows `—` in the message).
    """
    parts = _conditions(call)
    preds = [p for p, _ in parts]
    bound = call.bound.union(*(b for _, b in parts))
    if bound:  # run every branch, so that each one that holds binds its evidence
        return (lambda item, ctx: any([p(item, ctx) for p in preds])), bound
    if language.FAST_PATHS and len(preds) in (2, 3):
        return _chain(preds, every=False), bound
    return (lambda item, ctx: any(p(item, ctx) for p in preds)), bound


def _chain(preds: list[Pred], every: bool) -> Pred:
    """``all`` (``every``) or ``any`` of two or three predicates as one ``and`` / ``or`` chain: the
    same predicates in the same order, stopping at the same one, without a generator per subject
    (callers only test the result's truth, and a predicate's result is a bool)."""
    if len(preds) == 2:
        p, q = preds
        if every:
            return lambda item, ctx: bool(p(item, ctx) and q(item, ctx))
        return lambda item, ctx: bool(p(item, ctx) or q(item, ctx))
    p, q, r = preds
    if every:
        return lambda item, ctx: bool(p(item, ctx) and q(item, ctx) and r(item, ctx))
    return lambda item, ctx: bool(p(item, ctx) or q(item, ctx) or r(item, ctx))


def _not(call: Call) -> Compiled:
    """The condition does not hold."""
    inner, _ = compile_condition(call.args, call.scope, call.where)
    return (lambda item, ctx: not inner(item, ctx)), frozenset()


# --- presence ---------------------------------------------------------------------------------


def _present(call: Call) -> Compiled:
    """The value at the path is set and not empty (an empty list or "" counts as missing)."""
    get, t = compile_path(call.args, call.scope, call.where)
    call.bind_type(t)
    return call.binder(
        lambda item, ctx: (not is_missing(v := get(item, ctx)), v), lambda item, ctx: not is_missing(get(item, ctx))
    ), call.bound


def _missing(call: Call) -> Compiled:
    """The value at the path is unset, null, "" or an empty list."""
    get, t = compile_path(call.args, call.scope, call.where)
    call.bind_type(t)
    return (lambda item, ctx: is_missing(get(item, ctx))), frozenset()


# --- values -------------------------------------------------------------------------------------


def _equals(call: Call) -> Compiled:
    """One value equals another; a list on the left is refused (use `contains`)."""
    a, b = call.two()
    get_a, ta = call.operand(a, path_slot=True)
    get_b, _ = call.operand(b, path_slot=False)
    call.bind_type(ta)
    if ta.many:
        raise RuleSyntaxError(f"'equals' compares one value, but {a!r} is a {ta}; use 'contains'", call.where)
    return call.binder(
        lambda item, ctx: ((v := get_a(item, ctx)) == get_b(item, ctx), v),
        lambda item, ctx: bool(get_a(item, ctx) == get_b(item, ctx)),
    ), call.bound


def _in(call: Call) -> Compiled:
    """The value is one of a list; an unset value is in no list."""
    a, b = call.two()
    get_a, ta = call.operand(a, path_slot=True)
    get_b, _ = call.operand(b, path_slot=False, param_type="list")
    call.bind_type(ta)
    return call.binder(
        lambda item, ctx: ((v := get_a(item, ctx)) is not None and v in as_list(get_b(item, ctx)), v),
        lambda item, ctx: (v := get_a(item, ctx)) is not None and v in as_list(get_b(item, ctx)),
    ), call.bound


def _contains(call: Call) -> Compiled:
    """A list holds a value (objects compare by id); a single value on the left is refused (use `equals`)."""
    a, b = call.two()
    get_a, ta = call.operand(a, path_slot=True)
    get_b, _ = call.operand(b, path_slot=False)
    call.bind_type(ta)
    if not ta.many:
        raise RuleSyntaxError(f"'contains' needs a list, but {a!r} is a {ta}; use 'equals'", call.where)
    return call.binder(
        lambda item, ctx: (get_b(item, ctx) in [_key(x) for x in as_list(get_a(item, ctx))], None),
        lambda item, ctx: get_b(item, ctx) in [_key(x) for x in as_list(get_a(item, ctx))],
    ), call.bound


# --- numbers ------------------------------------------------------------------------------------


def _comparison(cmp: Callable[[Any, Any], bool]) -> Callable[[Call], Compiled]:
    def compile_comparison(call: Call) -> Compiled:
        a, b = call.two()
        get_a, ta = call.operand(a, path_slot=True, param_type="number")
        get_b, _ = call.operand(b, path_slot=False, param_type="number")
        call.expect(ta, {"int", "float"}, a)

        def compare(item: Any, ctx: Context) -> tuple[bool, Any]:
            v, w = get_a(item, ctx), get_b(item, ctx)
            return (v is not None and w is not None and cmp(v, w)), v

        def holds(item: Any, ctx: Context) -> bool:
            v, w = get_a(item, ctx), get_b(item, ctx)
            return v is not None and w is not None and cmp(v, w)

        return call.binder(compare, holds), call.bound

    return compile_comparison


def _gt(call: Call) -> Compiled:
    """The number at the path is greater than the other; an unset value never compares true."""
    return _comparison(lambda a, b: a > b)(call)


def _ge(call: Call) -> Compiled:
    """The number at the path is greater than or equal to the other; an unset value never compares true."""
    return _comparison(lambda a, b: a >= b)(call)


def _lt(call: Call) -> Compiled:
    """The number at the path is less than the other; an unset value never compares true."""
    return _comparison(lambda a, b: a < b)(call)


def _le(call: Call) -> Compiled:
    """The number at the path is less than or equal to the other; an unset value never compares true."""
    return _comparison(lambda a, b: a <= b)(call)


# --- sets ---------------------------------------------------------------------------------------


def _sets(call: Call) -> tuple[Value, Value]:
    a, b = call.two()
    get_a, ta = call.operand(a, path_slot=True, param_type="list")
    get_b, tb = call.operand(b, path_slot=True, param_type="list")
    # the result holds elements of A, matched by id against B: a literal A takes B's type
    call.bind_type(tb if ta.name in ("str", "any") else ta)
    return get_a, get_b


def _difference(call: Call) -> Compiled:
    """Some element of A is not in B (objects compare by id)."""
    get_a, get_b = _sets(call)

    def difference(item: Any, ctx: Context) -> tuple[bool, Any]:
        left = [_key(x) for x in as_list(get_a(item, ctx))]
        right = {_key(x) for x in as_list(get_b(item, ctx))}
        r = tuple(x for x in left if x not in right)
        return bool(r), r

    def differs(item: Any, ctx: Context) -> bool:
        left = as_list(get_a(item, ctx))  # A before B, as above
        right = {_key(x) for x in as_list(get_b(item, ctx))}
        return any(_key(x) not in right for x in left)

    return call.binder(difference, differs), call.bound


def _intersection(call: Call) -> Compiled:
    """Some element of A is in B (objects compare by id)."""
    get_a, get_b = _sets(call)

    def intersection(item: Any, ctx: Context) -> tuple[bool, Any]:
        left = [_key(x) for x in as_list(get_a(item, ctx))]
        right = {_key(x) for x in as_list(get_b(item, ctx))}
        r = tuple(x for x in left if x in right)
        return bool(r), r

    def meets(item: Any, ctx: Context) -> bool:
        left = as_list(get_a(item, ctx))  # A before B, as above
        right = {_key(x) for x in as_list(get_b(item, ctx))}
        return any(_key(x) in right for x in left)

    return call.binder(intersection, meets), call.bound


def _subset(call: Call) -> Compiled:
    """Every element of A is in B (objects compare by id); the empty list is a subset of any."""
    get_a, get_b = _sets(call)

    def subset(item: Any, ctx: Context) -> tuple[bool, Any]:
        left = [_key(x) for x in as_list(get_a(item, ctx))]
        right = {_key(x) for x in as_list(get_b(item, ctx))}
        return all(x in right for x in left), ()

    return call.binder(subset), call.bound


# --- dates --------------------------------------------------------------------------------------


def _duration(call: Call, value: Any) -> Callable[[Any, Context], Duration]:
    """A duration operand: ISO 8601 text, or a `$param` (noted as used as a duration)."""
    if isinstance(value, str) and value.startswith("$"):
        name = value[1:]
        if name not in call.scope.params:
            raise RuleSyntaxError(
                f"unknown parameter '${name}'{_hint(name, list(call.scope.params))}; declare it under `params:`",
                call.where,
            )
        call.use_param(value, "duration")  # its default and overrides are checked as one (rules/params.py)
        return lambda item, ctx: Duration.parse(str(ctx.params[name]))
    try:
        d = Duration.parse(str(value))
    except ValueError as exc:
        raise RuleSyntaxError(str(exc), call.where) from exc
    return lambda item, ctx: d


def _date_path(call: Call, path: Any) -> Value:
    get, t = compile_path(path, call.scope, call.where)
    call.expect(t, {"date"}, path)
    return get


def _past(call: Call) -> Compiled:
    """The date at the path is before the evaluation date (`--as-of`); an unset date never holds."""
    get = _date_path(call, call.args)
    return call.binder(lambda item, ctx: ((v := get(item, ctx)) is not None and v < ctx.as_of, v)), call.bound


def _within(call: Call) -> Compiled:
    """The date at the path is in the duration up to and including the as-of day.

    Calendar arithmetic: as of 2026-06-01, `within: [date, P12M]` holds from 2025-06-01 up to
    and including 2026-06-01. A date after the as-of day is not within, and an unset date never holds.
    """
    a, b = call.two()
    get = _date_path(call, a)
    dur = _duration(call, b)
    return call.binder(
        lambda item, ctx: (
            # "in the last N": not before the window, and not after the as-of day
            (v := get(item, ctx)) is not None and dur(item, ctx).subtract_from(ctx.as_of) <= v <= ctx.as_of,
            v,
        )
    ), call.bound


def _older_than(call: Call) -> Compiled:
    """The date at the path is before the as-of day minus the duration; an unset date never holds."""
    a, b = call.two()
    get = _date_path(call, a)
    dur = _duration(call, b)
    return call.binder(
        lambda item, ctx: ((v := get(item, ctx)) is not None and v < dur(item, ctx).subtract_from(ctx.as_of), v)
    ), call.bound


# --- lists of objects -----------------------------------------------------------------------------


def _elements(call: Call) -> tuple[Callable[[Any, Context], list[Any]], Pred]:
    """The list's elements (ids followed to their objects) and the compiled `where:` on each."""
    get, t = compile_path(call.args, call.scope, call.where)
    if not t.many:
        raise RuleSyntaxError(f"'{call.op}' needs a list, but {call.args!r} is a {t}", call.where)
    if "where" not in call.cond:
        raise RuleSyntaxError(f"'{call.op}' needs `where:` (a condition on each element)", call.where)
    elem = T(t.name)
    call.bind_type(elem)
    scope = call.scope
    inner, _ = compile_condition(
        call.cond["where"],
        Scope(elem.name, scope.params, scope.bound, scope.bound_types, scope.param_uses),
        (*call.where, "where"),
    )
    ref = t.ref

    def elements(item: Any, ctx: Context) -> list[Any]:
        vals = as_list(get(item, ctx))
        if ref:
            vals = [o for o in (lookup(ctx.repo, t.name, v) for v in vals) if o is not None]
        return vals

    return elements, inner


def _some(call: Call) -> Compiled:
    """At least one element of the list matches `where:`."""
    elements, inner = _elements(call)

    def some(item: Any, ctx: Context) -> tuple[bool, Any]:
        hits = tuple(e for e in elements(item, ctx) if inner(e, ctx))
        return bool(hits), hits

    return call.binder(some, lambda item, ctx: any([inner(e, ctx) for e in elements(item, ctx)])), call.bound


def _none(call: Call) -> Compiled:
    """No element of the list matches `where:` (an empty or unset list matches none)."""
    elements, inner = _elements(call)
    return (lambda item, ctx: not any(inner(e, ctx) for e in elements(item, ctx))), frozenset()


def _every(call: Call) -> Compiled:
    """Every element of the list matches `where:` (an empty or unset list holds)."""
    elements, inner = _elements(call)

    def every(item: Any, ctx: Context) -> tuple[bool, Any]:
        misses = tuple(e for e in elements(item, ctx) if not inner(e, ctx))
        return not misses, misses

    return call.binder(every), call.bound


# --- the table ------------------------------------------------------------------------------------

_NUMBERS = "a path to a number (`int` or `float`), and a number, a `$param` holding one, or `{path: ...}`"
_SETS = "two lists: paths, `$params` holding lists, literal lists or `{value: [...]}`; objects compare by id"
_DATES = "a path to a date, and an ISO 8601 duration (`P30D`, `P6M`, `P1Y6M`, `P2W`) or a `$param` holding one"
_ELEMENTS = (
    "a path to a list (ids are followed to the objects they name), and `where:`, a condition on each "
    "element (paths inside it start at the element)"
)

OPERATORS: dict[str, Operator] = {
    op.name: op
    for op in (
        Operator(
            "all", "combining", "all: [C, ...]", "one or more conditions",
            "holds when every part holds; binds what each of its parts binds",
            "all:\n  - present: dpa\n  - missing: dpa.signed", _all,
        ),
        Operator(
            "any", "combining", "any: [C, ...]", "one or more conditions",
            "holds when at least one part holds; binds what each branch that holds binds",
            "any:\n  - missing: gdpr_training\n  - not:\n      within: [gdpr_training, $max_age]", _any,
        ),
        Operator(
            "not", "combining", "not: C", "one condition",
            "holds when the condition does not hold; binds nothing",
            "not:\n  contains: [certifications, ISO27001]", _not,
        ),
        Operator(
            "present", "presence", "present: PATH", "a path of any type",
            "holds when the value is set and not empty; binds the value",
            "present: dpa", _present,
        ),
        Operator(
            "missing", "presence", "missing: PATH", "a path of any type",
            "holds when the value is unset, null, \"\" or an empty list; binds nothing",
            "missing: transfer.tia", _missing,
        ),
        Operator(
            "equals", "values", "equals: [PATH, VALUE]",
            "a path to one value (not a list), and a literal, a `$param` or `{path: ...}`",
            "holds when the two are equal; binds the left value",
            "equals: [kind, breach-drill]", _equals,
        ),
        Operator(
            "in", "values", "in: [PATH, [VALUES]]",
            "a path to one value, and a list: literal, a `$param` holding a list, or `{path: ...}`",
            "holds when the value is one of the list; binds the left value",
            "in: [transfer.mechanism, [scc, bcr]]", _in,
        ),
        Operator(
            "contains", "values", "contains: [PATH, VALUE]",
            "a path to a list, and a literal, a `$param` or `{path: ...}`",
            "holds when the list holds the value (objects by id); binds nothing",
            "contains: [certifications, ISO27001]", _contains,
        ),
        Operator(
            "gt", "numbers", "gt: [PATH, NUMBER]", _NUMBERS,
            "holds when the value is greater (`>`); binds the left value",
            "gt: [erasure.within_days, $max_days]", _gt,
        ),
        Operator(
            "ge", "numbers", "ge: [PATH, NUMBER]", _NUMBERS,
            "holds when the value is greater or equal (`>=`); binds the left value",
            "ge: [dpa.breach_notification_hours, $deadline_hours]", _ge,
        ),
        Operator(
            "lt", "numbers", "lt: [PATH, NUMBER]", _NUMBERS,
            "holds when the value is less (`<`); binds the left value",
            "lt: [word_count, $min_words]", _lt,
        ),
        Operator(
            "le", "numbers", "le: [PATH, NUMBER]", _NUMBERS,
            "holds when the value is less or equal (`<=`); binds the left value",
            "le: [erasure.within_days, 30]", _le,
        ),
        Operator(
            "difference", "sets", "difference: [A, B]", _SETS,
            "holds when some element of A is not in B; binds those elements, in A's order",
            "difference: [held_categories, stored_categories]", _difference,
        ),
        Operator(
            "intersection", "sets", "intersection: [A, B]", _SETS,
            "holds when some element of A is in B; binds the common elements, in A's order",
            "intersection: [categories, {value: [health-data]}]", _intersection,
        ),
        Operator(
            "subset", "sets", "subset: [A, B]", _SETS,
            "holds when every element of A is in B; binds nothing useful (an empty list)",
            "subset: [categories, purpose.categories]", _subset,
        ),
        Operator(
            "past", "dates", "past: PATH", "a path to a date",
            "holds when the date is before the as-of day; binds the date",
            "past: review_by", _past,
        ),
        Operator(
            "within", "dates", "within: [PATH, DURATION]", _DATES,
            "holds when the date is from as-of minus the duration up to and including as-of; binds the date",
            "within: [gdpr_training, $max_age]", _within,
        ),
        Operator(
            "older_than", "dates", "older_than: [PATH, DURATION]", _DATES,
            "holds when the date is before as-of minus the duration; binds the date",
            "older_than: [approved, P2Y]", _older_than,
        ),
        Operator(
            "some", "lists", "some: PATH, where: C", _ELEMENTS,
            "holds when at least one element matches; binds the matching elements",
            "some: participants\nwhere:\n  equals: [function, customer-support]", _some, takes_where=True,
        ),
        Operator(
            "none", "lists", "none: PATH, where: C", _ELEMENTS,
            "holds when no element matches; binds nothing",
            "none: exercises\nwhere:\n  equals: [kind, breach-drill]", _none, takes_where=True,
        ),
        Operator(
            "every", "lists", "every: PATH, where: C", _ELEMENTS,
            "holds when every element matches; binds the elements that do not",
            "every: held_categories\nwhere:\n  present: name", _every, takes_where=True,
        ),
    )
}  # fmt: skip


_NAME = re.compile(r"[a-z_][a-z0-9_]*")


def compile_condition(cond: Any, scope: Scope, where: tuple[str | int, ...] = ()) -> Compiled:
    """Compile a condition; returns the predicate and the names it may bind."""
    if not isinstance(cond, dict):
        raise RuleSyntaxError(f"a condition is a mapping with one operator, got {cond!r}", where)
    keys = [k for k in cond if k not in ("as", "where")]
    if len(keys) != 1:
        raise RuleSyntaxError(
            f"a condition has exactly one operator (one of: {', '.join(OPERATORS)}); got {sorted(cond)}",
            where,
        )
    op = keys[0]
    bind = cond.get("as")
    if bind is not None and (not isinstance(bind, str) or not _NAME.fullmatch(bind)):
        raise RuleSyntaxError(f"`as:` takes a name in snake_case, got {bind!r}", where)
    operator = OPERATORS.get(op)
    if operator is None:
        raise RuleSyntaxError(
            f"unknown operator '{op}'{_hint(op, list(OPERATORS))}; operators: {', '.join(OPERATORS)}", where
        )
    extra = set(cond) - {op, "as"} - ({"where"} if operator.takes_where else set())
    if extra:
        raise RuleSyntaxError(f"'{op}' does not take {sorted(extra)}", where)
    return operator.compile(Call(op, cond[op], cond, scope, (*where, op), bind))
