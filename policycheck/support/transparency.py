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
are marked: on the answer sheet in words, on the customers' page by a discreet footnote.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from policycheck.graph import FLOW, SUBPROCESSING
from policycheck.model import Repo
from policycheck.model.types import Duration
from policycheck.reference import reference
from policycheck.support import wording
from policycheck.support.access import Authority, authority, complaint_text, contact_line, rights
from policycheck.support.scope import (
    Scope,
    build_scope,
    category_order,
    concerns,
    engaging_processors,
    has_tia,
    hosted_systems,
    node_name,
    resolve_subject,
    retention_at,
)
from policycheck.support.texts import tr

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
    retention_text: str


@dataclass(frozen=True)
class PurposeInfo:
    id: str | None
    name: str
    description: str | None
    lawful_basis: str | None
    lawful_basis_text: str
    retention: str | None
    retention_text: str
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
    safeguard: str
    safe: bool
    verified: bool  # false when the adequacy decision relied on is unverified reference data


@dataclass(frozen=True)
class QA:
    question: str
    answer: str


@dataclass(frozen=True)
class ChannelInfo:
    id: str
    name: str
    kind: str
    heading: str
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
    rights: tuple[str, ...]
    contact: str
    privacy_contact: str | None
    dpo: str | None
    complaint: str
    authority: Authority | None
    general_answers: tuple[QA, ...]
    unverified: bool  # the page uses unverified reference data (footnote)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def reach_from(scope: Scope, source: str, categories: set[str]) -> dict[str, set[str]]:
    """Node -> the categories collected at ``source`` that reach it (flows carry their own)."""
    reach: dict[str, set[str]] = {source: set(categories)}
    queue = [source]
    while queue:
        node = queue.pop(0)
        for _, dst, data in sorted(scope.graph.out_edges(node, data=True), key=lambda e: e[1]):
            carried = reach[node] & set(data["categories"]) if data["kind"] == FLOW else set(reach[node])
            new = carried - reach.get(dst, set())
            if new:
                reach.setdefault(dst, set()).update(new)
                queue.append(dst)
    return reach


def build(repo: Repo, as_of: dt.date, lang: str = "en", subject: str | None = None) -> TransparencyPage:
    """The page as of ``as_of`` (which adequacy decisions are in force), in ``lang``; only
    categories about ``subject`` when given."""
    if subject is not None:
        subject = resolve_subject(repo, subject)
    scope = build_scope(repo, as_of)
    repo = scope.repo
    org = repo.config.organization
    contact = contact_line(repo, lang)
    auth = authority(repo)
    complaint = complaint_text(repo, lang, mark=tr("tp.unverified_mark", lang))
    channels = tuple(
        _channel(scope, sid, subject, lang, contact, auth) for sid in sorted(repo.systems) if repo.systems[sid].channel
    )
    general = (
        QA(tr("qa.responsible", lang), tr("a.responsible", lang, org=org.name, contact=contact)),
        QA(tr("qa.access", lang), tr("a.access", lang, contact=org.privacy_contact or contact)),
        QA(
            tr("qa.complain", lang),
            tr("a.complain", lang, contact=org.privacy_contact or contact, authority=_authority_name(auth, lang)),
        ),
    )
    unverified = (
        (auth is not None and not auth.verified)
        or any(not t.verified for ch in channels for t in ch.transfers)
        or any(not wording.laws_verified(p.laws) for ch in channels for p in ch.purposes)
    )
    dpo = None
    if org.dpo is not None:
        dpo = org.dpo.name + (f", {org.dpo.email}" if org.dpo.email else "")
    return TransparencyPage(
        organization=org.name,
        lang=lang,
        subject=subject,
        notice_url=repo.privacy_notice.url if repo.privacy_notice else None,
        channels=channels,
        rights=rights(repo, lang)[:-1],
        contact=contact,
        privacy_contact=org.privacy_contact,
        dpo=dpo,
        complaint=complaint,
        authority=auth,
        general_answers=general,
        unverified=unverified,
    )


def _authority_name(auth: Authority | None, lang: str) -> str:
    if auth is None:
        return tr("authority_unknown", lang)
    name = auth.name + (f" ({auth.short_name})" if auth.short_name else "")
    name += f", {auth.website}" if auth.website else ""
    return name if auth.verified else f"{name} {wording.unverified(lang)}"


