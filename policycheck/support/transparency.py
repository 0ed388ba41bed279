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
import re
import urllib.parse
from dataclasses import dataclass
from typing import Any

from policycheck.escape import MarkdownText
from policycheck.findings import CheckResult, Finding
from policycheck.graph import FLOW, SUBPROCESSING
from policycheck.model import Repo
from policycheck.model.types import Duration
from policycheck.reference import reference
from policycheck.support import wording
from policycheck.support.access import Authority, authority, complaint_text, contact_line, rights
from policycheck.support.phrase import say, tr
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
    label: str = ""  # what customers read: the place's public name, else its kind


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
    party_labels: tuple[str, ...]  # what customers read: public names, else kinds
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
    public_name: str | None
    label: str  # what customers read: the public name, else the channel's kind
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
    unverified: bool  # the page uses unverified reference data (see notes)
    #: internal notes for staff, never on the customers' page: the unverified reference facts it uses
    notes: tuple[str, ...] = ()

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
    complaint = complaint_text(repo, lang, mark="")
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
    notes: list[str] = []
    if auth is not None and not auth.verified:
        notes.append(tr("tp.note.unverified", lang, what=_authority_name(auth, lang)))
    for t in sorted({t.safeguard for ch in channels for t in ch.transfers if not t.verified}):
        notes.append(tr("tp.note.unverified", lang, what=t))
    laws = {p.retention_law or "" for ch in channels for p in ch.purposes if not wording.laws_verified(p.laws)}
    for law in sorted(laws):
        notes.append(tr("tp.note.unverified", lang, what=law))
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
        rights=rights(repo, lang)[:-1],
        contact=contact,
        privacy_contact=org.privacy_contact,
        dpo=dpo,
        complaint=complaint,
        authority=auth,
        general_answers=general,
        unverified=unverified,
        notes=tuple(notes),
    )


def _authority_name(auth: Authority | None, lang: str) -> str:
    if auth is None:
        return tr("authority_unknown", lang)
    name = auth.name + (f" ({auth.short_name})" if auth.short_name else "")
    name += f", {auth.website}" if auth.website else ""
    return name if auth.verified else f"{name} {wording.unverified(lang)}"


def public_label(repo: Repo, node: str, lang: str) -> str:
    """How customers know a place: a system's ``public_name``, else its kind in words (an
    internal system name is not for the customers' page); a processor or recipient by name."""
    s = repo.systems.get(node)
    if s is None:
        return node_name(repo, node)
    if s.public_name:
        return s.public_name
    return tr(f"tp.place.{s.kind}", lang)


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
            RetentionException(node, name, period, str(say(words, lang)), label=public_label(repo, node, lang))
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
                lawful_basis_text=wording.lawful_basis_with_condition(repo, pid, set(p.categories) & collected, lang),
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
            tuple(dict.fromkeys(public_label(repo, n, lang) for n in nodes)),
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
    if s.public_name:
        heading = tr("tp.heading.named", lang, name=s.public_name)
    elif s.kind in _VERB_KINDS:
        heading = tr(f"tp.heading.{s.kind}", lang)
    else:
        heading = tr("tp.heading.kind", lang, kind=tr(f"tp.place.{s.kind}", lang))
    channel = ChannelInfo(
        id=sid,
        name=s.name,
        kind=s.kind,
        public_name=s.public_name,
        label=public_label(repo, sid, lang),
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

    contact = page.privacy_contact or page.contact
    website = page.authority.website if page.authority else None
    return templating.render(
        name,
        fmt,
        lang,
        page=page,
        sections=sections(page),
        mark=mark,
        role=role,
        retention=_retention_words,
        join=lambda items: wording.join(list(items), lang),
        cap=lambda text: text[:1].upper() + text[1:],
        kept=lambda p: kept_words(p, lang),
        contact_text=_linked(tr("tp.contact.text", lang, contact=contact), contact, mailto(contact)),
        complaint=_linked(page.complaint, website or "", safe_url(website)),
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
    out: dict[str, tuple[list[str], ChannelInfo]] = {}
    for ch in page.channels:
        facts = dataclasses.asdict(ch)
        for field in ("id", "name", "kind", "public_name", "label", "heading", "erasure_gaps", "answers"):
            facts.pop(field)
        for p in facts["purposes"]:
            for e in p["exceptions"]:
                e.pop("place")
                e.pop("name")
        for t in facts["transfers"]:
            t.pop("parties")
            t.pop("party_names")
        facts.pop("passes_to_names")
        facts["passes_to"] = bool(facts["passes_to"])
        key = repr(facts)
        if key in out:
            if ch.heading not in out[key][0]:
                out[key][0].append(ch.heading)
        else:
            out[key] = ([ch.heading], ch)
    return [(tuple(headings), ch) for headings, ch in out.values()]
