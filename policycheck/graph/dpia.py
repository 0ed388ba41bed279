"""DPIA screening (Art. 35): which of the nine WP248 criteria a purpose meets, and where.

Five criteria are inferred from the declarations and the graph; the rest (and
any the graph cannot see) come from the purpose's ``dpia_criteria``. Each
function is a small pure function of the repo and its graph and returns codes
with evidence (category, system, path, flows), never prose: the rules, the
``dpia`` command and the reports word them.

- ``sensitive`` (4): a special (Art. 9) or criminal (Art. 10) category processed for the purpose;
- ``large-scale`` (5): ``subjects_estimate`` at or above ``large_scale_subjects``;
- ``combining`` (6): a system of the purpose receives personal data from systems that
  hold data for two or more other purposes;
- ``vulnerable`` (7): the purpose's ``subjects`` include one of ``vulnerable_subjects``;
- ``innovative`` (8): a system or processor on the purpose's path declares ``innovative: true``.

WP248 rev.01: "in most cases" two criteria make a DPIA required. Art. 35(3)(a)
(evaluation with automated decisions) and (b) (large-scale special categories)
name processing that always needs one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from policycheck.model import DPIA_CRITERIA

if TYPE_CHECKING:
    from policycheck.model import Purpose, Repo


class DataMap(Protocol):
    """What the screening reads of :class:`policycheck.graph.DataMap` (named here, not imported:
    the data map caches the screening, so importing it back would be a cycle)."""

    @property
    def links(self) -> Any: ...
    @property
    def categories_by_purpose(self) -> dict[str, frozenset[str]]: ...
    @property
    def inflows(self) -> dict[str, list[tuple[str, int]]]: ...

#: the criteria the graph can show; the others only a person can declare
INFERABLE: tuple[str, ...] = ("sensitive", "large-scale", "combining", "vulnerable", "innovative")

#: WP248's number of each criterion (1-9)
NUMBER: dict[str, int] = {code: i + 1 for i, code in enumerate(DPIA_CRITERIA)}

#: pack defaults (the rule `dpia-likely-without-assessment` holds the settings an organization may change)
DEFAULT_LARGE_SCALE = 10_000
DEFAULT_VULNERABLE: tuple[str, ...] = ("child", "employee", "patient", "student", "elderly")
DEFAULT_MIN_CRITERIA = 2


@dataclass(frozen=True)
class Settings:
    large_scale_subjects: int = DEFAULT_LARGE_SCALE
    vulnerable_subjects: tuple[str, ...] = DEFAULT_VULNERABLE
    min_criteria: int = DEFAULT_MIN_CRITERIA


@dataclass(frozen=True)
class Evidence:
    """Where a criterion was seen: ``kind`` is category | system | processor | path | flow | subjects | estimate."""

    kind: str
    value: str
    #: for a flow: the other purposes the sending system holds data for
    purposes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Criterion:
    code: str  # one of DPIA_CRITERIA
    inferred: bool  # seen in the declarations and the graph
    declared: bool  # listed in the purpose's `dpia_criteria`
    evidence: tuple[Evidence, ...] = ()

    @property
    def number(self) -> int:
        return NUMBER[self.code]


@dataclass(frozen=True)
class Screening:
    purpose: str
    criteria: tuple[Criterion, ...]  # met, in WP248 order
    verdict: str  # required | likely | not-indicated
    #: the Art. 35(3) point that names this processing, if any: "a" or "b"
    art35_3: str | None

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.criteria)

    @property
    def unlisted(self) -> tuple[str, ...]:
        """Inferred criteria the purpose's ``dpia_criteria`` does not list (the DPIA may predate them)."""
        return tuple(c.code for c in self.criteria if c.inferred and not c.declared)


def systems_by_purpose(repo: Repo) -> dict[str, tuple[str, ...]]:
    """Per purpose, the systems holding data for it: a `stores` entry names it, or a personal-data flow for it
    arrives. One pass over the systems."""
    out: dict[str, set[str]] = {}
    for sid, s in repo.systems.items():
        for st in s.stores:
            if st.purpose:
                out.setdefault(st.purpose, set()).add(sid)
        for f in s.flows:
            if f.purpose and f.transform != "anonymized" and f.categories and f.to in repo.systems:
                out.setdefault(f.purpose, set()).add(f.to)
    return {p: tuple(sorted(v)) for p, v in out.items()}


def systems_of(repo: Repo, purpose: str) -> tuple[str, ...]:
    """Systems holding data for ``purpose`` (see :func:`systems_by_purpose`)."""
    return systems_by_purpose(repo).get(purpose, ())


