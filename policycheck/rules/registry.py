"""The one place that lists the facts modules and adds their facts to the attribute table.

Each facts module only defines: its ``FACTS`` table (and, where it has them, its
``TYPES`` and ``KINDS``); importing it changes nothing. :func:`register_facts` adds
them to :data:`policycheck.rules.kinds.ATTRS` and ``KINDS``, in this order, once;
the pack loader calls it before it compiles a rule.
"""

from __future__ import annotations

from types import ModuleType

from policycheck.rules import facts, facts_evidence, facts_inventory, facts_processors, facts_registers
from policycheck.rules.kinds import register

#: every module of derived facts, in the order they are added (a later one may refine an earlier one)
MODULES: tuple[ModuleType, ...] = (facts, facts_evidence, facts_inventory, facts_processors, facts_registers)

_done: list[bool] = []


def register_facts() -> None:
    """Add every module's types, kinds and facts to the tables (the second call does nothing)."""
    if _done:
        return
    for module in MODULES:
        register(module.FACTS, getattr(module, "TYPES", None), getattr(module, "KINDS", ()))
    _done.append(True)
