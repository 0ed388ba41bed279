"""Derived facts that rules read as attributes (registered into the kinds table).

Each is a small function of an item and the evaluation context; graph-wide
work (reachability, transfers) is done once in :class:`policycheck.graph.DataMap`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from policycheck import i18n
from policycheck import model as m
from policycheck.graph.facts import mechanism_of
from policycheck.reference import reference
from policycheck.rules.kinds import Context, Fact, FlowItem, Holder, Organization, RequiredPolicy, T, memoized


def _special(cat: m.Category | None) -> bool:
    return cat is not None and cat.special in (True, "criminal")


# --- system ---------------------------------------------------------------------------


def _held(s: m.System, ctx: Context) -> tuple[str, ...]:
    """What the system keeps: the parts stored and received, less what it only forwards.

    Unlike ``transfer_categories``, what a system only passes on (sends, but neither stores
    nor receives as personal data: for example what reaches it only anonymized) is not held.
    """
    h = ctx.dmap.held
    kept = h.stored.get(s.id, frozenset()) | h.received.get(s.id, frozenset())
    return tuple(sorted(kept.difference(h.forwarded.get(s.id, ()))))


def _stored(s: m.System, ctx: Context) -> tuple[str, ...]:
    return tuple(sorted({c for st in s.stores for c in st.categories}))


def _holds(s: m.System, ctx: Context) -> bool:
    # stores of categories that arrive only anonymized are not personal data (see graph.facts.anonymized)
    # what a system only passes on (sends, neither stores nor receives) it does not keep; what it
    # forwards is among its holdings (each once), so it keeps something when it holds more
    held = ctx.dmap.held
    return len(held.paths.get(s.id) or ()) > len(held.forwarded.get(s.id, ()))


def _inflow(s: m.System, ctx: Context) -> dict[str, set[str]]:
    """Category -> the systems whose flows bring it, for what ``s`` receives but does not list in `stores`.

    Two facts read it (the categories, and their sources); kept per subject while a rule runs.
    """
    return _inflow_memoized(s, ctx)  # type: ignore[no-any-return]


def _compute_inflow(s: m.System, ctx: Context) -> dict[str, set[str]]:
    stored = {c for st in s.stores for c in st.categories}
    missing: dict[str, set[str]] = {}
    for src, index in ctx.dmap.inflows.get(s.id, ()):
        f = ctx.repo.systems[src].flows[index]
        if f.transform != "anonymized":
            for c in f.categories:
                if c not in stored:
                    missing.setdefault(c, set()).add(src)
    return missing


_inflow_memoized = memoized(_compute_inflow)


def _uninventoried(s: m.System, ctx: Context) -> tuple[str, ...]:
    return tuple(sorted(_inflow(s, ctx)))


def _uninventoried_sources(s: m.System, ctx: Context) -> tuple[str, ...]:
    return tuple(sorted({src for srcs in _inflow(s, ctx).values() for src in srcs}))


def _outside(s: m.System, ctx: Context) -> tuple[str, ...]:
    ref = reference()
    return tuple(c for c in s.location if not ref.in_eea(c))


def _system_countries(s: m.System, ctx: Context) -> tuple[str, ...]:
    return ctx.dmap.countries.get(s.id, ())


# --- flow -----------------------------------------------------------------------------------


def _target_kind(f: FlowItem, ctx: Context) -> str:
    return ctx.repo.node_kind(f.flow.to)


def _target_system_kind(f: FlowItem, ctx: Context) -> str | None:
    target = ctx.repo.systems.get(f.flow.to)
    return target.kind if target else None


def _carries(f: FlowItem, ctx: Context) -> bool:
    return bool(f.flow.categories) and f.flow.transform != "anonymized"


def _external(f: FlowItem, ctx: Context) -> bool:
    to = f.flow.to
    if to in ctx.repo.processors or to in ctx.repo.recipients:
        return True
    target = ctx.repo.systems.get(to)
    return bool(target and target.processor and target.processor != f.system.processor)


def _flow_path(f: FlowItem, ctx: Context) -> str:
    return f"{f.system.id} -> {f.flow.to}"


# --- processor ----------------------------------------------------------------------------


def _engaged(p: m.Processor, ctx: Context) -> bool:
    return p.id in ctx.dmap.engaged_processors


def _referenced(p: m.Processor, ctx: Context) -> bool:
    return p.id in ctx.dmap.referenced_processors


def _processor_held(p: m.Processor, ctx: Context) -> tuple[str, ...]:
    """What the processor keeps: the received part (a processor stores and sends nothing of its own).

    The same meaning as a system's ``held_categories``, so the same name (it was ``received_categories``).
    """
    return tuple(sorted(ctx.dmap.held.received.get(p.id, ())))


def _received_purposes(p: m.Processor, ctx: Context) -> tuple[str, ...]:
    return tuple(sorted(k for k in ctx.dmap.processed_for.get(p.id, {}) if k))


def _processor_countries(p: m.Processor, ctx: Context) -> tuple[str, ...]:
    return tuple(p.countries)


# --- holder (system, processor or recipient) -------------------------------------------------


def _holder_holds(h: Holder, ctx: Context) -> bool:
    return bool(ctx.dmap.holdings.get(h.id))


def _holder_countries(h: Holder, ctx: Context) -> tuple[str, ...]:
    return ctx.dmap.countries.get(h.id, ())


def _unsafe(h: Holder, ctx: Context) -> tuple[str, ...]:
    return tuple(t.country for t in ctx.dmap.transfers.get(h.id, ()) if t.unsafe)


def _path(h: Holder, ctx: Context) -> str:
    return " -> ".join(ctx.dmap.path_to(h.id))


def _transfer_cats(h: Holder, ctx: Context) -> tuple[str, ...]:
    """All the personal data that reaches the node: the parts stored, received and sent.

    Unlike ``held_categories``, this includes what a system only passes on: sending data to a
    third country is a transfer even when the sender keeps nothing of it.
    """
    h_ = ctx.dmap.held
    return tuple(
        sorted(h_.stored.get(h.id, frozenset()) | h_.received.get(h.id, frozenset()) | h_.sent.get(h.id, frozenset()))
    )


def _claimed(h: Holder, ctx: Context) -> tuple[str, ...]:
    mechanism = mechanism_of(ctx.repo, h.id)
    if mechanism not in ("adequacy", "dpf"):
        return ()
    ref = reference()
    out = []
    for c in ctx.dmap.countries.get(h.id, ()):
        if ref.in_eea(c):
            continue
        d = ref.adequacy.get(c)
        if d is None or not d.in_force(ctx.as_of):
            out.append(i18n.word("fact.no_adequacy", ctx.lang, country=c))
        elif mechanism == "dpf" and "dpf" not in d.covers_when:
            out.append(i18n.word("fact.dpf_us_only", ctx.lang, country=c))
    return tuple(out)


# --- purpose, category ---------------------------------------------------------------------


def _processed(p: m.Purpose, ctx: Context) -> set[str]:
    return set(p.categories) | ctx.dmap.categories_by_purpose.get(p.id, frozenset())


def _processed_cats(p: m.Purpose, ctx: Context) -> tuple[str, ...]:
    return tuple(sorted(_processed(p, ctx)))


def _special_cats(p: m.Purpose, ctx: Context) -> tuple[str, ...]:
    return tuple(sorted(c for c in _processed(p, ctx) if _special(ctx.repo.categories.get(c))))


def _stored_anywhere(c: m.Category, ctx: Context) -> bool:
    return c.id in ctx.dmap.stored_categories


def _is_special(c: m.Category, ctx: Context) -> bool:
    return _special(c)


# --- required policy --------------------------------------------------------------------------


def _absent_topics(rp: RequiredPolicy) -> list[str]:
    if rp.document is None:
        return []
    out = [t for t in rp.type.must_cover if t not in rp.document.covers]
    if rp.type.requires_levels and not rp.document.levels:
        out.append("levels")  # the front-matter field, not a `covers` topic
    return out


def _missing_topics(rp: RequiredPolicy, ctx: Context) -> tuple[str, ...]:
    return tuple(_absent_topics(rp))


def _topic_names(rp: RequiredPolicy, ctx: Context) -> tuple[str, ...]:
    """Each absent topic by its label in the message's language, with the `covers` value to add."""
    labels = rp.type.topics
    out = []
    for t in _absent_topics(rp):
        if t == "levels":
            out.append(i18n.word("fact.levels_field", ctx.lang))
        else:
            label = labels.get(t, {})
            out.append(f"{label.get(ctx.lang) or label.get('en') or t} (`{t}`)")
    return tuple(out)


