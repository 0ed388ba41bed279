"""The customers' page "what we store about you" and the agents' answer sheet, per channel.

A channel is a system with ``channel: true``. For each, the data collected there is followed
through flows, hosting and sub-processing (each flow carries only its categories):

- what is stored: the categories the channel collects (about ``--subject`` when given): what
  it stores, and what it passes on by flows without keeping it (a chat that forwards every
  message to the help desk collects the messages; the page then says that the channel itself
  keeps nothing, and where the data goes);
- why: the purposes of the channel's stores, of the flows the data takes and of the stores
  it reaches downstream, each with its lawful basis in plain words;
- how long: each purpose's retention in plain words, with the places that keep it for
  another period and the law that forces keeping, if any;
- who else gets it: the processors, sub-processors and recipients reached, with countries;
- where: every country, and the transfers outside the EU/EEA with their safeguards;

plus the rights (Art. 15-22), the contact (privacy contact, DPO) and the complaint
authority. The answer sheet phrases the same facts as answers to customers' questions; its
answer to "Can you delete my data?" follows the same facts as the erasure plan: the places the
channel's data reaches where erasure is not yet possible (a place that keeps the data without
an erasure routine; a place that only passes it on keeps nothing and is no gap), the data kept
under law, and how long backup copies outlive the source.

Facts from reference data tagged ``verified: false`` (laws, adequacy decisions, authorities)
are marked on the answer sheet in words; the customers' page carries no internal caveat: they
are listed in ``notes`` for staff (the command prints them on stderr). The customers' page names
a channel by its ``public_name``, else by its kind; internal system names stay on the answer sheet.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
import re
import urllib.parse
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from policycheck import jsonout
from policycheck.escape import MarkdownText
from policycheck.findings import CheckResult, Finding
from policycheck.graph import FLOW, SUBPROCESSING
from policycheck.model import Repo
from policycheck.model.types import Duration
from policycheck.reference import reference
from policycheck.support import wording
from policycheck.support.access import Authority, authority, complaint, contact_text, rights_text
from policycheck.support.phrase import (
    Field,
    Marked,
    NameOrWords,
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
    Scope,
    build_scope,
    category_order,
    concerns,
    declared_order,
    engaging_processors,
    has_tia,
    hosted_systems,
    node_name,
    resolve_subject,
    retention_at,
)

_VERB_KINDS = ("phone", "email", "chat", "ticketing", "paper")


@dataclass(frozen=True)
class CategoryInfo:
    id: str
    name: str
    description: str | None
    special: bool | str


@dataclass(frozen=True)
class RetentionException:
    place: str
    name: str
    retention: str
    retention_text: Words
    label: NameOrWords = ""  # what customers read: the place's public name, else its kind


@dataclass(frozen=True)
class PurposeInfo:
    id: str | None
    name: str
    description: str | None
    lawful_basis: str | None
    lawful_basis_text: Words
    retention: str | None
    retention_text: Words
    retention_law: str | None
    laws: tuple[wording.LawRef, ...]  # retention_law matched to the reference data
    exceptions: tuple[RetentionException, ...]


@dataclass(frozen=True)
class PartyInfo:
    id: str
    name: str
    role: str  # processor | sub-processor | recipient
    kind: str | None  # a recipient's kind
    countries: tuple[str, ...]
    country_names: tuple[str, ...]


@dataclass(frozen=True)
class TransferInfo:
    country: str
    country_name: str
    parties: tuple[str, ...]
    party_names: tuple[str, ...]
    party_labels: tuple[NameOrWords, ...]  # what customers read: public names, else kinds
    safeguard: Words
    safe: bool
    verified: bool  # false when the adequacy decision relied on is unverified reference data


@dataclass(frozen=True)
class QA:
    question: Words
    answer: Words


@dataclass(frozen=True)
class ChannelInfo:
    id: str
    name: str
    kind: str
    public_name: str | None
    label: NameOrWords  # what customers read: the public name, else the channel's kind
    heading: Words
    categories: tuple[CategoryInfo, ...]
    purposes: tuple[PurposeInfo, ...]
    parties: tuple[PartyInfo, ...]
    countries: tuple[str, ...]
    country_names: tuple[str, ...]
    transfers: tuple[TransferInfo, ...]
    #: places the channel's data reaches where erasure is not yet possible: a system keeping the
    #: data without an erasure routine, a processor without a DPA that a flow sends the data to
    erasure_gaps: tuple[str, ...]
    #: when the channel keeps none of the data itself: the places it passes it on to
    passes_to: tuple[str, ...]
    passes_to_names: tuple[str, ...]
    answers: tuple[QA, ...]


@dataclass(frozen=True)
class TransparencyPage:
    organization: str
    lang: str
    subject: str | None
    notice_url: str | None
    channels: tuple[ChannelInfo, ...]
    rights: tuple[Words, ...]
    contact: NameOrWords
    privacy_contact: str | None
    dpo: str | None
    complaint: Words
    authority: Authority | None
    general_answers: tuple[QA, ...]
    unverified: bool  # the page uses unverified reference data (see notes)
    #: internal notes for staff, never on the customers' page: the unverified reference facts it uses
    notes: tuple[Words, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return jsonout.dataclass_dict(self)  # dataclasses.asdict without copying every leaf


Edge = tuple[str, dict[str, Any], frozenset[str]]  # the other end, the edge's data, its categories


class Edges:
    """The data map's edges of each node as tuples, listed once per page: a page walks the graph
    from every channel, and re-listing the graph's edges for every visit made the page quadratic
    in practice on an organization where every channel reaches a hub (the same edges, the same order)."""

    def __init__(self, scope: Scope) -> None:
        self.links = scope.datamap.links
        self._out: dict[str, tuple[Edge, ...]] = {}
        self._in: dict[str, tuple[Edge, ...]] = {}
        self._flow_purposes: dict[tuple[str, frozenset[str]], frozenset[str | None]] = {}
        self._store_purposes: dict[tuple[str, frozenset[str]], frozenset[str | None]] = {}

    def out(self, node: str) -> tuple[Edge, ...]:
        """Outgoing edges, by destination (in the graph's order for one destination)."""
        got = self._out.get(node)
        if got is None:
            edges = [(v, d, frozenset(d.get("categories", ()))) for _, v, d in self.links.out_edges(node, data=True)]
            got = self._out[node] = tuple(sorted(edges, key=lambda e: e[0]))
        return got

    def flow_purposes(self, node: str, cats: frozenset[str]) -> frozenset[str | None]:
        """The purposes of the flows out of ``node`` that carry some of ``cats`` (many channels
        reach the same node with the same categories: answered once)."""
        key = (node, cats)
        got = self._flow_purposes.get(key)
        if got is None:
            got = self._flow_purposes[key] = frozenset(
                d["purpose"] for _, d, carried in self.out(node) if d["kind"] == FLOW and cats & carried
            )
        return got

    def store_purposes(self, repo: Repo, node: str, cats: frozenset[str]) -> frozenset[str | None]:
        """The purposes of the stores of system ``node`` that keep some of ``cats``."""
        system = repo.systems.get(node)
        if system is None:
            return frozenset()
        key = (node, cats)
        got = self._store_purposes.get(key)
        if got is None:
            got = self._store_purposes[key] = frozenset(st.purpose for st in system.stores if cats & set(st.categories))
        return got

    def into(self, node: str) -> tuple[Edge, ...]:
        """Incoming edges, in the graph's order."""
        got = self._in.get(node)
        if got is None:
            got = self._in[node] = tuple(
                (u, d, frozenset(d.get("categories", ()))) for u, _, d in self.links.in_edges(node, data=True)
            )
        return got


class CategoryReach:
    """Where each category goes from each node, computed once per page and shared by every
    channel: per category, the graph of the edges that carry it (a flow carries its own
    categories, hosting and sub-processing carry all), its strongly connected components, and
    the nodes each component reaches. A channel's reach is then the union of its categories'
    answers (the same as :func:`reach_from`), without walking every edge again per channel
    and per category set (quadratic on an organization of dense cyclic flows).

    A category's components are found only where the channels asked about reach (an iterative
    Tarjan search from each channel not yet seen, components numbered as they are completed),
    not over the whole map for every category. Every user of a reach sorts its nodes, so the
    order in which they are found does not matter."""

    def __init__(self, edges: Edges) -> None:
        self.edges = edges
        self._any: dict[str, list[str]] | None = None  # node -> destinations of non-flow edges
        self._flow: dict[str, dict[str, list[str]]] = {}  # category -> node -> flow destinations
        self._graphs: dict[str, _Components] = {}
        self._reach: dict[tuple[str, int], tuple[str, ...]] = {}

    def _index(self) -> dict[str, list[str]]:
        if self._any is None:
            self._any = {}
            for node in self.edges.links.nodes:
                for dst, data, cats in self.edges.out(node):
                    if data["kind"] == FLOW:
                        for c in cats:
                            self._flow.setdefault(c, {}).setdefault(node, []).append(dst)
                    else:
                        self._any.setdefault(node, []).append(dst)
        return self._any

    def _graph(self, category: str) -> _Components:
        """The category's strongly connected components, found so far."""
        got = self._graphs.get(category)
        if got is None:
            got = self._graphs[category] = _Components(self._index(), self._flow.get(category, {}))
        return got

    def nodes(self, category: str, source: str) -> tuple[str, ...]:
        """The nodes ``source`` reaches carrying ``category`` (itself included)."""
        graph = self._graph(category)
        start = graph.component(source)
        got = self._reach.get((category, start))
        if got is None:
            members, below = graph.members, graph.below
            seen = {start}
            todo = [start]
            out: list[str] = []
            while todo:
                c = todo.pop()
                out += members[c]
                for d in below[c]:
                    if d not in seen:
                        seen.add(d)
                        todo.append(d)
            got = self._reach[(category, start)] = tuple(out)
        return got

    def reach(self, source: str, categories: set[str]) -> dict[str, set[str]]:
        """Node -> the categories collected at ``source`` that reach it (as :func:`reach_from`)."""
        out: dict[str, set[str]] = {source: set(categories)}
        for c in categories:
            for node in self.nodes(c, source):
                got = out.get(node)
                if got is None:
                    out[node] = {c}
                else:
                    got.add(c)
        return out


_NONE: list[str] = []


class _Components:
    """The strongly connected components of one category's graph (every node's non-flow edges,
    and its flows that carry the category), found from the nodes asked about: node -> component,
    each component's members, and the components each one sends the category to."""

    def __init__(self, anyway: dict[str, list[str]], flows: dict[str, list[str]]) -> None:
        self.anyway, self.flows = anyway, flows
        self.comp: dict[str, int] = {}
        self.members: list[list[str]] = []
        self.below: list[list[int]] = []

    def succ(self, node: str) -> list[str]:
        a, f = self.anyway.get(node, _NONE), self.flows.get(node, _NONE)
        return a + f if a and f else a or f

    def component(self, source: str) -> int:
        """``source``'s component (found with every component it reaches, if not yet)."""
        got = self.comp.get(source)
        if got is None:
            self._search(source)
            got = self.comp[source]
        return got

    def _search(self, root: str) -> None:
        """Tarjan's search from ``root`` (iterative: any depth); the components already found
        are complete and are not entered again."""
        comp, succ = self.comp, self.succ
        index: dict[str, int] = {root: 0}
        low: dict[str, int] = {root: 0}
        stack: list[str] = [root]
        work: list[tuple[str, Iterator[str]]] = [(root, iter(succ(root)))]
        while work:
            node, it = work[-1]
            for nxt in it:
                if nxt in comp:  # a component completed earlier
                    continue
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    work.append((nxt, iter(succ(nxt))))
                    break
                if index[nxt] < low[node]:  # seen here and not completed: on the stack
                    low[node] = index[nxt]
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    if low[node] < low[parent]:
                        low[parent] = low[node]
                if low[node] == index[node]:
                    i = len(self.members)
                    members = []
                    while True:
                        m = stack.pop()
                        comp[m] = i
                        members.append(m)
                        if m == node:
                            break
                    self.members.append(members)
                    self.below.append(sorted({comp[d] for n in members for d in succ(n)} - {i}))


def reach_from(scope: Scope, source: str, categories: set[str], edges: Edges | None = None) -> dict[str, set[str]]:
    """Node -> the categories collected at ``source`` that reach it (flows carry their own)."""
    edges = edges or Edges(scope)
    reach: dict[str, set[str]] = {source: set(categories)}
    queue = deque([source])
    while queue:
        node = queue.popleft()
        for dst, data, cats in edges.out(node):
            carried = reach[node] & cats if data["kind"] == FLOW else set(reach[node])
            new = carried - reach.get(dst, set())
            if new:
                reach.setdefault(dst, set()).update(new)
                queue.append(dst)
    return reach


def build(
    repo: Repo, as_of: dt.date, lang: str = "en", subject: str | None = None, beside: bool = False
) -> TransparencyPage:
    """The page as of ``as_of`` (which adequacy decisions are in force), in ``lang``; only
    categories about ``subject`` when given. ``beside``: on a large organization a forked worker
    describes the second half of the channels while this process describes the first
    (:func:`_in_two`); the same page."""
    if subject is not None:
        subject = resolve_subject(repo, subject)
    scope = build_scope(repo, as_of)
    repo = scope.repo
    org = repo.config.organization
    contact = contact_text(repo)
    auth = authority(repo)
    complaint_words = complaint(repo, mark="")
    edges = Edges(scope)
    spread = CategoryReach(edges)
    sids = [sid for sid in sorted(repo.systems) if repo.systems[sid].channel]

    def make(part: list[str]) -> tuple[ChannelInfo, ...]:
        return tuple(_channel(scope, edges, spread, sid, subject, lang, contact, auth) for sid in part)

    channels = _in_two(sids, make, len(repo.systems) + len(repo.processors) + len(repo.recipients)) if beside \
        else make(sids)
    if subject is not None:  # a channel that collects nothing about the subject is not theirs to read about
        channels = tuple(ch for ch in channels if ch.categories)
    general = (
        QA(phrase("qa.responsible"), phrase("a.responsible", org=org.name, contact=contact)),
        QA(phrase("qa.access"), phrase("a.access", contact=org.privacy_contact or contact)),
        QA(
            phrase("qa.complain"),
            phrase("a.complain", contact=org.privacy_contact or contact, authority=_authority_name(auth)),
        ),
    )
    notes: list[Text] = []
    if auth is not None and not auth.verified:
        notes.append(phrase("tp.note.unverified", what=_authority_name(auth)))
    unverified_safeguards = {t.safeguard for ch in channels for t in ch.transfers if not t.verified}
    for safeguard in sorted(unverified_safeguards, key=lambda t: say(t, lang)):  # in the order of the words
        notes.append(phrase("tp.note.unverified", what=safeguard))
    laws = {p.retention_law or "" for ch in channels for p in ch.purposes if not wording.laws_verified(p.laws)}
    for law in sorted(laws):
        notes.append(phrase("tp.note.unverified", what=law))
    unverified = bool(notes)
    dpo = None
    if org.dpo is not None:
        dpo = org.dpo.name + (f", {org.dpo.email}" if org.dpo.email else "")
    return TransparencyPage(
        organization=org.name,
        lang=lang,
        subject=subject,
        notice_url=repo.privacy_notice.url if repo.privacy_notice else None,
        channels=channels,
        rights=rights_text(repo)[:-1],
        contact=contact,
        privacy_contact=org.privacy_contact,
        dpo=dpo,
        complaint=complaint_words,
        authority=auth,
        general_answers=general,
        unverified=unverified,
        notes=tuple(notes),
    )


def _in_two(
    sids: list[str], make: Callable[[list[str]], tuple[ChannelInfo, ...]], nodes: int
) -> tuple[ChannelInfo, ...]:
    """``make(sids)``, the second half made by a forked worker while this process makes the first
    (:mod:`policycheck.reports.beside`: no worker on a small organization, with
    ``POLICYCHECK_JOBS=1``, without ``os.fork`` or with other threads; a worker that fails or
    answers anything but the channels it was given leaves them to be made here)."""
    from policycheck.reports.beside import Beside, may_fork

    if len(sids) < 2 or not may_fork(nodes):
        return make(sids)
    half = len(sids) // 2
    first, second = sids[:half], sids[half:]
    worker: Beside[tuple[ChannelInfo, ...]] = Beside(lambda: make(second), tuple, True)
    try:
        mine = make(first)
    except BaseException:
        worker.cancel()
        raise
    theirs = worker.result()
    if [getattr(ch, "id", None) for ch in theirs] != second or not all(type(ch) is ChannelInfo for ch in theirs):
        theirs = make(second)
    return mine + theirs


def _authority_name(auth: Authority | None) -> Field:
    if auth is None:
        return phrase("authority_unknown")
    name = auth.name + (f" ({auth.short_name})" if auth.short_name else "")
    name += f", {auth.website}" if auth.website else ""
    return name if auth.verified else Marked(name, True)


def public_label(repo: Repo, node: str) -> Field:
    """How customers know a place: a system's ``public_name``, else its kind in words (an
    internal system name is not for the customers' page); a processor or recipient by name."""
    s = repo.systems.get(node)
    if s is None:
        return node_name(repo, node)
    if s.public_name:
        return s.public_name
    return phrase(f"tp.place.{s.kind}")


def _channel(
    scope: Scope,
    edges: Edges,
    spread: CategoryReach,
    sid: str,
    subject: str | None,
    lang: str,
    contact: Field,
    auth: Authority | None,
) -> ChannelInfo:
    repo = scope.repo
    s = repo.systems[sid]
    held = {c for c in scope.holdings.get(sid, {}) if concerns(repo, c, subject)}
    # what the channel collects: what it stores, and what it passes on without keeping it
    # (data other channels send it is theirs)
    own = ({c for st in s.stores for c in st.categories} | set(scope.forwarded.get(sid, ()))) & held
    collected = own or held
    reach = spread.reach(sid, collected)
    passes_to: tuple[str, ...] = ()
    if collected and not scope.kept(sid, collected):
        passes_to = tuple(
            sorted(
                {f.to for f in s.flows if f.transform != "anonymized" and set(f.categories) & collected},
                key=lambda n: (node_name(repo, n).lower(), n),
            )
        )

    purposes: list[str | None] = []
    for st in s.stores:
        if set(st.categories) & collected:
            purposes.append(st.purpose)
    for node, cats in reach.items():
        held_here = frozenset(cats)
        purposes += edges.flow_purposes(node, held_here)
        if node != sid:
            purposes += edges.store_purposes(repo, node, held_here)
    index = declared_order(repo.purposes)
    unique = sorted({p for p in purposes if p in repo.purposes}, key=lambda p: index[p])

    infos = []
    for pid in unique:
        p = repo.purposes[pid]
        exceptions = [
            RetentionException(node, name, period, words, label=public_label(repo, node))
            for node, name, period, words in wording.retention_exceptions(
                repo, reach, pid, p.retention, p.retention_from
            )
        ]
        infos.append(
            PurposeInfo(
                id=pid,
                name=p.name,
                description=p.description,
                lawful_basis=p.lawful_basis,
                lawful_basis_text=wording.lawful_basis_with_condition_text(
                    repo, pid, category_order(repo, set(p.categories) & collected)
                ),
                retention=p.retention.text if p.retention else None,
                retention_text=wording.retention_text(p.retention, p.retention_from),
                retention_law=p.retention_basis,
                laws=wording.laws(p.retention_basis),
                exceptions=tuple(exceptions),
            )
        )

    parties = []
    for node in sorted(reach):
        if node == sid or node in repo.systems:
            continue
        countries = scope.datamap.countries.get(node, ())
        if node in repo.processors:
            direct = any(d["kind"] != SUBPROCESSING for src, d, _ in edges.into(node) if src in reach)
            role = "processor" if direct or not engaging_processors(scope, node) else "sub-processor"
            kind = None
        else:
            role, kind = "recipient", repo.recipients[node].kind
        parties.append(
            PartyInfo(
                node,
                node_name(repo, node),
                role,
                kind,
                countries,
                tuple(wording.country_name(c, lang, article=False) for c in countries),
            )
        )
    roles = {"processor": 0, "sub-processor": 1, "recipient": 2}
    parties.sort(key=lambda x: (roles[x.role], x.name.lower(), x.id))

    countries = tuple(sorted({c for n in reach for c in scope.datamap.countries.get(n, ())}))
    # one line per country and safeguard: a system relying on its processor's transfer shares
    # the processor's safeguard (and its assessment), so the two are told together
    grouped: dict[tuple[str, Text, bool], list[str]] = {}
    verified: dict[tuple[str, Text, bool], bool] = {}
    adequacy = reference().adequacy
    for node in sorted(reach):
        for tf in scope.transfers.get(node, []):
            country_words = wording.country_name(tf.country, lang)
            text = wording.safeguard_text(country_words, tf.mechanism, tf.basis, has_tia(repo, node))
            key = (tf.country, text, tf.safe)
            grouped.setdefault(key, []).append(node)
            decision = adequacy.get(tf.country)
            ok = tf.basis not in ("adequacy", "adequacy-partial") or decision is None or decision.verified
            verified[key] = verified.get(key, True) and ok
    transfers = tuple(
        TransferInfo(
            country,
            wording.country_name(country, lang, article=False),
            tuple(nodes),
            tuple(node_name(repo, n) for n in nodes),
            tuple(dict.fromkeys(public_label(repo, n) for n in nodes)),
            text,
            safe,
            verified[(country, text, safe)],
        )
        # in the order of the words (the order of the outputs)
        for (country, text, safe), nodes in sorted(
            grouped.items(), key=lambda g: (g[0][0], say(g[0][1], lang), g[0][2])
        )
    )

    categories = tuple(
        CategoryInfo(c, repo.categories[c].name, repo.categories[c].description, repo.categories[c].special)
        for c in category_order(repo, collected)
    )
    if s.public_name:
        heading = phrase("tp.heading.named", name=s.public_name)
    elif s.kind in _VERB_KINDS:
        heading = phrase(f"tp.heading.{s.kind}")
    else:
        heading = phrase("tp.heading.kind", kind=phrase(f"tp.place.{s.kind}"))
    channel = ChannelInfo(
        id=sid,
        name=s.name,
        kind=s.kind,
        public_name=s.public_name,
        label=public_label(repo, sid),
        heading=heading,
        categories=categories,
        purposes=tuple(infos),
        parties=tuple(parties),
        countries=countries,
        country_names=tuple(wording.country_name(c, lang, article=False) for c in countries),
        transfers=transfers,
        erasure_gaps=_erasure_gaps(scope, edges, reach),
        passes_to=passes_to,
        passes_to_names=tuple(node_name(repo, n) for n in passes_to),
        answers=(),
    )
    answers = _answers(repo, channel, contact, auth, _backup_rotation(scope, reach))
    return dataclasses.replace(channel, answers=answers)


def _erasure_gaps(scope: Scope, edges: Edges, reach: dict[str, set[str]]) -> tuple[str, ...]:
    """Where the data reaches but erasure is not yet possible, as in the erasure plan: a system
    that keeps it without an erasure routine (one that only passes it on keeps nothing to
    erase); a processor without a DPA that a flow sends the data to (and that runs none of the
    systems holding it). Systems first, then processors, by name."""
    repo = scope.repo
    gaps = []
    for node in reach:
        if node in repo.systems:
            if repo.systems[node].erasure is None and scope.kept(node, reach[node]):
                gaps.append(node)
        elif node in repo.processors and repo.processors[node].dpa is None:
            if any(s in reach for s in hosted_systems(scope, node)):
                continue
            if any(d["kind"] == FLOW and src in reach and reach[src] & carried for src, d, carried in edges.into(node)):
                gaps.append(node)
    return tuple(sorted(gaps, key=lambda n: (n not in repo.systems, node_name(repo, n).lower(), n)))


def _backup_rotation(scope: Scope, reach: dict[str, set[str]]) -> Duration | None:
    """The longest a backup reached by the data keeps its copies, when backups rotate out
    (``kind: backup`` with an automated erasure): the last copy is overwritten by then."""
    repo = scope.repo
    longest: Duration | None = None
    for node in sorted(reach):
        s = repo.systems.get(node)
        if s is None or s.kind != "backup" or s.erasure is None or not s.erasure.automated:
            continue
        for st in s.stores:
            if not set(st.categories) & reach[node]:
                continue
            kept = retention_at(repo, node, st.purpose)
            if kept is not None and (longest is None or kept.approx_days() > longest.approx_days()):
                longest = kept
    return longest


def _delete_answer(repo: Repo, ch: ChannelInfo, privacy: Field, backup: Duration | None) -> Text:
    """Yes, everywhere, only when nothing blocks erasure; else the places where it cannot be
    done yet and an instruction to escalate. Then what is kept under law (restricted, under
    which law) and how long backup copies remain."""
    places: list[Field] = [
        phrase("a.delete.gap.system" if n in repo.systems else "a.delete.gap.processor", name=node_name(repo, n))
        for n in ch.erasure_gaps
    ]
    first = phrase("a.delete.gaps", places=listing(places, "semicolon")) if places else phrase("a.delete")
    text: list[Field] = [first]
    kept: list[Field] = [
        phrase(
            "a.delete.kept.item",
            purpose=p.name,
            retention=p.retention_text,
            law=wording.law_marked(p.retention_law, p.laws),
        )
        for p in ch.purposes
        if p.retention_law
    ]
    if kept:
        text.append(phrase("a.delete.kept", items=listing(kept, "semicolon")))
    if backup is not None:
        text.append(phrase("a.delete.backup", duration=Span(backup.text)))
    if places:
        text.append(phrase("a.delete.escalate", contact=privacy))
    return sentences(*text)


def _answers(
    repo: Repo, ch: ChannelInfo, contact: Field, auth: Authority | None, backup: Duration | None
) -> tuple[QA, ...]:
    org = repo.config.organization
    privacy = org.privacy_contact or contact
    cats = listing([c.name for c in ch.categories]) if ch.categories else phrase("none")
    why = sentences(*(phrase("a.why.item", purpose=p.name, basis=p.lawful_basis_text) for p in ch.purposes))
    how_long = sentences(
        *(phrase("a.how_long.item", purpose=p.name, retention=_retention_text(p)) for p in ch.purposes)
    )
    processors = [f"{x.name} ({', '.join(x.country_names)})" for x in ch.parties if x.role != "recipient"]
    recipients = [f"{x.name} ({', '.join(x.country_names)})" for x in ch.parties if x.role == "recipient"]
    who: list[Field] = []
    if processors:
        who.append(phrase("a.who.processors", names=listing(processors)))
    if recipients:
        who.append(phrase("a.who.recipients", names=listing(recipients)))
    if not who:
        who.append(phrase("a.who.none"))
    abroad: Text
    if ch.transfers:
        items: list[Field] = [
            phrase(
                "a.abroad.item",
                country=t.country_name,
                parties=listing(t.party_names),
                safeguard=t.safeguard if t.verified else Marked(t.safeguard, True),
            )
            for t in ch.transfers
        ]
        abroad = phrase("a.abroad.yes", items=listing(items, "semicolon"))
    else:
        abroad = phrase("a.abroad.no")
    delete = _delete_answer(repo, ch, privacy, backup)
    what: Text = phrase("a.what", categories=cats)
    if ch.passes_to:
        what = sentences(what, phrase("tp.passes_on", name=ch.name, targets=listing(ch.passes_to_names)))
    return (
        QA(phrase("qa.what"), what),
        QA(phrase("qa.why"), why if why.items else phrase("a.unknown", contact=privacy)),
        QA(phrase("qa.how_long"), how_long if how_long.items else phrase("a.unknown", contact=privacy)),
        QA(phrase("qa.who"), sentences(*who)),
        QA(phrase("qa.abroad"), abroad),
        QA(phrase("qa.delete"), delete),
        QA(phrase("qa.access"), phrase("a.access", contact=privacy)),
        QA(phrase("qa.complain"), phrase("a.complain", contact=privacy, authority=_authority_name(auth))),
    )


def _retention_text(p: PurposeInfo) -> Text:
    """The purpose's retention, then the places that keep its data for another period."""
    if not p.exceptions:
        return p.retention_text
    others = listing([listing([e.name, ": ", e.retention_text], "concat") for e in p.exceptions], "semicolon")
    return listing([p.retention_text, " (", others, ")"], "concat")


def _retention_words(p: PurposeInfo, lang: str) -> str:
    return str(say(_retention_text(p), lang))


# --- findings that block the customers' page ---------------------------------------------------

#: rules whose findings are about what the customers' page says
PAGE_RULES: frozenset[str] = frozenset(
    {
        "third-country-transfer-without-safeguard",
        "adequacy-claimed-without-decision",
        "purpose-without-lawful-basis",
        "special-category-without-condition",
        "no-privacy-contact",
    }
)


def blocking_findings(result: CheckResult) -> list[Finding]:
    """Unresolved (not waived) findings about what the page says: critical or high ones of
    :data:`PAGE_RULES`, and a missing privacy contact at any severity (the page would name no
    one to write to)."""
    return [
        f
        for f in result.findings
        if f.rule in PAGE_RULES and (f.severity in ("critical", "high") or f.rule == "no-privacy-contact")
    ]


def one_line(text: str) -> str:
    """Terminal-safe: whitespace runs become one space; control characters show as \\xNN."""
    flat = " ".join(text.split())
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in flat)


