"""Scenario repos of the support tests (tests/support/), and loaders for them."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import networkx as nx

from policycheck.load.repo import load_repo
from policycheck.model import Repo
from policycheck.support.scope import build_scope, held

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "support"
ORG_EXAMPLE = ROOT / "org_example"
AS_OF = dt.date(2026, 11, 28)
AWARE = dt.datetime(2026, 11, 28, 9, 0)


def fixture(name: str) -> Path:
    return ORG_EXAMPLE if name == "org_example" else FIXTURES / name


def repo(name: str) -> Repo:
    return load_repo(fixture(name))


def copy_fixture(name: str, dest: Path, replace: dict[str, tuple[str, str]] | None = None) -> Path:
    """A copy of fixture ``name`` under ``dest``, with ``{file: (old, new)}`` text replacements."""
    target = dest / name
    shutil.copytree(fixture(name), target)
    for rel, (old, new) in (replace or {}).items():
        path = target / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new), encoding="utf-8")
    return target


def subject_edges(r: Repo, subject: str) -> list[tuple[str, str]]:
    """Edges (flow with the subject's data, hosting, sub-processing) between nodes holding it."""
    scope = build_scope(r, AS_OF)
    where = held(scope, subject)
    cats = {c for cs in where.values() for c in cs}
    out = []
    for u, v, d in scope.graph.edges(data=True):
        if u in where and v in where and u != v:
            carried = set(d["categories"]) if d["kind"] == "flow" else set(scope.holdings[u])
            if carried & cats:
                out.append((u, v))
    return out


def same_loop(edges: list[tuple[str, str]], u: str, v: str) -> bool:
    g = nx.DiGraph(edges)
    return bool(g.has_node(u) and g.has_node(v) and nx.has_path(g, u, v) and nx.has_path(g, v, u))