def _missing_topic_names(rp: RequiredPolicy, ctx: Context) -> tuple[str, ...]:
    return _topic_names(rp, ctx)


def _policy_missing(p: m.PolicyDocument, ctx: Context) -> tuple[str, ...]:
    pt = reference().policy_types.get(p.type)
    return _missing_topics(RequiredPolicy(pt, p), ctx) if pt else ()


def _policy_missing_names(p: m.PolicyDocument, ctx: Context) -> tuple[str, ...]:
    pt = reference().policy_types.get(p.type)
    return _topic_names(RequiredPolicy(pt, p), ctx) if pt else ()


# --- organization ----------------------------------------------------------------------------


#: level names that can only be the least or the most sensitive end of a classification scale
_LEAST = {"public", "open", "offentlig", "öppen", "unclassified"}
_MOST = {"restricted", "secret", "top-secret", "strictly-confidential", "hemlig", "kvalificerat-hemlig"}


def classification_levels(repo: m.Repo) -> tuple[str, ...]:
    """The data-classification policy's `levels`, least sensitive first.

    `levels` is read as ascending; a list written the other way round
    (`[restricted, confidential, internal, public]`) is recognised by its ends
    and turned around, so "the highest level" is never `public`.
    """
    pol = repo.policies.get("data-classification")
    levels = tuple(pol.levels) if pol and pol.levels else ()
    if len(levels) > 1:
        first, last = levels[0].lower(), levels[-1].lower()
        if (first in _MOST or last in _LEAST) and not (first in _LEAST or last in _MOST):
            return tuple(reversed(levels))
    return levels


