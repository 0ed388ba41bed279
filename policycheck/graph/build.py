"""The data map's graph: nodes and edges only (derived facts are in :mod:`policycheck.graph.facts`).

:class:`Links` holds the graph in networkx's MultiDiGraph layout (the same node, edge and
adjacency order) without importing networkx: that import is a third of a small ``check``,
which needs only edges and reachability. :meth:`Links.to_networkx` builds the networkx
graph, identical to building it directly, for the commands that use networkx's algorithms.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

    from policycheck.model import Repo

FLOW = "flow"
HOSTING = "hosting"
SUBPROCESSING = "subprocessing"

Edge = tuple[str, str, dict[str, Any]]


class Links:
    """A directed multigraph with networkx's iteration order: nodes in insertion order; a node's
    edges grouped by neighbour in first-insertion order, then by key in insertion order."""

    __slots__ = ("_calls", "_node", "_pred", "_succ")

    def __init__(self) -> None:
        self._node: dict[str, dict[str, Any]] = {}
        self._succ: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}
        self._pred: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}
        # every add in order, replayed by to_networkx (so its graph is the one networkx would build);
        # None: every edge was added after the nodes of its source, grouped by source in the nodes'
        # order (build_links), so the nodes and then each source's edges replay to the same graph
        self._calls: list[tuple[str, str | None, str | None, dict[str, Any]]] | None = []

    @property
    def nodes(self) -> dict[str, dict[str, Any]]:
        """Node -> its attributes (iterates node ids in insertion order, like ``nx.Graph.nodes``)."""
        return self._node

    def add_node(self, node: str, **attr: Any) -> None:
        if self._calls is not None:
            self._calls.append((node, None, None, attr))
        if node in self._node:
            self._node[node].update(attr)
        else:  # the call's own dict holds the attributes (one dict per node, not two)
            self._add(node, attr)

    def _add(self, node: str, attrs: dict[str, Any] | None = None) -> dict[str, Any]:
        found = self._node.get(node)
        if found is None:
            found = self._node[node] = {} if attrs is None else attrs
            self._succ[node] = {}
            self._pred[node] = {}
        return found

    def add_edge(self, u: str, v: str, key: str, **attr: Any) -> None:
        if self._calls is not None:
            self._calls.append((u, v, key, attr))
        self._add(u)
        self._add(v)
        keys = self._succ[u].get(v)
        if keys is None:
            keys = self._succ[u][v] = self._pred[v][u] = {}
        if key in keys:
            keys[key].update(attr)
        else:  # the call's own dict holds the attributes (one dict per edge, not two); a later
            keys[key] = attr  # add of the same edge updates it, which replays to the same graph

    def edges(self, data: bool = True) -> Iterator[Edge]:
        """Every edge as (source, target, attributes), in networkx's order."""
        for u, nbrs in self._succ.items():
            for v, keys in nbrs.items():
                for d in keys.values():
                    yield u, v, d

    def successors(self) -> dict[str, dict[str, dict[str, dict[str, Any]]]]:
        """Node -> neighbour -> key -> the edge's attributes, in :meth:`edges`' order (read only:
        for a walk over every edge that takes each (source, target) pair once)."""
        return self._succ

    def out_edges(self, node: str, data: bool = True) -> Iterator[Edge]:
        for v, keys in self._succ[node].items():
            for d in keys.values():
                yield node, v, d

    def in_edges(self, node: str, data: bool = True) -> Iterator[Edge]:
        for u, keys in self._pred[node].items():
            for d in keys.values():
                yield u, node, d

    def walk_order(self, node: str) -> list[Edge]:
        """``node``'s out-edges in the order the walks over the map take them (holdings'
        ``propagate``, a DPIA's purpose paths): by target, then by the flow's index as text."""
        nbrs = self._succ[node]
        out: list[Edge] = []
        for v in sorted(nbrs):  # the same order as sorting every out-edge by that pair (a stable sort)
            keys = nbrs[v]
            if len(keys) == 1:
                out.extend((node, v, d) for d in keys.values())
            else:
                out.extend((node, v, d) for d in sorted(keys.values(), key=_index_text))
        return out

    def to_networkx(self) -> nx.MultiDiGraph:
        """The same graph as a networkx MultiDiGraph (built by the same calls in the same order)."""
        import networkx as nx

        g = nx.MultiDiGraph()
        if self._calls is None:  # added grouped by source (build_links): no list of calls kept
            for node, attr in self._node.items():
                g.add_node(node, **attr)
            for source, nbrs in self._succ.items():
                for target, keys in nbrs.items():
                    for name, data in keys.items():
                        g.add_edge(source, target, key=name, **data)
            return g
        for u, v, key, attr in self._calls:
            if v is None:
                g.add_node(u, **attr)
            else:
                g.add_edge(u, v, key=key, **attr)
        return g


