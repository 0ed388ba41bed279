"""The erasure plan: every place holding a data subject's data, and what to do there (Art. 17).

For each place (system, processor, sub-processor, recipient) the plan says what to do:

- ``delete`` / ``anonymize``: the system's declared ``erasure.method``;
- ``restrict``: all the subject's data there is kept for a purpose whose ``retention_basis``
  names a law (Art. 17(3)(b), or (e) for legal claims): keep it, restrict its use, erase it
  when the period ends (a system can also keep only part of the data: see its ``parts``);
- ``no-routine``: data arrives but no routine exists (a system without ``erasure``, a
  processor receiving data by a flow without a DPA): a blocking gap;
- ``instruct``: a processor, told under its DPA (Art. 28(3)(e)) to delete its copies; a
  sub-processor is instructed through the processor we engage (Art. 28(4)), also when it is
  further down the chain (we have no contract with the sub-processors in between);
- ``inform``: a recipient (a controller) told of the erasure (Art. 19), or of the restriction
  when its sources keep the data under law;
- ``none``: a system that keeps nothing of the subject's data: it only passes it on by flows
  (a web chat forwarding every message to the help desk). Transmission is processing, so the
  system is listed (it feeds the places after it), but there is nothing to erase there.

Order: upstream first. A place is erased only after every place that sends it the data, so
that no flow from a place not yet erased sends the data back. Places in a loop of flows are
erased together (flagged). Ties are broken by kind (systems, processors, recipients), then id.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import heapq
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from policycheck import jsonout
from policycheck.graph.build import condensation
from policycheck.model import Repo
from policycheck.model.types import Duration
from policycheck.support import wording
from policycheck.support.phrase import (
    Field,
    Listing,
    Marked,
    NameOrWords,
    Phrase,
    Retention,
    Span,
    Text,
    Words,
    listing,
    phrase,
    say,
    sentences,
    tr,
    worded,
)
from policycheck.support.scope import (
    Contracting,
    Scope,
    TeamRef,
    build_scope,
    category_order,
    concerns,
    engaging_processors,
    feeders,
    flow_sources,
    held,
    hosted_systems,
    node_name,
    owners,
    personal_order_edges,
    purposes_at,
    resolve_subject,
    responsible_systems,
    retention_at,
    subprocessor_chain,
    time_zone,
    unmapped_channels,
)

#: what to do with a part of the data at a place
PartAction = Literal["delete", "anonymize", "restrict", "no-routine"]
#: what to do at a place
Action = Literal["delete", "anonymize", "restrict", "no-routine", "instruct", "inform", "none"]
NodeKind = Literal["system", "processor", "recipient"]
ACTIONS: tuple[Action, ...] = ("delete", "anonymize", "restrict", "no-routine", "instruct", "inform", "none")
_RANK = {"system": 0, "processor": 1, "recipient": 2}
ONE_MONTH = Duration(months=1, text="P1M")
THREE_MONTHS = Duration(months=3, text="P3M")


@dataclass(frozen=True)
class Part:
    """The subject's data at a place for one purpose, and what to do with it."""

    purpose: str | None
    purpose_name: NameOrWords  # the purpose's name; a phrase when it has none
    categories: tuple[str, ...]
    action: PartAction
    retention: str | None  # ISO 8601
    retention_text: Words
    laws: tuple[wording.LawRef, ...]
    article: str | None  # the Art. 17(3) exception when kept
    #: a copy of data kept under law elsewhere: the places that keep the record (this copy is
    #: erased: only the copy that serves the obligation needs keeping, Art. 17(3))
    kept_at: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProcessorRef:
    id: str
    name: str
    contact: str | None
    dpa: bool
    dpa_document: str | None


@dataclass(frozen=True)
class Step:
    order: int
    node: str
    name: str
    kind: NodeKind
    system_kind: str | None
    channel: bool
    action: Action
    categories: tuple[str, ...]
    category_names: tuple[str, ...]
    special: bool  # a special category (Art. 9) or criminal-offence data (Art. 10) is among them
    special_categories: tuple[str, ...]  # the special categories (Art. 9)
    criminal_categories: tuple[str, ...]  # the criminal-offence data (Art. 10)
    forwarded: tuple[str, ...]  # categories it only passes on by flows, without keeping them
    parts: tuple[Part, ...]
    instruction: Words
    procedure: str | None
    automated: bool | None
    within_days: int | None
    deadline: str
    rotation_until: str | None  # backups that rotate out: the day the last copy is overwritten
    owners: tuple[TeamRef, ...]
    processor: ProcessorRef | None  # the processor to instruct (a system's; a processor itself)
    via: tuple[str, ...]  # a sub-processor: the processors we engage, to instruct it through
    fed_by: tuple[str, ...]  # the places that send it the data
    only_through_flow: bool  # the data reaches it only through flows (its stores omit it)
    loop: int | None  # the number of its loop in `cycles` (1-based), erased together; None outside loops
    blocking: bool
    notes: tuple[Words, ...]
    file: str
    line: int


@dataclass(frozen=True)
class Gap:
    node: str
    name: str
    kind: NodeKind
    system_kind: str | None
    categories: tuple[str, ...]
    reason: Words
    fix: Words
    blocking: bool
    file: str
    line: int


@dataclass(frozen=True)
class Caveat:
    node: str
    message: Words


@dataclass(frozen=True)
class RecipientNotice:
    """A recipient to inform of the erasure (Art. 19)."""

    node: str
    name: str
    kind: str
    country: str
    categories: tuple[str, ...]
    category_names: tuple[str, ...]
    sent_from: tuple[str, ...]
    contact: str | None
    note: Words


