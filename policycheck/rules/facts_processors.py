"""Derived facts registered for the rules (see facts.py for the pattern).

Facts of the processor, transfer and readiness rules that the rule language
cannot express on its own.
"""

from __future__ import annotations

from policycheck.reference import reference
from policycheck.rules.kinds import Context, Fact, Holder, T


def _third_countries(h: Holder, ctx: Context) -> tuple[str, ...]:
    ref = reference()
    return tuple(c for c in ctx.dmap.countries.get(h.id, ()) if not ref.in_eea(c))


# --- the table: what this module adds to the attribute table (see rules/registry.py) ---------

FACTS: tuple[Fact, ...] = (
    Fact(
        "holder",
        "third_countries",
        T("country", True),
        "countries outside the EU/EEA where it keeps our data",
        _third_countries,
    ),
)
