"""The registers of the gap report and the RoPA: personal data breaches (Art. 33(5)) and transfers (Art. 30(1)(e)).

Builders return plain frozen data with every text in the report's language;
the facts come from :mod:`policycheck.graph.breaches` and
:func:`policycheck.graph.facts.transfer_parties`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from policycheck.graph import breaches as facts
from policycheck.graph.facts import Transfer, TransferParties, transfer_parties
from policycheck.reports.i18n import Texts

if TYPE_CHECKING:
    from policycheck.graph import DataMap
    from policycheck.model import Breach, Repo
    from policycheck.rules.pack import Rule


@dataclass(frozen=True)
class BreachRow:
    id: str
    aware: str
    where: str
    risk: str
    authority: str
    subjects: str
    status: str  # ok | late | open
    status_label: str


@dataclass(frozen=True)
class BreachSection:
    count: int
    notified: int
    in_time: int
    not_notified: int
    open: int
    summary: str
    rows: tuple[BreachRow, ...]


def deadline_hours(repo: Repo, rules: list[Rule]) -> float:
    """The `breach-notified-late` deadline as the pack and the repo's overrides set it (default 72)."""
    for rule in rules:
        if rule.id == "breach-notified-late":
            override = repo.config.rules.get(rule.id)
            value = {**rule.spec.params, **(override.params if override else {})}.get("deadline_hours")
            if isinstance(value, int | float) and not isinstance(value, bool):
                return float(value)
    return float(facts.DEADLINE_HOURS)


def _time(value: dt.datetime) -> str:
    return value.isoformat(timespec="minutes")


def _hours(hours: float) -> str:
    """``54 h 45 min``, ``72 h``."""
    minutes = round(hours * 60)
    if minutes % 60 == 0:
        return f"{minutes // 60} h"
    return f"{minutes // 60} h {minutes % 60} min"


def _row(repo: Repo, b: Breach, deadline: float, t: Texts) -> BreachRow:
    where = ", ".join(
        f"{h.name} ({n})" if (h := repo.holder(n)) is not None else n for n in b.systems
    ) or t("report.not_declared")
    decision = facts.authority_decision(b)
    if decision == "notified":
        assert isinstance(b.authority_notified, dt.datetime)
        hours = facts.hours_to_notification(b) or 0.0
        authority = t("breaches.notified", time=_time(b.authority_notified), hours=_hours(hours))
        if b.delay_reason:
            authority += f"; {t('breaches.delay_reason', reason=b.delay_reason)}"
    elif decision == "not-notified":
        authority = t("breaches.not_notified", reason=b.not_notified_reason)
    else:
        authority = t("breaches.undecided")
    subjects_decision = facts.subjects_decision(b)
    if subjects_decision == "informed":
        informed = b.subjects_informed
        text = _time(informed) if isinstance(informed, dt.datetime) else str(informed)
        subjects = t("breaches.informed", date=text)
    elif subjects_decision == "not-informed":
        subjects = t("breaches.not_informed", reason=t(f"breaches.reason.{b.not_informed_reason}"))
    elif b.risk == "high":
        subjects = t("breaches.undecided")
    else:
        subjects = t("breaches.not_required")
    if facts.still_open(b):
        status = "open"
    elif facts.late(b, deadline) and not b.delay_reason:
        status = "late"
    else:
        status = "ok"
    return BreachRow(
        b.id,
        _time(b.aware),
        where,
        t(f"breaches.risk.{b.risk or 'unset'}"),
        authority,
        subjects,
        status,
        t(f"breaches.status.{status}"),
    )


def breach_section(repo: Repo, rules: list[Rule], t: Texts) -> BreachSection:
    """The gap report's "Personal data breaches" section: counts, and one row per register entry."""
    deadline = deadline_hours(repo, rules)
    entries = sorted(repo.breaches.values(), key=lambda b: (b.aware, b.id))
    notified = [b for b in entries if facts.authority_decision(b) == "notified"]
    in_time = [b for b in notified if not facts.late(b, deadline)]
    not_notified = [b for b in entries if facts.authority_decision(b) == "not-notified"]
    still_open = [b for b in entries if facts.still_open(b)]
    summary = (
        t("breaches.summary", count=len(entries), notified=len(notified), in_time=len(in_time),
          hours=f"{deadline:g}", not_notified=len(not_notified), open=len(still_open))
        if entries
        else t("breaches.none")
    )
    return BreachSection(
        len(entries),
        len(notified),
        len(in_time),
        len(not_notified),
        len(still_open),
        summary,
        tuple(_row(repo, b, deadline, t) for b in entries),
    )


def parties(repo: Repo, dmap: DataMap, tr: Transfer) -> TransferParties:
    return transfer_parties(repo, dmap.engaged_processors, dmap.engaging, tr)


def parties_text(repo: Repo, p: TransferParties, t: Texts) -> str:
    """``Exempel AB (controller) → Zendesk, Inc. (processor)``."""

    def name(node: str) -> str:
        if node == "organization":
            return repo.config.organization.name
        h = repo.holder(node)
        return h.name if h else node

    return t("transfers.parties", exporter=name(p.exporter), exporter_role=t(f"role.{p.exporter_role}"),
             importer=name(p.importer), importer_role=t(f"role.{p.importer_role}"))


def safeguard_text(p: TransferParties, t: Texts) -> str:
    """``SCC module 2 (declared: module 3); TIA docs/tia.md``: the module the roles call for, and the TIA."""
    parts = []
    if p.scc_module is not None:
        text = t("transfer.module", n=p.scc_module)
        if p.declared_scc_module is not None and p.declared_scc_module != p.scc_module:
            text += f" ({t('transfers.declared_module', n=p.declared_scc_module)})"
        parts.append(text)
    parts.append(t("transfers.tia", tia=p.tia) if p.tia else t("transfers.no_tia"))
    return "; ".join(parts)
