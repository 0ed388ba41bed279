"""The access plan (Art. 15): where to collect a data subject's data, and what the answer says.

``collect`` lists every system holding the subject's data (found as for the erasure plan:
stores, flows, hosting) and the processors that received it by a flow, with how to collect it
(a processor without a DPA: escalate, and ask under the contract). A system that only passes
the data on keeps nothing to collect, but is a source of the data (a channel).
``answer`` pre-fills what Art. 15(1) and (2) require the answer to contain: purposes and
lawful bases, categories, recipients (processors, sub-processors and controllers, with their
countries), retention, third-country transfers with their safeguards, the source of the data,
the rights and the complaint authority.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from policycheck import jsonout
from policycheck.graph import SUBPROCESSING
from policycheck.model import Repo
from policycheck.reference import reference
from policycheck.support import wording
from policycheck.support.erasure import ONE_MONTH, THREE_MONTHS, Gap, ProcessorRef, erase_order, unmapped_gaps
from policycheck.support.phrase import (
    Field,
    Marked,
    NameOrWords,
    Span,
    Text,
    Words,
    listing,
    phrase,
    sentences,
    tr,
    worded,
)
from policycheck.support.scope import (
    Scope,
    TeamRef,
    abroad,
    build_scope,
    category_order,
    declared_order,
    engaging_processors,
    flow_sources,
    held,
    node_name,
    owners,
    purposes_at,
    resolve_subject,
    retention_at,
    time_zone,
)


@dataclass(frozen=True)
class CollectItem:
    node: str
    name: str
    kind: str  # system | processor
    system_kind: str | None
    channel: bool
    categories: tuple[str, ...]
    category_names: tuple[str, ...]
    purposes: tuple[str, ...]
    owners: tuple[TeamRef, ...]
    processor: ProcessorRef | None
    how: Words
    notes: tuple[Words, ...]
    file: str
    line: int


@dataclass(frozen=True)
class PurposeAnswer:
    id: str | None
    name: NameOrWords  # the purpose's name; a phrase when it has none
    lawful_basis: str | None
    lawful_basis_text: Words
    categories: tuple[str, ...]
    category_names: tuple[str, ...]
    retention: str | None
    retention_text: Words
    retention_law: str | None
    laws: tuple[wording.LawRef, ...]  # retention_law matched to the reference data
    places: tuple[str, ...]
    exceptions: tuple[RetentionException, ...]


@dataclass(frozen=True)
class RetentionException:
    """A place that keeps the purpose's data for another period (its store's own retention; a
    backup: how long its copies outlive the data deleted from the source)."""

    node: str
    name: str
    retention: str
    retention_text: Words


@dataclass(frozen=True)
class CategoryAnswer:
    id: str
    name: str
    description: str | None
    special: bool | str


@dataclass(frozen=True)
class RecipientAnswer:
    id: str
    name: str
    role: str  # processor | sub-processor | recipient
    kind: str | None  # a recipient's kind: authority | partner | other
    countries: tuple[str, ...]
    country_names: tuple[str, ...]
    categories: tuple[str, ...]


@dataclass(frozen=True)
class TransferAnswer:
    """Data held in a third country; a system and the processor that runs it are one transfer."""

    node: str  # the holder whose safeguard applies (the processor, when merged)
    nodes: tuple[str, ...]  # every holder of this transfer: the systems, then that holder
    name: Words  # their names
    country: str
    country_name: str
    mechanism: str | None
    basis: str  # adequacy | adequacy-partial | safeguard | none
    decision: str | None
    safeguard: Words
    safe: bool
    verified: bool  # false when the adequacy decision relied on is unverified reference data


@dataclass(frozen=True)
class SourceAnswer:
    channels: tuple[str, ...]
    channel_names: tuple[str, ...]
    internal: tuple[str, ...]
    internal_names: tuple[str, ...]
    text: Words


@dataclass(frozen=True)
class Authority:
    country: str
    name: str
    short_name: str | None
    website: str | None
    address: str | None
    breach_report_url: str | None
    note: str | None
    verified: bool


@dataclass(frozen=True)
class Answer:
    purposes: tuple[PurposeAnswer, ...]
    categories: tuple[CategoryAnswer, ...]
    recipients: tuple[RecipientAnswer, ...]
    transfers: tuple[TransferAnswer, ...]
    source: SourceAnswer
    rights: tuple[Words, ...]
    complaint: Authority | None
    automated_decisions: Words
    contact: NameOrWords


@dataclass(frozen=True)
class AccessPlan:
    subject: str
    organization: str
    as_of: str
    deadline: str
    deadline_extended: str
    lang: str
    collect: tuple[CollectItem, ...]
    answer: Answer
    checklist: tuple[Words, ...]
    #: customer channels whose data is not mapped: it cannot be collected (``channel-unmapped``)
    gaps: tuple[Gap, ...] = ()
    #: the organization's time zone: the deadlines are days there
    time_zone: str = "UTC"

    def to_dict(self) -> dict[str, Any]:
        return jsonout.dataclass_dict(self)  # dataclasses.asdict without copying every leaf


def authority(repo: Repo) -> Authority | None:
    """The supervisory authority of the organization's country (reference data)."""
    country = repo.config.organization.country
    data = reference().authorities.get(country)
    if not data:
        return None
    return Authority(
        country=country,
        name=str(data["name"]),
        short_name=data.get("short_name"),
        website=data.get("website"),
        address=data.get("address"),
        breach_report_url=data.get("breach_report_url"),
        note=data.get("note"),
        verified=bool(data.get("verified")),
    )


