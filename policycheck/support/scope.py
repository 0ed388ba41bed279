"""The data map seen from one data subject: a view over :class:`policycheck.graph.DataMap`.

Every fact here comes from :mod:`policycheck.graph.facts`, the one definition of what the
data map means, so that ``check`` and every support answer agree on which node holds which
categories: :attr:`DataMap.held` (what each node stores, receives, sends, and only
forwards: transmission is processing, Art. 4(2)) and :attr:`DataMap.anonymized` (a store
of a category that reaches a system only anonymized is not personal data there).

A node holds a subject's data when it holds a category that concerns the subject: the
category's ``subjects`` list the subject or, for a category without ``subjects``, a purpose
that lists both the category and the subject (:func:`policycheck.graph.facts.subject_scope`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from policycheck.errors import UsageError, did_you_mean
from policycheck.graph import FLOW, DataMap, Links, facts
from policycheck.graph.build import condensation
from policycheck.graph.facts import Transfer, category_order, declared_order, has_tia, node_name
from policycheck.model import Repo
from policycheck.model.types import Duration

__all__ = ["category_order", "declared_order", "has_tia", "node_name"]


@dataclass(frozen=True)
class TeamRef:
    team: str
    name: str
    function: str | None
    contact: str | None


@dataclass(frozen=True)
class Scope:
    """The repo with anonymous stores set aside (for reading stores), and its data map."""

    repo: Repo
    datamap: DataMap

    @property
    def graph(self) -> Links:
        """The data map's graph (:class:`Links`: networkx's layout and order, without building
        a networkx graph: the answers only read edges)."""
        return self.datamap.links

    @property
    def anonymous(self) -> dict[str, tuple[str, ...]]:
        """System -> categories it stores that arrive there only anonymized (not personal data there)."""
        return self.datamap.anonymized.categories

    @property
    def anonymized_from(self) -> dict[str, tuple[str, ...]]:
        """Node -> the systems whose anonymized flows reach it."""
        return self.datamap.anonymized.sources

    @property
    def holdings(self) -> dict[str, dict[str, tuple[str, ...]]]:
        return self.datamap.holdings

    @property
    def forwarded(self) -> dict[str, tuple[str, ...]]:
        return self.datamap.held.forwarded

    @property
    def transfers(self) -> dict[str, list[Transfer]]:
        return self.datamap.transfers

    def kept(self, node: str, categories: Iterable[str]) -> tuple[str, ...]:
        """The given categories that ``node`` keeps (stores or receives), not only passes on."""
        return self.datamap.held.kept(node, categories)

    def hosted(self, processor: str) -> tuple[str, ...]:
        return self.datamap.hosted_by.get(processor, ())

    def engaging(self, processor: str) -> tuple[str, ...]:
        return self.datamap.engaging.get(processor, ())


def build_scope(repo: Repo, as_of: dt.date) -> Scope:
    # the map the rules just built when it is of this repo (or of its declarations, for a
    # localized repo: the facts made of ids are shared), so a command that checks first
    # (transparency) does not compute the holdings, purposes and transfers again; a new map is
    # not kept beyond the answer
    datamap = DataMap.of(repo, as_of, keep=False)
    anonymous = datamap.anonymized.stores
    if anonymous:
        systems = {}
        for sid, s in repo.systems.items():
            drop = anonymous.get(sid)
            if not drop:
                systems[sid] = s
                continue
            stores = tuple(
                st.model_copy(update={"categories": tuple(c for c in st.categories if (i, c) not in drop)})
                for i, st in enumerate(s.stores)
            )
            systems[sid] = s.model_copy(update={"stores": stores})
        repo = dataclasses.replace(repo, systems=systems)
    return Scope(repo, datamap)


# --- data subjects -------------------------------------------------------------------------


def declared_subjects(repo: Repo) -> tuple[str, ...]:
    """Every data-subject type named in categories' and purposes' ``subjects``."""
    found: set[str] = set()
    for c in repo.categories.values():
        found.update(c.subjects)
    for p in repo.purposes.values():
        found.update(p.subjects)
    return tuple(sorted(found))


def resolve_subject(repo: Repo, subject: str) -> str:
    """``subject`` if some category or purpose declares it; else a UsageError with a hint."""
    subjects = declared_subjects(repo)
    if subject in subjects:
        return subject
    if not subjects:
        raise UsageError(f"unknown data subject '{subject}': no category or purpose declares `subjects`")
    raise UsageError(
        f"unknown data subject '{subject}'{did_you_mean(subject, subjects)}; declared: {', '.join(subjects)}"
    )


def concerns(repo: Repo, category: str, subject: str | None) -> bool:
    """Whether ``category`` is personal data about ``subject`` (any subject when None)."""
    return category in facts.subject_categories(repo, subject)


def held(scope: Scope, subject: str | None) -> dict[str, tuple[str, ...]]:
    """Node -> the categories about ``subject`` it holds; only nodes holding some."""
    return scope.datamap.subject_scope(subject)


# --- why and from where a node holds data ----------------------------------------------------


def purposes_at(scope: Scope, node: str, categories: tuple[str, ...]) -> dict[str | None, tuple[str, ...]]:
    """Purpose -> the given categories held at ``node`` for it (None: a flow without a purpose);
    from :attr:`DataMap.purposes_at`."""
    wanted = set(categories)
    parts = scope.datamap.purposes_at.get(node, {})
    order = declared_order(scope.repo.purposes)
    keys = sorted(parts, key=lambda p: (p is None, order.get(p or "", len(order)), p or ""))
    out = {}
    for k in keys:
        mine = parts[k] & wanted
        if mine:
            out[k] = category_order(scope.repo, mine)
    return out


def feeders(scope: Scope, node: str, categories: tuple[str, ...]) -> tuple[str, ...]:
    """The nodes that send ``node`` any of ``categories`` (flows, hosting, sub-processing)."""
    holdings = scope.holdings
    out = set()
    for src, _, data in scope.graph.in_edges(node, data=True):
        if set(facts.carried(data, holdings.get(src, {}))) & set(categories) & set(holdings.get(src, {})):
            out.add(src)
    return tuple(sorted(out))


def flow_sources(scope: Scope, node: str, categories: tuple[str, ...]) -> tuple[str, ...]:
    """The systems whose flows (not hosting) bring ``node`` any of ``categories``."""
    holdings = scope.holdings
    out = set()
    for src, _, data in scope.graph.in_edges(node, data=True):
        if data["kind"] == FLOW and set(data["categories"]) & set(categories) & set(holdings.get(src, {})):
            out.add(src)
    return tuple(sorted(out))


def hosted_systems(scope: Scope, processor: str) -> tuple[str, ...]:
    """The systems ``processor`` runs (an index built once)."""
    return scope.hosted(processor)


def engaging_processors(scope: Scope, processor: str) -> tuple[str, ...]:
    """The processors that list ``processor`` as a sub-processor (an index built once)."""
    return scope.engaging(processor)


def contracting_processors(
    scope: Scope, node: str, engaged: Collection[str], within: Collection[str] | None = None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """For a sub-processor: whom we instruct it through, and whom it works for in between.

    Returns the processors we engage directly (``engaged``: they run one of our systems or a
    flow sends them data, so we have the contract) found up its sub-processor chains, and its
    immediate parents that are themselves sub-processors (empty for a first-level one). A
    second-level sub-processor is instructed through our processor, not through the
    sub-processor in between, with which we have no contract. ``within`` limits the walk to
    those nodes. When no chain reaches an engaged processor, the immediate parents are returned.
    """
    return _contracting(scope.datamap.engaging, node, engaged, within)


def _contracting(
    engaging: Mapping[str, tuple[str, ...]], node: str, engaged: Collection[str], within: Collection[str] | None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    top: set[str] = set()
    parents = [pp for pp in engaging.get(node, ()) if within is None or pp in within]
    seen = {node}
    queue = list(parents)
    while queue:
        current = queue.pop()
        if current in seen:
            continue
        seen.add(current)
        if current in engaged:
            top.add(current)
            continue
        queue.extend(pp for pp in engaging.get(current, ()) if within is None or pp in within)
    if not top:
        return tuple(sorted(parents)), ()
    return tuple(sorted(top)), tuple(sorted(pp for pp in parents if pp not in engaged))


class Contracting:
    """:func:`contracting_processors` for many nodes with the same ``engaged`` and ``within``,
    computed once: for every processor in between (within, not engaged), the engaged
    processors above it as a bit set, propagated down the condensation of the engaging
    relation, so a plan does not walk every node's chains up again (quadratic on a dense
    sub-processing graph)."""

    def __init__(
        self, engaging: Mapping[str, tuple[str, ...]], engaged: Collection[str], within: Collection[str] | None = None
    ) -> None:
        self.engaging = engaging
        self.engaged = engaged
        self.within = within
        self._order = sorted(engaged)
        self._bit = {e: 1 << i for i, e in enumerate(self._order)}

        def between(node: str) -> bool:
            return node not in engaged and (within is None or node in within)

        up = {n: [pp for pp in engaging.get(n, ()) if between(pp)] for n in engaging if between(n)}
        for ups in list(up.values()):
            for pp in ups:
                up.setdefault(pp, [])
        nodes = list(up)
        components, _ = condensation(nodes, [(n, pp) for n in nodes for pp in up[n]])
        above: dict[str, int] = {}  # a processor in between -> the engaged processors above it
        for group in reversed(components):  # every component above this one is done
            inside = set(group)
            bits = 0
            for n in group:
                for pp in self._parents(n):
                    if pp in self._bit:
                        bits |= self._bit[pp]
                    elif pp not in inside:
                        bits |= above[pp]
            for n in group:
                above[n] = bits
        self._above = above

    def _parents(self, node: str) -> list[str]:
        within = self.within
        return [pp for pp in self.engaging.get(node, ()) if within is None or pp in within]

    def of(self, node: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """``contracting_processors(scope, node, engaged, within)``."""
        if node in self.engaged:  # its own chains may lead back to it: walk them
            return _contracting(self.engaging, node, self.engaged, self.within)
        parents = self._parents(node)
        bits = 0
        for pp in parents:
            bits |= self._bit.get(pp) or self._above.get(pp, 0)
        if not bits:
            return tuple(sorted(parents)), ()
        top: list[str] = []
        while bits:  # the set bits only, lowest first (the order of self._order), not every engaged processor
            low = bits & -bits
            top.append(self._order[low.bit_length() - 1])
            bits ^= low
        return tuple(top), tuple(sorted(pp for pp in parents if pp not in self.engaged))


def subprocessor_chain(scope: Scope, processor: str) -> tuple[str, ...]:
    """Every sub-processor below ``processor``, transitively (an index built once)."""
    return scope.datamap.subprocessor_reach.below(processor)


def responsible_systems(scope: Scope, node: str) -> tuple[str, ...]:
    """The systems through which we answer for ``node`` (:attr:`DataMap.responsible`)."""
    return scope.datamap.responsible.get(node, ())


def team(repo: Repo, team_id: str) -> TeamRef:
    t = repo.teams.get(team_id)
    if t is None:
        return TeamRef(team_id, team_id, None, None)
    return TeamRef(t.id, t.name, t.function, t.contact)


def owners(repo: Repo, systems: tuple[str, ...]) -> tuple[TeamRef, ...]:
    ids = sorted({o for s in systems if (o := repo.systems[s].owner)})
    return tuple(team(repo, t) for t in ids)


def teams_with_function(repo: Repo, function: str) -> tuple[TeamRef, ...]:
    return tuple(team(repo, t.id) for t in repo.teams.values() if t.function == function)


def retention_at(repo: Repo, node: str, purpose: str | None) -> Duration | None:
    """How long ``node`` keeps data for ``purpose``: its store's own retention, else the purpose's."""
    system = repo.systems.get(node)
    if system is not None:
        for st in system.stores:
            if st.purpose == purpose and st.retention is not None:
                return st.retention
    p = repo.purposes.get(purpose or "")
    return p.retention if p else None


def personal_order_edges(scope: Scope, nodes: Collection[str], categories: set[str]) -> list[tuple[str, str]]:
    """Among ``nodes``: the pairs (u, v) where u sends v any of ``categories`` (flow), or hosts
    on or sub-processes to v (each pair once, in the order of the graph's edges)."""
    holdings = scope.holdings
    out: list[tuple[str, str]] = []
    for u, nbrs in scope.graph.successors().items():
        if u not in nodes:
            continue
        held_u = holdings.get(u, {})
        for v, keys in nbrs.items():
            if v == u or v not in nodes:
                continue
            if any(set(facts.carried(d, held_u)) & categories for d in keys.values()):
                out.append((u, v))
    return out


# --- third countries ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Abroad:
    """Personal data held in a third country: by one holder, or by a system and the processor
    that runs it (one transfer, told once, with the processor's safeguard)."""

    nodes: tuple[str, ...]  # the systems first, then the holder whose safeguard applies
    transfer: Transfer  # the facts of that holder's transfer
    tia: bool


def abroad(scope: Scope, nodes: Iterable[str]) -> list[Abroad]:
    """The third-country transfers of ``nodes``, a system merged into the processor that runs
    it when both hold the data in the same country and the system relies on the processor's
    transfer mechanism (declares no ``transfer`` of its own)."""
    repo = scope.repo
    transfers = scope.transfers
    ordered = sorted(set(nodes))
    members = set(ordered)
    merged: dict[tuple[str, str], list[str]] = {}
    skip: set[tuple[str, str]] = set()
    for node in ordered:
        system = repo.systems.get(node)
        if system is None or system.transfer is not None or system.processor not in members:
            continue
        proc = system.processor or ""
        theirs = {t.country for t in transfers.get(proc, [])}
        for t in transfers.get(node, []):
            if t.country in theirs:
                merged.setdefault((proc, t.country), []).append(node)
                skip.add((node, t.country))
    out = []
    for node in ordered:
        for t in transfers.get(node, []):
            if (node, t.country) in skip:
                continue
            systems = tuple(merged.get((node, t.country), ()))
            out.append(Abroad((*systems, node), t, has_tia(repo, node)))
    return out


def unmapped_channels(repo: Repo) -> tuple[str, ...]:
    """Customer channels that store nothing and send no personal data on (the pack's
    ``channel-unmapped``): what customers tell us there is not in the data map, so it can be
    neither found, erased nor handed out."""
    return tuple(
        sid
        for sid, s in sorted(repo.systems.items())
        if s.channel
        and not any(st.categories for st in s.stores)
        and not any(f.categories and f.transform != "anonymized" for f in s.flows)
    )


#: the time zone of an organization's country: the day a deadline ends, and a time given
#: without an offset, are the organization's
ZONES: dict[str, str] = {
    "SE": "Europe/Stockholm", "DK": "Europe/Copenhagen", "NO": "Europe/Oslo", "FI": "Europe/Helsinki",
    "IS": "Atlantic/Reykjavik", "DE": "Europe/Berlin", "NL": "Europe/Amsterdam", "BE": "Europe/Brussels",
    "LU": "Europe/Luxembourg", "FR": "Europe/Paris", "ES": "Europe/Madrid", "PT": "Europe/Lisbon",
    "IE": "Europe/Dublin", "IT": "Europe/Rome", "AT": "Europe/Vienna", "PL": "Europe/Warsaw",
    "CZ": "Europe/Prague", "SK": "Europe/Bratislava", "HU": "Europe/Budapest", "SI": "Europe/Ljubljana",
    "HR": "Europe/Zagreb", "RO": "Europe/Bucharest", "BG": "Europe/Sofia", "GR": "Europe/Athens",
    "CY": "Asia/Nicosia", "MT": "Europe/Malta", "EE": "Europe/Tallinn", "LV": "Europe/Riga",
    "LT": "Europe/Vilnius", "LI": "Europe/Vaduz",
}  # fmt: skip


def time_zone(repo: Repo) -> str:
    """The organization's time zone (Europe/Stockholm for SE), else UTC."""
    return ZONES.get(repo.config.organization.country, "UTC")
