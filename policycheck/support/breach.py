"""Breach impact: what a breach of one system, processor or recipient exposes, and what to do.

Exposure is what the node holds (:attr:`Scope.holdings`: what it stores, receives and, for a
system, sends on: a chat that only forwards messages still processes them); a processor also
exposes every system it hosts and its whole sub-processor chain. ``reachable`` is everything
the data flows on to (downstream) from the node and, for a processor, from the systems it
hosts; ``feeds`` everything that sends it data (upstream).
The supervisory authority is notified within 72 hours of becoming aware (Art. 33(1)), counted
from ``--as-of``; the authority is the one of the organization's country (reference data).

Art. 34 (telling the data subjects) is judged likely when the exposed data includes a special
category (Art. 9) or criminal-offence data (Art. 10), when the holder does not declare
encryption at rest (systems' ``security.encryption_at_rest``; a processor: the systems it
hosts), or when the breach is large-scale: ``--affected N`` at or above ``--large-scale``
(default 1000, policycheck's default, not a legal threshold). Without ``--affected`` the
scale is not judged, only hinted at when customer channels feed the node.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from policycheck import jsonout
from policycheck.errors import UsageError, did_you_mean
from policycheck.model import Repo
from policycheck.reference import reference
from policycheck.support import wording
from policycheck.support.access import Authority, authority
from policycheck.support.erasure import node_kind
from policycheck.support.phrase import (
    Field,
    Marked,
    NameOrWords,
    SubjectKind,
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
    ZONES,
    Scope,
    TeamRef,
    abroad,
    build_scope,
    category_order,
    concerns,
    contracting_processors,
    declared_subjects,
    engaging_processors,
    hosted_systems,
    node_name,
    owners,
    responsible_systems,
    subprocessor_chain,
    teams_with_function,
)

NOTIFY_WITHIN = dt.timedelta(hours=72)
LARGE_SCALE_DEFAULT = 1000


@dataclass(frozen=True)
class CategoryRef:
    id: str
    name: str
    special: bool | str
    classification: str | None


@dataclass(frozen=True)
class ThirdCountry:
    """Data held in a third country; a system and the processor that runs it are one line."""

    country: str
    country_name: str
    node: str  # the holder whose safeguard applies (the processor, when merged)
    nodes: tuple[str, ...]  # every holder of this transfer: the systems, then that holder
    name: Words  # their names
    mechanism: str | None
    basis: str
    decision: str | None
    safeguard: Words
    safe: bool
    verified: bool  # false when the adequacy decision relied on is unverified reference data
    exposed: bool  # held by an exposed node (else: where the data flows on to)


@dataclass(frozen=True)
class NotificationField:
    field: str
    article: str
    label: Words
    value: NameOrWords
    complete: bool  # false: placeholders remain to fill in


@dataclass(frozen=True)
class Art34:
    likely: bool
    reasons: tuple[Words, ...]
    special: bool  # a special category (Art. 9) or criminal-offence data (Art. 10) is exposed
    encrypted_at_rest: bool | None
    large_scale: bool | None
    large_scale_basis: Words
    exception: NameOrWords


Role = Literal[
    "dpo",
    "privacy-contact",
    "owner",
    "security",
    "customer-support",
    "processor",
    "sub-processor",
    "recipient",
    "authority",
]


@dataclass(frozen=True)
class Contact:
    role: Role
    id: str | None
    name: NameOrWords
    contact: str | None
    window: Words
    deadline: str | None
    breach_notification_hours: int | None


@dataclass(frozen=True)
class BreachImpact:
    node: str
    name: str
    kind: Literal["system", "processor", "recipient"]
    system_kind: str | None
    organization: str
    aware_at: str
    lang: str
    #: whether the node holds personal data according to the declarations; when not, the
    #: deadline below applies only if the breach turns out to involve personal data
    personal_data: bool
    categories: tuple[str, ...]
    category_details: tuple[CategoryRef, ...]
    special: bool  # a special category (Art. 9) or criminal-offence data (Art. 10) is exposed
    special_categories: tuple[str, ...]  # the special categories (Art. 9)
    criminal_categories: tuple[str, ...]  # the criminal-offence data (Art. 10)
    subjects: tuple[str, ...]
    exposed: tuple[str, ...]
    hosted_systems: tuple[str, ...]
    subprocessors: tuple[str, ...]  # in chain order: by depth below the node, then id
    #: each sub-processor -> the processors in the chain it works for (the chain, not a flat list:
    #: a third-level sub-processor is not one we, or the breached vendor, engage directly)
    subprocessor_of: dict[str, tuple[str, ...]]
    reachable: tuple[str, ...]
    feeds: tuple[str, ...]
    countries: tuple[str, ...]
    third_countries: tuple[ThirdCountry, ...]
    notify_authority_by: str
    authority: Authority | None
    notification: tuple[NotificationField, ...]
    art34: Art34
    call_list: tuple[Contact, ...]
    #: in both languages (each worded in its own: :func:`words`)
    customer_message: dict[str, Words]
    agent_script: dict[str, tuple[Words, ...]]
    notes: tuple[Words, ...]
    names: dict[str, str]

    def to_dict(self) -> dict[str, Any]:
        return jsonout.dataclass_dict(self)  # dataclasses.asdict without copying every leaf


def with_zone(when: dt.datetime, country: str) -> dt.datetime:
    """``when`` with a time zone: its own offset when --as-of gave one, else the zone of the
    organization's country (Europe/Stockholm for SE), else UTC."""
    if when.tzinfo is not None:
        return when
    from zoneinfo import ZoneInfo

    return when.replace(tzinfo=ZoneInfo(ZONES.get(country, "UTC")))


