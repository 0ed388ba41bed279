"""The data map seen from one data subject: where their personal data is, and why.

A node holds a subject's data when it holds (:attr:`DataMap.holdings`: stored, or brought by
a flow, hosting or sub-processing) a category that concerns the subject: the category's
``subjects`` list the subject or, for a category without ``subjects``, a purpose that lists
both the category and the subject.

Two refinements over the plain data map. First, transmission is processing (Art. 4(2)): a
system holds what it sends by a (non-anonymized) flow, not only what it stores and receives.
A web chat that stores nothing and forwards every message to the help desk processes the
messages, so it counts everywhere: it feeds the help desk, it is a channel, a breach there
exposes what it sends. The plain data map (:attr:`DataMap.holdings`) holds only what is stored
and what flows in; :attr:`Scope.holdings` adds what each system sends, and
:attr:`Scope.forwarded` records the categories a system only passes on (sends without storing
or receiving them): it keeps nothing of them, so there is nothing to erase or collect there.

Second, a category that a system stores only because an
anonymized flow brings it there (no flow brings it as personal data, and the store's purpose
is the flow's) counts as anonymous at that system. The typical case is a statistics system
that declares the category it receives anonymized "so that the map is complete": it gets no
erasure step, and the outputs list it as receiving only anonymized data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass

import networkx as nx

from policycheck.errors import UsageError
from policycheck.graph import FLOW, HOSTING, SUBPROCESSING, DataMap, facts
from policycheck.graph.facts import Transfer
from policycheck.load.repo import did_you_mean
from policycheck.model import Repo
from policycheck.model.types import Duration


@dataclass(frozen=True)
class TeamRef:
    team: str
    name: str
    function: str | None
    contact: str | None


@dataclass(frozen=True)
class Scope:
    """The repo with anonymous stores set aside, its data map, and what each node processes."""

    repo: Repo
    datamap: DataMap
    #: system -> categories it stores that arrive there only anonymized (not personal data there)
    anonymous: dict[str, tuple[str, ...]]
    #: system -> the systems whose anonymized flows reach it
    anonymized_from: dict[str, tuple[str, ...]]
    #: node -> category -> a shortest path bringing it there: the data map's holdings plus
    #: what each system sends by a flow (transmission is processing), carried on downstream
    holdings: dict[str, dict[str, tuple[str, ...]]]
    #: system -> categories it only passes on: sends by a flow, but neither stores nor receives
    forwarded: dict[str, tuple[str, ...]]
    #: node -> its third-country transfers, from :attr:`holdings`
    transfers: dict[str, list[Transfer]]

    @property
    def graph(self) -> nx.MultiDiGraph:
        return self.datamap.graph

    def kept(self, node: str, categories: Iterable[str]) -> tuple[str, ...]:
        """The given categories that ``node`` keeps (stores or receives), not only passes on."""
        passed = set(self.forwarded.get(node, ()))
        return tuple(c for c in categories if c not in passed)


def build_scope(repo: Repo, as_of: dt.date) -> Scope:
    anonymous, sources = _anonymous_stores(repo)
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
    flat = {sid: tuple(sorted({c for _, c in pairs})) for sid, pairs in anonymous.items()}
    datamap = DataMap(repo, as_of)
    holdings, forwarded = _processing(repo, datamap)
    transfers = facts.transfers(repo, datamap.graph, holdings, datamap.countries, as_of)
    return Scope(repo, datamap, flat, sources, holdings, forwarded, transfers)


def _processing(
    repo: Repo, datamap: DataMap
) -> tuple[dict[str, dict[str, tuple[str, ...]]], dict[str, tuple[str, ...]]]:
    """The data map's holdings plus what each system sends, carried on like the rest; and, per
    system, the categories it only passes on.

    A flow carries its categories, hosting and sub-processing everything held: as in
    :func:`policycheck.graph.facts.holdings`, from the data map's holdings as the start.
    """
    graph = datamap.graph
    held = {n: dict(datamap.holdings.get(n, {})) for n in graph.nodes}
    forwarded: dict[str, tuple[str, ...]] = {}
    for sid in sorted(repo.systems):
        sent = [c for f in repo.systems[sid].flows if f.transform != "anonymized" for c in f.categories]
        passed = [c for c in dict.fromkeys(sent) if c not in held[sid]]
        for c in passed:
            held[sid][c] = (sid,)
        if passed:
            forwarded[sid] = tuple(sorted(passed))
    facts.propagate(graph, held, sorted(forwarded))
    return held, forwarded


def _anonymous_stores(
    repo: Repo,
) -> tuple[dict[str, frozenset[tuple[int, str]]], dict[str, tuple[str, ...]]]:
    """(store index, category) pairs each system stores only because an anonymized flow brings them."""
    anon_in: dict[str, set[tuple[str, str | None]]] = {}
    personal_in: dict[str, set[str]] = {}
    sources: dict[str, set[str]] = {}
    for sid, s in repo.systems.items():
        for f in s.flows:
            if f.transform == "anonymized":
                anon_in.setdefault(f.to, set()).update((c, f.purpose) for c in f.categories)
                sources.setdefault(f.to, set()).add(sid)
            else:
                personal_in.setdefault(f.to, set()).update(f.categories)
    out: dict[str, frozenset[tuple[int, str]]] = {}
    for sid, s in repo.systems.items():
        arriving = anon_in.get(sid)
        if not arriving:
            continue
        pairs = set()
        for i, st in enumerate(s.stores):
            for c in st.categories:
                if c in personal_in.get(sid, set()):
                    continue
                if any(ac == c and (fp is None or st.purpose is None or fp == st.purpose) for ac, fp in arriving):
                    pairs.add((i, c))
        if pairs:
            out[sid] = frozenset(pairs)
    return out, {k: tuple(sorted(v)) for k, v in sources.items()}


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
    cat = repo.categories.get(category)
    if cat is None:
        return False
    if subject is None:
        return True
    if cat.subjects:
        return subject in cat.subjects
    return any(subject in p.subjects and category in p.categories for p in repo.purposes.values())


def category_order(repo: Repo, categories: set[str] | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Categories in the order of categories.yaml (then by id for unknown ones)."""
    index = {c: i for i, c in enumerate(repo.categories)}
    return tuple(sorted(set(categories), key=lambda c: (index.get(c, len(index)), c)))