@dataclass(frozen=True)
class AnonymizedPlace:
    """A place that receives only anonymized data about the subject: no erasure step."""

    node: str
    name: str
    categories: tuple[str, ...]
    category_names: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ErasurePlan:
    subject: str
    organization: str
    as_of: str
    deadline: str
    deadline_extended: str
    lang: str
    order_rationale: Words
    summary: dict[str, int]
    steps: tuple[Step, ...]
    recipients: tuple[RecipientNotice, ...]
    gaps: tuple[Gap, ...]
    caveats: tuple[Caveat, ...]
    cycles: tuple[tuple[str, ...], ...]
    anonymized: tuple[AnonymizedPlace, ...]
    #: the organization's time zone: the deadlines are days there
    time_zone: str = "UTC"

    def to_dict(self) -> dict[str, Any]:
        return jsonout.dataclass_dict(self)  # dataclasses.asdict without copying every leaf

    @property
    def blocked(self) -> bool:
        return any(g.blocking for g in self.gaps)


#: loops up to this many places are named at each of their places; larger ones are referred to by number
_NAMED_LOOP = 8


def _rank(repo: Repo, node: str) -> tuple[int, int, str]:
    """Ties: systems, then processors, then recipients; live systems before backups; then id."""
    s = repo.systems.get(node)
    return (_RANK[repo.node_kind(node)], int(s is not None and s.kind == "backup"), node)


def erase_order(scope: Scope, where: dict[str, tuple[str, ...]]) -> tuple[list[str], list[tuple[str, ...]]]:
    """Upstream first: each place after every place that sends it the data; loops together.

    Returns the order and the loops (strongly connected groups of more than one place).
    """
    cats = {c for cs in where.values() for c in cs}
    edges = personal_order_edges(scope, where, cats)
    return upstream_first(list(where), edges, functools.partial(_rank, scope.repo))


def upstream_first(
    nodes: list[str], edges: list[tuple[str, str]], rank: Callable[[str], tuple[int, int, str]]
) -> tuple[list[str], list[tuple[str, ...]]]:
    """``nodes`` ordered so that each comes after every node with an edge to it, a loop's
    members together (sorted by ``rank``), and the loops; among the groups whose senders are
    all placed, the one whose first member has the least ``rank`` comes first.

    networkx's ``lexicographical_topological_sort`` of the ``condensation``, without building
    either graph: the ranks differ for every node, so no two groups tie and the order is the
    only one (a test holds it to networkx's)."""
    groups, preds = condensation(nodes, edges)
    members = [sorted(group, key=rank) for group in groups]
    keys = [rank(m[0]) for m in members]
    after: list[list[int]] = [[] for _ in groups]
    waiting = [len(p) for p in preds]
    for c, ps in enumerate(preds):
        for p in ps:
            after[p].append(c)
    ready = [(keys[c], c) for c in range(len(groups)) if not waiting[c]]
    heapq.heapify(ready)
    order: list[str] = []
    cycles: list[tuple[str, ...]] = []
    while ready:
        _, c = heapq.heappop(ready)
        order.extend(members[c])
        if len(members[c]) > 1:
            cycles.append(tuple(members[c]))
        for nxt in after[c]:
            waiting[nxt] -= 1
            if not waiting[nxt]:
                heapq.heappush(ready, (keys[nxt], nxt))
    return order, cycles


