"""The engine's fast paths give what the plain computations give.

- Facts are memoized per subject while the engine evaluates a rule (``Context.memo``): the
  findings, their messages in every language and their evidence are the same without it.
- ``graph.facts.propagate`` walks pre-sorted edges and compares paths without building them:
  it keeps the same shortest path per category as the plain walk below.
- The DPIA screening's combining criterion reads a purpose-independent index: the same
  evidence as the plain computation below.

Each on org_example, every fixture organization that loads, and small generated
organizations of both generators (dense cyclic flows, many findings).
"""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from policycheck.errors import InvalidInput
from policycheck.graph import DataMap, facts
from policycheck.graph.build import FLOW, Links
from policycheck.graph.dpia import combining, combining_index
from policycheck.load.repo import load_repo
from policycheck.model import Repo
from policycheck.rules import engine, language
from policycheck.rules.kinds import Context
from policycheck.rules.pack import load_pack
from tests.plain import plain_combining

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = [ROOT / "org_example", *sorted(p for p in (ROOT / "tests" / "fixtures" / "orgs").iterdir() if p.is_dir())]
AS_OF = dt.date(2026, 11, 28)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    base = tmp_path_factory.mktemp("generated")
    out = []
    for script, systems in (("generate_messy_org.py", "120"), ("generate_org.py", "80")):
        org = base / script.removesuffix(".py")
        cmd = [sys.executable, str(ROOT / "benchmarks" / script), str(org), "--systems", systems]
        subprocess.run(cmd, check=True, capture_output=True)
        out.append(org)
    return out


def _repos(generated: list[Path]) -> list[tuple[str, Repo]]:
    repos = []
    for org in [*FIXTURES, *generated]:
        try:
            repos.append((org.name, load_repo(org, use_cache=False)))
        except InvalidInput:
            continue  # a fixture of invalid input
    assert len(repos) >= 20
    return repos


