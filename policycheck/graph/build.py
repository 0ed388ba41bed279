"""The data map's graph: nodes and edges only (derived facts are in :mod:`policycheck.graph.facts`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

if TYPE_CHECKING:
    from policycheck.model import Repo

FLOW = "flow"
HOSTING = "hosting"
SUBPROCESSING = "subprocessing"


def build_graph(repo: Repo) -> nx.MultiDiGraph:
    """The data map of ``repo`` as a MultiDiGraph (one edge per flow, hosting, sub-processing)."""
    g = nx.MultiDiGraph()
    for sid, s in repo.systems.items():
        g.add_node(sid, kind="system", name=s.name)
    for pid, p in repo.processors.items():
        g.add_node(pid, kind="processor", name=p.name)
    for rid, r in repo.recipients.items():
        g.add_node(rid, kind="recipient", name=r.name)
    for sid, s in repo.systems.items():
        if s.processor:
            g.add_edge(sid, s.processor, key="hosting", kind=HOSTING)
        for i, f in enumerate(s.flows):
            personal = () if f.transform == "anonymized" else tuple(f.categories)
            g.add_edge(
                sid,
                f.to,
                key=f"flow-{i}",
                kind=FLOW,
                index=i,
                categories=personal,
                declared=tuple(f.categories),
                transform=f.transform,
                purpose=f.purpose,
                encrypted=f.encrypted,
            )
    for pid, p in repo.processors.items():
        for sub in p.subprocessors:
            g.add_edge(pid, sub, key="subprocessing", kind=SUBPROCESSING)
    return g