def _chain_order(node: str, chain_of: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Sub-processors by their depth below ``node`` (its own first, then theirs), then id."""
    depth = {node: 0}
    pending = dict(chain_of)
    while pending:
        ready = {sp: 1 + min(depth[p] for p in ps if p in depth) for sp, ps in pending.items() if set(ps) & set(depth)}
        if not ready:  # pragma: no cover - every sub-processor in the chain hangs below the node
            ready = {sp: len(chain_of) for sp in pending}
        depth.update(ready)
        for sp in ready:
            del pending[sp]
    return tuple(sorted(chain_of, key=lambda sp: (depth[sp], sp)))


def resolve_node(repo: Repo, node: str) -> str:
    known = sorted({*repo.systems, *repo.processors, *repo.recipients})
    if node in known:
        return node
    if not known:
        raise UsageError(f"unknown system, processor or recipient '{node}': none is declared")
    raise UsageError(f"unknown system, processor or recipient '{node}'{did_you_mean(node, known)}")


def build(
    repo: Repo,
    node: str,
    aware_at: dt.datetime,
    lang: str = "en",
    affected: int | None = None,
    large_scale: int = LARGE_SCALE_DEFAULT,
) -> BreachImpact:
    node = resolve_node(repo, node)
    aware_at = with_zone(aware_at, repo.config.organization.country)
    scope = build_scope(repo, aware_at.date())
    repo = scope.repo
    dm = scope.datamap
    kind = node_kind(repo, node)
    system = repo.systems.get(node)

    hosted: tuple[str, ...] = ()
    subs: tuple[str, ...] = ()
    if kind == "processor":
        hosted = hosted_systems(scope, node)
        subs = subprocessor_chain(scope, node)
    exposed = tuple(sorted({node, *hosted, *subs}))
    chain_of = {sp: tuple(sorted(p for p in engaging_processors(scope, sp) if p == node or p in subs)) for sp in subs}
    subs = _chain_order(node, chain_of)
    # a processor's breach exposes the data of the systems it runs, and that data flows on
    # from those systems as well as from the processor itself
    reachable = tuple(sorted(set().union(*(dm.downstream(n) for n in (node, *hosted))) - {node, *hosted}))
    feeds = tuple(sorted(dm.upstream(node) - {node}))

    # a sub-processor holds (from this processor) a subset of what the processor holds; it may
    # hold other processors' data too, which this breach does not expose
    cats = category_order(repo, {c for n in (node, *hosted) for c in scope.holdings.get(n, {})})
    details = tuple(
        CategoryRef(c, repo.categories[c].name, repo.categories[c].special, repo.categories[c].classification)
        for c in cats
    )
    special_cats = tuple(c for c in cats if repo.categories[c].special is True)
    criminal_cats = tuple(c for c in cats if repo.categories[c].special == "criminal")
    subjects = tuple(s for s in declared_subjects(repo) if any(concerns(repo, c, s) for c in cats))

    # the processor that runs a breached system holds the same data (its hosting, support
    # access): where it keeps it counts as exposed, not as where the data flows on to
    holders = set(exposed)
    if system is not None and system.processor:
        holders.add(system.processor)
    places = sorted({*exposed, *reachable})
    countries = tuple(sorted({c for n in places for c in dm.countries.get(n, ())}))
    third = []
    adequacy = reference().adequacy
    for item in abroad(scope, places):
        tf = item.transfer
        decision = adequacy.get(tf.country)
        verified = tf.basis not in ("adequacy", "adequacy-partial") or decision is None or decision.verified
        third.append(
            ThirdCountry(
                country=tf.country,
                country_name=wording.country_name(tf.country, lang, article=False),
                node=tf.node,
                nodes=item.nodes,
                name=listing([node_name(repo, n) for n in item.nodes]),
                mechanism=tf.mechanism,
                basis=tf.basis,
                decision=tf.decision,
                safeguard=wording.safeguard_text(
                    wording.country_name(tf.country, lang), tf.mechanism, tf.basis, item.tia
                ),
                safe=tf.safe,
                verified=verified,
                exposed=any(n in holders for n in item.nodes),
            )
        )
    third.sort(key=lambda t: (not t.exposed, t.country, t.node))

    # 72 elapsed hours (across a daylight-saving change too), shown in the same zone
    deadline = (aware_at.astimezone(dt.UTC) + NOTIFY_WITHIN).astimezone(aware_at.tzinfo)
    auth = authority(repo)
    ctx = _Context(repo, scope, node, kind, lang, cats, subjects, aware_at, deadline, auth)

    art34 = _art34(ctx, exposed, feeds, affected, large_scale)
    notes: list[Text] = []  # no personal data at all: said in the headline instead
    anon = sorted(n for n in exposed if n in scope.anonymous)
    for n in anon:
        anon_cats = scope.anonymous[n]
        anon_names = listing([repo.categories[c].name for c in anon_cats])
        key = "breach.note.anonymous.1" if len(anon_cats) == 1 else "breach.note.anonymous"
        notes.append(phrase(key, name=node_name(repo, n), categories=anon_names))
    if kind == "recipient":
        notes.append(phrase("breach.note.recipient", name=node_name(repo, node)))
    if kind == "processor" and not hosted and engaging_processors(scope, node):
        parents = listing([node_name(repo, p) for p in engaging_processors(scope, node)])
        notes.append(phrase("breach.note.subprocessor", name=node_name(repo, node), parents=parents))
    if aware_at.hour == 0 and aware_at.minute == 0 and aware_at.second == 0:
        notes.append(phrase("breach.note.midnight"))

    names = {n: node_name(repo, n) for n in sorted({*exposed, *reachable, *feeds})}
    return BreachImpact(
        node=node,
        name=node_name(repo, node),
        kind=kind,
        system_kind=system.kind if system else None,
        organization=repo.config.organization.name,
        aware_at=aware_at.isoformat(),
        lang=lang,
        personal_data=bool(cats),
        categories=cats,
        category_details=details,
        special=bool(special_cats or criminal_cats),
        special_categories=special_cats,
        criminal_categories=criminal_cats,
        subjects=subjects,
        exposed=exposed,
        hosted_systems=hosted,
        subprocessors=subs,
        subprocessor_of=chain_of,
        reachable=reachable,
        feeds=feeds,
        countries=countries,
        third_countries=tuple(third),
        notify_authority_by=deadline.isoformat(),
        authority=auth,
        notification=_notification(ctx, art34),
        art34=art34,
        call_list=_call_list(ctx, hosted, subs),
        customer_message={lg: _customer_message(ctx.in_lang(lg)) for lg in ("en", "sv")},
        agent_script={lg: _agent_script(ctx.in_lang(lg)) for lg in ("en", "sv")},
        notes=tuple(notes),
        names=names,
    )


@dataclass(frozen=True)
class _Context:
    repo: Repo
    scope: Scope
    node: str
    kind: str
    lang: str
    cats: tuple[str, ...]
    subjects: tuple[str, ...]
    aware_at: dt.datetime
    deadline: dt.datetime
    authority: Authority | None

    def in_lang(self, lang: str) -> _Context:
        """This context with the names in ``lang`` (for the texts given in both languages)."""
        return dataclasses.replace(self, repo=self.repo.localized(lang))

    def where(self) -> Text:
        """Where the breach happened, in words a customer understands."""
        name = node_name(self.repo, self.node)
        if self.kind == "processor":
            hosted = hosted_systems(self.scope, self.node)
            if hosted:
                systems = listing([node_name(self.repo, s) for s in hosted])
                return phrase("breach.where.processor", name=name, systems=systems)
            return phrase("breach.where.supplier", name=name)
        if self.kind == "recipient":
            return phrase("breach.where.recipient", name=name)
        return phrase("breach.where.system", name=name)

    def category_names(self) -> Text | None:
        return listing([self.repo.categories[c].name for c in self.cats]) if self.cats else None

    def special_names(self) -> Text | None:
        """The special categories (Art. 9) among the exposed data; None if none."""
        names = [self.repo.categories[c].name for c in self.cats if self.repo.categories[c].special is True]
        return listing(names) if names else None

    def criminal_names(self) -> Text | None:
        """The criminal-offence data (Art. 10) among the exposed data; None if none."""
        names = [self.repo.categories[c].name for c in self.cats if self.repo.categories[c].special == "criminal"]
        return listing(names) if names else None

    def authority_name(self) -> Field:
        if self.authority is None:
            return phrase("breach.authority_unknown")
        a = self.authority
        return a.name + (f" ({a.short_name})" if a.short_name else "")

    def authority_short(self) -> Field:
        if self.authority is None:
            return phrase("breach.authority_unknown")
        return self.authority.short_name or self.authority.name

    def contact(self) -> Field:
        org = self.repo.config.organization
        if org.dpo is not None:
            who = phrase("breach.dpo_named", name=org.dpo.name)
            reach = org.dpo.email or org.dpo.phone or org.privacy_contact
            return listing([who, reach], "comma") if reach else who
        return org.privacy_contact or _placeholder("contact")

    def consequences(self) -> list[Text]:
        if not self.cats:
            return []
        out: list[Text] = [phrase("breach.consequence.phishing")]
        if special := self.special_names():
            out.append(phrase("breach.consequence.special", categories=special))
        if criminal := self.criminal_names():
            out.append(phrase("breach.consequence.criminal", categories=criminal))
        return out


def _placeholder(key: str) -> Text:
    """``[what to fill in]``: ``breach.ph.<key>`` in brackets."""
    return phrase("placeholder", what=phrase(f"breach.ph.{key}"))


def _encrypted(ctx: _Context, exposed: tuple[str, ...]) -> bool | None:
    """Whether the exposed data is encrypted at rest: every exposed system declares it.

    False when an exposed system does not declare ``encryption_at_rest: true``; None when no
    exposed node is a system (a processor hosting none of ours, a recipient): unknown.
    """
    systems = [n for n in exposed if n in ctx.repo.systems and ctx.scope.holdings.get(n)]
    if not systems:
        return None
    return all(_protected(ctx, n) for n in systems)


def _protected(ctx: _Context, node: str) -> bool:
    """Declared protected at rest: encrypted, or for paper kept locked (``locked_storage``:
    encryption means nothing on paper)."""
    s = ctx.repo.systems[node]
    if s.security is None:
        return False
    if s.kind == "paper":
        return s.security.locked_storage is True
    return s.security.encryption_at_rest is True


def _key_holder(ctx: _Context) -> str:
    """Who holds the keys of the breached place: the organization for a system it runs, else
    the vendor that runs it (or the breached vendor itself)."""
    system = ctx.repo.systems.get(ctx.node)
    if system is not None and system.processor is None:
        return ctx.repo.config.organization.name
    if system is not None and system.processor:
        return node_name(ctx.repo, system.processor)
    return node_name(ctx.repo, ctx.node)


def _art34(
    ctx: _Context,
    exposed: tuple[str, ...],
    feeds: tuple[str, ...],
    affected: int | None,
    threshold: int,
) -> Art34:
    reasons: list[Text] = []
    if special := ctx.special_names():
        reasons.append(phrase("breach.34.special", categories=special))
    if criminal := ctx.criminal_names():
        reasons.append(phrase("breach.34.criminal", categories=criminal))
    encrypted = _encrypted(ctx, exposed) if ctx.cats else None
    if encrypted is False:
        unprotected = [
            n for n in exposed if n in ctx.repo.systems and ctx.scope.holdings.get(n) and not _protected(ctx, n)
        ]
        unencrypted = [node_name(ctx.repo, n) for n in unprotected if ctx.repo.systems[n].kind != "paper"]
        unlocked = [node_name(ctx.repo, n) for n in unprotected if ctx.repo.systems[n].kind == "paper"]
        if unencrypted:
            reasons.append(phrase("breach.34.unencrypted", systems=listing(unencrypted)))
        if unlocked:
            reasons.append(phrase("breach.34.unlocked", systems=listing(unlocked)))
    channels = [n for n in sorted({*exposed, *feeds}) if n in ctx.repo.systems and ctx.repo.systems[n].channel]
    large: bool | None
    basis: Text
    if affected is not None:
        large = affected >= threshold
        basis = phrase("breach.scale.given", affected=affected, threshold=threshold)
        if large:
            reasons.append(phrase("breach.34.large", affected=affected, threshold=threshold))
    else:
        large = None
        basis = phrase("breach.scale.unknown", threshold=threshold)
        if channels:
            basis = sentences(
                basis, phrase("breach.scale.channels", channels=listing([node_name(ctx.repo, c) for c in channels]))
            )
    if not ctx.cats:
        reasons = []
    # Art. 34(3)(a) needs data unintelligible to the intruder: a breach at the party that holds
    # the keys (we, for a system we run; the vendor, for a system it runs or for the vendor
    # itself) does not meet it, so the exception is never offered from the declarations
    exception: Field = phrase("breach.34.keys", name=_key_holder(ctx)) if encrypted else ""
    return Art34(
        likely=bool(reasons),
        reasons=tuple(reasons),
        special=any(ctx.repo.categories[c].special for c in ctx.cats),
        encrypted_at_rest=encrypted,
        large_scale=large,
        large_scale_basis=basis,
        exception=exception,
    )


def _notification(ctx: _Context, art34: Art34) -> tuple[NotificationField, ...]:
    repo = ctx.repo
    org = repo.config.organization
    ph = _placeholder

    subjects = listing([SubjectKind(s) for s in ctx.subjects]) if ctx.subjects else ph("subjects")
    nature: Text = phrase(
        "breach.33a",
        where=ctx.where(),
        what=ph("what"),
        subjects=subjects,
        number=ph("number"),
        categories=ctx.category_names() or phrase("none"),
        records=ph("records"),
    )
    if special := ctx.special_names():
        nature = sentences(nature, phrase("breach.33a.special", categories=special))
    if criminal := ctx.criminal_names():
        nature = sentences(nature, phrase("breach.33a.criminal", categories=criminal))
    known = ctx.consequences()
    consequences = listing([listing(known, "semicolon"), ". ", ph("consequences")], "concat") if known else ph(
        "consequences"
    )
    measures = phrase("breach.33d", what=ph("measures"))
    controller = listing([org.name, org.org_number or ph("org_number")], "comma")
    informed = phrase("breach.informed.likely" if art34.likely else "breach.informed.unlikely")
    fields = [
        NotificationField(
            "controller", "Art. 33(3)", phrase("breach.f.controller"), controller, org.org_number is not None
        ),
        NotificationField("a", "Art. 33(3)(a)", phrase("breach.f.a"), nature, False),
        NotificationField(
            "b",
            "Art. 33(3)(b)",
            phrase("breach.f.b"),
            ctx.contact(),
            org.dpo is not None or org.privacy_contact is not None,
        ),
        NotificationField("c", "Art. 33(3)(c)", phrase("breach.f.c"), consequences, False),
        NotificationField("d", "Art. 33(3)(d)", phrase("breach.f.d"), measures, False),
        NotificationField("occurred", "Art. 33(1)", phrase("breach.f.occurred"), ph("occurred"), False),
        NotificationField("discovered", "Art. 33(1)", phrase("breach.f.discovered"), ctx.aware_at.isoformat(), True),
        NotificationField(
            "subjects_informed", "Art. 34", phrase("breach.f.informed"), sentences(informed, ph("informed")), False
        ),
    ]
    return tuple(fields)


def _processor_window(repo: Repo, pid: str) -> tuple[Text, int | None]:
    p = repo.processors[pid]
    if p.dpa is None:
        return phrase("breach.window.no-dpa"), None
    hours = p.dpa.breach_notification_hours
    if hours is None:
        return phrase("breach.window.unset"), None
    return phrase("breach.window.hours", hours=hours), hours


def _call_list(ctx: _Context, hosted: tuple[str, ...], subs: tuple[str, ...]) -> tuple[Contact, ...]:
    repo = ctx.repo
    org = repo.config.organization
    out: list[Contact] = []
    if org.dpo is not None:
        out.append(
            Contact(
                "dpo", None, org.dpo.name, org.dpo.email or org.dpo.phone, phrase("breach.window.now"), None, None
            )
        )
    elif org.privacy_contact:
        out.append(
            Contact("privacy-contact", None, org.privacy_contact, None, phrase("breach.window.now"), None, None)
        )
    seen: dict[str, int] = {}
    tasks: dict[str, list[Field]] = {}

    def add_teams(refs: tuple[TeamRef, ...], role: Role) -> None:
        for r in refs:
            window = phrase(f"breach.window.{role}")
            if r.team in seen:  # one entry per team, with every task
                i = seen[r.team]
                tasks[r.team].append(window)
                out[i] = dataclasses.replace(out[i], window=listing(tasks[r.team], "semicolon"))
                continue
            tasks[r.team] = [window]
            seen[r.team] = len(out)
            out.append(Contact(role, r.team, r.name, r.contact, window, None, None))

    add_teams(owners(repo, responsible_systems(ctx.scope, ctx.node)), "owner")
    add_teams(teams_with_function(repo, "security"), "security")
    add_teams(teams_with_function(repo, "customer-support"), "customer-support")

    processors: list[tuple[str, Role]] = []
    if ctx.kind == "system":
        s = repo.systems[ctx.node]
        if s.processor:
            processors.append((s.processor, "processor"))
    elif ctx.kind == "processor":
        parents = engaging_processors(ctx.scope, ctx.node)
        engaged = bool(hosted) or ctx.node in ctx.scope.datamap.engaged_processors
        if engaged or not parents:
            processors.append((ctx.node, "processor"))
        else:  # reached through the processor we engage, and the sub-processors in between
            top, _ = contracting_processors(ctx.scope, ctx.node, ctx.scope.datamap.engaged_processors)
            chains = ctx.scope.datamap.subprocessor_reach  # one index, not a walk per processor
            between = [n for n in chains.below_any(top) if n != ctx.node and chains.reaches(n, ctx.node)]
            processors.extend((p, "processor") for p in top)
            processors.extend((p, "sub-processor") for p in between)
            processors.append((ctx.node, "sub-processor"))
        processors.extend((sp, "sub-processor") for sp in subs if sp != ctx.node)
    for pid, role in processors:
        p = repo.processors[pid]
        window: Text
        if role == "sub-processor":
            window, hours = phrase("breach.window.sub"), None
        else:
            window, hours = _processor_window(repo, pid)
        out.append(Contact(role, pid, p.name, p.contact, window, None, hours))
    if ctx.kind == "recipient":
        r = repo.recipients[ctx.node]
        out.append(Contact("recipient", ctx.node, r.name, r.contact, phrase("breach.window.recipient"), None, None))
    auth_name = ctx.authority_name()
    auth_contact = None
    if ctx.authority is not None:
        auth_contact = ctx.authority.breach_report_url or ctx.authority.website
    key = "breach.window.authority" if ctx.cats else "breach.window.authority-if"
    window = phrase(key, deadline=ctx.deadline.isoformat())
    if ctx.authority is not None and not ctx.authority.verified:
        window = Marked(window, True)
    out.append(
        Contact(
            "authority",
            ctx.authority.country if ctx.authority else None,
            auth_name,
            auth_contact,
            window,
            ctx.deadline.isoformat(),
            None,
        )
    )
    return tuple(out)


def _customer_message(ctx: _Context) -> Text:
    org = ctx.repo.config.organization
    known = ctx.consequences()
    consequences = listing(known, "semicolon") if known else _placeholder("consequences")
    complaint = ctx.authority_name()
    if ctx.authority is not None and ctx.authority.website:
        complaint = listing([complaint, ctx.authority.website], "comma")
    call: Field = phrase("breach.call_us", phone=org.phone) if org.phone else ""
    return phrase(
        "breach.customer",
        call=call,
        where=ctx.where(),
        categories=ctx.category_names() or _placeholder("categories"),
        consequences=consequences,
        contact=ctx.contact(),
        authority=complaint,
        authority_short=ctx.authority_short(),
        org=org.name,
    )


def _agent_script(ctx: _Context) -> tuple[Text, ...]:
    org = ctx.repo.config.organization
    contact = org.privacy_contact or ctx.contact()
    fields: dict[str, Field] = {
        "where": ctx.where(),
        "categories": ctx.category_names() or _placeholder("categories"),
        "authority": ctx.authority_name(),
        "authority_short": ctx.authority_short(),
        "contact": contact,
    }
    return tuple(phrase(f"breach.script.{i}", **fields) for i in range(1, 7))


# --- rendering ---------------------------------------------------------------------------------


def words(impact: BreachImpact) -> BreachImpact:
    """The impact with every sentence worded: in its language, and the customer message and
    the agents' script each in their own."""
    both = dataclasses.replace(
        impact,
        customer_message={lg: say(text, lg) for lg, text in impact.customer_message.items()},
        agent_script={lg: tuple(say(t, lg) for t in texts) for lg, texts in impact.agent_script.items()},
    )
    return worded(both, impact.lang)


def render(impact: BreachImpact, fmt: str) -> str:
    from policycheck.support import templating

    impact = words(impact)
    if fmt == "json":
        return templating.to_json(impact.to_dict())
    lang = impact.lang

    def names(ids: tuple[str, ...]) -> str:
        return ", ".join(f"{impact.names.get(i, i)} ({i})" for i in ids)

    def chain(ids: tuple[str, ...]) -> str:
        """Each sub-processor with the processors it works for."""
        return "; ".join(
            tr(
                "breach.sub_of",
                lang,
                name=f"{impact.names.get(i, i)} ({i})",
                parents=wording.join([impact.names.get(p, p) for p in impact.subprocessor_of.get(i, ())], lang),
            )
            for i in ids
        )

    def special_mark(c: CategoryRef) -> str:
        if c.special == "criminal":
            return tr("criminal_mark", lang)
        return tr("special_mark", lang) if c.special else ""

    def country_list(codes: tuple[str, ...]) -> str:
        return ", ".join(wording.country_label(c, lang) for c in codes)

    auth = impact.authority
    authority_name = tr("breach.authority_unknown", lang)
    if auth is not None:
        authority_name = auth.name + (f" ({auth.short_name})" if auth.short_name else "")
    subjects = wording.join([wording.subject_kind(s, lang) for s in impact.subjects], lang)
    return templating.render(
        "breach",
        fmt,
        lang,
        b=impact,
        unverified=wording.unverified(lang),
        authority_name=authority_name,
        subjects=subjects,
        names=names,
        chain=chain,
        special_mark=special_mark,
        country_list=country_list,
        kind_label=tr(f"kind_{impact.kind}", lang)
        + (f", {wording.system_kind(impact.system_kind, lang)}" if impact.system_kind else ""),
    )