def build(repo: Repo, subject: str, as_of: dt.date, lang: str = "en") -> ErasurePlan:
    subject = resolve_subject(repo, subject)
    scope = build_scope(repo, as_of)
    repo = scope.repo
    where = held(scope, subject)
    deadline = ONE_MONTH.add_to(as_of)
    order, cycles = erase_order(scope, where)
    loop_of = {n: (k, c) for k, c in enumerate(cycles, start=1) for n in c}
    ctx = _Context(scope, subject, as_of, deadline, lang, where, {n: i for i, n in enumerate(order, 1)})

    # systems first: processors' and recipients' steps depend on what their systems do
    drafts: dict[str, _Draft] = {}
    for node in order:
        if node in repo.systems:
            drafts[node] = _system_step(ctx, node)
    for node in order:
        if node in repo.processors:
            drafts[node] = _processor_step(ctx, node, drafts)
        elif node in repo.recipients:
            drafts[node] = _recipient_step(ctx, node, drafts)

    steps = []
    for i, node in enumerate(order, start=1):
        d = drafts[node]
        notes = list(d.notes)
        loop_no, members = loop_of.get(node, (None, ()))
        if loop_no is not None and len(members) <= _NAMED_LOOP:
            notes.append(ctx.t("erasure.note.cycle", others=ctx.names([n for n in members if n != node])))
        elif loop_no is not None:
            # a large loop is listed once (plan.cycles), not again at each of its places: the plan stays linear
            notes.append(ctx.t("erasure.note.cycle.large", n=loop_no, count=len(members)))
        if node in repo.systems:
            notes.extend(_resend_notes(ctx, node, drafts))
        loc = repo.locate(repo.node_kind(node), node)
        system = repo.systems.get(node)
        steps.append(
            Step(
                order=i,
                node=node,
                name=node_name(repo, node),
                kind=node_kind(repo, node),
                system_kind=system.kind if system else None,
                channel=bool(system and system.channel),
                action=d.action,
                categories=where[node],
                category_names=tuple(repo.categories[c].name for c in where[node]),
                special=any(repo.categories[c].special for c in where[node]),
                special_categories=tuple(c for c in where[node] if repo.categories[c].special is True),
                criminal_categories=tuple(c for c in where[node] if repo.categories[c].special == "criminal"),
                forwarded=_forwarded(scope, node, where[node]),
                parts=d.parts,
                instruction=d.instruction,
                procedure=d.procedure,
                automated=d.automated,
                within_days=d.within_days,
                deadline=deadline.isoformat(),
                rotation_until=d.rotation_until,
                owners=d.owners,
                processor=d.processor,
                via=d.via,
                fed_by=feeders(scope, node, where[node]),
                only_through_flow=d.only_through_flow,
                loop=loop_no,
                blocking=d.gap is not None,
                notes=tuple(notes),
                file=loc.file,
                line=loc.line,
            )
        )

    gaps = tuple(g for n in order if (g := drafts[n].gap) is not None) + unmapped_gaps(repo)
    caveats = tuple(Caveat(n, m) for n in order for m in drafts[n].caveats)
    recipients = tuple(
        RecipientNotice(
            node=s.node,
            name=s.name,
            kind=repo.recipients[s.node].kind,
            country=repo.recipients[s.node].country,
            categories=s.categories,
            category_names=s.category_names,
            sent_from=flow_sources(scope, s.node, s.categories),
            contact=repo.recipients[s.node].contact,
            note=s.instruction,
        )
        for s in steps
        if s.kind == "recipient"
    )
    anonymized = []
    for sid, sources in sorted(scope.anonymized_from.items()):
        inflow = scope.datamap.anonymized.inflow.get(sid, ())
        cats = tuple(c for c in category_order(repo, inflow) if concerns(repo, c, subject))
        if sid not in where and cats:
            cat_names = tuple(repo.categories[c].name for c in cats)
            anonymized.append(AnonymizedPlace(sid, node_name(repo, sid), cats, cat_names, sources))
    summary: dict[str, int] = {a: n for a in ACTIONS if (n := sum(1 for s in steps if s.action == a))}
    return ErasurePlan(
        subject=subject,
        organization=repo.config.organization.name,
        as_of=as_of.isoformat(),
        deadline=deadline.isoformat(),
        deadline_extended=THREE_MONTHS.add_to(as_of).isoformat(),
        lang=lang,
        order_rationale=phrase("erasure.order_rationale"),
        summary=summary,
        steps=tuple(steps),
        recipients=recipients,
        gaps=gaps,
        caveats=caveats,
        cycles=tuple(cycles),
        anonymized=tuple(anonymized),
        time_zone=time_zone(repo),
    )


def _forwarded(scope: Scope, node: str, categories: tuple[str, ...]) -> tuple[str, ...]:
    """The ``categories`` that ``node`` only passes on by flows, without keeping them."""
    kept = scope.kept(node, categories)
    return tuple(c for c in categories if c not in kept) if len(kept) < len(categories) else ()


def unmapped_gaps(repo: Repo) -> tuple[Gap, ...]:
    """Customer channels whose data is not mapped (``channel-unmapped``): the plan cannot
    find the data there, so each is a blocking gap (erasure and access alike)."""
    out = []
    for sid in unmapped_channels(repo):
        s = repo.systems[sid]
        loc = repo.locate("system", sid)
        out.append(
            Gap(
                node=sid,
                name=s.name,
                kind="system",
                system_kind=s.kind,
                categories=(),
                reason=phrase("erasure.gap.unmapped", name=s.name),
                fix=phrase("erasure.gap.unmapped.fix", file=loc.file),
                blocking=True,
                file=loc.file,
                line=loc.line,
            )
        )
    return tuple(out)


def _resend_notes(ctx: _Context, node: str, drafts: dict[str, _Draft]) -> list[Text]:
    """A source that keeps the data, or part of it, may send it here again after the erasure."""
    repo = ctx.repo
    notes: list[Text] = []
    for src in flow_sources(ctx.scope, node, ctx.where[node]):
        src_draft = drafts.get(src)
        if src_draft is None:
            continue
        if src_draft.action in ("restrict", "no-routine"):
            notes.append(ctx.t(f"erasure.note.resend.{src_draft.action}", source=node_name(repo, src)))
            continue
        sent = {
            c for f in repo.systems[src].flows if f.to == node and f.transform != "anonymized" for c in f.categories
        }
        kept = {c for part in src_draft.parts if part.action == "restrict" for c in part.categories}
        again = category_order(repo, kept & sent & set(ctx.where[node]))
        if again:
            notes.append(
                ctx.t("erasure.note.resend.partial", source=node_name(repo, src), categories=ctx.cat_names(again))
            )
    return notes


def node_kind(repo: Repo, node: str) -> NodeKind:
    if node in repo.systems:
        return "system"
    return "processor" if node in repo.processors else "recipient"


# --- drafting each step ------------------------------------------------------------------------


