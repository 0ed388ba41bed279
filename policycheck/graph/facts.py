"""Derived facts of the data map: small pure functions of the repo and its graph.

"Reaches" follows flows (system -> system/processor/recipient), hosting
(system -> its processor) and sub-processing (processor -> sub-processor),
transitively. Anonymized flows carry no personal data.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from policycheck.graph import FLOW
from policycheck.model import Repo
from policycheck.reference import reference


def carried(data: dict[str, Any], src_holdings: dict[str, tuple[str, ...]]) -> list[str]:
    """The categories an edge carries: a flow its personal categories, hosting and sub-processing all held."""
    if data["kind"] == FLOW:
        return [str(c) for c in data["categories"]]
    return list(src_holdings)


def holdings(repo: Repo, g: nx.MultiDiGraph) -> dict[str, dict[str, tuple[str, ...]]]:
    """The personal-data categories at each node, each with a shortest path that brings it there.

    >>> # a system storing `contact` holds it via the path (system,)
    """
    held: dict[str, dict[str, tuple[str, ...]]] = {n: {} for n in g.nodes}
    queue: deque[str] = deque()
    anonymous = anonymous_only(repo)
    for sid in sorted(repo.systems):
        for store in repo.systems[sid].stores:
            for cat in store.categories:
                if cat not in anonymous.get(sid, ()):
                    held[sid].setdefault(cat, (sid,))
        queue.append(sid)
    return propagate(g, held, queue)


def propagate(
    g: nx.MultiDiGraph, held: dict[str, dict[str, tuple[str, ...]]], seeds: Iterable[str]
) -> dict[str, dict[str, tuple[str, ...]]]:
    """Carry ``held`` on from ``seeds`` along the graph, in place, keeping a shortest path per category.

    A flow carries its (personal) categories; hosting and sub-processing carry
    everything the source holds. Cycles end where data already came through.
    """
    queue: deque[str] = deque(seeds)
    queued = set(queue)
    while queue:
        node = queue.popleft()
        queued.discard(node)
        src = held[node]
        for _, dst, data in sorted(g.out_edges(node, data=True), key=lambda e: (e[1], str(e[2].get("index", -1)))):
            changed = False
            for cat in carried(data, src):
                path = (*src.get(cat, (node,)), dst)
                if dst in path[:-1]:
                    continue  # a cycle: data already came through dst
                old = held[dst].get(cat)
                if old is None or (len(path), path) < (len(old), old):
                    held[dst][cat] = path
                    changed = True
            if changed and dst not in queued:
                queue.append(dst)
                queued.add(dst)
    return held


def categories_by_purpose(repo: Repo) -> dict[str, frozenset[str]]:
    """The categories stored, or sent by a flow that is not anonymized, for each purpose id."""
    out: dict[str, set[str]] = {}
    for s in repo.systems.values():
        for st in s.stores:
            if st.purpose:
                out.setdefault(st.purpose, set()).update(st.categories)
        for f in s.flows:
            if f.purpose and f.transform != "anonymized":
                out.setdefault(f.purpose, set()).update(f.categories)
    return {p: frozenset(c) for p, c in out.items()}


def stored_categories(repo: Repo) -> frozenset[str]:
    """Every category some system's `stores` lists."""
    return frozenset(c for s in repo.systems.values() for st in s.stores for c in st.categories)


def anonymous_only(repo: Repo) -> dict[str, set[str]]:
    """Per system, stored categories that arrive only through anonymized flows.

    Such a system (a statistics database fed by an anonymized export) keeps no
    personal data of those categories: the anonymization happened upstream. A
    customer channel is never counted so: it collects data directly.
    """
    anonymized: dict[str, set[str]] = {}
    personal: dict[str, set[str]] = {}
    for s in repo.systems.values():
        for f in s.flows:
            target = anonymized if f.transform == "anonymized" else personal
            target.setdefault(f.to, set()).update(f.categories)
    out: dict[str, set[str]] = {}
    for sid, s in repo.systems.items():
        if s.channel or sid not in anonymized:
            continue
        only = anonymized[sid] - personal.get(sid, set())
        if only:
            out[sid] = only
    return out


