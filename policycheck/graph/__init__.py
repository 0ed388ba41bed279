"""The data map: where personal data lives and goes, as a networkx graph.

Nodes are systems, processors and recipients (one id namespace). Edges:

- ``flow``: a system sends personal data to a system, processor or recipient;
- ``hosting``: a system -> the processor that runs it;
- ``subprocessing``: a processor -> its sub-processor.

Anonymized flows are edges too (the map shows them) but carry no personal data.
Derived facts are small pure functions in :mod:`policycheck.graph.facts`,
computed once per check and cached on :class:`DataMap`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import networkx as nx

if TYPE_CHECKING:
    import datetime as dt

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


@dataclass
class DataMap:
    """The graph of one repo plus its derived facts, each computed once on first use."""

    repo: Repo
    as_of: dt.date
    graph: nx.MultiDiGraph = field(init=False)
    _screenings: dict[Any, Any] = field(init=False, default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.graph = build_graph(self.repo)

    # each fact is a pure function of (repo, graph); see facts.py for the definitions

    @cached_property
    def holdings(self) -> dict[str, dict[str, tuple[str, ...]]]:
        from policycheck.graph import facts

        return facts.holdings(self.repo, self.graph)

    @cached_property
    def purposes_at(self) -> dict[str, frozenset[str]]:
        from policycheck.graph import facts

        return facts.purposes_at(self.repo, self.graph)

    @cached_property
    def countries(self) -> dict[str, tuple[str, ...]]:
        from policycheck.graph import facts

        return facts.countries(self.repo)

    @cached_property
    def transfers(self) -> dict[str, list[facts_Transfer]]:
        from policycheck.graph import facts

        return facts.transfers(self.repo, self.graph, self.holdings, self.countries, self.as_of)

    @cached_property
    def engaged_processors(self) -> frozenset[str]:
        from policycheck.graph import facts

        return facts.engaged_processors(self.repo, self.graph)

    @cached_property
    def referenced_processors(self) -> frozenset[str]:
        from policycheck.graph import facts

        return facts.referenced_processors(self.repo)

    @cached_property
    def inflows(self) -> dict[str, list[tuple[str, int]]]:
        """Incoming flows by target: (sending system id, index in its `flows`)."""
        out: dict[str, list[tuple[str, int]]] = {}
        for sid in sorted(self.repo.systems):
            for i, f in enumerate(self.repo.systems[sid].flows):
                out.setdefault(f.to, []).append((sid, i))
        return out

    @cached_property
    def categories_by_purpose(self) -> dict[str, frozenset[str]]:
        from policycheck.graph import facts

        return facts.categories_by_purpose(self.repo)

    @cached_property
    def stored_categories(self) -> frozenset[str]:
        from policycheck.graph import facts

        return facts.stored_categories(self.repo)

    @cached_property
    def personal_graph(self) -> nx.DiGraph:
        from policycheck.graph import facts

        return facts.personal_graph(self.graph)

    def dpia_screening(self, settings: dpia_Settings) -> dict[str, dpia_Screening]:
        """Every purpose's DPIA screening (WP248 criteria, verdict) under ``settings``; see dpia.py."""
        if settings not in self._screenings:
            from policycheck.graph import dpia

            self._screenings[settings] = dpia.screening(self.repo, self, settings)
        result: dict[str, dpia_Screening] = self._screenings[settings]
        return result

    def path_to(self, node: str) -> tuple[str, ...]:
        """A shortest path by which personal data reaches ``node`` (from a system storing it)."""
        from policycheck.graph import facts

        return facts.shortest_path(node, self.holdings.get(node) or {})

    def upstream(self, node: str) -> set[str]:
        """Every node from which personal data can reach ``node``."""
        return set(nx.ancestors(self.personal_graph, node))

    def downstream(self, node: str) -> set[str]:
        """Every node that personal data from ``node`` can reach."""
        return set(nx.descendants(self.personal_graph, node))


if TYPE_CHECKING:
    from policycheck.graph.dpia import Screening as dpia_Screening
    from policycheck.graph.dpia import Settings as dpia_Settings
    from policycheck.graph.facts import Transfer as facts_Transfer
else:
    facts_Transfer = Any
    dpia_Screening = Any
    dpia_Settings = Any