def held(scope: Scope, subject: str | None) -> dict[str, tuple[str, ...]]:
    """Node -> the categories about ``subject`` it holds; only nodes holding some."""
    out = {}
    for node in sorted(scope.holdings):
        cats = [c for c in scope.holdings[node] if concerns(scope.repo, c, subject)]
        if cats:
            out[node] = category_order(scope.repo, cats)
    return out


# --- why and from where a node holds data ----------------------------------------------------


def purposes_at(scope: Scope, node: str, categories: tuple[str, ...]) -> dict[str | None, tuple[str, ...]]:
    """Purpose -> the given categories held at ``node`` for it (None: a flow without a purpose).

    A system: its stores, and the flows into it. A processor or recipient: the flows into it
    and, through hosting and sub-processing, whatever the hosted systems and the engaging
    processors hold for each purpose.
    """
    parts: dict[str | None, set[str]] = {}
    _collect_purposes(scope, node, set(categories), parts, set())
    order = {p: i for i, p in enumerate(scope.repo.purposes)}
    keys = sorted(parts, key=lambda p: (p is None, order.get(p or "", len(order)), p or ""))
    return {k: category_order(scope.repo, parts[k]) for k in keys if parts[k]}


def _collect_purposes(
    scope: Scope, node: str, cats: set[str], parts: dict[str | None, set[str]], seen: set[str]
) -> None:
    if node in seen or not cats:
        return
    seen.add(node)
    holdings = scope.holdings
    system = scope.repo.systems.get(node)
    if system is not None:
        for st in system.stores:
            mine = cats & set(st.categories)
            if mine:
                parts.setdefault(st.purpose, set()).update(mine)
    for src, _, data in sorted(scope.graph.in_edges(node, data=True), key=lambda e: e[0]):
        if data["kind"] == FLOW:
            mine = cats & set(data["categories"]) & set(holdings.get(src, {}))
            if mine:
                parts.setdefault(data["purpose"], set()).update(mine)
        else:
            _collect_purposes(scope, src, cats & set(holdings.get(src, {})), parts, seen)


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


def hosted_systems(repo: Repo, processor: str) -> tuple[str, ...]:
    return tuple(sorted(sid for sid, s in repo.systems.items() if s.processor == processor))


def engaging_processors(repo: Repo, processor: str) -> tuple[str, ...]:
    """The processors that list ``processor`` as a sub-processor."""
    return tuple(sorted(pid for pid, p in repo.processors.items() if processor in p.subprocessors))


