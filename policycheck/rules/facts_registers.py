"""Derived facts of the impact-assessment and register rules (DPIA screening, breaches, SCC modules).

The screening itself is :mod:`policycheck.graph.dpia`; these facts only read
it for one purpose, and word its evidence in the language of the message.
"""

from __future__ import annotations

from typing import Any

from policycheck import model as m
from policycheck.graph import breaches, dpia
from policycheck.i18n import entity_name, name_of, subject_kind, word
from policycheck.rules.kinds import Context, Fact, Holder, T

#: the rule whose params hold the screening settings (thresholds) of the whole pack
SCREENING_RULE = "dpia-likely-without-assessment"


def screening_settings(ctx: Context) -> dpia.Settings:
    """The screening rule's settings: its params (when it is the rule running) and the repo's overrides of it."""
    params: dict[str, object] = {}
    if "large_scale_subjects" in ctx.params:
        params.update(ctx.params)
    override = ctx.repo.config.rules.get(SCREENING_RULE)
    if override is not None:
        params.update(override.params)
    return dpia.settings_from(params)


def _screening(p: m.Purpose, ctx: Context) -> dpia.Screening:
    return ctx.dmap.dpia_screening(screening_settings(ctx))[p.id]


def named_evidence(
    ev: dpia.Evidence, repo: m.Repo, lang: str, names: dict[Any, str] | None = None
) -> tuple[str, str]:
    """Where a criterion was seen, by names in ``lang``: (the value, the flow's purposes).

    Categories, systems, processors, recipients and purposes by their names, a path or a
    flow node by node, data subjects by their kind in words; an id without a name stays.
    ``names``, when given, keeps the names of nodes and purposes, and the named paths and
    lists of purposes, already made (one language, one repo), so a long evidence list names
    each once.
    """
    if names is None:
        names = {}
    if ev.kind == "category":
        cat = repo.categories.get(ev.value)
        value = name_of(cat.name, lang) if cat is not None else ev.value
    elif ev.kind in ("system", "processor", "recipient"):
        value = _node_name(repo, ev.value, lang, names)
    elif ev.kind in ("path", "flow"):
        path = names.get(("path", ev.value))  # a flow is listed once per purpose it combines
        if path is None:
            path = names[("path", ev.value)] = " -> ".join(
                _node_name(repo, node, lang, names) for node in ev.value.split(" -> ")
            )
        value = path
    elif ev.kind == "subjects":
        value = subject_kind(ev.value, lang)
    else:
        value = ev.value
    if not ev.purposes:
        return value, ""
    joined = names.get(("purposes", ev.purposes))  # thousands of flows name the same purposes
    if joined is None:
        named = []
        for pid in ev.purposes:
            key = f"purpose\0{pid}"
            name = names.get(key)
            if name is None:
                p = repo.purposes.get(pid)
                name = names[key] = name_of(p.name, lang) if p is not None else pid
            named.append(name)
        joined = names[("purposes", ev.purposes)] = ", ".join(named)
    return value, joined


def _node_name(repo: m.Repo, node: str, lang: str, names: dict[Any, str]) -> str:
    name = names.get(node)
    if name is None:
        name = names[node] = entity_name(repo, node, lang)
    return name


# A finding names at most this many places per criterion, then how many more: a criterion such as
# combining can be seen on every flow of a large organization (a message of megabytes otherwise);
# `policycheck dpia` lists every one.
DESCRIBED_EVIDENCE = 10


def describe(
    criterion: dpia.Criterion, lang: str, settings: dpia.Settings, repo: m.Repo, names: dict[Any, str] | None = None
) -> str:
    """``criterion name (where it was seen)`` in ``lang`` (``names``: see :func:`named_evidence`):
    the first :data:`DESCRIBED_EVIDENCE` places, then how many more."""
    from policycheck.reports.i18n import texts

    t = texts(lang)
    if names is None:
        names = {}
    where = []
    templates: dict[str, str] = {}  # each kind's text, looked up once (a criterion lists thousands of flows)
    for ev in criterion.evidence[:DESCRIBED_EVIDENCE]:
        value, purposes = named_evidence(ev, repo, lang, names)
        template = templates.get(ev.kind)
        if template is None:
            key = f"dpia.ev.{ev.kind}"
            t(key, v=value, purposes=purposes, threshold=settings.large_scale_subjects)  # a missing text fails here
            template = templates[ev.kind] = word(key, t.lang)
        where.append(template.format(v=value, purposes=purposes, threshold=settings.large_scale_subjects))
    if len(criterion.evidence) > DESCRIBED_EVIDENCE:
        where.append(t("dpia.ev.more", n=len(criterion.evidence) - DESCRIBED_EVIDENCE))
    if criterion.declared:
        where.append(t("dpia.ev.declared_too" if criterion.inferred else "dpia.ev.declared"))
    return f"{criterion.number} {t(f'dpia.criterion.{criterion.code}')} ({'; '.join(where)})"