@dataclass
class _Context:
    scope: Scope
    subject: str
    as_of: dt.date
    deadline: dt.date
    lang: str
    where: dict[str, tuple[str, ...]]
    position: dict[str, int]  # node -> its step number

    @property
    def repo(self) -> Repo:
        return self.scope.repo

    @functools.cached_property
    def _purposes(self) -> dict[str, dict[str | None, tuple[str, ...]]]:
        return {}

    def purposes(self, node: str) -> dict[str | None, tuple[str, ...]]:
        """:func:`purposes_at` of ``node`` for the subject's data there, computed once per node
        (the parts, the records and a processor's retention ask for it again and again)."""
        hit = self._purposes.get(node)
        if hit is None:
            hit = self._purposes[node] = purposes_at(self.scope, node, self.where[node])
        return hit

    @functools.cached_property
    def engaged(self) -> frozenset[str]:
        """The processors holding the subject's data that we engage directly (computed once)."""
        return frozenset(pp for pp in self.where if pp in self.repo.processors and _engaged(self, pp))

    @functools.cached_property
    def contracting(self) -> Contracting:
        """``contracting_processors`` for every sub-processor of the plan (an index built once)."""
        return Contracting(self.scope.datamap.engaging, self.engaged, self.where)

    def cat_names(self, cats: tuple[str, ...]) -> Text:
        return listing([self.repo.categories[c].name for c in cats])

    def names(self, nodes: tuple[str, ...] | list[str]) -> Text:
        return listing([node_name(self.repo, n) for n in nodes])

    def t(self, key: str, **fields: Field) -> Phrase:
        """The sentence ``key`` as data (``subject`` and ``subjects`` are filled in when worded: :func:`words`)."""
        return phrase(key, **fields)

    @functools.cached_property
    def records(self) -> dict[str | None, frozenset[str]]:
        """Purpose kept under law -> the systems that keep its record: not a backup, and not a
        copy kept for a shorter time than the purpose's retention (a mailbox or scanning
        service that keeps P30D of a P10Y record). When no place qualifies, every system
        holding it counts (the only copies are never erased as mere copies)."""
        repo = self.repo
        holders: dict[str | None, list[str]] = {}
        for node in self.where:
            if node not in repo.systems:
                continue
            for purpose in self.purposes(node):
                p = repo.purposes.get(purpose or "")
                if p is not None and p.retention_basis:
                    holders.setdefault(purpose, []).append(node)
        out = {}
        for purpose, nodes in holders.items():
            full = repo.purposes[purpose or ""].retention
            records = [n for n in nodes if _serves_record(repo, n, purpose, full)]
            out[purpose] = frozenset(records or nodes)
        return out

    @functools.cached_property
    def record_places(self) -> dict[str | None, tuple[str, ...]]:
        """:attr:`records` sorted, one tuple per purpose that every part keeping a copy shares."""
        return {purpose: tuple(sorted(nodes)) for purpose, nodes in self.records.items()}

    def record_of(self, node: str, purpose: str | None) -> bool:
        """Whether ``node`` keeps the record of ``purpose``'s data kept under law: a record
        system, a processor running one, or a sub-processor below such a processor."""
        records = self.records.get(purpose, frozenset())
        seen = {node}
        queue = [node]
        while queue:  # up the hosting and sub-processing chain (iterative: chains can be deep)
            current = queue.pop()
            if current in records:
                return True
            for parent in self._holders_above(current):
                if parent not in seen:
                    seen.add(parent)
                    queue.append(parent)
        return False

    def _holders_above(self, node: str) -> tuple[str, ...]:
        if node in self.repo.processors:
            hosted = tuple(x for x in hosted_systems(self.scope, node) if x in self.where)
            return hosted + tuple(x for x in engaging_processors(self.scope, node) if x in self.where)
        return ()


def _serves_record(repo: Repo, node: str, purpose: str | None, full: Duration | None) -> bool:
    s = repo.systems[node]
    if s.kind == "backup":
        return False
    own = retention_at(repo, node, purpose)
    return full is None or own is None or own.approx_days() >= full.approx_days()


@dataclass
class _Draft:
    action: Action
    instruction: Text
    parts: tuple[Part, ...] = ()
    procedure: str | None = None
    automated: bool | None = None
    within_days: int | None = None
    rotation_until: str | None = None
    owners: tuple[TeamRef, ...] = ()
    processor: ProcessorRef | None = None
    via: tuple[str, ...] = ()
    only_through_flow: bool = False
    notes: list[Text] = dataclasses.field(default_factory=list)
    caveats: list[Text] = dataclasses.field(default_factory=list)
    gap: Gap | None = None


def _processor_ref(repo: Repo, pid: str | None) -> ProcessorRef | None:
    if not pid or pid not in repo.processors:
        return None
    p = repo.processors[pid]
    return ProcessorRef(
        id=pid,
        name=p.name,
        contact=p.contact,
        dpa=p.dpa is not None,
        dpa_document=p.dpa.document if p.dpa else None,
    )


def _parts(ctx: _Context, node: str, default_action: PartAction) -> tuple[Part, ...]:
    """Per purpose: what to do with the subject's data here. Data kept under law is kept only
    where its record is (Art. 17(3): the copy that serves the obligation); a backup or a
    short-lived copy of it is erased like the rest, and the part names where the record is."""
    repo = ctx.repo
    out = []
    for purpose, cats in ctx.purposes(node).items():
        p = repo.purposes.get(purpose or "")
        refs = wording.laws(p.retention_basis) if p and p.retention_basis else ()
        record = bool(refs) and (node in repo.recipients or ctx.record_of(node, purpose))
        kept = _kept_for(ctx, node, purpose)
        start = p.retention_from if p else None
        system = repo.systems.get(node)
        if (
            system is not None
            and system.kind == "backup"
            and any(st.purpose == purpose and st.retention is not None for st in system.stores)
        ):
            start = "backup-taken"  # a backup's own retention counts from the copy
        out.append(
            Part(
                purpose=purpose,
                purpose_name=p.name if p else (purpose or phrase("purpose_unnamed")),
                categories=cats,
                action="restrict" if record else default_action,
                retention=kept.text if kept else None,
                retention_text=Retention(kept.text if kept else None, start),
                laws=refs,
                article=wording.erasure_exception(refs) if record else None,
                kept_at=ctx.record_places.get(purpose, ()) if refs and not record else (),
            )
        )
    return tuple(out)


