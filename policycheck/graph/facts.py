"""Derived facts of the data map: small pure functions of the repo and its graph.

This is the one definition of what the data map means; rules, reports, the RoPA
and the support answers read these (through :class:`policycheck.graph.DataMap`)
and recompute none of them.

"Reaches" follows flows (system -> system/processor/recipient), hosting
(system -> its processor) and sub-processing (processor -> sub-processor),
transitively. Anonymized flows carry no personal data.

A node *holds* (processes) a category when it stores it, receives it (by a flow,
hosting or sub-processing) or sends it by a flow that is not anonymized:
transmission is processing (Art. 4(2)). :class:`Holdings` keeps the parts
apart. A store of a category that reaches a (non-channel) system only through
anonymized flows, for the flow's purpose, is anonymous there
(:func:`anonymized`): not personal data, so not held.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from policycheck.graph.build import FLOW, HOSTING, SUBPROCESSING, Links, condensation
from policycheck.model import Repo
from policycheck.model import Transfer as Transfer_
from policycheck.reference import reference

if TYPE_CHECKING:
    import networkx as nx


def carried(data: dict[str, Any], src_holdings: dict[str, tuple[str, ...]]) -> list[str]:
    """The categories an edge carries: a flow its personal categories, hosting and sub-processing all held."""
    if data["kind"] == FLOW:
        return [str(c) for c in data["categories"]]
    return list(src_holdings)


@dataclass(frozen=True)
class Anonymized:
    """What arrives only anonymized: not personal data where it arrives.

    ``stores``: per system, the (store index, category) pairs it stores only because an
    anonymized flow brings them (no flow brings the category as personal data, the
    system is not a customer channel, which collects data directly, and the store's
    purpose is the flow's, or either has none). ``categories``: those categories per
    system. ``inflow``: per node, the categories anonymized flows bring it; ``sources``:
    the systems whose anonymized flows reach it.
    """

    stores: dict[str, frozenset[tuple[int, str]]]
    categories: dict[str, tuple[str, ...]]
    inflow: dict[str, tuple[str, ...]]
    sources: dict[str, tuple[str, ...]]


def anonymized(repo: Repo) -> Anonymized:
    """The one definition of an anonymous store (see :class:`Anonymized`)."""
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
    pairs_out: dict[str, frozenset[tuple[int, str]]] = {}
    for sid, s in repo.systems.items():
        arriving = anon_in.get(sid)
        if not arriving or s.channel:
            continue
        personal = personal_in.get(sid, set())
        pairs = set()
        for i, st in enumerate(s.stores):
            for c in st.categories:
                if c in personal:
                    continue
                if any(ac == c and (fp is None or st.purpose is None or fp == st.purpose) for ac, fp in arriving):
                    pairs.add((i, c))
        if pairs:
            pairs_out[sid] = frozenset(pairs)
    return Anonymized(
        stores=pairs_out,
        categories={sid: tuple(sorted({c for _, c in pairs})) for sid, pairs in pairs_out.items()},
        inflow={n: tuple(sorted({c for c, _ in v if c in repo.categories})) for n, v in anon_in.items()},
        sources={k: tuple(sorted(v)) for k, v in sources.items()},
    )


def personal_stores(repo: Repo, anon: Anonymized, sid: str) -> list[tuple[str | None, tuple[str, ...]]]:
    """A system's stores as (purpose, categories), the anonymous (store, category) pairs left out."""
    drop = anon.stores.get(sid)
    stores = repo.systems[sid].stores
    if not drop:
        return [(st.purpose, tuple(st.categories)) for st in stores]
    return [(st.purpose, tuple(c for c in st.categories if (i, c) not in drop)) for i, st in enumerate(stores)]


@dataclass(frozen=True)
class Holdings:
    """The personal data at each node, in explicit parts.

    ``paths``: node -> category -> a shortest path bringing it there; every category the
    node processes (stores, receives or sends). ``stored``: system -> what its stores
    list (anonymous stores left out). ``received``: node -> what flows, hosting and
    sub-processing bring it. ``sent``: system -> what its flows that are not anonymized
    send. ``forwarded``: system -> what it only passes on (sends, but neither stores
    nor receives: nothing of it is kept there).
    """

    paths: dict[str, dict[str, tuple[str, ...]]]
    stored: dict[str, frozenset[str]]
    received: dict[str, frozenset[str]]
    sent: dict[str, frozenset[str]]
    forwarded: dict[str, tuple[str, ...]]

    def of(self, node: str) -> dict[str, tuple[str, ...]]:
        return self.paths.get(node) or {}

    def kept(self, node: str, categories: Iterable[str]) -> tuple[str, ...]:
        """The given categories that ``node`` keeps (stores or receives), not only passes on."""
        forwarded = self.forwarded.get(node)
        if not forwarded:
            return tuple(categories)
        passed = set(forwarded)
        return tuple(c for c in categories if c not in passed)


def holdings(repo: Repo, g: Links, anon: Anonymized) -> Holdings:
    """The personal data at each node (see :class:`Holdings`), each category with a shortest path.

    What systems store is carried on first; then what a system sends without storing or
    receiving it is added at that system (path: the system) and carried on as well.
    """
    paths: dict[str, dict[str, tuple[str, ...]]] = {n: {} for n in g.nodes}
    stored: dict[str, frozenset[str]] = {}
    # one frozenset per distinct set of categories (stored, sent, received): thousands of nodes
    # hold the same few sets
    one: dict[frozenset[str], frozenset[str]] = {}
    share = one.setdefault
    systems = repo.systems
    order = sorted(systems)
    dropped = anon.stores
    for sid in order:
        stores = systems[sid].stores
        drop = dropped.get(sid)
        if not drop:
            mine = {c for st in stores for c in st.categories}
        else:
            mine = {c for i, st in enumerate(stores) for c in st.categories if (i, c) not in drop}
        stored[sid] = share(kept := frozenset(mine), kept)
        if mine:
            here = paths[sid]  # empty until now
            alone = (sid,)  # one path tuple for all of them
            for c in sorted(mine):
                here[c] = alone
    adjacency: _Adjacency = {}
    propagate(g, paths, order, adjacency)
    sent: dict[str, frozenset[str]] = {}
    forwarded: dict[str, tuple[str, ...]] = {}
    for sid in order:
        out = [c for f in systems[sid].flows if f.transform != "anonymized" for c in f.categories]
        sent[sid] = share(kept := frozenset(out), kept)
        if out:
            here = paths[sid]
            passed = [c for c in dict.fromkeys(out) if c not in here]
            if passed:
                alone = (sid,)
                for c in passed:
                    here[c] = alone
                forwarded[sid] = tuple(sorted(passed))
    propagate(g, paths, sorted(forwarded), adjacency, fresh=forwarded)
    # what each edge brings that arrives (hosting and sub-processing carry everything the source
    # holds, a flow its personal categories), in the order of the edges
    received: dict[str, set[str]] = {}
    for u, nbrs in g.successors().items():
        there_from = paths[u].keys()
        for v, keys in nbrs.items():
            there = paths[v]
            if not there:
                continue
            for d in keys.values():
                if d["kind"] == FLOW:
                    cats = [c for c in d["categories"] if c in there]
                else:
                    cats = [c for c in there_from if c in there]
                if cats:
                    got = received.get(v)
                    if got is None:
                        received[v] = set(cats)
                    else:
                        got.update(cats)
    return Holdings(paths, stored, {n: share(kept := frozenset(c), kept) for n, c in received.items()}, sent, forwarded)


#: a node's out-edges as propagate walks them: (target, the flow's categories, or None for
#: hosting and sub-processing, which carry everything the source holds), in propagate's order
_Adjacency = dict[str, list[tuple[str, tuple[str, ...] | None]]]


def propagate(
    g: Links,
    held: dict[str, dict[str, tuple[str, ...]]],
    seeds: Iterable[str],
    adjacency: _Adjacency | None = None,
    fresh: Mapping[str, Iterable[str]] | None = None,
) -> dict[str, dict[str, tuple[str, ...]]]:
    """Carry ``held`` on from ``seeds`` along the graph, in place, keeping a shortest path per category.

    A flow carries its (personal) categories; hosting and sub-processing carry
    everything the source holds. Cycles end where data already came through.
    Of two paths of one length the smaller (tuple order) is kept. ``adjacency``
    keeps each node's sorted edges between calls over the same graph.

    A node carries on everything the first time it is taken from the queue, and
    after that only the categories whose path changed since (what else it offers
    again its neighbours already have, as short or shorter: paths only shrink).
    ``fresh``: ``held`` was carried on by an earlier walk and has since gained
    only these categories at these seeds; only they are carried on.
    """
    edges_of: _Adjacency = adjacency if adjacency is not None else {}
    queue: deque[str] = deque(seeds)
    queued = set(queue)
    # per queued node, the categories changed there since it last carried on; None: all
    dirty: dict[str, set[str] | None] = (
        dict.fromkeys(queue) if fresh is None else {n: set(fresh.get(n, ())) for n in queue}
    )
    walked: set[str] = set()  # nodes that have carried on in this walk
    nothing: frozenset[str] = frozenset()
    popleft, append = queue.popleft, queue.append
    while queue:
        node = popleft()
        queued.discard(node)
        todo = dirty.pop(node, nothing)
        walked.add(node)
        src = held[node]
        alone = (node,)
        edges = edges_of.get(node)
        if edges is None:
            edges = edges_of[node] = [
                (dst, tuple(data["categories"]) if data["kind"] == FLOW else None)
                for _, dst, data in g.walk_order(node)
            ]
        for dst, flow_categories in edges:
            offered = flow_categories if flow_categories is not None else tuple(src)
            if todo is not None:
                offered = tuple(c for c in offered if c in todo)
                if not offered:
                    continue
            changed = False
            there = held[dst]
            # categories that came by the same path (one tuple: consecutive ones often did) go on
            # by one new path tuple, not one each
            last_came: tuple[str, ...] | None = None
            last_path: tuple[str, ...] = ()
            # a node not yet walked carries on everything when it is taken: nothing to note per category
            every = fresh is None and dst not in walked
            for cat in offered:
                came = src.get(cat) or alone
                if dst in came:
                    continue  # a cycle: data already came through dst
                old = there.get(cat)
                if old is not None:
                    length = len(came) + 1
                    if len(old) < length:
                        continue  # the known path is shorter
                    path = last_path if came is last_came else (*came, dst)
                    if len(old) == length and path >= old:
                        continue  # as short, and not smaller
                else:
                    path = last_path if came is last_came else (*came, dst)
                last_came, last_path = came, path
                there[cat] = path
                changed = True
                if every:
                    dirty[dst] = None
                else:
                    pending = dirty.setdefault(dst, set())
                    if pending is not None:
                        pending.add(cat)
            if changed and dst not in queued:
                append(dst)
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


#: the hosting and sub-processing graph condensed (:func:`carrier_components`)
Components = tuple[list[list[str]], list[list[int]]]


def carrier_components(g: Links) -> Components:
    """The strongly connected components of the hosting and sub-processing edges, in
    topological order, with each one's predecessors (what :func:`purposes_at` walks)."""
    carriers = [(u, v) for u, v, d in g.edges(data=True) if d["kind"] != FLOW]
    return condensation(list(g.nodes), carriers)


def purposes_at(
    repo: Repo,
    g: Links,
    held: Holdings | None,
    anon: Anonymized,
    *,
    sending: bool = False,
    components: Components | None = None,
) -> dict[str, dict[str | None, frozenset[str]]]:
    """Node -> purpose -> the categories it holds for that purpose (None: a flow without one).

    A system: its stores and the flows into it; with ``sending``, also the flows it sends
    (sending is processing too: a channel that keeps nothing still handles what it passes on,
    for the flow's purpose; the purposes a node *processes* for, as the record of processing
    and a DPA's scope need, against the purposes it *keeps* data for, as retention needs).
    A processor or recipient: the flows into it and, through hosting and sub-processing,
    whatever the hosted systems and the
    engaging processors hold for each purpose. One pass over the condensation of the
    hosting and sub-processing graph, in topological order (no recursion); ``components``
    is :func:`carrier_components` of ``g``, when the caller has it. ``held`` is not read (the
    stores and flows are): a rules worker that withholds the holdings computes this too.
    """
    direct: dict[str, dict[str | None, set[str]]] = {n: {} for n in g.nodes}
    for sid in repo.systems:
        for purpose, cats in personal_stores(repo, anon, sid):
            if cats:
                direct[sid].setdefault(purpose, set()).update(cats)
    for sid, s in repo.systems.items():
        for f in s.flows:
            if f.transform != "anonymized" and f.categories:
                if sending:
                    direct[sid].setdefault(f.purpose, set()).update(f.categories)
                if f.to in direct:
                    direct[f.to].setdefault(f.purpose, set()).update(f.categories)
    members_of, preds = components if components is not None else carrier_components(g)
    done: list[dict[str | None, frozenset[str]]] = []
    out: dict[str, dict[str | None, frozenset[str]]] = {}
    # one frozenset per distinct set of categories (20,000 of them are 1,200 sets at 5,000 systems)
    shared: dict[frozenset[str], frozenset[str]] = {}

    def frozen(parts: dict[str | None, set[str]]) -> dict[str | None, frozenset[str]]:
        return {p: shared.setdefault(fs, fs) for p, fs in ((p, frozenset(cs)) for p, cs in parts.items())}

    for c, members in enumerate(members_of):
        if len(members) == 1 and not preds[c]:  # most nodes: what they hold themselves
            done.append(frozen(direct[members[0]]))
            out[members[0]] = done[c]
            continue
        parts: dict[str | None, set[str]] = {}
        for n in members:
            for p, here in direct[n].items():
                parts.setdefault(p, set()).update(here)
        for pred in preds[c]:
            for p, above in done[pred].items():
                parts.setdefault(p, set()).update(above)
        done.append(frozen(parts))
        for n in members:
            out[n] = done[c]
    return {n: out[n] for n in g.nodes}


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


def node_name(repo: Repo, node: str) -> str:
    """A system's, processor's or recipient's name; the id when it has none."""
    holder = repo.holder(node)
    return holder.name if holder else node


def transfer_of(repo: Repo, node: str) -> Transfer_ | None:
    """The ``transfer`` a holder declares; a system without one relies on its processor's."""
    if node in repo.processors:
        return repo.processors[node].transfer
    if node in repo.recipients:
        return repo.recipients[node].transfer
    s = repo.systems[node]
    p = repo.processors.get(s.processor) if s.processor else None
    return s.transfer or (p.transfer if p else None)


def mechanism_of(repo: Repo, node: str) -> str | None:
    """The transfer mechanism a holder declares; a system uses its processor's."""
    t = transfer_of(repo, node)
    return t.mechanism if t else None


def has_tia(repo: Repo, node: str) -> bool:
    """Whether the holder's transfer (as for the mechanism) declares a transfer impact assessment."""
    t = transfer_of(repo, node)
    return bool(t and t.tia)


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
    g: Links,
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


def engaged_processors(repo: Repo, held: Holdings, anon: Anonymized) -> frozenset[str]:
    """Processors we engage directly: they run one of our systems, or a flow sends them personal data.

    A system counts unless it is known to hold no personal data: it holds nothing and
    what it stores is anonymous there (an anonymized statistics store). A system that
    declares nothing at all still counts: unknown is not safe.
    """
    out = set()
    for sid, s in repo.systems.items():
        if s.processor and (held.paths.get(sid) or sid not in anon.stores):
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


def personal_graph(g: Links) -> nx.DiGraph:
    """The edges that carry personal data (hosting, sub-processing, flows that are not anonymized)."""
    import networkx as nx

    h = nx.DiGraph()
    h.add_nodes_from(g.nodes)
    h.add_edges_from((u, v) for u, v, d in g.edges(data=True) if d["kind"] != FLOW or d["categories"])
    return h


# --- indexes over the graph, built once -------------------------------------------------------


def hosted_by(repo: Repo) -> dict[str, tuple[str, ...]]:
    """Processor -> the systems it runs."""
    out: dict[str, list[str]] = {}
    for sid in sorted(repo.systems):
        p = repo.systems[sid].processor
        if p:
            out.setdefault(p, []).append(sid)
    return {p: tuple(v) for p, v in out.items()}


def engaging(repo: Repo) -> dict[str, tuple[str, ...]]:
    """Processor -> the processors that list it as a sub-processor."""
    out: dict[str, set[str]] = {}
    for pid, p in repo.processors.items():
        for sub in p.subprocessors:
            out.setdefault(sub, set()).add(pid)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def subprocessors_below(g: Links, processor: str) -> tuple[str, ...]:
    """Every sub-processor below ``processor``, transitively (iterative; any depth)."""
    seen: set[str] = set()
    stack = [processor]
    while stack:
        node = stack.pop()
        for _, dst, d in g.out_edges(node, data=True):
            if d["kind"] == SUBPROCESSING and dst not in seen:
                seen.add(dst)
                stack.append(dst)
    seen.discard(processor)
    return tuple(sorted(seen))


class SubprocessorReach:
    """Every processor's sub-processors below it, transitively, computed once per data map: bit
    sets over the processors (in sorted order) propagated over the condensation of the
    sub-processing graph, sinks first, so asking for every processor's chain is not one walk of
    the graph per processor. ``below(p)`` equals :func:`subprocessors_below`."""

    def __init__(self, repo: Repo) -> None:
        succ = {pid: tuple(p.subprocessors) for pid, p in repo.processors.items()}
        names = sorted(set(succ) | {s for subs in succ.values() for s in subs})
        self._names = names
        self._bit = {n: i for i, n in enumerate(names)}
        components, _ = condensation(names, [(u, v) for u in succ for v in succ[u]])
        full: dict[str, int] = {}  # node -> its component and everything below it
        for group in reversed(components):  # every component below this one is done
            bits = 0
            for n in group:
                bits |= 1 << self._bit[n]
            inside = set(group)
            for n in group:
                for d in succ.get(n, ()):
                    if d not in inside:
                        bits |= full[d]
            for n in group:
                full[n] = bits
        self._full = full

    def _bits(self, processor: str) -> int:
        got = self._full.get(processor)
        if got is None:
            return 0
        return got & ~(1 << self._bit[processor])

    def below(self, processor: str) -> tuple[str, ...]:
        """The sub-processors below ``processor`` (sorted), itself only never."""
        return self._decode(self._bits(processor))

    def below_any(self, processors: Iterable[str]) -> tuple[str, ...]:
        """The sub-processors below any of ``processors`` (sorted): the union of their ``below``."""
        bits = 0
        for p in processors:
            bits |= self._bits(p)
        return self._decode(bits)

    def reaches(self, processor: str, other: str) -> bool:
        """Whether ``other`` is below ``processor``."""
        i = self._bit.get(other)
        return i is not None and bool(self._bits(processor) >> i & 1)

    def _decode(self, bits: int) -> tuple[str, ...]:
        text = bin(bits)[:1:-1]  # lowest bit first
        out = []
        i = text.find("1")
        while i >= 0:
            out.append(self._names[i])
            i = text.find("1", i + 1)
        return tuple(out)


def subject_categories(repo: Repo, subject: str | None) -> frozenset[str]:
    """The categories that are personal data about ``subject`` (every declared one when None):
    the category's ``subjects`` list it, or, for a category without ``subjects``, a purpose
    lists both the category and the subject."""
    if subject is None:
        return frozenset(repo.categories)
    via_purpose = {c for p in repo.purposes.values() if subject in p.subjects for c in p.categories}
    return frozenset(
        cid for cid, c in repo.categories.items() if (subject in c.subjects if c.subjects else cid in via_purpose)
    )


_ORDERS: dict[int, tuple[Mapping[str, Any], dict[str, int]]] = {}


def declared_order(entries: Mapping[str, Any]) -> dict[str, int]:
    """Id -> its position in ``entries`` (the order of categories.yaml or purposes.yaml), built once
    per mapping: callers sort small sets by it thousands of times (a repo's mappings are not changed)."""
    hit = _ORDERS.get(id(entries))
    if hit is not None and hit[0] is entries:
        return hit[1]
    if len(_ORDERS) >= 16:
        _ORDERS.clear()
    index = {k: i for i, k in enumerate(entries)}
    _ORDERS[id(entries)] = (entries, index)  # the mapping is kept, so its id is not reused
    return index


def category_order(repo: Repo, categories: Iterable[str]) -> tuple[str, ...]:
    """Categories in the order of categories.yaml (then by id for unknown ones)."""
    index = declared_order(repo.categories)
    return tuple(sorted(set(categories), key=lambda c: (index.get(c, len(index)), c)))


def subject_scope(repo: Repo, held: Holdings, subject: str | None) -> dict[str, tuple[str, ...]]:
    """Node -> the categories about ``subject`` it holds (categories.yaml order); only nodes holding some."""
    about = subject_categories(repo, subject)
    index = declared_order(repo.categories)
    out = {}
    for node in sorted(held.paths):
        cats = [c for c in held.paths[node] if c in about]
        if cats:
            out[node] = tuple(sorted(cats, key=lambda c: index[c]))
    return out


def responsible_systems(
    repo: Repo, g: Links, parents: dict[str, tuple[str, ...]]
) -> dict[str, tuple[str, ...]]:
    """Node -> the systems through which we answer for it.

    A system: itself. A processor: the systems it hosts and those that send it data by a
    flow; for a sub-processor, those of the processors that engage it, up the chain. A
    recipient: the systems that send it data. One pass over the condensation of the
    sub-processing graph, parents first (no recursion; any depth).
    """
    direct: dict[str, set[str]] = {}
    for u, v, d in g.edges(data=True):
        if d["kind"] in (FLOW, HOSTING) and u in repo.systems and v not in repo.systems:
            direct.setdefault(v, set()).add(u)
    subs = [(u, v) for u, v, d in g.edges(data=True) if d["kind"] == SUBPROCESSING]
    nodes = list(dict.fromkeys([*repo.processors, *(n for e in subs for n in e)]))
    components, _ = condensation(nodes, subs)
    found: dict[str, frozenset[str]] = {n: frozenset(v) for n, v in direct.items()}
    for members_ in components:
        members = set(members_)
        inherited: set[str] = set()
        for n in members_:
            if n in direct:
                continue
            for p in parents.get(n, ()):
                if p in members and p not in direct:
                    continue  # the same loop: it inherits what the loop inherits
                inherited |= found.get(p, frozenset())
        shared = frozenset(inherited)
        for n in members_:
            if n not in direct:
                found[n] = shared
    out: dict[str, tuple[str, ...]] = {sid: (sid,) for sid in repo.systems}
    for n, systems in found.items():
        if n not in out:
            out[n] = tuple(sorted(systems))
    return out

def scc_modules(
    repo: Repo, engaged: frozenset[str], engagers: dict[str, tuple[str, ...]], node: str
) -> tuple[int, ...]:
    """The modules of the SCCs (Decision (EU) 2021/914) that the roles of a transfer to ``node`` call for.

    ``engagers`` is :func:`engaging` (the data map's index). We are the controller: to a
    processor we engage, module 2 (controller to
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
        if any(p != node for p in engagers.get(node, ())):
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


def transfer_parties(
    repo: Repo, engaged: frozenset[str], engagers: dict[str, tuple[str, ...]], t: Transfer
) -> TransferParties:
    """The exporter, importer and their roles of one transfer, with the SCC module that applies
    (``engagers``: :func:`engaging`, the data map's index)."""
    declared = transfer_of(repo, t.node)
    node = t.node
    exporter, exporter_role, importer, importer_role = "organization", "controller", node, "processor"
    if node in repo.recipients:
        importer_role = "controller"
    elif node in repo.processors and node not in engaged:
        parents = tuple(p for p in engagers.get(node, ()) if p != node)
        before = t.path[-2] if len(t.path) > 1 and t.path[-2] in repo.processors else None
        if parents:
            exporter, exporter_role, importer_role = before or parents[0], "processor", "sub-processor"
    elif node in repo.systems:
        s = repo.systems[node]
        if s.processor:
            importer = s.processor
        else:
            importer_role = "own-system"
    modules = scc_modules(repo, engaged, engagers, node)
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
