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

from policycheck.errors import UsageError, did_you_mean
from policycheck.model import Repo
from policycheck.reference import reference
from policycheck.support import wording
from policycheck.support.access import Authority, authority
from policycheck.support.erasure import node_kind
from policycheck.support.phrase import tr
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
    name: str  # their names
    mechanism: str | None
    basis: str
    decision: str | None
    safeguard: str
    safe: bool
    verified: bool  # false when the adequacy decision relied on is unverified reference data
    exposed: bool  # held by an exposed node (else: where the data flows on to)


@dataclass(frozen=True)
class NotificationField:
    field: str
    article: str
    label: str
    value: str
    complete: bool  # false: placeholders remain to fill in


@dataclass(frozen=True)
class Art34:
    likely: bool
    reasons: tuple[str, ...]
    special: bool  # a special category (Art. 9) or criminal-offence data (Art. 10) is exposed
    encrypted_at_rest: bool | None
    large_scale: bool | None
    large_scale_basis: str
    exception: str


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
    name: str
    contact: str | None
    window: str
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
    customer_message: dict[str, str]
    agent_script: dict[str, tuple[str, ...]]
    notes: tuple[str, ...]
    names: dict[str, str]

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


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
                name=wording.join([node_name(repo, n) for n in item.nodes], lang),
                mechanism=tf.mechanism,
                basis=tf.basis,
                decision=tf.decision,
                safeguard=wording.safeguard(tf.country, tf.mechanism, tf.basis, item.tia, lang),
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
    notes = []  # no personal data at all: said in the headline instead
    anon = sorted(n for n in exposed if n in scope.anonymous)
    for n in anon:
        anon_cats = scope.anonymous[n]
        anon_names = wording.join([repo.categories[c].name for c in anon_cats], lang)
        key = "breach.note.anonymous.1" if len(anon_cats) == 1 else "breach.note.anonymous"
        notes.append(tr(key, lang, name=node_name(repo, n), categories=anon_names))
    if kind == "recipient":
        notes.append(tr("breach.note.recipient", lang, name=node_name(repo, node)))
    if kind == "processor" and not hosted and engaging_processors(scope, node):
        parents = wording.join([node_name(repo, p) for p in engaging_processors(scope, node)], lang)
        notes.append(tr("breach.note.subprocessor", lang, name=node_name(repo, node), parents=parents))
    if aware_at.hour == 0 and aware_at.minute == 0 and aware_at.second == 0:
        notes.append(tr("breach.note.midnight", lang))

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
        customer_message={lg: _customer_message(ctx.in_lang(lg), lg) for lg in ("en", "sv")},
        agent_script={lg: _agent_script(ctx.in_lang(lg), lg) for lg in ("en", "sv")},
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

    def where(self, lang: str) -> str:
        """Where the breach happened, in words a customer understands."""
        name = node_name(self.repo, self.node)
        if self.kind == "processor":
            hosted = hosted_systems(self.scope, self.node)
            if hosted:
                systems = wording.join([node_name(self.repo, s) for s in hosted], lang)
                return tr("breach.where.processor", lang, name=name, systems=systems)
            return tr("breach.where.supplier", lang, name=name)
        if self.kind == "recipient":
            return tr("breach.where.recipient", lang, name=name)
        return tr("breach.where.system", lang, name=name)

    def category_names(self, lang: str) -> str:
        return wording.join([self.repo.categories[c].name for c in self.cats], lang)

    def special_names(self, lang: str) -> str:
        """The special categories (Art. 9) among the exposed data, in words; empty if none."""
        return wording.join(
            [self.repo.categories[c].name for c in self.cats if self.repo.categories[c].special is True], lang
        )

    def criminal_names(self, lang: str) -> str:
        """The criminal-offence data (Art. 10) among the exposed data, in words; empty if none."""
        return wording.join(
            [self.repo.categories[c].name for c in self.cats if self.repo.categories[c].special == "criminal"], lang
        )

    def authority_name(self, lang: str) -> str:
        if self.authority is None:
            return tr("breach.authority_unknown", lang)
        a = self.authority
        return a.name + (f" ({a.short_name})" if a.short_name else "")

    def authority_short(self, lang: str) -> str:
        if self.authority is None:
            return tr("breach.authority_unknown", lang)
        return self.authority.short_name or self.authority.name

    def contact(self, lang: str) -> str:
        org = self.repo.config.organization
        if org.dpo is not None:
            who = tr("breach.dpo_named", lang, name=org.dpo.name)
            reach = org.dpo.email or org.dpo.phone or org.privacy_contact
            return f"{who}, {reach}" if reach else who
        return org.privacy_contact or tr("placeholder", lang, what=tr("breach.ph.contact", lang))

    def consequences(self, lang: str) -> list[str]:
        if not self.cats:
            return []
        out = [tr("breach.consequence.phishing", lang)]
        if special := self.special_names(lang):
            out.append(tr("breach.consequence.special", lang, categories=special))
        if criminal := self.criminal_names(lang):
            out.append(tr("breach.consequence.criminal", lang, categories=criminal))
        return out


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
    lang = ctx.lang
    reasons = []
    if special := ctx.special_names(lang):
        reasons.append(tr("breach.34.special", lang, categories=special))
    if criminal := ctx.criminal_names(lang):
        reasons.append(tr("breach.34.criminal", lang, categories=criminal))
    encrypted = _encrypted(ctx, exposed) if ctx.cats else None
    if encrypted is False:
        unprotected = [
            n for n in exposed if n in ctx.repo.systems and ctx.scope.holdings.get(n) and not _protected(ctx, n)
        ]
        unencrypted = [node_name(ctx.repo, n) for n in unprotected if ctx.repo.systems[n].kind != "paper"]
        unlocked = [node_name(ctx.repo, n) for n in unprotected if ctx.repo.systems[n].kind == "paper"]
        if unencrypted:
            reasons.append(tr("breach.34.unencrypted", lang, systems=wording.join(unencrypted, lang)))
        if unlocked:
            reasons.append(tr("breach.34.unlocked", lang, systems=wording.join(unlocked, lang)))
    channels = [n for n in sorted({*exposed, *feeds}) if n in ctx.repo.systems and ctx.repo.systems[n].channel]
    large: bool | None
    if affected is not None:
        large = affected >= threshold
        basis = tr("breach.scale.given", lang, affected=affected, threshold=threshold)
        if large:
            reasons.append(tr("breach.34.large", lang, affected=affected, threshold=threshold))
    else:
        large = None
        basis = tr("breach.scale.unknown", lang, threshold=threshold)
        if channels:
            basis += " " + tr(
                "breach.scale.channels", lang, channels=wording.join([node_name(ctx.repo, c) for c in channels], lang)
            )
    if not ctx.cats:
        reasons = []
    # Art. 34(3)(a) needs data unintelligible to the intruder: a breach at the party that holds
    # the keys (we, for a system we run; the vendor, for a system it runs or for the vendor
    # itself) does not meet it, so the exception is never offered from the declarations
    exception = tr("breach.34.keys", lang, name=_key_holder(ctx)) if encrypted else ""
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
    lang = ctx.lang
    repo = ctx.repo
    org = repo.config.organization

    def ph(key: str) -> str:
        return tr("placeholder", lang, what=tr(f"breach.ph.{key}", lang))

    subjects = wording.join([wording.subject_kind(s, lang) for s in ctx.subjects], lang) or ph("subjects")
    nature = tr(
        "breach.33a",
        lang,
        where=ctx.where(lang),
        what=ph("what"),
        subjects=subjects,
        number=ph("number"),
        categories=ctx.category_names(lang) or tr("none", lang),
        records=ph("records"),
    )
    if special := ctx.special_names(lang):
        nature += " " + tr("breach.33a.special", lang, categories=special)
    if criminal := ctx.criminal_names(lang):
        nature += " " + tr("breach.33a.criminal", lang, categories=criminal)
    known = "; ".join(ctx.consequences(lang))
    consequences = f"{known}. {ph('consequences')}" if known else ph("consequences")
    measures = tr("breach.33d", lang, what=ph("measures"))
    controller = org.name + (f", {org.org_number}" if org.org_number else f", {ph('org_number')}")
    informed = tr("breach.informed.likely" if art34.likely else "breach.informed.unlikely", lang)
    fields = [
        NotificationField(
            "controller", "Art. 33(3)", tr("breach.f.controller", lang), controller, org.org_number is not None
        ),
        NotificationField("a", "Art. 33(3)(a)", tr("breach.f.a", lang), nature, False),
        NotificationField(
            "b",
            "Art. 33(3)(b)",
            tr("breach.f.b", lang),
            ctx.contact(lang),
            org.dpo is not None or org.privacy_contact is not None,
        ),
        NotificationField("c", "Art. 33(3)(c)", tr("breach.f.c", lang), consequences, False),
        NotificationField("d", "Art. 33(3)(d)", tr("breach.f.d", lang), measures, False),
        NotificationField("occurred", "Art. 33(1)", tr("breach.f.occurred", lang), ph("occurred"), False),
        NotificationField("discovered", "Art. 33(1)", tr("breach.f.discovered", lang), ctx.aware_at.isoformat(), True),
        NotificationField(
            "subjects_informed", "Art. 34", tr("breach.f.informed", lang), informed + " " + ph("informed"), False
        ),
    ]
    return tuple(fields)


