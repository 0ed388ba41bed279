"""The generated parts of ``docs/rule-language.md``: the operators and the derived facts.

Both are generated from the code's own tables (:data:`policycheck.rules.operators.OPERATORS`
and each facts module's ``FACTS``), between markers of their own, by
``python -m policycheck.docs_gen``; a test fails when the committed page differs.
"""

from __future__ import annotations

from policycheck.rules.kinds import KINDS
from policycheck.rules.operators import OPERATORS
from policycheck.rules.registry import MODULES

#: the command that writes the generated blocks (and what a stale-docs error tells to run)
COMMAND = "python -m policycheck.docs_gen"

#: block name -> (begin marker, end marker)
MARKERS: dict[str, tuple[str, str]] = {
    name: (f"<!-- BEGIN GENERATED: {name} ({COMMAND}) -->", f"<!-- END GENERATED: {name} -->")
    for name in ("operators", "facts")
}

GROUPS: dict[str, str] = {
    "combining": "Combining",
    "presence": "Presence",
    "values": "Values",
    "numbers": "Numbers",
    "sets": "Sets",
    "dates": "Dates",
    "lists": "Lists of objects",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def operators_markdown() -> str:
    """Every operator: a summary table, then per group each one's doc, operands, result and example."""
    lines = [
        "| operator | form | holds when; binds |",
        "|---|---|---|",
    ]
    for op in OPERATORS.values():
        lines.append(f"| [`{op.name}`](#op-{op.name}) | `{_cell(op.form)}` | {_cell(op.returns)} |")
    for group, title in GROUPS.items():
        ops = [op for op in OPERATORS.values() if op.group == group]
        lines += ["", f"### {title}: {', '.join(f'`{op.name}`' for op in ops)}"]
        for op in ops:
            lines += [
                "",
                f'<a id="op-{op.name}"></a>',
                "",
                f"#### `{op.name}`",
                "",
                op.doc,
                "",
                f"- form: `{op.form}`",
                f"- operands: {op.operands}",
                f"- result: {op.returns}",
                "",
                "```yaml",
                op.example,
                "```",
            ]
    return "\n".join(lines)


def facts_markdown() -> str:
    """Every derived fact: its name, the type (and so the kinds) it is an attribute of, its type, what it is."""
    kinds_of: dict[str, list[str]] = {}
    for kind in KINDS.values():
        kinds_of.setdefault(kind.type, []).append(kind.name)
    for module in MODULES:
        for kind in getattr(module, "KINDS", ()):
            kinds_of.setdefault(kind.type, []).append(kind.name)
    rows = sorted(
        (f.name, f.type, str(f.result), f.doc, module.__name__.rpartition(".")[2])
        for module in MODULES
        for f in module.FACTS
    )
    lines = [
        "| fact | attribute of | `for_each` kinds | type | meaning | defined in |",
        "|---|---|---|---|---|---|",
    ]
    for name, type_name, result, doc, module_name in rows:
        kinds = ", ".join(f"`{k}`" for k in sorted(set(kinds_of.get(type_name, ())))) or "(through a path)"
        lines.append(
            f"| `{name}` | [`{type_name}`](#type-{type_name}) | {kinds} | {_cell(result)} | {_cell(doc)} "
            f"| `rules/{module_name}.py` |"
        )
    return "\n".join(lines)


def splice(document: str, name: str, block: str) -> str:
    """``document`` with the text between ``name``'s markers replaced by ``block``."""
    begin, end = MARKERS[name]
    head, found_begin, rest = document.partition(begin)
    _, found_end, tail = rest.partition(end)
    if not found_begin or not found_end:
        raise ValueError(f"docs/rule-language.md must contain the markers {begin!r} and {end!r}")
    return f"{head}{begin}\n{block}\n{end}{tail}"


def generated(document: str) -> str:
    """``document`` (docs/rule-language.md) with its operator and fact blocks regenerated."""
    return splice(splice(document, "operators", operators_markdown()), "facts", facts_markdown())
