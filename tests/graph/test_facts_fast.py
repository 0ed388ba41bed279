"""The shared facts' faster computations give exactly what the plain ones give.

- ``Links.walk_order`` orders a node's out-edges by target, then by the flow's index as text
  (so flow 10 before flow 2), as sorting every out-edge by that pair does.
- ``facts.holdings`` walks each (source, target) pair once for what arrives: the same paths
  (and the same order of each node's categories), stored, received, sent and forwarded parts
  as the plain computation below (the one it replaced).
- ``holds_personal_data`` counts (what a system forwards is among its holdings): the same as
  asking :meth:`Holdings.kept` for the system's holdings.
- The DPIA screening's combining criterion shares a sender's evidence between purposes: the
  same criteria, evidence and verdicts (the plain combining is held in
  ``tests/rules/test_rule_fast_paths.py``).

On random organizations (hypothesis: random stores, flows, anonymized flows, channels,
hosting and sub-processing, cycles and self-loops), org_example and every fixture
organization that loads.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import deque
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policycheck.errors import InvalidInput
from policycheck.graph import DataMap, dpia, facts
from policycheck.graph.build import FLOW, Links, build_links
from policycheck.load.repo import load_repo
from policycheck.rules import facts as rule_facts
from tests.plain import plain_combining

ROOT = Path(__file__).resolve().parents[2]
ORGS = [ROOT / "org_example", *sorted(p for p in (ROOT / "tests" / "fixtures" / "orgs").iterdir() if p.is_dir())]
AS_OF = dt.date(2026, 11, 28)
CATEGORIES = ["a", "b", "c", "d", "e"]
PURPOSES = ["p1", "p2", "p3", None]


def _random_repo(seed: int) -> Any:
    """A repo as the facts read it (systems, processors, recipients, categories), drawn at random."""
    rng = random.Random(seed)
    systems = [f"s{i}" for i in range(rng.randint(1, 14))]
    processors = [f"q{i}" for i in range(rng.randint(0, 5))]
    recipients = [f"r{i}" for i in range(rng.randint(0, 3))]
    targets = systems + processors + recipients

    def cats() -> tuple[str, ...]:
        return tuple(rng.sample(CATEGORIES, rng.randint(0, 3)))

    def system(sid: str) -> SimpleNamespace:
        stores = [SimpleNamespace(categories=cats(), purpose=rng.choice(PURPOSES)) for _ in range(rng.randint(0, 3))]
        flows = [
            SimpleNamespace(
                to=rng.choice(targets),
                categories=cats(),
                purpose=rng.choice(PURPOSES),
                transform=rng.choice(["none", "none", "pseudonymized", "anonymized"]),
                encrypted=None,
            )
            for _ in range(rng.randint(0, 12))  # more than ten: flow 10 sorts before flow 2
        ]
        processor = rng.choice(processors) if processors and rng.random() < 0.5 else None
        return SimpleNamespace(
            id=sid, name=sid, stores=stores, flows=flows, processor=processor, channel=rng.random() < 0.2
        )

    return SimpleNamespace(
        systems={sid: system(sid) for sid in systems},
        processors={
            pid: SimpleNamespace(id=pid, name=pid, subprocessors=tuple(rng.sample(processors, most)))
            for pid in processors
            if (most := rng.randint(0, min(2, len(processors)))) >= 0
        },
        recipients={rid: SimpleNamespace(id=rid, name=rid) for rid in recipients},
        categories={c: SimpleNamespace(id=c) for c in CATEGORIES[:4]},  # "e" is not declared
    )


def _fixture_repos() -> list[Any]:
    repos = []
    for org in ORGS:
        try:
            repos.append(load_repo(org, use_cache=False))
        except InvalidInput:
            continue  # a fixture of invalid input
    assert len(repos) >= 20
    return repos


# --- the plain computations (as they were before) ---------------------------------------------------


def _plain_walk_order(g: Links, node: str) -> list[Any]:
    return sorted(g.out_edges(node, data=True), key=lambda e: (e[1], str(e[2].get("index", -1))))


def _plain_propagate(
    g: Links,
    held: dict[str, dict[str, tuple[str, ...]]],
    seeds: Iterable[str],
    adjacency: facts._Adjacency | None = None,
    fresh: Mapping[str, Iterable[str]] | None = None,
) -> dict[str, dict[str, tuple[str, ...]]]:
    """facts.propagate as it was before: a new path tuple for every category carried on."""
    edges_of: facts._Adjacency = adjacency if adjacency is not None else {}
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
                    path = (*came, dst)
                    if len(old) == length and path >= old:
                        continue  # as short, and not smaller
                else:
                    path = (*came, dst)
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


def _plain_holdings(repo: Any, g: Links, anon: facts.Anonymized) -> facts.Holdings:
    """holdings as it was written before: every edge through ``carried``, stores through ``personal_stores``."""
    paths: dict[str, dict[str, tuple[str, ...]]] = {n: {} for n in g.nodes}
    stored: dict[str, frozenset[str]] = {}
    for sid in sorted(repo.systems):
        mine = {c for _, cats in facts.personal_stores(repo, anon, sid) for c in cats}
        stored[sid] = frozenset(mine)
        for c in sorted(mine):
            paths[sid].setdefault(c, (sid,))
    adjacency: facts._Adjacency = {}
    _plain_propagate(g, paths, sorted(repo.systems), adjacency)
    sent: dict[str, frozenset[str]] = {}
    forwarded: dict[str, tuple[str, ...]] = {}
    for sid in sorted(repo.systems):
        out = [c for f in repo.systems[sid].flows if f.transform != "anonymized" for c in f.categories]
        sent[sid] = frozenset(out)
        passed = [c for c in dict.fromkeys(out) if c not in paths[sid]]
        for c in passed:
            paths[sid][c] = (sid,)
        if passed:
            forwarded[sid] = tuple(sorted(passed))
    _plain_propagate(g, paths, sorted(forwarded), adjacency, fresh=forwarded)
    received: dict[str, set[str]] = {}
    for u, v, d in g.edges(data=True):
        cats = [c for c in facts.carried(d, paths[u]) if c in paths[v]]
        if cats:
            received.setdefault(v, set()).update(cats)
    return facts.Holdings(paths, stored, {n: frozenset(c) for n, c in received.items()}, sent, forwarded)


# --- the comparisons --------------------------------------------------------------------------------


def _same_walk_order(g: Links) -> None:
    for node in g.nodes:
        assert g.walk_order(node) == _plain_walk_order(g, node)


def _same_holdings(repo: Any) -> None:
    g = build_links(repo)
    anon = facts.anonymized(repo)
    fast = facts.holdings(repo, g, anon)
    plain = _plain_holdings(repo, g, anon)
    assert fast == plain
    # the order of every node's categories, and of the nodes that receive something, too
    assert [list(v.items()) for v in fast.paths.values()] == [list(v.items()) for v in plain.paths.values()]
    assert list(fast.received) == list(plain.received)
    assert list(fast.stored) == list(plain.stored) and list(fast.sent) == list(plain.sent)
    assert list(fast.forwarded.items()) == list(plain.forwarded.items())
    # one frozenset per distinct set of categories (stored, sent and received share them)
    sets = [*fast.stored.values(), *fast.sent.values(), *fast.received.values()]
    assert len({id(s) for s in sets}) == len(set(sets))
    # holds_personal_data by counting: what Holdings.kept says of the system's holdings
    dmap = SimpleNamespace(held=fast, holdings=fast.paths)
    ctx: Any = SimpleNamespace(dmap=dmap)
    for sid, s in repo.systems.items():
        assert rule_facts._holds(s, ctx) == bool(fast.kept(sid, fast.paths.get(sid, {})))


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_random_organizations_keep_the_plain_facts(seed: int) -> None:
    repo = _random_repo(seed)
    _same_walk_order(build_links(repo))
    _same_holdings(repo)


def test_walk_order_sorts_one_targets_flows_by_their_index_as_text() -> None:
    g = Links()
    g.add_node("s")
    for i in (2, 10, 1):
        g.add_edge("s", "t", f"flow-{i}", kind=FLOW, index=i, categories=())
    g.add_edge("s", "a", "hosting", kind="hosting")
    assert [(v, d.get("index")) for _, v, d in g.walk_order("s")] == [("a", None), ("t", 1), ("t", 10), ("t", 2)]
    _same_walk_order(g)


@pytest.mark.parametrize("repo", _fixture_repos(), ids=lambda r: Path(r.root).name)
def test_every_fixture_organization_keeps_the_plain_facts(repo: Any) -> None:
    _same_walk_order(build_links(repo))
    _same_holdings(repo)


def _screening_values(screening: dict[str, dpia.Screening]) -> list[Any]:
    return [
        (pid, s.verdict, s.art35_3, [(c.code, c.inferred, c.declared, c.evidence) for c in s.criteria])
        for pid, s in screening.items()
    ]


def test_the_screening_shares_a_senders_evidence_and_changes_none(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every purpose's screening (criteria, evidence in order, verdict) is the one the plain combining
    gives, and a sender's evidence for purposes outside its own is made once."""
    met = 0
    for repo in _fixture_repos():
        for settings_ in (dpia.Settings(), dpia.Settings(large_scale_subjects=1, min_criteria=1)):
            fast = dpia.screening(repo, DataMap(repo, AS_OF), settings_)
            with monkeypatch.context() as patch:
                patch.setattr(dpia, "combining", plain_combining)
                plain = dpia.screening(repo, DataMap(repo, AS_OF), settings_)
            assert _screening_values(fast) == _screening_values(plain)
            met += sum(c.code == "combining" for s in fast.values() for c in s.criteria)
    assert met > 0
    index = dpia.combining_index(*_combining_org())
    sender = index["t"][1][0]
    assert sender.evidence is sender.evidence == dpia.Evidence("flow", "x -> t", ("p1", "p2"))


def _combining_org() -> tuple[Any, dict[str, list[tuple[str, int]]]]:
    flow = SimpleNamespace(to="t", categories=("a",), transform="none")
    x = SimpleNamespace(stores=[SimpleNamespace(purpose="p2"), SimpleNamespace(purpose="p1")], flows=[flow])
    t = SimpleNamespace(stores=[], flows=[])
    return SimpleNamespace(systems={"x": x, "t": t}), {"t": [("x", 0)]}