def _kept_for(ctx: _Context, node: str, purpose: str | None) -> Duration | None:
    """How long ``node`` keeps ``purpose``'s data: a system's store retention, else the
    purpose's; a processor: the longest of the systems it runs that hold it (their stores may
    keep less than the purpose, e.g. a mailbox's P30D)."""
    repo = ctx.repo
    if node in repo.processors:
        hosted = [
            retention_at(repo, x, purpose)
            for x in hosted_systems(ctx.scope, node)
            if x in ctx.where and purpose in ctx.purposes(x)
        ]
        known = [d for d in hosted if d is not None]
        if known:
            return max(known, key=lambda d: d.approx_days())
    return retention_at(repo, node, purpose)


def _kept_text(ctx: _Context, parts: tuple[Part, ...]) -> Listing:
    """One sentence per part kept under law."""
    kept: list[Field] = []
    for part in parts:
        if part.action != "restrict":
            continue
        obligation, claims = wording.split_laws(part.laws)
        fields: dict[str, Field] = {
            "categories": ctx.cat_names(part.categories),
            "purpose": part.purpose_name,
            "retention": part.retention_text,
            "law": _laws_text(ctx, obligation),
            "claims_law": _laws_text(ctx, claims),
        }
        key = "erasure.kept.both" if obligation and claims else "erasure.kept.claims" if claims else "erasure.kept"
        kept.append(ctx.t(key, article=part.article or "", **fields))
    return sentences(*kept)


def _laws_text(ctx: _Context, refs: tuple[wording.LawRef, ...]) -> Field:
    if not refs:
        return ""
    return Marked("; ".join(ref.citation or ref.text for ref in refs), not wording.laws_verified(refs))


#: how many record places a copy's note names (then "and N more"): the note is on every step
#: holding a copy, so naming all of them grew the plan with the square of the systems (issue 12);
#: the part's ``kept_at`` (JSON) lists every one
NAMED_RECORDS = 10


def _copy_notes(ctx: _Context, parts: tuple[Part, ...]) -> list[Text]:
    """A copy of data kept under law elsewhere: say that it is erased here, and where the record
    is (the first :data:`NAMED_RECORDS` places, then how many more)."""
    return [
        ctx.t(
            "erasure.note.copy",
            categories=ctx.cat_names(part.categories),
            purpose=part.purpose_name,
            records=_record_names(ctx, part.kept_at),
        )
        for part in parts
        if part.kept_at
    ]


def _record_names(ctx: _Context, kept_at: tuple[str, ...]) -> Text:
    if len(kept_at) <= NAMED_RECORDS:
        return ctx.names(kept_at)
    named: list[Field] = [node_name(ctx.repo, n) for n in kept_at[:NAMED_RECORDS]]
    named.append(ctx.t("erasure.note.copy.more", n=len(kept_at) - NAMED_RECORDS))
    return listing(named)


def _forward_only_step(ctx: _Context, node: str) -> _Draft:
    """A system that keeps none of the subject's data: it only passes it on."""
    repo = ctx.repo
    s = repo.systems[node]
    cats = ctx.where[node]
    targets = _forwarded_to(ctx, node, cats)
    draft = _Draft(
        action="none",
        instruction=ctx.t(
            "erasure.system.none", name=s.name, categories=ctx.cat_names(cats), targets=ctx.names(targets)
        ),
        owners=owners(repo, (node,)),
        processor=_processor_ref(repo, s.processor),
    )
    _then_processor(ctx, draft)
    return draft


def _then_processor(ctx: _Context, draft: _Draft) -> None:
    """Point from a system's step to the step of the processor that runs it."""
    if draft.processor is not None and draft.processor.id in ctx.position:
        draft.notes.append(
            ctx.t(
                "erasure.note.then-processor",
                processor=draft.processor.name,
                step=ctx.position[draft.processor.id],
            )
        )


def _forwarded_to(ctx: _Context, node: str, categories: tuple[str, ...]) -> tuple[str, ...]:
    """The places ``node``'s flows send any of ``categories`` to, in erasure order."""
    wanted = set(categories)
    targets = {
        f.to
        for f in ctx.repo.systems[node].flows
        if f.transform != "anonymized" and wanted & set(f.categories) and f.to in ctx.where
    }
    return tuple(sorted(targets, key=lambda n: ctx.position.get(n, 0)))


