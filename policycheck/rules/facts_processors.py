"""Derived facts registered for the rules (see facts.py for the pattern)."""

from __future__ import annotations