def purposes_at(repo: Repo, g: nx.MultiDiGraph) -> dict[str, frozenset[str]]:
    """The purposes for which each node holds or receives personal data."""
    direct: dict[str, set[str]] = {n: set() for n in g.nodes}
    for sid, s in repo.systems.items():
        direct[sid].update(st.purpose for st in s.stores if st.purpose)
    for s in repo.systems.values():
        for f in s.flows:
            if f.purpose and f.transform != "anonymized" and f.categories:
                direct[f.to].add(f.purpose)
    # hosting and sub-processing pass everything on
    out: dict[str, set[str]] = {n: set(v) for n, v in direct.items()}
    cond = nx.condensation(_carrier_graph(g))
    order = list(nx.topological_sort(cond))
    members = cond.graph["mapping"]
    comp_nodes: dict[int, list[str]] = {}
    for n, c in members.items():
        comp_nodes.setdefault(c, []).append(n)
    comp_purposes: dict[int, set[str]] = {}
    for c in order:
        ps: set[str] = set()
        for n in comp_nodes[c]:
            ps |= out[n]
        for pred in cond.predecessors(c):
            ps |= comp_purposes[pred]
        comp_purposes[c] = ps
    return {n: frozenset(comp_purposes[members[n]]) for n in g.nodes}


def _carrier_graph(g: nx.MultiDiGraph) -> nx.DiGraph:
    """Hosting and sub-processing edges only (they pass on everything held)."""
    h = nx.DiGraph()
    h.add_nodes_from(g.nodes)
    h.add_edges_from((u, v) for u, v, d in g.edges(data=True) if d["kind"] != FLOW)
    return h


def countries(repo: Repo) -> dict[str, tuple[str, ...]]:
    """Where each holder keeps our data.

    A system: its ``location``; else its processor's countries; else (run in-house)
    the organization's country. A processor: ``processing_locations``, else its
    ``country``. A recipient: its ``country``.
    """
    out: dict[str, tuple[str, ...]] = {}
    for pid, p in repo.processors.items():
        out[pid] = tuple(p.countries)
    for rid, r in repo.recipients.items():
        out[rid] = (r.country,)
    for sid, s in repo.systems.items():
        if s.location:
            out[sid] = tuple(s.location)
        elif s.processor and s.processor in repo.processors:
            out[sid] = out[s.processor]
        else:
            out[sid] = (repo.config.organization.country,)
    return out


@dataclass(frozen=True)
class Transfer:
    """Personal data held by ``node`` in a country outside the EU/EEA."""

    node: str
    country: str
    mechanism: str | None  # the holder's declared mechanism
    basis: str  # adequacy | adequacy-partial | safeguard | none
    decision: str | None  # the adequacy decision relied on, if any
    path: tuple[str, ...]
    categories: tuple[str, ...]

    @property
    def safe(self) -> bool:
        return self.basis != "none"

    @property
    def unsafe(self) -> bool:
        """No adequacy covers it and the holder declares no mechanism at all (or `none`).

        A declared but invalid `adequacy`/`dpf` is a different finding
        (adequacy-claimed-without-decision), as RULES.md defines them.
        """
        return self.basis == "none" and self.mechanism in (None, "none")


def mechanism_of(repo: Repo, node: str) -> str | None:
    """The transfer mechanism a holder declares; a system uses its processor's."""
    if node in repo.processors:
        t = repo.processors[node].transfer
    elif node in repo.recipients:
        t = repo.recipients[node].transfer
    else:
        s = repo.systems[node]
        p = repo.processors.get(s.processor) if s.processor else None
        t = s.transfer or (p.transfer if p else None)
    return t.mechanism if t else None


def transfer_basis(country: str, mechanism: str | None, as_of: dt.date) -> tuple[str, str | None]:
    """How data in ``country`` is protected for a holder declaring ``mechanism``.

    A full adequacy decision covers anyone there. A partial one (US: DPF List; CA:
    PIPEDA; JP, KR, IL) covers the holder only when it declares itself within the
    scope: ``adequacy``, or ``dpf`` for the US (the decision names it). Otherwise
    SCCs, BCRs or a derogation are a safeguard; ``adequacy``/``dpf`` without a
    decision covering the holder, ``none`` or nothing are not.
    """
    ref = reference()
    decision = ref.adequacy.get(country)
    if decision is not None and decision.in_force(as_of):
        if decision.scope == "full":
            return "adequacy", decision.decision
        if mechanism is not None and (mechanism in decision.covers_when or mechanism == "adequacy"):
            return "adequacy-partial", decision.decision
    if mechanism in ("scc", "bcr", "derogation"):
        return "safeguard", None
    return "none", None


def transfers(
    repo: Repo,
    g: nx.MultiDiGraph,
    held: dict[str, dict[str, tuple[str, ...]]],
    where: dict[str, tuple[str, ...]],
    as_of: dt.date,
) -> dict[str, list[Transfer]]:
    """Every holder's third-country transfers, each with its basis and evidence path."""
    ref = reference()
    out: dict[str, list[Transfer]] = {}
    for node in sorted(g.nodes):
        cats = held.get(node) or {}
        if not cats:
            continue
        mech = mechanism_of(repo, node)
        path = shortest_path(node, cats)
        items = []
        for country in where.get(node, ()):
            if ref.in_eea(country):
                continue
            basis, decision = transfer_basis(country, mech, as_of)
            items.append(Transfer(node, country, mech, basis, decision, path, tuple(sorted(cats))))
        if items:
            out[node] = items
    return out