def _system_step(ctx: _Context, node: str) -> _Draft:
    repo = ctx.repo
    s = repo.systems[node]
    # what it keeps (stores or receives); what it only passes on is erased where it goes
    cats = ctx.scope.kept(node, ctx.where[node])
    if not cats:
        return _forward_only_step(ctx, node)
    passed = tuple(c for c in ctx.where[node] if c not in cats)
    method: PartAction = s.erasure.method if s.erasure else "no-routine"
    parts = _parts(ctx, node, method)
    action: Action
    if s.erasure is None:
        action = "no-routine"
    elif parts and all(p.action == "restrict" for p in parts):
        action = "restrict"
    else:
        action = method
    stored = {c for st in s.stores for c in st.categories}
    arriving = tuple(c for c in cats if c not in stored)
    sources = flow_sources(ctx.scope, node, arriving) if arriving else ()
    draft = _Draft(
        action=action,
        instruction=listing(()),
        parts=parts,
        procedure=s.erasure.procedure if s.erasure else None,
        automated=s.erasure.automated if s.erasure else None,
        within_days=s.erasure.within_days if s.erasure else None,
        owners=owners(repo, (node,)),
        processor=_processor_ref(repo, s.processor),
        only_through_flow=bool(cats) and not (set(cats) & stored),
    )
    kept = _kept_text(ctx, parts)
    if action == "no-routine":
        draft.instruction = ctx.t("erasure.system.no-routine", categories=ctx.cat_names(cats))
        loc = repo.locate("system", node)
        reason: Text = ctx.t("erasure.gap.system", name=s.name, categories=ctx.cat_names(cats))
        if sources:
            reason = sentences(reason, ctx.t("erasure.gap.arrives", sources=ctx.names(sources)))
        draft.gap = Gap(
            node=node,
            name=s.name,
            kind="system",
            system_kind=s.kind,
            categories=cats,
            reason=reason,
            fix=ctx.t("erasure.gap.system.fix", file=loc.file),
            blocking=True,
            file=loc.file,
            line=loc.line,
        )
        if kept.items:
            draft.instruction = sentences(draft.instruction, kept)
    elif action == "restrict":
        draft.instruction = sentences(ctx.t("erasure.system.restrict"), kept)
    else:
        # every category held here, except what is only kept under law: also a category that
        # no purpose accounts for (a flow without one, a source that declares none)
        accounted = {c for p in parts for c in p.categories}
        erased = {c for p in parts if p.action != "restrict" for c in p.categories}
        erased |= {c for c in cats if c not in accounted}
        draft.instruction = ctx.t(
            f"erasure.system.{action}",
            categories=ctx.cat_names(category_order(repo, erased) if erased else cats),
        )
        if kept.items:
            draft.instruction = sentences(draft.instruction, ctx.t("erasure.except"), kept)

    draft.notes.extend(_copy_notes(ctx, parts))
    # where to look, by kind of place
    if s.kind == "backup" and s.erasure is not None and action != "restrict":
        rotation = _rotation(ctx, node, parts)
        if rotation is not None:
            draft.rotation_until = rotation.isoformat()
            draft.notes.append(ctx.t("erasure.note.backup", until=rotation.isoformat()))
        else:
            draft.notes.append(ctx.t("erasure.note.backup-manual"))
    if s.kind == "paper":
        draft.notes.append(ctx.t("erasure.note.paper"))
    elif s.kind == "notes":
        draft.notes.append(ctx.t("erasure.note.notes"))
    if s.free_text and s.kind != "paper":
        draft.notes.append(ctx.t("erasure.note.free-text"))
    if arriving:
        # every category held here is stored, or sent by a flow from a place that holds it
        # (what a system sends counts as held there), so the sources are known
        key = "erasure.note.only-flow" if draft.only_through_flow else "erasure.note.also-flow"
        draft.notes.append(ctx.t(key, categories=ctx.cat_names(arriving), sources=ctx.names(sources)))
    if passed:
        draft.notes.append(
            ctx.t(
                "erasure.note.forwards",
                categories=ctx.cat_names(passed),
                targets=ctx.names(_forwarded_to(ctx, node, passed)),
            )
        )
    if s.erasure is not None and s.erasure.within_days is not None and action != "restrict":
        done = ctx.as_of + dt.timedelta(days=s.erasure.within_days)
        if done > ctx.deadline:
            draft.notes.append(
                ctx.t(
                    "erasure.note.slow",
                    days=Span(f"P{s.erasure.within_days}D"),
                    deadline=ctx.deadline.isoformat(),
                )
            )
    _then_processor(ctx, draft)
    return draft


def _rotation(ctx: _Context, node: str, parts: tuple[Part, ...]) -> dt.date | None:
    """The day the last backup copy holding the data is overwritten, when backups rotate out.

    The rotation is the backup's own declaration: its store's ``retention`` (counted from the
    copy), else ``erasure.within_days``; never the purpose's retention (that is how long the
    source keeps the data). Copies are taken until the source is erased: at the latest the
    request day plus the sources' ``within_days`` (else the request day), plus the rotation.
    """
    repo = ctx.repo
    s = repo.systems[node]
    if s.erasure is None or not s.erasure.automated:
        return None
    wanted = set(ctx.where[node])
    found: list[Duration] = []
    for st in s.stores:
        if not set(st.categories) & wanted:
            continue
        p = repo.purposes.get(st.purpose or "")
        if st.retention is not None:
            found.append(st.retention)
        elif p is not None and p.retention is not None and _from_copy(p.retention_from):
            found.append(p.retention)  # the backup's own purpose, counted from the copy
        elif s.erasure.within_days is not None:
            found.append(Duration.parse(f"P{s.erasure.within_days}D"))
    if not found:
        return None
    rotation = max(found, key=lambda d: d.approx_days())
    last_copy = ctx.as_of
    for src in flow_sources(ctx.scope, node, ctx.where[node]):
        e = repo.systems[src].erasure if src in repo.systems else None
        if e is not None and e.within_days is not None:
            last_copy = max(last_copy, ctx.as_of + dt.timedelta(days=e.within_days))
    return rotation.add_to(last_copy)


def _from_copy(retention_from: str | None) -> bool:
    """A retention counted from the copy (a backup's own purpose: ``backup-taken``)."""
    return bool(retention_from) and ("backup" in (retention_from or "") or retention_from in ("created", "copy-made"))