def sensitive(
    repo: Repo, purpose: Purpose, processed: Iterable[str], systems: tuple[str, ...] | None = None
) -> tuple[Evidence, ...]:
    """Special or criminal categories processed for the purpose, then the systems storing them for it."""
    cats = sorted(c for c in processed if (cat := repo.categories.get(c)) is not None and cat.special)
    if not cats:
        return ()
    candidates = systems if systems is not None else tuple(repo.systems)
    wanted = set(cats)
    holders = sorted(
        sid
        for sid in candidates
        if any(st.purpose == purpose.id and not wanted.isdisjoint(st.categories) for st in repo.systems[sid].stores)
    )
    return (*(Evidence("category", c) for c in cats), *(Evidence("system", s) for s in holders))


def large_scale(purpose: Purpose, threshold: int) -> tuple[Evidence, ...]:
    n = purpose.subjects_estimate
    return (Evidence("estimate", str(n)),) if n is not None and n >= threshold else ()


def vulnerable(purpose: Purpose, groups: Iterable[str]) -> tuple[Evidence, ...]:
    wanted = set(groups)
    return tuple(Evidence("subjects", s) for s in purpose.subjects if s in wanted)


class Sender:
    """A system whose personal-data flows reach a target, as :func:`combining` reads it: the purposes
    its stores name (sorted), the flow as evidence shows it (``sender -> target``), and that evidence
    when the purpose screened is not among them (the same for every such purpose: made once)."""

    __slots__ = ("_evidence", "flow", "purposes", "system")

    def __init__(self, system: str, purposes: tuple[str, ...], flow: str) -> None:
        self.system, self.purposes, self.flow = system, purposes, flow
        self._evidence: Evidence | None = None

    @property
    def evidence(self) -> Evidence:
        """``Evidence("flow", flow, purposes)``."""
        if self._evidence is None:
            self._evidence = Evidence("flow", self.flow, self.purposes)
        return self._evidence


#: what :func:`combining` reads of every system, independent of the purpose: per target, the
#: purposes its senders' stores name (together), and its senders (:class:`Sender`, sorted)
CombiningIndex = dict[str, tuple[frozenset[str], tuple[Sender, ...]]]


def combining_index(repo: Repo, inflows: dict[str, list[tuple[str, int]]]) -> CombiningIndex:
    """The purpose-independent part of :func:`combining`, computed once for every purpose."""
    systems = repo.systems
    store_purposes = {
        sid: tuple(sorted({st.purpose for st in s.stores if st.purpose})) for sid, s in systems.items()
    }
    senders: CombiningIndex = {}
    for target, flows in inflows.items():
        found = set()
        for src, i in flows:
            if src != target:
                f = systems[src].flows[i]
                if f.categories and f.transform != "anonymized":
                    found.add(src)
        each = tuple(Sender(src, store_purposes[src], f"{src} -> {target}") for src in sorted(found))
        senders[target] = (frozenset(p for sender in each for p in sender.purposes), each)
    return senders


def combining(
    repo: Repo,
    purpose: str,
    systems: tuple[str, ...],
    inflows: dict[str, list[tuple[str, int]]],
    index: CombiningIndex | None = None,
) -> tuple[Evidence, ...]:
    """Flows into a system of the purpose from systems holding data for two or more other purposes.

    ``systems`` are the purpose's systems, ``inflows`` the incoming flows by
    target (sending system, index in its `flows`), as :class:`DataMap` has them;
    ``index`` is :func:`combining_index` of them, when the caller has it.
    """
    senders_of = index if index is not None else combining_index(repo, inflows)
    out: list[Evidence] = []
    for target in systems:
        entry = senders_of.get(target)
        if entry is None:
            continue
        purposes_in, senders = entry
        # whether the target qualifies, before any evidence: two or more purposes besides this one
        if len(purposes_in) - (purpose in purposes_in) < 2:
            continue
        out.append(Evidence("system", target))
        for sender in senders:
            purposes = sender.purposes
            if purpose not in purposes:
                if purposes:
                    out.append(sender.evidence)  # the sender's purposes, all of them others
            elif len(purposes) > 1:
                out.append(Evidence("flow", sender.flow, tuple(p for p in purposes if p != purpose)))
    return tuple(out)