def engaged_processors(repo: Repo, g: nx.MultiDiGraph) -> frozenset[str]:
    """Processors we engage directly: they run one of our systems, or a flow sends them personal data."""
    out = set()
    for s in repo.systems.values():
        if s.processor:
            out.add(s.processor)
        for f in s.flows:
            if f.to in repo.processors and f.transform != "anonymized" and f.categories:
                out.add(f.to)
    return frozenset(out)


def referenced_processors(repo: Repo) -> frozenset[str]:
    out = set()
    for s in repo.systems.values():
        if s.processor:
            out.add(s.processor)
        out.update(f.to for f in s.flows if f.to in repo.processors)
    for p in repo.processors.values():
        out.update(p.subprocessors)
    return frozenset(out)


def shortest_path(node: str, held: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The shortest (then first) of the paths by which ``node``'s categories reach it; ``(node,)`` if none."""
    if not held:
        return (node,)
    return min(held.values(), key=lambda p: (len(p), p))


def personal_graph(g: nx.MultiDiGraph) -> nx.DiGraph:
    """The edges that carry personal data (hosting, sub-processing, flows that are not anonymized)."""
    h = nx.DiGraph()
    h.add_nodes_from(g.nodes)
    h.add_edges_from((u, v) for u, v, d in g.edges(data=True) if d["kind"] != FLOW or d["categories"])
    return h


def sub_processor_of(repo: Repo, node: str) -> tuple[str, ...]:
    """The processors that list ``node`` among their `subprocessors`."""
    return tuple(sorted(pid for pid, p in repo.processors.items() if node in p.subprocessors and pid != node))


def scc_modules(repo: Repo, engaged: frozenset[str], node: str) -> tuple[int, ...]:
    """The modules of the SCCs (Decision (EU) 2021/914) that the roles of a transfer to ``node`` call for.

    We are the controller: to a processor we engage, module 2 (controller to
    processor); to a sub-processor, module 3 (our processor to its
    sub-processor); to a recipient acting as controller, module 1. A system
    run by a processor is a transfer to that processor (2). Module 4
    (processor to controller) is never ours to sign. Empty: no role is known.
    """
    out: set[int] = set()
    if node in repo.recipients:
        out.add(1)
    elif node in repo.processors:
        if node in engaged:
            out.add(2)
        if sub_processor_of(repo, node):
            out.add(3)
    elif node in repo.systems and repo.systems[node].processor:
        out.add(2)
    return tuple(sorted(out))


@dataclass(frozen=True)
class TransferParties:
    """Who exports personal data to whom, in which roles, and under which SCC module (Art. 30(1)(e), 46)."""

    exporter: str  # "organization" or the id of the processor passing it on
    exporter_role: str  # controller | processor
    importer: str  # the holder in the third country (for a system: the processor running it)
    importer_role: str  # processor | sub-processor | controller | own-system
    scc_module: int | None  # the module the roles call for, when the mechanism is `scc`
    declared_scc_module: int | None
    tia: str | None


def transfer_of(repo: Repo, node: str) -> Any:
    """The transfer block a holder declares; a system uses its own, else its processor's."""
    if node in repo.processors:
        return repo.processors[node].transfer
    if node in repo.recipients:
        return repo.recipients[node].transfer
    s = repo.systems[node]
    p = repo.processors.get(s.processor) if s.processor else None
    return s.transfer or (p.transfer if p else None)


def transfer_parties(repo: Repo, engaged: frozenset[str], t: Transfer) -> TransferParties:
    """The exporter, importer and their roles of one transfer, with the SCC module that applies."""
    declared = transfer_of(repo, t.node)
    node = t.node
    exporter, exporter_role, importer, importer_role = "organization", "controller", node, "processor"
    if node in repo.recipients:
        importer_role = "controller"
    elif node in repo.processors and node not in engaged:
        parents = sub_processor_of(repo, node)
        before = t.path[-2] if len(t.path) > 1 and t.path[-2] in repo.processors else None
        if parents:
            exporter, exporter_role, importer_role = before or parents[0], "processor", "sub-processor"
    elif node in repo.systems:
        s = repo.systems[node]
        if s.processor:
            importer = s.processor
        else:
            importer_role = "own-system"
    modules = scc_modules(repo, engaged, node)
    if node in repo.processors and node in engaged:
        modules = (2,)
    elif importer_role == "sub-processor":
        modules = (3,)
    module = modules[0] if t.mechanism == "scc" and modules else None
    return TransferParties(
        exporter,
        exporter_role,
        importer,
        importer_role,
        module,
        declared.scc_module if declared is not None else None,
        declared.tia if declared is not None else None,
    )