def _index_text(attrs: dict[str, Any]) -> str:
    """A flow's index as text (what :meth:`Links.walk_order` orders one target's edges by; -1: not a flow)."""
    return str(attrs.get("index", -1))


def build_links(repo: Repo, *, record: bool = False) -> Links:
    """The data map of ``repo``: one edge per flow, hosting and sub-processing.

    The same calls as :meth:`Links.add_node` and :meth:`Links.add_edge` in the same order (and so
    the same graph), written out: at 5,000 systems this loop runs for about 24,000 edges, between
    the load and the rules. Every node is added first and the edges grouped by source in the
    nodes' order (each system's, then each processor's), so :meth:`Links.to_networkx` replays the
    graph from itself; with ``record`` the calls are kept and replayed instead (the tests' reference).
    A flow's key is one shared str per index (``flow-0``, ...), not one per flow.
    """
    g = Links()
    calls: list[tuple[str, str | None, str | None, dict[str, Any]]] = []
    nodes, succ, pred = g._node, g._succ, g._pred
    for kind, entities in (("system", repo.systems), ("processor", repo.processors), ("recipient", repo.recipients)):
        for eid, e in entities.items():
            given: dict[str, Any] = {"kind": kind, "name": e.name}
            if record:
                calls.append((eid, None, None, given))
            if eid in nodes:  # as add_node
                nodes[eid].update(given)
            else:
                g._add(eid, given)
    keys_of, known = _FLOW_KEYS, len(_FLOW_KEYS)

    def edge(u: str, v: str, key: str, attr: dict[str, Any]) -> None:
        if record:
            calls.append((u, v, key, attr))
        for n in (u, v):
            if n not in nodes:
                nodes[n] = {}
                succ[n] = {}
                pred[n] = {}
        keys = succ[u].get(v)
        if keys is None:
            keys = succ[u][v] = pred[v][u] = {}
        if key in keys:
            keys[key].update(attr)
        else:
            keys[key] = attr

    for sid, s in repo.systems.items():
        if s.processor:
            edge(sid, s.processor, "hosting", {"kind": HOSTING})
        out = succ[sid]  # a system is a node already
        for i, f in enumerate(s.flows):  # edge() written out: most edges are flows
            v, key, declared = f.to, keys_of[i] if i < known else f"flow-{i}", tuple(f.categories)
            attr = {
                "kind": FLOW,
                "index": i,
                "categories": () if f.transform == "anonymized" else declared,
                "declared": declared,
                "transform": f.transform,
                "purpose": f.purpose,
                "encrypted": f.encrypted,
            }
            if record:
                calls.append((sid, v, key, attr))
            if v not in nodes:
                nodes[v] = {}
                succ[v] = {}
                pred[v] = {}
            keys = out.get(v)
            if keys is None:
                keys = out[v] = pred[v][sid] = {}
            if key in keys:
                keys[key].update(attr)
            else:
                keys[key] = attr
    for pid, p in repo.processors.items():
        for sub in p.subprocessors:
            edge(pid, sub, "subprocessing", {"kind": SUBPROCESSING})
    g._calls = calls if record else None
    return g


#: a flow's edge key by its index, one str each (a system with more flows makes its own for the rest)
_FLOW_KEYS = tuple(f"flow-{i}" for i in range(64))


def build_graph(repo: Repo) -> nx.MultiDiGraph:
    """The data map of ``repo`` as a networkx MultiDiGraph (one edge per flow, hosting, sub-processing)."""
    return build_links(repo).to_networkx()


def condensation(nodes: list[str], edges: list[tuple[str, str]]) -> tuple[list[list[str]], list[list[int]]]:
    """The strongly connected components of a directed graph in topological order (a component
    before every component it has an edge to), and each component's predecessor components.

    Iterative Tarjan (any depth, no recursion). Members keep the order of ``nodes``.
    """
    succ: dict[str, list[str]] = {n: [] for n in nodes}
    for u, v in edges:
        succ[u].append(v)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []  # reverse topological order
    for root in nodes:
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(succ[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, it = work[-1]
            for nxt in it:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(succ[nxt])))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    members = []
                    while True:
                        m = stack.pop()
                        on_stack.discard(m)
                        members.append(m)
                        if m == node:
                            break
                    found.append(members)
    found.reverse()
    position = {n: i for i, n in enumerate(nodes)}
    components = [sorted(c, key=position.__getitem__) for c in found]
    comp_of = {n: i for i, c in enumerate(components) for n in c}
    preds: list[list[int]] = [[] for _ in components]
    seen: set[tuple[int, int]] = set()
    for u, v in edges:
        cu, cv = comp_of[u], comp_of[v]
        if cu != cv and (cu, cv) not in seen:
            seen.add((cu, cv))
            preds[cv].append(cu)
    return components, preds
