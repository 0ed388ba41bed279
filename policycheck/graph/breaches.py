"""Derived facts of the breach register (breaches.yaml, Art. 33(5)): pure functions of one entry.

The rules (`breach-*`), the gap report and `breach-impact --record` read these,
so "notified in time" and "still open" mean the same everywhere.
"""

from __future__ import annotations

import datetime as dt

from policycheck.model import Breach

DEADLINE_HOURS = 72


def hours_to_notification(b: Breach) -> float | None:
    """Hours from ``aware`` to ``authority_notified`` (across time zones), when that is a time."""
    if not isinstance(b.authority_notified, dt.datetime):
        return None
    return round((b.authority_notified - b.aware).total_seconds() / 3600, 2)


def authority_decision(b: Breach) -> str:
    """notified (a time) | not-notified (`false` with a reason) | undecided (unset, or `false` without one)."""
    if isinstance(b.authority_notified, dt.datetime):
        return "notified"
    if b.authority_notified is False and b.not_notified_reason and b.not_notified_reason.strip():
        return "not-notified"
    return "undecided"


def subjects_decision(b: Breach) -> str:
    """informed (a date or time) | not-informed (`false` with an Art. 34(3) reason) | undecided."""
    if isinstance(b.subjects_informed, dt.date):
        return "informed"
    if b.subjects_informed is False and b.not_informed_reason:
        return "not-informed"
    return "undecided"


def late(b: Breach, deadline_hours: float = DEADLINE_HOURS) -> bool:
    hours = hours_to_notification(b)
    return hours is not None and hours > deadline_hours


def still_open(b: Breach) -> bool:
    """No decision on notifying the authority, or a high risk with no decision on informing the people."""
    return authority_decision(b) == "undecided" or (b.risk == "high" and subjects_decision(b) == "undecided")