def _processor_step(ctx: _Context, node: str, drafts: dict[str, _Draft]) -> _Draft:
    repo = ctx.repo
    p = repo.processors[node]
    cats = ctx.where[node]
    hosted = tuple(s for s in hosted_systems(ctx.scope, node) if s in ctx.where)
    direct = tuple(s for s in flow_sources(ctx.scope, node, cats) if s in repo.systems)
    parts = _parts(ctx, node, "delete")
    draft = _Draft(
        action="instruct",
        instruction=listing(()),
        parts=parts,
        owners=owners(repo, responsible_systems(ctx.scope, node)),
        processor=_processor_ref(repo, node),
    )
    clauses = set(p.dpa.clauses) if p.dpa else set()
    if hosted or direct:
        subs = tuple(sp for sp in subprocessor_chain(ctx.scope, node) if sp in ctx.where)
        subs_text = ctx.t("erasure.processor.subs", subs=ctx.names(subs)) if subs else ""
        if p.dpa is None and not hosted:
            draft.action = "no-routine"
            draft.instruction = ctx.t("erasure.processor.no-routine", name=p.name, sources=ctx.names(direct))
            loc = repo.locate("processor", node)
            draft.gap = Gap(
                node=node,
                name=p.name,
                kind="processor",
                system_kind=None,
                categories=cats,
                reason=ctx.t("erasure.gap.processor", name=p.name, sources=ctx.names(direct)),
                fix=ctx.t("erasure.gap.processor.fix", name=p.name, file=loc.file),
                blocking=True,
                file=loc.file,
                line=loc.line,
            )
            return draft
        hosted_actions = {drafts[s].action for s in hosted if s in drafts}
        if hosted and not direct and hosted_actions == {"restrict"}:
            draft.instruction = ctx.t("erasure.processor.restrict", name=p.name, systems=ctx.names(hosted))
        elif hosted and not direct and hosted_actions == {"none"} and p.dpa is not None:
            # the systems keep nothing, but the data passes through the processor's service
            draft.instruction = ctx.t(
                "erasure.processor.passes", name=p.name, systems=ctx.names(hosted), subs=subs_text
            )
        else:
            text: list[Field] = []
            if hosted:
                key = "erasure.processor.hosted" if p.dpa else "erasure.processor.hosted-no-dpa"
                text.append(ctx.t(key, name=p.name, systems=ctx.names(hosted), subs=subs_text))
            if direct:
                text.append(ctx.t("erasure.processor.direct", name=p.name, sources=ctx.names(direct), subs=subs_text))
            draft.instruction = sentences(*text)
            kept = _kept_text(ctx, parts)
            if kept.items:
                draft.instruction = sentences(draft.instruction, ctx.t("erasure.except"), kept)
        if p.dpa is None:
            draft.caveats.append(ctx.t("erasure.caveat.no-dpa", name=p.name))
        elif not clauses & {"assistance", "deletion-or-return"}:
            draft.caveats.append(ctx.t("erasure.caveat.clauses", name=p.name))
        draft.notes.append(
            ctx.t("erasure.note.contact", contact=_contact(ctx, p.contact, p.dpa.document if p.dpa else None))
        )
    else:  # a sub-processor: instructed through the processors we engage above it
        via, between = ctx.contracting.of(node)
        draft.via = via
        draft.processor = None
        # name whom it works for when that is not (only) our processor
        parents = tuple(pp for pp in engaging_processors(ctx.scope, node) if pp in ctx.where)
        chain = ctx.t("erasure.processor.sub.chain", names=ctx.names(parents)) if between else ""
        kept = _kept_text(ctx, parts)
        if parts and all(part.action == "restrict" for part in parts):
            draft.instruction = sentences(
                ctx.t("erasure.processor.sub.restrict", name=p.name, parents=ctx.names(via), chain=chain), kept
            )
        else:
            draft.instruction = ctx.t("erasure.processor.sub", name=p.name, parents=ctx.names(via), chain=chain)
            if kept.items:
                draft.instruction = sentences(draft.instruction, ctx.t("erasure.except"), kept)
    return draft


def _engaged(ctx: _Context, pid: str) -> bool:
    """Whether we engage processor ``pid`` directly for the subject's data: it runs one of the
    systems holding it, or a flow from one sends it the data."""
    repo = ctx.repo
    if any(s in ctx.where for s in hosted_systems(ctx.scope, pid)):
        return True
    return any(s in repo.systems for s in flow_sources(ctx.scope, pid, ctx.where[pid]))


def _contact(ctx: _Context, contact: str | None, document: str | None) -> Field:
    if contact:
        return contact
    if document:
        return ctx.t("erasure.contact.document", document=document)
    return phrase("not_declared")


def _recipient_step(ctx: _Context, node: str, drafts: dict[str, _Draft]) -> _Draft:
    repo = ctx.repo
    r = repo.recipients[node]
    cats = ctx.where[node]
    sources = flow_sources(ctx.scope, node, cats)
    draft = _Draft(
        action="inform",
        instruction=listing(()),
        parts=_parts(ctx, node, "delete"),
        owners=owners(repo, responsible_systems(ctx.scope, node)),
    )
    draft.instruction = sentences(
        *[
            ctx.t(
                "erasure.recipient.tell", name=r.name, sources=ctx.names(sources), outcome=_outcome(ctx, node, drafts)
            ),
            ctx.t(
                "erasure.recipient.authority" if r.kind == "authority" else "erasure.recipient.controller", name=r.name
            ),
            ctx.t("erasure.recipient.ask", name=r.name),
        ]
    )
    draft.notes.append(ctx.t("erasure.note.contact", contact=r.contact or phrase("not_declared")))
    return draft