def blocking_lines(findings: list[Finding], lang: str, *, allowed: bool) -> list[str]:
    """The blocking findings for stderr, one line each, then what to do."""
    if not findings:
        return []
    lines = [
        one_line(f"{f.file}:{f.line}: {f.severity} {f.rule}: {f.message}")
        for f in sorted(findings, key=lambda f: (f.file, f.line, f.rule))
    ]
    lines.append(tr("tp.blocked.allowed" if allowed else "tp.blocked", lang, n=len(findings)))
    return lines


# --- rendering ---------------------------------------------------------------------------------


def words(page: TransparencyPage) -> TransparencyPage:
    """The page with every sentence worded in its language: what every output shows."""
    return worded(page, page.lang, memo=True)  # 8,000 distinct texts of 60,000 at 5,000 systems


def notes(page: TransparencyPage) -> list[str]:
    """The internal notes for staff (stderr), worded."""
    return [str(say(note, page.lang)) for note in page.notes]


def render(page: TransparencyPage, fmt: str, audience: str = "customers") -> str:
    """The customers' page (``audience="customers"``) or the agents' answer sheet, as
    ``html``, ``markdown`` or ``json`` (the JSON holds both)."""
    from policycheck.support import templating

    if fmt == "json":  # worded and converted in one pass: the same as words(page).to_dict()
        return templating.worded_json(page, page.lang, memo=True)
    page = words(page)
    name = "transparency" if audience == "customers" else "answers"
    lang = page.lang

    def mark(c: CategoryInfo) -> str:
        if c.special == "criminal":
            return tr("tp.criminal", lang)
        return tr("tp.sensitive", lang) if c.special else ""

    def role(x: PartyInfo) -> str:
        return tr(f"tp.role.{x.role}", lang)

    contact = str(say(page.privacy_contact or page.contact, lang))
    website = page.authority.website if page.authority else None
    return templating.render(
        name,
        fmt,
        lang,
        page=page,
        sections=sections(page),
        mark=mark,
        role=role,
        retention=lambda p: _retention_words(p, lang),
        join=lambda items: wording.join(list(items), lang),
        cap=lambda text: text[:1].upper() + text[1:],
        kept=lambda p: kept_words(p, lang),
        contact_text=_linked(tr("tp.contact.text", lang, contact=contact), contact, mailto(contact)),
        complaint=_linked(str(say(page.complaint, lang)), website or "", safe_url(website)),
        notice_url=safe_url(page.notice_url),
    )