def purpose_paths(
    repo: Repo,
    dmap: DataMap,
    purpose: str,
    systems: tuple[str, ...] | None = None,
    sorted_edges: dict[str, list[Any]] | None = None,
) -> dict[str, tuple[str, ...]]:
    """Every node the purpose's data reaches, with a shortest path from a system of the purpose.

    From the systems holding data for the purpose, along hosting, sub-processing
    and the flows that carry personal data for it (a flow for another purpose
    carries that purpose's data, not this one's; a flow with no purpose carries
    whatever the system holds). ``sorted_edges`` keeps each node's sorted out-edges between
    calls (one screening walks the graph once per purpose).
    """
    from collections import deque

    from policycheck.graph.build import FLOW

    starts = systems if systems is not None else systems_of(repo, purpose)
    paths: dict[str, tuple[str, ...]] = {s: (s,) for s in starts}
    queue = deque(sorted(paths))
    while queue:
        node = queue.popleft()
        edges = sorted_edges.get(node) if sorted_edges is not None else None
        if edges is None:
            edges = dmap.links.walk_order(node)
            if sorted_edges is not None:
                sorted_edges[node] = edges
        for _, dst, data in edges:
            if data["kind"] == FLOW and (not data["categories"] or data["purpose"] not in (None, purpose)):
                continue
            if dst not in paths:
                paths[dst] = (*paths[node], dst)
                queue.append(dst)
    return paths


def innovative(
    repo: Repo,
    dmap: DataMap,
    purpose: str,
    systems: tuple[str, ...] | None = None,
    sorted_edges: dict[str, list[Any]] | None = None,
) -> tuple[Evidence, ...]:
    """Systems and processors with ``innovative: true`` on the purpose's path, each with the path."""
    out: list[Evidence] = []
    if not any(s.innovative for s in repo.systems.values()) and not any(
        p.innovative for p in repo.processors.values()
    ):
        return ()
    reached = purpose_paths(repo, dmap, purpose, systems, sorted_edges)
    for node in sorted(reached):
        obj = repo.systems.get(node) or repo.processors.get(node)
        if obj is None or not obj.innovative:
            continue
        out.append(Evidence(repo.node_kind(node), node))
        if len(reached[node]) > 1:
            out.append(Evidence("path", " -> ".join(reached[node])))
    return tuple(out)


def screen_purpose(
    repo: Repo,
    dmap: DataMap,
    purpose: Purpose,
    settings: Settings,
    systems: tuple[str, ...] | None = None,
    index: CombiningIndex | None = None,
    sorted_edges: dict[str, list[Any]] | None = None,
) -> Screening:
    """The criteria ``purpose`` meets (inferred, declared, or both), and the verdict."""
    if systems is None:
        systems = systems_of(repo, purpose.id)
    processed = set(purpose.categories) | dmap.categories_by_purpose.get(purpose.id, frozenset())
    seen: dict[str, tuple[Evidence, ...]] = {
        "sensitive": sensitive(repo, purpose, processed, systems),
        "large-scale": large_scale(purpose, settings.large_scale_subjects),
        "combining": combining(repo, purpose.id, systems, dmap.inflows, index),
        "vulnerable": vulnerable(purpose, settings.vulnerable_subjects),
        "innovative": innovative(repo, dmap, purpose.id, systems, sorted_edges),
    }
    declared = set(purpose.dpia_criteria)
    criteria = tuple(
        Criterion(code, bool(seen.get(code)), code in declared, seen.get(code, ()))
        for code in DPIA_CRITERIA
        if seen.get(code) or code in declared
    )
    codes = {c.code for c in criteria}
    art = None
    if {"scoring", "automated-decisions"} <= codes:
        art = "a"
    elif {"sensitive", "large-scale"} <= codes:
        art = "b"
    if art is not None:
        verdict = "required"
    elif len(criteria) >= settings.min_criteria:
        verdict = "likely"
    else:
        verdict = "not-indicated"
    return Screening(purpose.id, criteria, verdict, art)


def screening(repo: Repo, dmap: DataMap, settings: Settings) -> dict[str, Screening]:
    """Every purpose's screening, by purpose id (sorted)."""
    by_purpose = systems_by_purpose(repo)
    index = combining_index(repo, dmap.inflows)
    sorted_edges: dict[str, list[Any]] = {}
    return {
        pid: screen_purpose(repo, dmap, repo.purposes[pid], settings, by_purpose.get(pid, ()), index, sorted_edges)
        for pid in sorted(repo.purposes)
    }


def settings_from(params: dict[str, object]) -> Settings:
    """Screening settings from a rule's params (missing or mistyped ones keep the defaults)."""
    large = params.get("large_scale_subjects", DEFAULT_LARGE_SCALE)
    groups = params.get("vulnerable_subjects", DEFAULT_VULNERABLE)
    least = params.get("min_criteria", DEFAULT_MIN_CRITERIA)
    return Settings(
        large_scale_subjects=large if isinstance(large, int) else DEFAULT_LARGE_SCALE,
        vulnerable_subjects=tuple(str(g) for g in groups) if isinstance(groups, tuple | list) else DEFAULT_VULNERABLE,
        min_criteria=least if isinstance(least, int) else DEFAULT_MIN_CRITERIA,
    )