def contact_text(repo: Repo) -> Field:
    """Whom data subjects write to: the privacy contact and the DPO."""
    org = repo.config.organization
    parts: list[Field] = []
    if org.privacy_contact:
        parts.append(org.privacy_contact)
    if org.dpo is not None:
        dpo = org.dpo.name + (f", {org.dpo.email}" if org.dpo.email else "")
        parts.append(phrase("access.dpo", dpo=dpo))
    return listing(parts, "semicolon") if parts else phrase("access.no_contact")


def rights_text(repo: Repo) -> tuple[Text, ...]:
    """The data subject's rights (Art. 15-22, 7(3), 77)."""
    keys = [
        "access",
        "rectification",
        "erasure",
        "restriction",
        "notification",
        "portability",
        "objection",
        "automated",
    ]
    if any(p.lawful_basis == "consent" for p in repo.purposes.values()):
        keys.append("withdraw")
    out: list[Text] = [phrase(f"right.{k}") for k in keys]
    out.append(complaint(repo))
    return tuple(out)


def complaint(repo: Repo, mark: str | None = None) -> Text:
    """The right to complain, naming the authority; an unverified authority is marked (with
    ``mark`` when given, e.g. a footnote mark, or not at all for ``""``; else in words)."""
    auth = authority(repo)
    if auth is None:
        return phrase("right.complaint", authority=phrase("authority_unknown"), website="")
    name = auth.name + (f" ({auth.short_name})" if auth.short_name else "")
    website = f", {auth.website}" if auth.website else ""
    text = phrase("right.complaint", authority=name, website=website)
    if not auth.verified:
        return listing([text, mark], "concat") if mark is not None else Marked(text, True)
    return text