_EMAIL = re.compile(r"[^@\s<>\"'()\[\],;:]+@[^@\s<>\"'()\[\],;:]+\.[A-Za-z]{2,}")
_URL = re.compile(r"https?://[^\s<>\"'`()]+")


def kept_words(p: PurposeInfo, lang: str) -> str:
    """Why data is kept beyond a request, per Art. 17(3): a law that obliges keeping it
    (Bokföringslagen: (b)), or the limitation periods of legal claims (Preskriptionslagen:
    (e); that law imposes no duty to keep)."""
    obligation, claims = wording.split_laws(p.laws)
    law = "; ".join(r.text for r in obligation)
    claims_law = "; ".join(r.text for r in claims)
    if obligation and claims:
        return tr("tp.kept_by_law_and_claims", lang, law=law, claims_law=claims_law)
    if claims:
        return tr("tp.kept_for_claims", lang, claims_law=claims_law)
    return tr("tp.kept_by_law", lang, law=p.retention_law or law)


def mailto(contact: str | None) -> str | None:
    """A ``mailto:`` link for a contact that is an e-mail address, or the link itself for an
    ``https://`` address (a contact form); None for anything else (it is shown as text)."""
    if not contact:
        return None
    if _URL.fullmatch(contact):
        return contact
    if _EMAIL.fullmatch(contact):
        return "mailto:" + urllib.parse.quote(contact, safe="@.+-_")
    return None


