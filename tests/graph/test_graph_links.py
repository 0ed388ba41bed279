"""The data map's own graph (:class:`policycheck.graph.Links`) is networkx's graph without networkx.

`check` builds and reads it without importing networkx; the commands that use networkx's
algorithms get the same graph from :meth:`Links.to_networkx`. These tests hold the two to
the same nodes, edges, attributes and iteration order, and the condensation to networkx's.
"""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from policycheck.errors import InvalidInput
from policycheck.graph import NAME_FREE, DataMap
from policycheck.graph.build import Links, build_links, condensation
from policycheck.load.repo import load_repo

ROOT = Path(__file__).resolve().parents[2]
ORGS = [ROOT / "org_example", *sorted(p for p in (ROOT / "tests" / "fixtures" / "orgs").iterdir() if p.is_dir())]


def _direct(links: Links) -> nx.MultiDiGraph:
    """The graph built straight with networkx by the same calls (what build_graph did before Links)."""
    g = nx.MultiDiGraph()
    for u, v, key, attr in links._calls:
        if v is None:
            g.add_node(u, **attr)
        else:
            g.add_edge(u, v, key=key, **attr)
    return g


def _same(links: Links, g: nx.MultiDiGraph) -> None:
    assert list(links.nodes) == list(g.nodes)
    assert [links.nodes[n] for n in links.nodes] == [g.nodes[n] for n in g.nodes]
    assert list(links.edges(data=True)) == list(g.edges(data=True))
    for n in g.nodes:
        assert list(links.out_edges(n, data=True)) == list(g.out_edges(n, data=True))
        assert list(links.in_edges(n, data=True)) == list(g.in_edges(n, data=True))