def build(repo: Repo, subject: str, as_of: dt.date, lang: str = "en") -> AccessPlan:
    subject = resolve_subject(repo, subject)
    scope = build_scope(repo, as_of)
    repo = scope.repo
    where = held(scope, subject)
    order, _ = erase_order(scope, where)

    collect = []
    for node in order:
        cats = where[node]
        if node in repo.systems:
            keeps = scope.kept(node, cats)
            if keeps:  # a system that only passes the data on keeps nothing to collect
                collect.append(_collect_system(scope, node, keeps, subject, lang))
        elif node in repo.processors:
            direct = tuple(s for s in flow_sources(scope, node, cats) if s in repo.systems)
            if direct:
                proc = repo.processors[node]
                loc = repo.locate("processor", node)
                collect.append(
                    CollectItem(
                        node=node,
                        name=proc.name,
                        kind="processor",
                        system_kind=None,
                        channel=False,
                        categories=cats,
                        category_names=tuple(repo.categories[c].name for c in cats),
                        purposes=tuple(k for k in purposes_at(scope, node, cats) if k),
                        owners=owners(repo, direct),
                        processor=ProcessorRef(
                            node, proc.name, proc.contact, proc.dpa is not None, proc.dpa.document if proc.dpa else None
                        ),
                        how=_processor_how(repo, node, direct),
                        notes=(),
                        file=loc.file,
                        line=loc.line,
                    )
                )

    # the answer: purposes, categories, recipients, retention, transfers, source
    per_purpose: dict[str | None, set[str]] = {}
    places: dict[str | None, set[str]] = {}
    for node, cats in where.items():
        for purpose, pcats in purposes_at(scope, node, cats).items():
            per_purpose.setdefault(purpose, set()).update(pcats)
            if node in repo.systems:
                places.setdefault(purpose, set()).add(node)
    purpose_index = declared_order(repo.purposes)
    purposes = []
    for pid in sorted(per_purpose, key=lambda k: (k is None, purpose_index.get(k or "", 0), k or "")):
        decl = repo.purposes.get(pid or "")
        pcats = category_order(repo, per_purpose[pid])
        exceptions = [
            RetentionException(*e)
            for e in wording.retention_exceptions(
                repo,
                places.get(pid, ()),
                pid,
                decl.retention if decl else None,
                decl.retention_from if decl else None,
            )
        ]
        purposes.append(
            PurposeAnswer(
                id=pid,
                name=decl.name if decl else (pid or phrase("purpose_unnamed")),
                lawful_basis=decl.lawful_basis if decl else None,
                lawful_basis_text=wording.lawful_basis_with_condition_text(repo, pid, pcats),
                categories=pcats,
                category_names=tuple(repo.categories[c].name for c in pcats),
                retention=decl.retention.text if decl and decl.retention else None,
                retention_text=wording.retention_text(
                    decl.retention if decl else None, decl.retention_from if decl else None
                ),
                retention_law=decl.retention_basis if decl else None,
                laws=wording.laws(decl.retention_basis) if decl else (),
                places=tuple(sorted(places.get(pid, ()))),
                exceptions=tuple(exceptions),
            )
        )

    all_cats = category_order(repo, {c for cs in where.values() for c in cs})
    categories = tuple(
        CategoryAnswer(c, repo.categories[c].name, repo.categories[c].description, repo.categories[c].special)
        for c in all_cats
    )

    recipients = []
    for node in sorted(where):
        if node in repo.systems:
            continue
        countries = scope.datamap.countries.get(node, ())
        if node in repo.processors:
            engaged = any(
                d["kind"] != SUBPROCESSING for src, _, d in scope.graph.in_edges(node, data=True) if src in where
            )
            role = "processor" if engaged or not engaging_processors(scope, node) else "sub-processor"
            kind = None
        else:
            role, kind = "recipient", repo.recipients[node].kind
        recipients.append(
            RecipientAnswer(
                id=node,
                name=node_name(repo, node),
                role=role,
                kind=kind,
                countries=countries,
                country_names=tuple(wording.country_label(c, lang) for c in countries),
                categories=where[node],
            )
        )
    roles = {"processor": 0, "sub-processor": 1, "recipient": 2}
    recipients.sort(key=lambda r: (roles[r.role], r.name.lower(), r.id))

    transfers = []
    ref = reference()
    for item in abroad(scope, where):
        tf = item.transfer
        decision = ref.adequacy.get(tf.country)
        verified = True
        if tf.basis in ("adequacy", "adequacy-partial") and decision is not None:
            verified = decision.verified
        transfers.append(
            TransferAnswer(
                node=tf.node,
                nodes=item.nodes,
                name=listing([node_name(repo, n) for n in item.nodes]),
                country=tf.country,
                country_name=wording.country_name(tf.country, lang, article=False),
                mechanism=tf.mechanism,
                basis=tf.basis,
                decision=tf.decision,
                safeguard=wording.safeguard_text(
                    wording.country_name(tf.country, lang), tf.mechanism, tf.basis, item.tia
                ),
                safe=tf.safe,
                verified=verified,
            )
        )

    channels = tuple(n for n in order if n in repo.systems and repo.systems[n].channel)
    internal = tuple(
        n
        for n in order
        if n in repo.systems
        and not repo.systems[n].channel
        and scope.kept(n, where[n])
        and not flow_sources(scope, n, where[n])
    )
    source_text: Text = phrase(
        "access.source",
        channels=listing([node_name(repo, n) for n in channels]) if channels else phrase("none"),
    )
    if internal:
        source_text = sentences(
            source_text, phrase("access.source.internal", systems=listing([node_name(repo, n) for n in internal]))
        )
    source = SourceAnswer(
        channels=channels,
        channel_names=tuple(node_name(repo, n) for n in channels),
        internal=internal,
        internal_names=tuple(node_name(repo, n) for n in internal),
        text=source_text,
    )
    answer = Answer(
        purposes=tuple(purposes),
        categories=categories,
        recipients=tuple(recipients),
        transfers=tuple(transfers),
        source=source,
        rights=rights_text(repo),
        complaint=authority(repo),
        automated_decisions=phrase("access.automated"),
        contact=contact_text(repo),
    )
    deadline = ONE_MONTH.add_to(as_of)
    checklist: tuple[Text, ...] = tuple(
        phrase(f"access.check.{k}", deadline=deadline.isoformat())
        for k in ("identity", "deadline", "free", "copy", "others", "record")
    )
    return AccessPlan(
        subject=subject,
        organization=repo.config.organization.name,
        as_of=as_of.isoformat(),
        deadline=deadline.isoformat(),
        deadline_extended=THREE_MONTHS.add_to(as_of).isoformat(),
        lang=lang,
        collect=tuple(collect),
        answer=answer,
        checklist=checklist,
        gaps=unmapped_gaps(repo),
        time_zone=time_zone(repo),
    )