def contracting_processors(
    repo: Repo, node: str, engaged: Collection[str], within: Collection[str] | None = None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """For a sub-processor: whom we instruct it through, and whom it works for in between.

    Returns the processors we engage directly (``engaged``: they run one of our systems or a
    flow sends them data, so we have the contract) found up its sub-processor chains, and its
    immediate parents that are themselves sub-processors (empty for a first-level one). A
    second-level sub-processor is instructed through our processor, not through the
    sub-processor in between, with which we have no contract. ``within`` limits the walk to
    those nodes. When no chain reaches an engaged processor, the immediate parents are returned.
    """
    top: set[str] = set()
    parents = [pp for pp in engaging_processors(repo, node) if within is None or pp in within]
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
        queue.extend(pp for pp in engaging_processors(repo, current) if within is None or pp in within)
    if not top:
        return tuple(sorted(parents)), ()
    return tuple(sorted(top)), tuple(sorted(pp for pp in parents if pp not in engaged))


def subprocessor_chain(graph: nx.MultiDiGraph, processor: str) -> tuple[str, ...]:
    """Every sub-processor below ``processor``, transitively."""
    chain = nx.DiGraph()
    chain.add_nodes_from(graph.nodes)
    chain.add_edges_from((u, v) for u, v, d in graph.edges(data=True) if d["kind"] == SUBPROCESSING)
    return tuple(sorted(nx.descendants(chain, processor)))


def responsible_systems(repo: Repo, graph: nx.MultiDiGraph, node: str) -> tuple[str, ...]:
    """The systems through which we answer for ``node``.

    A system: itself. A processor: the systems it hosts and those that send it data by a
    flow; for a sub-processor, those of the processors that engage it. A recipient: the
    systems that send it data.
    """
    found: set[str] = set()
    _responsible(repo, graph, node, found, set())
    return tuple(sorted(found))


def _responsible(repo: Repo, graph: nx.MultiDiGraph, node: str, found: set[str], seen: set[str]) -> None:
    if node in seen:
        return
    seen.add(node)
    if node in repo.systems:
        found.add(node)
        return
    direct = {src for src, _, d in graph.in_edges(node, data=True) if d["kind"] in (FLOW, HOSTING)}
    direct &= set(repo.systems)
    if direct:
        found.update(direct)
        return
    for parent in engaging_processors(repo, node):
        _responsible(repo, graph, parent, found, seen)


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


def node_name(repo: Repo, node: str) -> str:
    """A system's, processor's or recipient's name; the id when it has none."""
    holder = repo.holder(node)
    return holder.name if holder else node


def retention_exceptions(
    repo: Repo, nodes: Iterable[str], purpose: str | None, retention: Duration | None, start: str | None, lang: str
) -> list[tuple[str, str, str, str]]:
    """The places among ``nodes`` that keep ``purpose``'s data for another period than ``retention``:
    (node, name, the period as ISO text, the period in words; for a backup, how long its copies
    outlive the data deleted from the source)."""
    from policycheck.support import wording

    out = []
    for node in sorted(nodes):
        kept = retention_at(repo, node, purpose) if node in repo.systems else None
        if kept is not None and retention is not None and kept.text != retention.text:
            if repo.systems[node].kind == "backup":
                words = wording.backup_retention(kept, lang)
            else:
                words = wording.retention(kept, start, lang)
            out.append((node, node_name(repo, node), kept.text, words))
    return out


def personal_order_graph(scope: Scope, nodes: set[str], categories: set[str]) -> nx.DiGraph:
    """Among ``nodes``: an edge u -> v when u sends v any of ``categories`` (flow), or hosts on
    or sub-processes to v."""
    holdings = scope.holdings
    g = nx.DiGraph()
    g.add_nodes_from(nodes)
    for u, v, d in scope.graph.edges(data=True):
        if u not in nodes or v not in nodes or u == v:
            continue
        if set(facts.carried(d, holdings.get(u, {}))) & categories:
            g.add_edge(u, v)
    return g


# --- third countries ---------------------------------------------------------------------------


def has_tia(repo: Repo, node: str) -> bool:
    """Whether the holder's transfer declares a transfer impact assessment (a system without a
    ``transfer`` of its own relies on its processor's, as for the mechanism)."""
    if node in repo.processors:
        t = repo.processors[node].transfer
    elif node in repo.recipients:
        t = repo.recipients[node].transfer
    else:
        system = repo.systems[node]
        proc = repo.processors.get(system.processor or "")
        t = system.transfer or (proc.transfer if proc else None)
    return bool(t and t.tia)


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