def _channel(
    scope: Scope, sid: str, subject: str | None, lang: str, contact: str, auth: Authority | None
) -> ChannelInfo:
    repo = scope.repo
    s = repo.systems[sid]
    held = {c for c in scope.holdings.get(sid, {}) if concerns(repo, c, subject)}
    # what the channel collects: what it stores, and what it passes on without keeping it
    # (data other channels send it is theirs)
    own = ({c for st in s.stores for c in st.categories} | set(scope.forwarded.get(sid, ()))) & held
    collected = own or held
    reach = reach_from(scope, sid, collected)
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
    for node, cats in sorted(reach.items()):
        for _, _, data in scope.graph.out_edges(node, data=True):
            if data["kind"] == FLOW and cats & set(data["categories"]):
                purposes.append(data["purpose"])
        if node != sid and node in repo.systems:
            for st in repo.systems[node].stores:
                if cats & set(st.categories):
                    purposes.append(st.purpose)
    index = {p: i for i, p in enumerate(repo.purposes)}
    unique = sorted({p for p in purposes if p in repo.purposes}, key=lambda p: index[p])

    infos = []
    for pid in unique:
        p = repo.purposes[pid]
        exceptions = [
            RetentionException(*e)
            for e in wording.retention_exceptions(repo, reach, pid, p.retention, p.retention_from, lang)
        ]
        infos.append(
            PurposeInfo(
                id=pid,
                name=p.name,
                description=p.description,
                lawful_basis=p.lawful_basis,
                lawful_basis_text=wording.lawful_basis(p.lawful_basis, lang),
                retention=p.retention.text if p.retention else None,
                retention_text=wording.retention(p.retention, p.retention_from, lang),
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
            direct = any(
                d["kind"] != SUBPROCESSING for src, _, d in scope.graph.in_edges(node, data=True) if src in reach
            )
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
    grouped: dict[tuple[str, str, bool], list[str]] = {}
    verified: dict[tuple[str, str, bool], bool] = {}
    adequacy = reference().adequacy
    for node in sorted(reach):
        for tf in scope.transfers.get(node, []):
            text = wording.safeguard(tf.country, tf.mechanism, tf.basis, has_tia(repo, node), lang)
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
            text,
            safe,
            verified[(country, text, safe)],
        )
        for (country, text, safe), nodes in sorted(grouped.items())
    )

    categories = tuple(
        CategoryInfo(c, repo.categories[c].name, repo.categories[c].description, repo.categories[c].special)
        for c in category_order(repo, collected)
    )
    heading = tr(f"tp.heading.{s.kind}", lang) if s.kind in _VERB_KINDS else tr("tp.heading.other", lang, name=s.name)
    channel = ChannelInfo(
        id=sid,
        name=s.name,
        kind=s.kind,
        heading=heading,
        categories=categories,
        purposes=tuple(infos),
        parties=tuple(parties),
        countries=countries,
        country_names=tuple(wording.country_name(c, lang, article=False) for c in countries),
        transfers=transfers,
        erasure_gaps=_erasure_gaps(scope, reach),
        passes_to=passes_to,
        passes_to_names=tuple(node_name(repo, n) for n in passes_to),
        answers=(),
    )
    answers = _answers(repo, channel, lang, contact, auth, _backup_rotation(scope, reach))
    return dataclasses.replace(channel, answers=answers)


def _erasure_gaps(scope: Scope, reach: dict[str, set[str]]) -> tuple[str, ...]:
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
            if any(
                d["kind"] == FLOW and src in reach and reach[src] & set(d["categories"])
                for src, _, d in scope.graph.in_edges(node, data=True)
            ):
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


def _delete_answer(repo: Repo, ch: ChannelInfo, lang: str, privacy: str, backup: Duration | None) -> str:
    """Yes, everywhere, only when nothing blocks erasure; else the places where it cannot be
    done yet and an instruction to escalate. Then what is kept under law (restricted, under
    which law) and how long backup copies remain."""
    places = [
        tr("a.delete.gap.system" if n in repo.systems else "a.delete.gap.processor", lang, name=node_name(repo, n))
        for n in ch.erasure_gaps
    ]
    first = tr("a.delete.gaps", lang, places="; ".join(places)) if places else tr("a.delete", lang)
    text = [first]
    kept = [
        tr(
            "a.delete.kept.item",
            lang,
            purpose=p.name,
            retention=p.retention_text,
            law=wording.law_text(p.retention_law, p.laws, lang),
        )
        for p in ch.purposes
        if p.retention_law
    ]
    if kept:
        text.append(tr("a.delete.kept", lang, items="; ".join(kept)))
    if backup is not None:
        text.append(tr("a.delete.backup", lang, duration=wording.duration(backup, lang)))
    if places:
        text.append(tr("a.delete.escalate", lang, contact=privacy))
    return " ".join(text)