def _processor_window(repo: Repo, pid: str, lang: str) -> tuple[str, int | None]:
    p = repo.processors[pid]
    if p.dpa is None:
        return tr("breach.window.no-dpa", lang), None
    hours = p.dpa.breach_notification_hours
    if hours is None:
        return tr("breach.window.unset", lang), None
    return tr("breach.window.hours", lang, hours=hours), hours


def _call_list(ctx: _Context, hosted: tuple[str, ...], subs: tuple[str, ...]) -> tuple[Contact, ...]:
    repo, lang = ctx.repo, ctx.lang
    org = repo.config.organization
    out: list[Contact] = []
    if org.dpo is not None:
        out.append(
            Contact(
                "dpo", None, org.dpo.name, org.dpo.email or org.dpo.phone, tr("breach.window.now", lang), None, None
            )
        )
    elif org.privacy_contact:
        out.append(
            Contact("privacy-contact", None, org.privacy_contact, None, tr("breach.window.now", lang), None, None)
        )
    seen: dict[str, int] = {}

    def add_teams(refs: tuple[TeamRef, ...], role: Role) -> None:
        for r in refs:
            window = tr(f"breach.window.{role}", lang)
            if r.team in seen:  # one entry per team, with every task
                i = seen[r.team]
                out[i] = dataclasses.replace(out[i], window=f"{out[i].window}; {window}")
                continue
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
            below = {n for t in top for n in subprocessor_chain(ctx.scope, t)}
            between = sorted(n for n in below - {ctx.node} if ctx.node in subprocessor_chain(ctx.scope, n))
            processors.extend((p, "processor") for p in top)
            processors.extend((p, "sub-processor") for p in between)
            processors.append((ctx.node, "sub-processor"))
        processors.extend((sp, "sub-processor") for sp in subs if sp != ctx.node)
    for pid, role in processors:
        p = repo.processors[pid]
        if role == "sub-processor":
            window, hours = tr("breach.window.sub", lang), None
        else:
            window, hours = _processor_window(repo, pid, lang)
        out.append(Contact(role, pid, p.name, p.contact, window, None, hours))
    if ctx.kind == "recipient":
        r = repo.recipients[ctx.node]
        out.append(Contact("recipient", ctx.node, r.name, r.contact, tr("breach.window.recipient", lang), None, None))
    auth_name = ctx.authority_name(lang)
    auth_contact = None
    if ctx.authority is not None:
        auth_contact = ctx.authority.breach_report_url or ctx.authority.website
    key = "breach.window.authority" if ctx.cats else "breach.window.authority-if"
    window = tr(key, lang, deadline=ctx.deadline.isoformat())
    if ctx.authority is not None and not ctx.authority.verified:
        window += f" {wording.unverified(lang)}"
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