def _outcome(ctx: _Context, node: str, drafts: dict[str, _Draft]) -> Text:
    """What actually happened to the data a recipient received, per source (Art. 19): erased,
    kept restricted under law (which law, which Art. 17(3) point), or not yet erased (a source
    without a routine)."""
    cats = set(ctx.where[node])
    pieces: list[Field] = []
    erased: set[str] = set()
    pending: set[str] = set()
    kept: dict[tuple[str, Text], set[str]] = {}
    for src in flow_sources(ctx.scope, node, ctx.where[node]):
        sent = (
            {
                c
                for f in ctx.repo.systems[src].flows
                if f.to == node and f.transform != "anonymized"
                for c in f.categories
            }
            & cats
            if src in ctx.repo.systems
            else set(cats)
        )
        draft = drafts.get(src)
        if draft is None:
            continue
        restricted: set[str] = set()
        for part in draft.parts:
            if part.action == "restrict" and set(part.categories) & sent:
                obligation, claims = wording.split_laws(part.laws)
                law = _laws_text(ctx, obligation + claims)
                where_law = (node_name(ctx.repo, src), listing([law, f"({part.article})"], "space"))
                kept.setdefault(where_law, set()).update(
                    set(part.categories) & sent
                )
                restricted |= set(part.categories) & sent
        rest = sent - restricted
        (pending if draft.action == "no-routine" else erased).update(rest)
    if erased - pending:
        pieces.append(
            ctx.t("erasure.recipient.erased", categories=ctx.cat_names(category_order(ctx.repo, erased - pending)))
        )
    # in the order of the worded law (the order of the outputs)
    for (place, law), kc in sorted(kept.items(), key=lambda item: (item[0][0], say(item[0][1], ctx.lang))):
        pieces.append(
            ctx.t(
                "erasure.recipient.restricted",
                categories=ctx.cat_names(category_order(ctx.repo, kc)),
                place=place,
                law=law,
            )
        )
    if pending:
        pieces.append(ctx.t("erasure.recipient.pending", categories=ctx.cat_names(category_order(ctx.repo, pending))))
    return listing(pieces, "semicolon")


# --- rendering ---------------------------------------------------------------------------------


def words(plan: ErasurePlan) -> ErasurePlan:
    """The plan with every sentence worded in its language: what every output shows."""
    return worded(plan, plan.lang, _base(plan))


def _base(plan: ErasurePlan) -> dict[str, Field]:
    """The fields every sentence of the plan may use."""
    return {
        "subject": wording.subject_the(plan.subject, plan.lang),
        "subjects": wording.subject_possessive(plan.subject, plan.lang),
    }


def render(plan: ErasurePlan, fmt: str) -> str:
    """The plan as ``text``, ``markdown`` or ``json``."""
    from policycheck.support import templating

    if fmt == "json":  # worded and converted in one pass: the same as words(plan).to_dict()
        return templating.worded_json(plan, plan.lang, _base(plan))
    plan = words(plan)
    lang = plan.lang
    names = {s.node: s.name for s in plan.steps}
    counts = ", ".join(f"{n} {tr('action.' + a, lang)}" for a, n in plan.summary.items())
    n_steps = len(plan.steps)
    summary = tr("erasure.summary.1" if n_steps == 1 else "erasure.summary", lang, n=n_steps, counts=counts)

    def kind_label(step: Step) -> str:
        words = [tr(f"kind_{step.kind}", lang)]
        if step.system_kind:
            words.append(wording.system_kind(step.system_kind, lang))
        if step.channel:
            words.append(tr("erasure.channel", lang))
        if step.via:
            words[0] = tr("subprocessor_role", lang)
        return ", ".join(words)

    def routine_meta(step: Step) -> str:
        words = []
        if step.automated is not None:
            words.append(tr("erasure.automated" if step.automated else "erasure.manual", lang))
        if step.within_days is not None:
            days = wording.duration(f"P{step.within_days}D", lang)
            words.append(tr("erasure.within_days", lang, days=days))
        if step.rotation_until:
            words.append(tr("erasure.rotation_until", lang, date=step.rotation_until))
        return ", ".join(words)

    teams = wording.team_refs

    def sensitive(step: Step) -> str:
        """Special categories (Art. 9) and criminal-offence data (Art. 10), each named as such."""
        words = []
        if step.special_categories:
            words.append(tr("erasure.special", lang))
        if step.criminal_categories:
            words.append(tr("erasure.criminal", lang))
        return "; ".join(words)

    def node_names(ids: tuple[str, ...]) -> str:
        return ", ".join(names.get(i, i) for i in ids)

    return templating.render(
        "erasure",
        fmt,
        lang,
        plan=plan,
        subject_the=wording.subject_the(plan.subject, lang),
        subjects=wording.subject_possessive(plan.subject, lang),
        summary=summary,
        kind_label=kind_label,
        routine_meta=routine_meta,
        sensitive=sensitive,
        teams=teams,
        names=node_names,
        subject_kind=wording.subject_kind(plan.subject, lang),
        recipient_kind=lambda k: tr(f"recipient_kind.{k}", lang),
        country=lambda c: wording.country_name(c, lang, article=False) if c else tr("unknown", lang),
    )
