"""Derived facts of the inventory rules (none yet; see facts.py for the pattern)."""

from __future__ import annotations

from policycheck.rules.kinds import Fact

FACTS: tuple[Fact, ...] = ()