_levels = classification_levels


def _org_levels(o: Organization, ctx: Context) -> tuple[str, ...]:
    return _levels(o.repo)


def _org_highest(o: Organization, ctx: Context) -> str | None:
    levels = _levels(o.repo)
    return levels[-1] if levels else None


@dataclass(frozen=True)
class NoticeGaps:
    """What reaches customers' data but the privacy notice omits, as ids, by kind."""

    categories: tuple[str, ...] = ()
    purposes: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()

    def as_ids(self) -> tuple[str, ...]:
        """Every gap as ``KIND:ID`` (``category:contact-details``), the notation of a finding's subject."""
        return (
            *(f"category:{c}" for c in self.categories),
            *(f"purpose:{p}" for p in self.purposes),
            *(f"recipient:{r}" for r in self.recipients),
            *(f"country:{c}" for c in self.countries),
        )


def privacy_notice_gaps(repo: m.Repo, ctx: Context) -> NoticeGaps:
    """What reaches customers' data but is missing from the privacy notice.

    With no notice at all, everything is missing from it. Data, not prose: a
    rule's message names each gap in its language. Computed once per data map.
    """
    if repo is not ctx.repo:
        return _privacy_notice_gaps(repo, ctx)
    gaps: NoticeGaps | None = ctx.dmap.memo.get("privacy_notice_gaps")
    if gaps is None:
        gaps = ctx.dmap.memo["privacy_notice_gaps"] = _privacy_notice_gaps(repo, ctx)
    return gaps


def _privacy_notice_gaps(repo: m.Repo, ctx: Context) -> NoticeGaps:
    notice = repo.privacy_notice or m.PrivacyNotice()
    ref = reference()
    customer_cats = {c.id for c in repo.categories.values() if "customer" in c.subjects}
    held_anywhere: dict[str, set[str]] = {}
    for node, cats in ctx.dmap.holdings.items():
        for c in cats:
            held_anywhere.setdefault(c, set()).add(node)
    customer_held = sorted(c for c in customer_cats if c in held_anywhere)
    purposes = sorted(
        p.id for p in repo.purposes.values() if "customer" in p.subjects or set(p.categories) & customer_cats
    )
    recipients = sorted(r for r in repo.recipients if set(ctx.dmap.holdings.get(r, {})) & customer_cats)
    countries = sorted(
        {
            c
            for node, cs in ctx.dmap.holdings.items()
            if set(cs) & customer_cats
            for c in ctx.dmap.countries.get(node, ())
            if not ref.in_eea(c)
        }
    )
    return NoticeGaps(
        categories=tuple(c for c in customer_held if c not in notice.categories),
        purposes=tuple(p for p in purposes if p not in notice.purposes),
        recipients=tuple(r for r in recipients if r not in notice.recipients),
        countries=tuple(c for c in countries if c not in notice.transfers),
    )