def _processor_how(repo: Repo, node: str, sources: tuple[str, ...]) -> Text:
    """How to ask a processor what it holds: under its DPA; without one, escalate and ask."""
    proc = repo.processors[node]
    names = listing([node_name(repo, s) for s in sources])
    if proc.dpa is None:
        org = repo.config.organization
        contact = org.privacy_contact or contact_text(repo)
        return phrase("access.how.processor.no-dpa", name=proc.name, sources=names, contact=contact)
    return phrase("access.how.processor", name=proc.name, sources=names)


def _collect_system(scope: Scope, node: str, cats: tuple[str, ...], subject: str, lang: str) -> CollectItem:
    repo = scope.repo
    s = repo.systems[node]
    notes: list[Text] = []
    stored = {c for st in s.stores for c in st.categories}
    if s.kind == "backup":
        kept = None
        for purpose in purposes_at(scope, node, cats):
            kept = retention_at(repo, node, purpose) or kept
        sources = flow_sources(scope, node, cats)
        how: Text = phrase(
            "access.how.backup",
            sources=listing([node_name(repo, x) for x in sources]) if sources else s.name,
            retention=Span(kept.text) if kept else phrase("not_declared"),
        )
    elif s.kind == "paper":
        how = phrase("access.how.paper")
    else:
        how = phrase("access.how.system", name=s.name)
    if s.free_text and s.kind not in ("paper", "backup"):
        notes.append(phrase("access.note.free-text"))
    if not set(cats) & stored:
        notes.append(
            phrase(
                "access.note.only-flow", sources=listing([node_name(repo, x) for x in flow_sources(scope, node, cats)])
            )
        )
    loc = repo.locate("system", node)
    proc = repo.processors.get(s.processor or "")
    return CollectItem(
        node=node,
        name=s.name,
        kind="system",
        system_kind=s.kind,
        channel=s.channel,
        categories=cats,
        category_names=tuple(repo.categories[c].name for c in cats),
        purposes=tuple(k for k in purposes_at(scope, node, cats) if k),
        owners=owners(repo, (node,)),
        processor=ProcessorRef(
            proc.id, proc.name, proc.contact, proc.dpa is not None, proc.dpa.document if proc.dpa else None
        )
        if proc
        else None,
        how=how,
        notes=tuple(notes),
        file=loc.file,
        line=loc.line,
    )


# --- rendering ---------------------------------------------------------------------------------


def words(plan: AccessPlan) -> AccessPlan:
    """The plan with every sentence worded in its language: what every output shows."""
    return worded(plan, plan.lang, {"subject": wording.subject_the(plan.subject, plan.lang)})


def render(plan: AccessPlan, fmt: str) -> str:
    from policycheck.support import templating

    if fmt == "json":  # worded and converted in one pass: the same as words(plan).to_dict()
        return templating.worded_json(plan, plan.lang, {"subject": wording.subject_the(plan.subject, plan.lang)})
    plan = words(plan)
    lang = plan.lang

    teams = wording.team_refs

    def role(r: RecipientAnswer) -> str:
        if r.role == "recipient":
            return tr("recipient_role", lang)
        return tr("subprocessor_role" if r.role == "sub-processor" else "kind_processor", lang)

    def law(p: PurposeAnswer) -> str:
        """The law that forces keeping, marked when the reference data is unverified."""
        return wording.law_text(p.retention_law or "", p.laws, lang)

    return templating.render(
        "access",
        fmt,
        lang,
        plan=plan,
        subject_the=wording.subject_the(plan.subject, lang),
        subjects=wording.subject_possessive(plan.subject, lang),
        teams=teams,
        role=role,
        law=law,
        unverified=wording.unverified(lang),
        system_kind=lambda k: wording.system_kind(k, lang),
        subject_kind=wording.subject_kind(plan.subject, lang),
    )