# --- purpose -------------------------------------------------------------------------------


def _met(p: m.Purpose, ctx: Context) -> tuple[str, ...]:
    return _screening(p, ctx).codes


def _count(p: m.Purpose, ctx: Context) -> int:
    return len(_screening(p, ctx).criteria)


def _verdict(p: m.Purpose, ctx: Context) -> str:
    return _screening(p, ctx).verdict


def _evidence(p: m.Purpose, ctx: Context) -> tuple[str, ...]:
    """Each criterion described in ``ctx.lang``; computed once per (screening settings, purpose,
    language) and data map: the message and the evidence of a finding both show it, and a
    criterion such as combining lists thousands of flows."""
    settings = screening_settings(ctx)
    described: dict[str, tuple[str, ...]] = ctx.dmap.memo.setdefault(("dpia_evidence", settings, ctx.lang), {})
    if p.id not in described:
        # names of nodes and purposes in this language (a few thousand short texts)
        names: dict[Any, str] = ctx.dmap.memo.setdefault(("dpia_evidence_names", ctx.lang), {})
        screening = ctx.dmap.dpia_screening(settings)[p.id]
        described[p.id] = tuple(describe(c, ctx.lang, settings, ctx.repo, names) for c in screening.criteria)
    return described[p.id]


def _unlisted(p: m.Purpose, ctx: Context) -> tuple[str, ...]:
    return _screening(p, ctx).unlisted


# --- breach ----------------------------------------------------------------------------------


def _hours(b: m.Breach, ctx: Context) -> float | None:
    return breaches.hours_to_notification(b)


def _authority(b: m.Breach, ctx: Context) -> str:
    return breaches.authority_decision(b)


def _subjects(b: m.Breach, ctx: Context) -> str:
    return breaches.subjects_decision(b)


# --- holder: SCC module -------------------------------------------------------------------------


def _expected_modules(h: Holder, ctx: Context) -> tuple[int, ...]:
    from policycheck.graph.facts import scc_modules

    return scc_modules(ctx.repo, ctx.dmap.engaged_processors, ctx.dmap.engaging, h.id)


def _contradicts(h: Holder, ctx: Context) -> bool:
    t = getattr(h.obj, "transfer", None)
    if t is None or t.scc_module is None:
        return False
    expected = _expected_modules(h, ctx)
    return bool(expected) and t.scc_module not in expected


# --- the table: what this module adds to the attribute table (see rules/registry.py) ---------

FACTS: tuple[Fact, ...] = (
    Fact(
        "purpose",
        "dpia_criteria_met",
        T("str", True),
        "the WP248 criteria it meets, inferred or declared (codes)",
        _met,
    ),
    Fact("purpose", "dpia_criteria_count", T("int"), "how many of the nine WP248 criteria it meets", _count),
    Fact("purpose", "dpia_verdict", T("str"), "the screening's verdict: required | likely | not-indicated", _verdict),
    Fact(
        "purpose",
        "dpia_evidence",
        T("str", True),
        "each criterion met, with where it was seen (in the language of the message)",
        _evidence,
    ),
    Fact(
        "purpose",
        "dpia_unlisted_criteria",
        T("str", True),
        "criteria the graph now shows that `dpia_criteria` does not list (gained since the DPIA)",
        _unlisted,
    ),
    Fact(
        "breach",
        "hours_to_notification",
        T("float"),
        "hours from `aware` to `authority_notified` (when that is a time), across time zones",
        _hours,
    ),
    Fact(
        "breach",
        "authority_decision",
        T("str"),
        "notified (a time) | not-notified (`false` with a reason) | undecided (unset, or `false` without a reason)",
        _authority,
    ),
    Fact(
        "breach",
        "subjects_decision",
        T("str"),
        "informed (a date or time) | not-informed (`false` with an Art. 34(3) reason) | undecided",
        _subjects,
    ),
    Fact(
        "holder",
        "expected_scc_modules",
        T("int", True),
        "the SCC modules its role allows: 2 for a processor we engage, 3 for a sub-processor, 1 for a recipient",
        _expected_modules,
    ),
    Fact(
        "holder",
        "scc_module_contradicts_roles",
        T("bool"),
        "it declares `transfer.scc_module` and the roles call for another module",
        _contradicts,
    ),
)