def safe_url(url: str | None) -> str | None:
    """``url`` when it is a plain http(s) address (never ``javascript:`` and the like)."""
    return url if url and _URL.fullmatch(url) else None


def _linked(text: str, target: str, href: str | None) -> tuple[str, str, str, str | None]:
    """``text`` split around ``target`` so a template can link it: (before, target, after, href);
    without a link (or when the target is not in the text): (text, "", "", None)."""
    if href is None or not target or target not in text:
        return (text, "", "", None)
    before, _, after = text.partition(target)
    # the address was checked (mailto/safe_url): a link target as is, in Markdown too
    return (before, target, after, MarkdownText(href))


def sections(page: TransparencyPage) -> list[tuple[tuple[str, ...], ChannelInfo]]:
    """The customers' page's sections: channels whose answers are the same (what is stored,
    why, how long, who gets it, where) share one section, titled with each channel's heading."""
    out: dict[object, tuple[list[str], ChannelInfo]] = {}
    for ch in page.channels:
        key = section_key(ch)
        heading = str(say(ch.heading, page.lang))
        got = out.get(key)
        if got is not None:
            if heading not in got[0]:
                got[0].append(heading)
        else:
            out[key] = ([heading], ch)
    return [(tuple(headings), ch) for headings, ch in out.values()]


