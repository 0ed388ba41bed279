"""The support commands' indexes, held to the plain computation they replace on random graphs:
a wrong index would change a plan or a page without any snapshot noticing on the small
organizations of the other tests."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from policycheck.graph import FLOW, HOSTING, SUBPROCESSING
from policycheck.graph.build import Links
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
    _, members, _ = CategoryReach(Edges(scope))._graph(category)
    g = nx.DiGraph()
    g.add_nodes_from(NODES)
    g.add_edges_from((u, v) for u, v, d in links.edges() if d["kind"] != FLOW or category in d["categories"])
    assert sorted(sorted(m) for m in members) == sorted(sorted(c) for c in nx.strongly_connected_components(g))