def _notice_file(o: Organization, ctx: Context) -> str | None:
    return "privacy-notice.md" if o.repo.privacy_notice is not None else None


def _notice_absent(o: Organization, ctx: Context) -> str | None:
    return None if o.repo.privacy_notice is not None else "privacy-notice.md"


def _gaps(o: Organization, ctx: Context) -> tuple[str, ...]:
    return privacy_notice_gaps(o.repo, ctx).as_ids()


def _gap_categories(o: Organization, ctx: Context) -> tuple[str, ...]:
    return privacy_notice_gaps(o.repo, ctx).categories


def _gap_purposes(o: Organization, ctx: Context) -> tuple[str, ...]:
    return privacy_notice_gaps(o.repo, ctx).purposes


def _gap_recipients(o: Organization, ctx: Context) -> tuple[str, ...]:
    return privacy_notice_gaps(o.repo, ctx).recipients


def _gap_countries(o: Organization, ctx: Context) -> tuple[str, ...]:
    return privacy_notice_gaps(o.repo, ctx).countries


def _as_of(o: Organization, ctx: Context) -> Any:
    return ctx.as_of


# --- the table: what this module adds to the attribute table (see rules/registry.py) ---------

FACTS: tuple[Fact, ...] = (
    Fact(
        "system",
        "held_categories",
        T("category", True, ref=True),
        "personal data it keeps: stores or receives (through flows), not what it only passes on",
        _held,
    ),
    Fact("system", "stored_categories", T("category", True, ref=True), "categories listed in its `stores`", _stored),
    Fact("system", "holds_personal_data", T("bool"), "it keeps personal data: `held_categories` is not empty", _holds),
    Fact(
        "system",
        "uninventoried_inflow",
        T("category", True, ref=True),
        "categories that flows bring in but `stores` does not list",
        _uninventoried,
    ),
    Fact(
        "system",
        "uninventoried_inflow_sources",
        T("system", True, ref=True),
        "the systems whose flows bring in uninventoried categories",
        _uninventoried_sources,
    ),
    Fact(
        "system",
        "locations_outside_eea",
        T("country", True),
        "declared `location` countries outside the EU/EEA",
        _outside,
    ),
    Fact(
        "system",
        "countries",
        T("country", True),
        "where its data is kept: `location`, else its processor's countries, else the organization's",
        _system_countries,
    ),
    Fact("flow", "target_kind", T("str"), "system, processor or recipient", _target_kind),
    Fact(
        "flow", "target_system_kind", T("str"), "the `kind` of the receiving system (if a system)", _target_system_kind
    ),
    Fact("flow", "carries_personal_data", T("bool"), "it lists categories and is not anonymized", _carries),
    Fact(
        "flow",
        "external",
        T("bool"),
        "it leaves our hands: to a processor or recipient, or to a system run by another processor",
        _external,
    ),
    Fact("flow", "path", T("str"), "sending system -> receiving node", _flow_path),
    Fact(
        "processor",
        "engaged",
        T("bool"),
        "we engage it directly: it runs one of our systems, or a flow sends it personal data",
        _engaged,
    ),
    Fact("processor", "referenced", T("bool"), "a system, flow or processor refers to it", _referenced),
    Fact(
        "processor",
        "held_categories",
        T("category", True, ref=True),
        "personal data it keeps: what hosting, flows and sub-processing bring it",
        _processor_held,
    ),
    Fact(
        "processor",
        "received_purposes",
        T("purpose", True, ref=True),
        "purposes of the personal data it hosts, receives or sends on for us",
        _received_purposes,
    ),
    Fact("processor", "countries", T("country", True), "`processing_locations`, else `country`", _processor_countries),
    Fact(
        "holder",
        "holds_personal_data",
        T("bool"),
        "personal data reaches it (`transfer_categories` is not empty; a system: also what it only passes on)",
        _holder_holds,
    ),
    Fact("holder", "countries", T("country", True), "where it keeps our data", _holder_countries),
    Fact(
        "holder",
        "unsafe_transfer_countries",
        T("country", True),
        "countries outside the EU/EEA where it holds personal data with no adequacy covering it and no safeguard",
        _unsafe,
    ),
    Fact(
        "holder",
        "transfer_path",
        T("path"),
        "the path by which personal data reaches it, as `a -> b -> c` (a message names each step)",
        _path,
    ),
    Fact(
        "holder",
        "transfer_categories",
        T("category", True, ref=True),
        "personal data that reaches it: stored, received or sent (unlike `held_categories`, also what it passes on)",
        _transfer_cats,
    ),
    Fact(
        "holder",
        "adequacy_claimed_without_decision",
        T("str", True),
        "countries outside the EU/EEA, with no Commission decision in force, for which it declares `adequacy` or `dpf`",
        _claimed,
    ),
    Fact(
        "purpose",
        "processed_categories",
        T("category", True, ref=True),
        "its `categories` plus every category stored or sent for it",
        _processed_cats,
    ),
    Fact(
        "purpose",
        "special_categories",
        T("category", True, ref=True),
        "processed categories that are special (Art. 9) or criminal (Art. 10)",
        _special_cats,
    ),
    Fact("category", "stored_anywhere", T("bool"), "some system's `stores` lists it", _stored_anywhere),
    Fact("category", "is_special", T("bool"), "`special` is true or `criminal`", _is_special),
    Fact(
        "required-policy",
        "missing_topics",
        T("topic", True),
        "required `covers` topics absent from the document (and `levels`, where required), as ids",
        _missing_topics,
    ),
    Fact(
        "required-policy",
        "missing_topic_names",
        T("str", True),
        "the absent topics in words, each with its `covers` value",
        _missing_topic_names,
    ),
    Fact(
        "policy",
        "missing_topics",
        T("topic", True),
        "required `covers` topics absent (and `levels`, where required)",
        _policy_missing,
    ),
    Fact(
        "policy",
        "missing_topic_names",
        T("str", True),
        "the absent topics in words, each with its `covers` value",
        _policy_missing_names,
    ),
    Fact(
        "organization",
        "classification_levels",
        T("str", True),
        "the levels the data-classification policy defines, lowest first",
        _org_levels,
    ),
    Fact(
        "organization",
        "highest_classification_level",
        T("str"),
        "the last (most sensitive) level of the data-classification policy",
        _org_highest,
    ),
    Fact(
        "organization",
        "privacy_notice_file",
        T("str"),
        "`privacy-notice.md` when the repo has a privacy notice",
        _notice_file,
    ),
    Fact(
        "organization",
        "privacy_notice_absent",
        T("str"),
        "`privacy-notice.md` when the repo has NO privacy notice",
        _notice_absent,
    ),
    Fact(
        "organization",
        "privacy_notice_gaps",
        T("str", True),
        "categories, purposes, recipients and third countries of customers' data that the privacy notice omits, "
        "as `KIND:ID` (`category:contact-details`, `country:US`)",
        _gaps,
    ),
    Fact(
        "organization",
        "privacy_notice_missing_categories",
        T("category", True, ref=True),
        "categories of customers' data held somewhere that the privacy notice omits",
        _gap_categories,
    ),
    Fact(
        "organization",
        "privacy_notice_missing_purposes",
        T("purpose", True, ref=True),
        "purposes concerning customers that the privacy notice omits",
        _gap_purposes,
    ),
    Fact(
        "organization",
        "privacy_notice_missing_recipients",
        T("recipient", True, ref=True),
        "recipients of customers' data that the privacy notice omits",
        _gap_recipients,
    ),
    Fact(
        "organization",
        "privacy_notice_missing_countries",
        T("country", True),
        "countries outside the EU/EEA where customers' data is kept that the privacy notice omits",
        _gap_countries,
    ),
    Fact("organization", "as_of", T("date"), "the evaluation date (`--as-of`)", _as_of),
)