def _getter(cls: type, leave: set[str]) -> Callable[[Any], tuple[Any, ...]]:
    """A tuple of the fields of ``cls`` but ``leave``, in their order."""
    names = [f.name for f in dataclasses.fields(cls) if f.name not in leave]
    get = operator.attrgetter(*names)
    return get if len(names) > 1 else lambda x: (get(x),)


# what a customer reads of a channel's facts: not its internal names, its heading, the places of
# its retention exceptions and transfers (their labels are read), its answers or erasure gaps
# (the answer sheet's); only whether it passes the data on
_SECTION_CHANNEL = _getter(
    ChannelInfo,
    {"id", "name", "kind", "public_name", "label", "heading", "erasure_gaps", "answers", "passes_to",
     "passes_to_names", "purposes", "transfers"},
)
_SECTION_PURPOSE = _getter(PurposeInfo, {"exceptions"})
_SECTION_EXCEPTION = _getter(RetentionException, {"place", "name"})
_SECTION_TRANSFER = _getter(TransferInfo, {"parties", "party_names"})


def section_key(ch: ChannelInfo) -> object:
    """What a customer reads of ``ch``'s facts (the same for two channels exactly when they
    share a section), as a tuple of the values: comparing the fields' values is comparing their
    ``dataclasses.asdict`` (their fields are text, names, flags and tuples of them), without
    converting every channel to dicts."""
    return (
        _SECTION_CHANNEL(ch),
        tuple((_SECTION_PURPOSE(p), tuple(map(_SECTION_EXCEPTION, p.exceptions))) for p in ch.purposes),
        tuple(map(_SECTION_TRANSFER, ch.transfers)),
        bool(ch.passes_to),
    )