@pytest.mark.parametrize("org", ORGS, ids=lambda p: p.name)
def test_links_iterate_like_networkx(org: Path) -> None:
    try:
        repo = load_repo(org, use_cache=False)
    except InvalidInput:
        pytest.skip(f"{org.name} does not load (a fixture of invalid input)")
    links = build_links(repo)
    assert links._calls is None  # replayed from itself
    _same(links, links.to_networkx())
    # the calls' replay (the reference): the same nodes, edges and order, in and out
    recorded = build_links(repo, record=True)
    assert recorded._calls is not None
    _same(links, _direct(recorded))
    _same(recorded, links.to_networkx())


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated organization with dense cyclic flows, several flows to one target and sub-processing rings."""
    org = tmp_path_factory.mktemp("links") / "messy"
    cmd = [sys.executable, str(ROOT / "benchmarks" / "generate_messy_org.py"), str(org), "--systems", "200"]
    subprocess.run(cmd, check=True, capture_output=True)
    return org


def test_links_replay_like_their_calls_on_a_generated_organization(messy: Path) -> None:
    repo = load_repo(messy, use_cache=False)
    links, recorded = build_links(repo), build_links(repo, record=True)
    assert links._calls is None and recorded._calls
    direct = _direct(recorded)
    _same(links, direct)
    g = links.to_networkx()
    assert list(g.nodes(data=True)) == list(direct.nodes(data=True))
    assert list(g.edges(keys=True, data=True)) == list(direct.edges(keys=True, data=True))
    assert all(list(g.pred[n]) == list(direct.pred[n]) for n in g.nodes)
    assert all(list(g.succ[n]) == list(direct.succ[n]) for n in g.nodes)


def test_links_keep_networkx_order_for_repeated_neighbours_and_unknown_nodes() -> None:
    links = Links()
    links.add_node("a", kind="system")
    links.add_edge("a", "c", key="flow-0", kind="flow")
    links.add_edge("a", "b", key="flow-1", kind="flow")
    links.add_edge("a", "c", key="flow-2", kind="flow")
    links.add_edge("z", "a", key="subprocessing", kind="subprocessing")  # a node first seen on an edge
    links.add_edge("z", "a", key="subprocessing", kind="subprocessing", extra=1)  # the same key again
    links.add_node("a", name="A")  # attributes added later
    _same(links, _direct(links))
    assert [v for _, v, _ in links.out_edges("a")] == ["c", "c", "b"]


def _random_graph(rng: random.Random, n: int, m: int) -> tuple[list[str], list[tuple[str, str]]]:
    nodes = [f"n{i}" for i in range(n)]
    edges = [(rng.choice(nodes), rng.choice(nodes)) for _ in range(m)]
    return nodes, edges


@pytest.mark.parametrize("seed", range(40))
def test_condensation_agrees_with_networkx(seed: int) -> None:
    rng = random.Random(seed)
    nodes, edges = _random_graph(rng, rng.randint(1, 30), rng.randint(0, 60))
    components, preds = condensation(nodes, edges)
    g = nx.DiGraph()
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)
    expected = {frozenset(c) for c in nx.strongly_connected_components(g)}
    assert {frozenset(c) for c in components} == expected
    assert sorted(n for c in components for n in c) == sorted(nodes)
    where = {n: i for i, c in enumerate(components) for n in c}
    for u, v in edges:  # topological: an edge never goes back to an earlier component
        assert where[u] <= where[v]
    for c, ps in enumerate(preds):
        want = {where[u] for u, v in edges if where[v] == c and where[u] != c}
        assert sorted(ps) == sorted(want) and len(ps) == len(set(ps))


def test_condensation_of_a_deep_chain_needs_no_recursion() -> None:
    nodes = [f"p{i}" for i in range(5000)]
    edges = [(nodes[i], nodes[i + 1]) for i in range(4999)] + [(nodes[-1], nodes[0])]
    components, _ = condensation(nodes, edges)
    assert len(components) == 1 and components[0] == nodes


def test_check_does_not_import_networkx(tmp_path: Path) -> None:
    org = str(ROOT / "org_example")
    code = (
        "import sys\n"
        "from policycheck.cli import main\n"
        "try:\n"
        f"    main(['check', {org!r}, '--as-of', '2026-11-28', '--no-cache', '--format', 'json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('networkx' in sys.modules, file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.stderr.strip().splitlines()[-1] == "False", out.stderr


@pytest.mark.parametrize("org", ORGS, ids=lambda p: p.name)
def test_a_localized_repo_shares_the_facts_that_hold_no_name(org: Path) -> None:
    """`report` runs the rules on the declared repo and renders a localized one: the data map of
    the localized repo reuses the facts made of ids only, and they are the ones it would compute."""
    try:
        repo = load_repo(org, use_cache=False)
    except InvalidInput:
        pytest.skip(f"{org.name} does not load (a fixture of invalid input)")
    day = dt.date(2026, 11, 28)
    first = DataMap.of(repo, day)
    for name in NAME_FREE:
        getattr(first, name)
    for lang in ("sv", "en"):
        localized = repo.localized(lang)
        shared = DataMap.of(localized, day)
        assert shared is not first and shared.repo is localized
        fresh = DataMap(localized, day)
        for name in NAME_FREE:
            assert shared.__dict__[name] is first.__dict__[name]
            assert getattr(shared, name) == getattr(fresh, name), name
        assert shared.links.nodes == fresh.links.nodes  # the names are the localized ones
        DataMap.of(repo, day)  # back to the declared repo: a new map (one slot)
        first = DataMap.of(repo, day)
        for name in NAME_FREE:
            getattr(first, name)


def test_declared_order_is_per_mapping() -> None:
    """The memoized order of a mapping is never another mapping's (ids are reused after free)."""
    from policycheck.graph.facts import declared_order

    for n in range(40):  # new dicts, most freed at once: an id seen before must not return its old order
        entries = {f"c{n}-{i}": None for i in range(n % 5)}
        assert declared_order(entries) == {k: i for i, k in enumerate(entries)}
    kept = {"b": 1, "a": 2}
    assert declared_order(kept) is declared_order(kept)