def _answers(
    repo: Repo, ch: ChannelInfo, lang: str, contact: str, auth: Authority | None, backup: Duration | None
) -> tuple[QA, ...]:
    org = repo.config.organization
    privacy = org.privacy_contact or contact
    cats = wording.join([c.name for c in ch.categories], lang) or tr("none", lang)
    why = " ".join(tr("a.why.item", lang, purpose=p.name, basis=p.lawful_basis_text) for p in ch.purposes)
    how_long = " ".join(
        tr("a.how_long.item", lang, purpose=p.name, retention=_retention_words(p, lang)) for p in ch.purposes
    )
    processors = [f"{x.name} ({', '.join(x.country_names)})" for x in ch.parties if x.role != "recipient"]
    recipients = [f"{x.name} ({', '.join(x.country_names)})" for x in ch.parties if x.role == "recipient"]
    who = []
    if processors:
        who.append(tr("a.who.processors", lang, names=wording.join(processors, lang)))
    if recipients:
        who.append(tr("a.who.recipients", lang, names=wording.join(recipients, lang)))
    if not who:
        who.append(tr("a.who.none", lang))
    if ch.transfers:
        items = [
            tr(
                "a.abroad.item",
                lang,
                country=t.country_name,
                parties=wording.join(list(t.party_names), lang),
                safeguard=t.safeguard if t.verified else f"{t.safeguard} {wording.unverified(lang)}",
            )
            for t in ch.transfers
        ]
        abroad = tr("a.abroad.yes", lang, items="; ".join(items))
    else:
        abroad = tr("a.abroad.no", lang)
    delete = _delete_answer(repo, ch, lang, privacy, backup)
    what = tr("a.what", lang, categories=cats)
    if ch.passes_to:
        what += " " + tr("tp.passes_on", lang, name=ch.name, targets=wording.join(list(ch.passes_to_names), lang))
    return (
        QA(tr("qa.what", lang), what),
        QA(tr("qa.why", lang), why or tr("a.unknown", lang, contact=privacy)),
        QA(tr("qa.how_long", lang), how_long or tr("a.unknown", lang, contact=privacy)),
        QA(tr("qa.who", lang), " ".join(who)),
        QA(tr("qa.abroad", lang), abroad),
        QA(tr("qa.delete", lang), delete),
        QA(tr("qa.access", lang), tr("a.access", lang, contact=privacy)),
        QA(tr("qa.complain", lang), tr("a.complain", lang, contact=privacy, authority=_authority_name(auth, lang))),
    )


def _retention_words(p: PurposeInfo, lang: str) -> str:
    text = p.retention_text
    if p.exceptions:
        text += " (" + "; ".join(f"{e.name}: {e.retention_text}" for e in p.exceptions) + ")"
    return text


# --- rendering ---------------------------------------------------------------------------------


def render(page: TransparencyPage, fmt: str, audience: str = "customers") -> str:
    """The customers' page (``audience="customers"``) or the agents' answer sheet, as
    ``html``, ``markdown`` or ``json`` (the JSON holds both)."""
    from policycheck.support import templating

    if fmt == "json":
        return templating.to_json(page.to_dict())
    name = "transparency" if audience == "customers" else "answers"
    lang = page.lang

    def mark(c: CategoryInfo) -> str:
        if c.special == "criminal":
            return tr("tp.criminal", lang)
        return tr("tp.sensitive", lang) if c.special else ""

    def role(x: PartyInfo) -> str:
        return tr(f"tp.role.{x.role}", lang)

    def law_mark(p: PurposeInfo) -> str:
        """The footnote mark after a law that is unverified reference data."""
        return "" if wording.laws_verified(p.laws) else tr("tp.unverified_mark", lang)

    return templating.render(
        name,
        fmt,
        lang,
        page=page,
        mark=mark,
        role=role,
        retention=_retention_words,
        law_mark=law_mark,
        dagger=tr("tp.unverified_mark", lang),
        join=lambda items: wording.join(list(items), lang),
    )
