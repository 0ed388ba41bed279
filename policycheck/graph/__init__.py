"""The data map: where personal data lives and goes, as a graph.

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

if TYPE_CHECKING:
    import datetime as dt

    import networkx as nx

    from policycheck.model import Repo

from policycheck.graph import facts
from policycheck.graph.build import FLOW, HOSTING, SUBPROCESSING, Links, build_graph, build_links
from policycheck.graph.facts import Holdings, Transfer

__all__ = [
    "FLOW",
    "HOSTING",
    "SUBPROCESSING",
    "DataMap",
    "Holdings",
    "Links",
    "Transfer",
    "Withheld",
    "build_graph",
    "facts",
]


@dataclass
class DataMap:
    """The graph of one repo plus its derived facts, each computed once on first use."""

    repo: Repo
    as_of: dt.date
    #: the graph, without networkx (what the facts and the rules read)
    links: Links = field(init=False, repr=False)
    _screenings: dict[Any, Any] = field(init=False, default_factory=dict, repr=False)
    #: values the rules derive from this map that are costly and asked again (by several rules,
    #: or by a finding's message and its evidence), keyed by who stores them; never shared with
    #: another map (a localized repo's names differ)
    memo: dict[Any, Any] = field(init=False, default_factory=dict, repr=False)
    #: facts this map may not compute (:meth:`withhold`): asking one raises :class:`Withheld`
    _withheld: frozenset[str] = field(init=False, default=frozenset(), repr=False)

    def __post_init__(self) -> None:
        self.links = build_links(self.repo)

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The graph as a networkx MultiDiGraph, built on first use (networkx is imported only then)."""
        return self.links.to_networkx()

    @classmethod
    def of(cls, repo: Repo, as_of: dt.date, *, keep: bool = True) -> DataMap:
        """The data map of ``repo`` as of ``as_of``: the one built last if it is of this very repo
        object and day (a repo is frozen, so its graph and facts are the same), else a new one.

        A command that runs the rules and then renders from the map (``report``) builds the
        graph and its facts once, not twice. ``keep=False``: a new map is not kept as the one
        built last (a support answer's: the map the rules built stays, and a command that
        checks nothing does not hold its map until it ends)."""
        last = _last[0]
        if last is not None and last.repo is repo and last.as_of == as_of:
            return last
        dmap = cls(repo, as_of)
        if last is not None and last.as_of == as_of and repo.declared is not None and repo.declared is last.repo:
            # the same declarations with the names in one language (Repo.localized, what the
            # outputs read): ids, flows and stores are the same, so are the facts made of them
            for name in NAME_FREE:
                if name in last.__dict__:
                    dmap.__dict__[name] = last.__dict__[name]
        if keep:
            _last[0] = dmap
        return dmap

    @staticmethod
    def forget() -> None:
        """Let the map built last go (``check``, once the rules ran, needs it no more)."""
        _last[0] = None

    # each fact is a pure function of (repo, graph); see facts.py for the definitions

    @cached_property
    def anonymized(self) -> facts.Anonymized:
        return facts.anonymized(self.repo)

    def drop_facts(self) -> None:
        """Let go of every fact computed so far, and of the memo; each is computed again if asked.

        ``check``'s parent process calls it once it has evaluated its share of the rules and before
        it takes the workers' findings (:func:`policycheck.rules.parallel.evaluate`): the findings
        then take the facts' place in memory instead of adding to them (at 20,000 messy systems the
        facts are about 80 MiB). A rule evaluated afterwards (a failed worker's) computes again what it reads.
        """
        for name in [k for k in self.__dict__ if k not in _KEPT]:
            del self.__dict__[name]
        self.memo.clear()
        self._screenings.clear()

    def withhold(self, *names: str) -> None:
        """Let this map not compute the facts ``names`` (of those that :meth:`withhold` knows: ``held``
        and what is made of it): asking one raises :class:`Withheld`. A forked rules worker's map
        withholds the holdings, which the parent computes meanwhile for the rules that need them."""
        self._withheld = frozenset(names) - self.__dict__.keys()

    @cached_property
    def held(self) -> Holdings:
        """What each node stores, receives, sends and only forwards (:class:`facts.Holdings`)."""
        if "held" in self._withheld:
            raise Withheld("held")
        return facts.holdings(self.repo, self.links, self.anonymized)

    @property
    def holdings(self) -> dict[str, dict[str, tuple[str, ...]]]:
        """Node -> every category it holds (stores, receives or sends) -> a shortest path bringing it there."""
        return self.held.paths

    @cached_property
    def purposes_at(self) -> dict[str, dict[str | None, frozenset[str]]]:
        """Node -> purpose -> the categories it keeps for it (stores and receives; retention reads this)."""
        return facts.purposes_at(self.repo, self.links, None, self.anonymized, components=self._carriers)

    @cached_property
    def processed_for(self) -> dict[str, dict[str | None, frozenset[str]]]:
        """Node -> purpose -> the categories it processes for it: kept, and sent on (the record of
        processing and a DPA's scope read this)."""
        return facts.purposes_at(self.repo, self.links, None, self.anonymized, sending=True, components=self._carriers)

    @cached_property
    def _carriers(self) -> facts.Components:
        """The hosting and sub-processing graph condensed, for :attr:`purposes_at` and :attr:`processed_for`."""
        return facts.carrier_components(self.links)

    @cached_property
    def countries(self) -> dict[str, tuple[str, ...]]:
        return facts.countries(self.repo)

    @cached_property
    def transfers(self) -> dict[str, list[Transfer]]:
        return facts.transfers(self.repo, self.links, self.holdings, self.countries, self.as_of)

    @cached_property
    def engaged_processors(self) -> frozenset[str]:
        return facts.engaged_processors(self.repo, self.held, self.anonymized)

    @cached_property
    def referenced_processors(self) -> frozenset[str]:
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
    def hosted_by(self) -> dict[str, tuple[str, ...]]:
        """Processor -> the systems it runs."""
        return facts.hosted_by(self.repo)

    @cached_property
    def engaging(self) -> dict[str, tuple[str, ...]]:
        """Processor -> the processors that list it as a sub-processor."""
        return facts.engaging(self.repo)

    @cached_property
    def subprocessor_reach(self) -> facts.SubprocessorReach:
        """Every processor's sub-processors below it, transitively (built once)."""
        return facts.SubprocessorReach(self.repo)

    @cached_property
    def responsible(self) -> dict[str, tuple[str, ...]]:
        """Node -> the systems through which we answer for it (:func:`facts.responsible_systems`)."""
        return facts.responsible_systems(self.repo, self.links, self.engaging)

    @cached_property
    def categories_by_purpose(self) -> dict[str, frozenset[str]]:
        return facts.categories_by_purpose(self.repo)

    @cached_property
    def stored_categories(self) -> frozenset[str]:
        return facts.stored_categories(self.repo)

    @cached_property
    def personal_graph(self) -> nx.DiGraph:
        return facts.personal_graph(self.links)

    def subject_scope(self, subject: str | None) -> dict[str, tuple[str, ...]]:
        """Node -> the categories about ``subject`` it holds (see :func:`facts.subject_scope`)."""
        return facts.subject_scope(self.repo, self.held, subject)

    def dpia_screening(self, settings: dpia_Settings) -> dict[str, dpia_Screening]:
        """Every purpose's DPIA screening (WP248 criteria, verdict) under ``settings``; see dpia.py."""
        if settings not in self._screenings:
            from policycheck.graph import dpia

            self._screenings[settings] = dpia.screening(self.repo, self, settings)
        result: dict[str, dpia_Screening] = self._screenings[settings]
        return result

    def path_to(self, node: str) -> tuple[str, ...]:
        """A shortest path by which personal data reaches ``node`` (from a system storing it)."""
        return facts.shortest_path(node, self.holdings.get(node) or {})

    def upstream(self, node: str) -> set[str]:
        """Every node from which personal data can reach ``node``."""
        import networkx as nx

        return set(nx.ancestors(self.personal_graph, node))

    def downstream(self, node: str) -> set[str]:
        """Every node that personal data from ``node`` can reach."""
        import networkx as nx

        return set(nx.descendants(self.personal_graph, node))



class Withheld(BaseException):
    """A fact this data map withholds (:meth:`DataMap.withhold`) was asked for. A BaseException, so
    that no ``except Exception`` on the way takes it for a failure of the rule."""


#: the facts that read ids, flows, stores, hosting and places only, never a name: a localized
#: repo's data map shares them with the declared repo's (DataMap.of)
NAME_FREE = (
    "anonymized",
    "held",
    "purposes_at",
    "processed_for",
    "countries",
    "transfers",
    "engaged_processors",
    "referenced_processors",
    "inflows",
    "hosted_by",
    "engaging",
    "responsible",
    "categories_by_purpose",
    "stored_categories",
)

# the data map built last by DataMap.of (one slot: a later repo replaces it)
_last: list[DataMap | None] = [None]
#: what :meth:`DataMap.drop_facts` keeps: the map's fields (the graph it reads is :attr:`DataMap.links`)
_KEPT = frozenset(("repo", "as_of", "links", "_screenings", "memo", "_withheld"))


if TYPE_CHECKING:
    from policycheck.graph.dpia import Screening as dpia_Screening
    from policycheck.graph.dpia import Settings as dpia_Settings
else:
    dpia_Screening = Any
    dpia_Settings = Any
