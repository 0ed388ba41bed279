"""The support commands' indexes, held to the plain computation they replace on random graphs:
a wrong index would change a plan or a page without any snapshot noticing on the small
organizations of the other tests."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from policycheck.graph import FLOW, HOSTING, SUBPROCESSING, facts
from policycheck.graph.build import Links
from policycheck.support.scope import Contracting, contracting_processors
from policycheck.support.transparency import CategoryReach, Edges, reach_from

NODES = [f"n{i}" for i in range(9)]
CATS = ["a", "b", "c", "d"]

edge = st.tuples(
    st.sampled_from(NODES),
    st.sampled_from(NODES),
    st.sampled_from([FLOW, FLOW, FLOW, HOSTING, SUBPROCESSING]),
    st.frozensets(st.sampled_from(CATS)),
)


def _links(edges: list[tuple[str, str, str, frozenset[str]]]) -> Links:
    g = Links()
    for n in NODES:
        g.add_node(n, kind="system")
    for i, (u, v, kind, cats) in enumerate(edges):
        attrs: dict[str, Any] = {"kind": kind}
        if kind == FLOW:
            attrs["categories"] = tuple(sorted(cats))
        g.add_edge(u, v, key=f"{kind}:{i}", **attrs)
    return g


@settings(max_examples=300, deadline=None)
@given(st.lists(edge, max_size=30), st.sampled_from(NODES), st.sets(st.sampled_from(CATS)))
def test_category_reach_is_reach_from(
    edges: list[tuple[str, str, str, frozenset[str]]], source: str, categories: set[str]
) -> None:
    scope: Any = SimpleNamespace(datamap=SimpleNamespace(links=_links(edges)))
    plain = Edges(scope)
    expected = reach_from(scope, source, set(categories), plain)
    spread = CategoryReach(Edges(scope))
    assert spread.reach(source, set(categories)) == expected
    # shared across sources: every other source asked of the same index agrees too
    for other in NODES:
        assert spread.reach(other, set(categories)) == reach_from(scope, other, set(categories), plain)


@settings(max_examples=200, deadline=None)
@given(st.lists(edge, max_size=30), st.sampled_from(CATS))
def test_category_components_are_strongly_connected(
    edges: list[tuple[str, str, str, frozenset[str]]], category: str
) -> None:
    import networkx as nx

    links = _links(edges)
    scope: Any = SimpleNamespace(datamap=SimpleNamespace(links=links))
    graph = CategoryReach(Edges(scope))._graph(category)
    for n in NODES:  # components are found from the nodes asked about
        graph.component(n)
    members = graph.members
    assert {n for m in members for n in m} == set(NODES)
    assert all(graph.comp[n] == i for i, m in enumerate(members) for n in m)
    g = nx.DiGraph()
    g.add_nodes_from(NODES)
    g.add_edges_from((u, v) for u, v, d in links.edges() if d["kind"] != FLOW or category in d["categories"])
    assert sorted(sorted(m) for m in members) == sorted(sorted(c) for c in nx.strongly_connected_components(g))


PROCS = [f"p{i}" for i in range(8)]
sub_edges = st.lists(st.tuples(st.sampled_from(PROCS), st.sampled_from(PROCS)), max_size=24)


def _subprocessing(pairs: list[tuple[str, str]]) -> tuple[Any, Links, dict[str, tuple[str, ...]]]:
    """A repo-like object with processors listing sub-processors, its graph and its engaging index."""
    subs: dict[str, list[str]] = {p: [] for p in PROCS[:6]}  # p6, p7 only ever listed as sub-processors
    for u, v in pairs:
        if u in subs and v not in subs[u]:
            subs[u].append(v)
    repo: Any = SimpleNamespace(processors={p: SimpleNamespace(subprocessors=tuple(v)) for p, v in subs.items()})
    g = Links()
    for p in PROCS:
        g.add_node(p, kind="processor")
    for p, v in subs.items():
        for s in v:
            g.add_edge(p, s, key="subprocessing", kind=SUBPROCESSING)
    return repo, g, facts.engaging(repo)


@settings(max_examples=300, deadline=None)
@given(sub_edges)
def test_subprocessor_reach_is_the_walk(pairs: list[tuple[str, str]]) -> None:
    repo, g, _ = _subprocessing(pairs)
    reach = facts.SubprocessorReach(repo)
    for p in [*PROCS, "unknown"]:
        below = facts.subprocessors_below(g, p) if p in PROCS else ()
        assert reach.below(p) == below
        for q in PROCS:
            assert reach.reaches(p, q) == (q in below)
    for group in (PROCS[:3], PROCS[2:7], []):
        assert reach.below_any(group) == tuple(sorted({n for p in group for n in facts.subprocessors_below(g, p)}))


@settings(max_examples=300, deadline=None)
@given(
    sub_edges,
    st.sets(st.sampled_from(PROCS)),
    st.one_of(st.none(), st.sets(st.sampled_from(PROCS))),
)
def test_contracting_index_is_the_walk(
    pairs: list[tuple[str, str]], engaged: set[str], within: set[str] | None
) -> None:
    _, _, engaging = _subprocessing(pairs)
    scope: Any = SimpleNamespace(datamap=SimpleNamespace(engaging=engaging))
    index = Contracting(engaging, frozenset(engaged), within)
    for node in PROCS:
        assert index.of(node) == contracting_processors(scope, node, frozenset(engaged), within)


def _rank_of(seed: list[int]) -> Any:
    """A rank in the shape of erasure's (kind, backup, id), distinct for every node."""
    return lambda n: (seed[int(n[1:])] % 3, seed[int(n[1:])] % 2, n)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(NODES), st.sampled_from(NODES)), max_size=30),
    st.lists(st.integers(0, 5), min_size=len(NODES), max_size=len(NODES)),
    st.permutations(NODES),
)
def test_upstream_first_is_networkx_order(pairs: list[tuple[str, str]], seed: list[int], nodes: list[str]) -> None:
    import networkx as nx

    from policycheck.support.erasure import upstream_first

    rank = _rank_of(seed)
    edges = [(u, v) for u, v in pairs if u != v]
    g = nx.DiGraph()
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)
    cond = nx.condensation(g)
    members = {c: sorted(cond.nodes[c]["members"], key=rank) for c in cond.nodes}
    order: list[str] = []
    cycles: list[tuple[str, ...]] = []
    for c in nx.lexicographical_topological_sort(cond, key=lambda c: rank(members[c][0])):
        order.extend(members[c])
        if len(members[c]) > 1:
            cycles.append(tuple(members[c]))
    assert upstream_first(list(nodes), edges, rank) == (order, cycles)


@settings(max_examples=200, deadline=None)
@given(st.lists(edge, max_size=30), st.sets(st.sampled_from(NODES)), st.sets(st.sampled_from(CATS)))
def test_personal_order_edges_are_the_graphs(
    edges: list[tuple[str, str, str, frozenset[str]]], nodes: set[str], categories: set[str]
) -> None:
    from policycheck.support.scope import personal_order_edges

    links = _links(edges)
    holdings = {n: {c: (n,) for c in CATS if (int(n[1:]) + CATS.index(c)) % 3} for n in NODES}
    scope: Any = SimpleNamespace(graph=links, holdings=holdings)
    expected = {
        (u, v)
        for u, v, d in links.to_networkx().edges(data=True)
        if u in nodes and v in nodes and u != v and set(facts.carried(d, holdings.get(u, {}))) & categories
    }
    found = personal_order_edges(scope, nodes, categories)
    assert len(found) == len(set(found))
    assert set(found) == expected