class _NoMemo(Context):
    """A context that keeps no facts: every fact is computed each time it is asked."""

    def __init__(self, *args: Any, memo: dict[Any, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


def _findings(repo: Repo, root: Path) -> list[tuple[Any, ...]]:
    out = []
    for lang in ("en", "sv"):  # the message's language first, then evidence in English
        result = engine.run(repo, load_pack(root), AS_OF, lang)
        out += [
            (f.rule, f.subject, f.file, f.line, f.fingerprint, f.message, f.evidence, f.message_in("en"))
            for f in result.findings
        ]
    return out


def _compared(
    generated: list[Path],
    monkeypatch: pytest.MonkeyPatch,
    where: object,
    name: str,
    plain_value: object,
    fields: Callable[[Repo, Path], list[Any]],
) -> int:
    """Assert that every organization's findings (their ``fields``) are the same with ``where.name``
    set to ``plain_value`` (the plain computation) as without; how many findings were compared."""
    compared = 0
    for org in [*FIXTURES, *generated]:
        try:
            repo = load_repo(org, use_cache=False)
            load_pack(org)
        except InvalidInput:
            continue
        fast = fields(repo, org)
        with monkeypatch.context() as patch:
            patch.setattr(where, name, plain_value)
            plain = fields(load_repo(org, use_cache=False), org)
        assert fast == plain, org.name
        compared += len(fast)
    return compared


def test_memoized_facts_change_no_finding(generated: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    # the generated organizations have many findings
    assert _compared(generated, monkeypatch, engine, "Context", _NoMemo, _findings) > 500


def _plain_propagate(g: Links, held: dict[str, dict[str, tuple[str, ...]]], seeds: list[str]) -> None:
    """The walk as it was written first: every edge sorted on every visit, every path built."""
    queue: deque[str] = deque(seeds)
    queued = set(queue)
    while queue:
        node = queue.popleft()
        queued.discard(node)
        src = held[node]
        for _, dst, data in sorted(g.out_edges(node, data=True), key=lambda e: (e[1], str(e[2].get("index", -1)))):
            changed = False
            cats = [str(c) for c in data["categories"]] if data["kind"] == FLOW else list(src)
            for cat in cats:
                path = (*src.get(cat, (node,)), dst)
                if dst in path[:-1]:
                    continue
                old = held[dst].get(cat)
                if old is None or (len(path), path) < (len(old), old):
                    held[dst][cat] = path
                    changed = True
            if changed and dst not in queued:
                queue.append(dst)
                queued.add(dst)


def _random_links(rng: random.Random) -> tuple[Links, dict[str, dict[str, tuple[str, ...]]]]:
    links = Links()
    nodes = [f"n{i}" for i in range(rng.randint(2, 25))]
    for n in nodes:
        links.add_node(n)
    for i in range(rng.randint(0, 60)):
        u, v = rng.choice(nodes), rng.choice(nodes)
        if rng.random() < 0.7:
            cats = rng.sample(["a", "b", "c", "d"], rng.randint(0, 3))
            links.add_edge(u, v, f"flow:{i}", kind=FLOW, categories=cats, index=i)
        else:
            links.add_edge(u, v, f"hosting:{i}", kind="hosting")
    held: dict[str, dict[str, tuple[str, ...]]] = {n: {} for n in nodes}
    for n in rng.sample(nodes, rng.randint(1, len(nodes))):
        for c in rng.sample(["a", "b", "c", "d", "e"], rng.randint(0, 3)):
            held[n][c] = (n,)
    return links, held


@pytest.mark.parametrize("seed", range(60))
def test_propagate_keeps_the_plain_walks_paths(seed: int) -> None:
    rng = random.Random(seed)
    links, held = _random_links(rng)
    seeds = sorted(n for n in held if held[n])
    plain = {n: dict(v) for n, v in held.items()}
    _plain_propagate(links, plain, seeds)
    fast = {n: dict(v) for n, v in held.items()}
    adjacency: facts._Adjacency = {}
    facts.propagate(links, fast, seeds, adjacency)
    assert fast == plain
    assert [list(v) for v in fast.values()] == [list(v) for v in plain.values()]  # the same order too
    # a second walk over the same graph reuses the sorted edges
    more = sorted(rng.sample(list(held), 2))
    for n in more:
        plain[n].setdefault("z", (n,))
        fast[n].setdefault("z", (n,))
    _plain_propagate(links, plain, more)
    facts.propagate(links, fast, more, adjacency)
    assert fast == plain


@pytest.mark.parametrize("seed", range(60))
def test_propagate_of_fresh_categories_only_keeps_the_plain_walks_paths(seed: int) -> None:
    """As holdings walks twice: every node first, then only what some nodes gained since."""
    rng = random.Random(seed)
    links, held = _random_links(rng)
    everyone = list(held)
    plain = {n: dict(v) for n, v in held.items()}
    fast = {n: dict(v) for n, v in held.items()}
    _plain_propagate(links, plain, everyone)
    facts.propagate(links, fast, everyone)
    assert fast == plain
    fresh: dict[str, list[str]] = {}
    for n in sorted(rng.sample(everyone, rng.randint(1, len(everyone)))):
        for c in rng.sample(["a", "b", "e", "y", "z"], 2):
            if c not in plain[n]:
                plain[n][c] = fast[n][c] = (n,)
                fresh.setdefault(n, []).append(c)
    _plain_propagate(links, plain, sorted(fresh))
    facts.propagate(links, fast, sorted(fresh), fresh=fresh)
    assert fast == plain
    assert [list(v) for v in fast.values()] == [list(v) for v in plain.values()]  # the same order too


def test_holdings_keep_the_plain_walks_paths(generated: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    for _, repo in _repos(generated):
        fast = facts.holdings(repo, DataMap(repo, AS_OF).links, facts.anonymized(repo))
        with monkeypatch.context() as patch:
            patch.setattr(facts, "propagate", lambda g, held, seeds, *_, **__: _plain_propagate(g, held, seeds))
            plain = facts.holdings(repo, DataMap(repo, AS_OF).links, facts.anonymized(repo))
        assert fast == plain
        assert [list(v) for v in fast.paths.values()] == [list(v) for v in plain.paths.values()]


def test_combining_index_gives_the_plain_evidence(generated: list[Path]) -> None:
    from policycheck.graph.dpia import systems_by_purpose

    met = 0
    for _, repo in _repos(generated):
        dmap = DataMap(repo, AS_OF)
        index = combining_index(repo, dmap.inflows)
        for pid, systems in systems_by_purpose(repo).items():
            fast = combining(repo, pid, systems, dmap.inflows, index)
            assert fast == plain_combining(repo, pid, systems, dmap.inflows)
            assert combining(repo, pid, systems, dmap.inflows) == fast
            met += bool(fast)
    assert met > 0


def _every_field(repo: Repo, root: Path) -> list[tuple[Any, ...]]:
    """Every finding of the pack with every field, the message in both languages, for each
    language asked (as `check` asks: ``langs``) and rendered later (as the reports do)."""
    out: list[tuple[Any, ...]] = []
    for lang in ("en", "sv"):
        for langs in (("en", "sv"), None):
            result = engine.run(repo, load_pack(root), AS_OF, lang, langs=langs)
            out += [
                (
                    f.rule, f.severity, f.subject, f.file, f.line, f.column, f.message, f.articles,
                    f.fingerprint, f.title, f.area, f.evidence, f.lang,
                    f.message_in("en"), f.message_in("sv"), f.render is None, langs,
                )
                for f in (*result.findings, *(w.finding for w in result.waived))
            ]  # fmt: skip
    return out


def test_compiled_shortcuts_change_no_finding(generated: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """Conditions that skip evidence nothing binds, messages rendered as one sequence and names
    kept per data map (``language.FAST_PATHS``), and the engine's one context per rule: the same
    findings as the plain closures, field by field, in both languages."""
    assert language.FAST_PATHS
    rules = load_pack(ROOT)
    assert any(getattr(r, "__name__", "") == "render_flat" for rule in rules for r in rule.messages.values())
    with monkeypatch.context() as patch:
        patch.setattr(language, "FAST_PATHS", False)
        plain_rules = load_pack(ROOT)
    assert not any(getattr(r, "__name__", "") == "render_flat" for rule in plain_rules for r in rule.messages.values())
    # the generated organizations have many findings
    assert _compared(generated, monkeypatch, language, "FAST_PATHS", False, _every_field) > 2000


def test_show_of_text_that_starts_with_a_p_is_the_plain_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """``show`` gives text that starts with a P and is no duration as it is without trying to parse
    it (``language._no_duration``): the same text as the plain path, which parses and falls back,
    for durations, near-durations, names and random text, alone and in tuples, in both languages."""
    rng = random.Random(7)
    alphabet = "P1234567890YMWDT xaé"
    texts = ["P", "PT", "P1Y", "P1Y6M", "P2W", "P30D", "P0D", "P1Y6MX", "P99999Y", "P" + "1" * 30 + "D",
             "Payments", "Phone number", "Personal data", "P1y", " P1Y", "P1Y "]  # fmt: skip
    texts += ["P" + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8))) for _ in range(3000)]
    values: list[Any] = [*texts, tuple(texts[:40]), tuple(texts[-40:])]
    fast = [language.show(v, lang) for v in values for lang in ("en", "sv")]
    with monkeypatch.context() as patch:
        patch.setattr(language, "FAST_PATHS", False)
        plain = [language.show(v, lang) for v in values for lang in ("en", "sv")]
    assert fast == plain
    assert language.show("P1Y6M", "en") == "1 year 6 months" and language.show("Payments", "en") == "Payments"