def _customer_message(ctx: _Context, lang: str) -> str:
    org = ctx.repo.config.organization
    consequences = "; ".join(ctx.consequences(lang)) or tr("placeholder", lang, what=tr("breach.ph.consequences", lang))
    complaint = ctx.authority_name(lang)
    if ctx.authority is not None and ctx.authority.website:
        complaint += f", {ctx.authority.website}"
    call = tr("breach.call_us", lang, phone=org.phone) if org.phone else ""
    return tr(
        "breach.customer",
        lang,
        call=call,
        where=ctx.where(lang),
        categories=ctx.category_names(lang) or tr("placeholder", lang, what=tr("breach.ph.categories", lang)),
        consequences=consequences,
        contact=ctx.contact(lang),
        authority=complaint,
        authority_short=ctx.authority_short(lang),
        org=org.name,
    )


def _agent_script(ctx: _Context, lang: str) -> tuple[str, ...]:
    org = ctx.repo.config.organization
    contact = org.privacy_contact or ctx.contact(lang)
    fields = {
        "where": ctx.where(lang),
        "categories": ctx.category_names(lang) or tr("placeholder", lang, what=tr("breach.ph.categories", lang)),
        "authority": ctx.authority_name(lang),
        "authority_short": ctx.authority_short(lang),
        "contact": contact,
    }
    return tuple(tr(f"breach.script.{i}", lang, **fields) for i in range(1, 7))


# --- rendering ---------------------------------------------------------------------------------


def render(impact: BreachImpact, fmt: str) -> str:
    from policycheck.support import templating

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
