"""`policycheck dpia`: the DPIA screening of every purpose, and a DPIA draft for one.

:func:`screening` and :func:`draft` build plain frozen data (every text in the
chosen language) from the screening of :mod:`policycheck.graph.dpia`, the
declarations and the check result; :func:`render` writes it as text,
Markdown, JSON or HTML. The draft follows Art. 35(7)(a)-(d) and marks nothing
as assessed: likelihood, severity and the conclusion are left to the assessor,
and every prefilled statement says whether it was declared or inferred.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from policycheck.graph import dpia as screen
from policycheck.i18n import entity_name, retention_start, subject_kind
from policycheck.i18n import name_of as named
from policycheck.model.types import Duration
from policycheck.reference import reference
from policycheck.reports.i18n import Texts, texts

if TYPE_CHECKING:
    from policycheck.findings import CheckResult, Finding
    from policycheck.graph import DataMap
    from policycheck.model import Repo
    from policycheck.rules.pack import Rule

#: rules whose findings speak to necessity and proportionality (Art. 35(7)(b)): minimisation and retention
NECESSITY_RULES: frozenset[str] = frozenset(
    {
        "stored-beyond-purpose",
        "stored-without-purpose",
        "statistics-not-anonymized",
        "free-text-without-redaction",
        "retention-missing",
        "erasure-too-slow",
        "system-without-erasure-routine",
        "inflow-not-inventoried",
        "purpose-without-lawful-basis",
        "legitimate-interest-without-assessment",
        "consent-without-record",
        "special-category-without-condition",
    }
)
#: the WP248 criteria only a person can see: asked as open questions when not declared
UNSEEN: tuple[str, ...] = ("scoring", "automated-decisions", "monitoring", "blocks-rights")
DEFAULT_REVIEW = "P3Y"


# --- data ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionView:
    number: int
    code: str
    label: str
    source: str  # inferred | declared | inferred+declared
    source_label: str
    where: str


@dataclass(frozen=True)
class ScreeningRow:
    purpose: str
    name: str
    criteria: tuple[CriterionView, ...]
    verdict: str  # required | likely | not-indicated
    verdict_label: str
    art35_3: str | None
    dpia: str | None
    dpia_reviewed: str | None
    dpia_age: str | None
    review_due: bool
    unlisted: tuple[str, ...]


@dataclass(frozen=True)
class Block:
    """A paragraph (``p``), a bullet list (``list``) or a table (``table``) of a draft section."""

    kind: str
    text: str = ""
    items: tuple[str, ...] = ()
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Screening:
    lang: str
    title: str
    organization: str
    as_of: str
    intro: str
    headers: tuple[str, ...]
    rows: tuple[ScreeningRow, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Draft:
    lang: str
    title: str
    organization: str
    as_of: str
    status: str
    screening: ScreeningRow
    sections: tuple[Section, ...] = field(default_factory=tuple)


# --- settings -----------------------------------------------------------------------------------


def settings(repo: Repo, rules: list[Rule]) -> tuple[screen.Settings, Duration]:
    """The screening settings and the review period, as the pack and the repo's overrides set them."""
    params: dict[str, Any] = {}
    review = DEFAULT_REVIEW
    for rule in rules:
        override = repo.config.rules.get(rule.id)
        merged = {**rule.spec.params, **(override.params if override else {})}
        if rule.id == "dpia-likely-without-assessment":
            params = merged
        elif rule.id == "dpia-review-overdue":
            review = str(merged.get("max_age", DEFAULT_REVIEW))
    return screen.settings_from(params), Duration.parse(review)


# --- screening ------------------------------------------------------------------------------------


def _months_between(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month - (1 if end.day < start.day else 0)


def _age(t: Texts, reviewed: dt.date | None, as_of: dt.date) -> str | None:
    if reviewed is None:
        return None
    months = max(0, _months_between(reviewed, as_of))
    if months == 0:
        return t("dpia.age.new")
    years, rest = divmod(months, 12)
    return t.duration(Duration.parse("P" + (f"{years}Y" if years else "") + (f"{rest}M" if rest else "")))


def describe_evidence(t: Texts, c: screen.Criterion, s: screen.Settings, repo: Repo) -> str:
    from policycheck.rules.facts_registers import named_evidence

    named = [(ev, *named_evidence(ev, repo, t.lang)) for ev in c.evidence]
    parts = [
        t(f"dpia.ev.{ev.kind}", v=value, purposes=purposes, threshold=s.large_scale_subjects)
        for ev, value, purposes in named
    ]
    if not c.inferred:
        parts.append(t("dpia.ev.declared"))
    return "; ".join(parts)


def _row(
    t: Texts, repo: Repo, sc: screen.Screening, s: screen.Settings, review: Duration, as_of: dt.date
) -> ScreeningRow:
    p = repo.purposes[sc.purpose]
    views = []
    for c in sc.criteria:
        source = "inferred+declared" if c.inferred and c.declared else ("inferred" if c.inferred else "declared")
        views.append(
            CriterionView(
                c.number,
                c.code,
                t(f"dpia.criterion.{c.code}"),
                source,
                t(f"dpia.source.{source}"),
                describe_evidence(t, c, s, repo),
            )
        )
    due = p.dpia is not None and (
        p.dpia_reviewed is None or p.dpia_reviewed < review.subtract_from(as_of) or bool(sc.unlisted)
    )
    return ScreeningRow(
        purpose=p.id,
        name=p.name,
        criteria=tuple(views),
        verdict=sc.verdict,
        verdict_label=t(f"dpia.verdict.{sc.verdict}"),
        art35_3=t(f"dpia.verdict.art35_3.{sc.art35_3}") if sc.art35_3 else None,
        dpia=p.dpia,
        dpia_reviewed=p.dpia_reviewed.isoformat() if p.dpia_reviewed else None,
        dpia_age=_age(t, p.dpia_reviewed, as_of),
        review_due=due,
        unlisted=sc.unlisted,
    )


def screening(repo: Repo, dmap: DataMap, rules: list[Rule], lang: str) -> Screening:
    """The screening table: every purpose, the criteria it meets and where, the verdict, its DPIA."""
    t = texts(lang)
    s, review = settings(repo, rules)
    result = dmap.dpia_screening(s)
    rows = tuple(_row(t, repo, result[pid], s, review, dmap.as_of) for pid in sorted(result))
    return Screening(
        lang=t.lang,
        title=t("dpia.screening.title"),
        organization=repo.config.organization.name,
        as_of=dmap.as_of.isoformat(),
        intro=t("dpia.screening.intro", n=s.min_criteria, large=s.large_scale_subjects,
                vulnerable=", ".join(s.vulnerable_subjects)),
        headers=(
            t("dpia.h.purpose"),
            t("dpia.h.criteria"),
            t("dpia.h.verdict"),
            t("dpia.h.dpia"),
        ),
        rows=rows,
        notes=(t("dpia.note.inferred"), t("dpia.note.imy")),
    )


# --- draft ------------------------------------------------------------------------------------------


def _touching(repo: Repo, dmap: DataMap, purpose: str, findings: tuple[Finding, ...]) -> list[Finding]:
    """Open findings about the purpose, or about a system, processor or recipient holding its data."""
    nodes = set(screen.purpose_paths(repo, dmap, purpose))
    subjects = {f"purpose:{purpose}"} | {f"{repo.node_kind(n)}:{n}" for n in nodes}
    return [f for f in findings if f.subject in subjects]


def _yes_no_unset(t: Texts, value: bool | None) -> str:
    return t.yes_no(value)


def draft(repo: Repo, dmap: DataMap, rules: list[Rule], result: CheckResult, purpose_id: str, lang: str) -> Draft:
    """A DPIA draft for one purpose, structured by Art. 35(7)(a)-(d), prefilled from the declarations."""
    t = texts(lang)
    s, review = settings(repo, rules)
    sc = dmap.dpia_screening(s)[purpose_id]
    row = _row(t, repo, sc, s, review, dmap.as_of)
    p = repo.purposes[purpose_id]
    ref = reference()
    systems = screen.systems_of(repo, purpose_id)
    holders = sorted(n for n in screen.purpose_paths(repo, dmap, purpose_id) if n not in repo.systems)
    processors = [n for n in holders if n in repo.processors]
    recipients = sorted(
        {
            f.to
            for sid in systems
            for f in repo.systems[sid].flows
            if f.to in repo.recipients and f.transform != "anonymized" and f.categories
        }
        | {n for n in holders if n in repo.recipients}
    )
    processed = sorted(set(p.categories) | dmap.categories_by_purpose.get(purpose_id, frozenset()))
    findings = _touching(repo, dmap, purpose_id, result.findings)
    titles = {r.id: r.spec.title_in(t.lang) for r in rules}
    not_declared = t("report.not_declared")

    def name_of(node: str) -> str:
        return entity_name(repo, node, t.lang)

    def countries(node: str) -> str:
        return ", ".join(
            ref.country_name(c, t.lang) for c in dmap.countries.get(node, ())
        ) or not_declared

    def cat_name(c: str) -> str:
        cat = repo.categories.get(c)
        return named(cat.name, t.lang) if cat else c

    # (a) systematic description
    cats = []
    for c in processed:
        cat = repo.categories.get(c)
        mark = ""
        if cat is not None and cat.special:
            mark = t("dpia.a.criminal") if cat.special == "criminal" else t("dpia.a.special")
        cats.append(f"{cat_name(c)}{mark}")
    subjects = ", ".join(subject_kind(s, t.lang) for s in p.subjects) or not_declared
    estimate = str(p.subjects_estimate) if p.subjects_estimate is not None else not_declared
    flows = []
    for sid in sorted(repo.systems):
        for f in repo.systems[sid].flows:
            if (sid in systems and f.purpose in (None, purpose_id)) or f.purpose == purpose_id:
                if not f.categories:
                    continue
                flows.append(
                    (
                        f"{sid} -> {f.to}",
                        ", ".join(cat_name(c) for c in f.categories),
                        t.get(f"dpia.transform.{f.transform}", f.transform),
                        _yes_no_unset(t, f.encrypted),
                    )
                )
    retention = t.duration(p.retention)
    if p.retention_from:
        retention = f"{retention} {retention_start(p.retention_from, t.lang)}"
    if p.retention_basis:
        retention += f"; {p.retention_basis}"
    section_a = Section(
        "a",
        t("dpia.a.title"),
        (
            Block("p", t("dpia.a.intro")),
            Block(
                "table",
                headers=(t("dpia.h.field"), t("dpia.h.declared")),
                rows=(
                    (t("dpia.a.purpose"), str(p.name) + (f": {p.description}" if p.description else "")),
                    (t("dpia.a.subjects"), subjects),
                    (t("dpia.a.estimate"), estimate),
                    (t("dpia.a.categories"), "; ".join(cats) or not_declared),
                    (t("dpia.a.retention"), retention),
                ),
            ),
            Block(
                "table",
                headers=(t("dpia.h.system"), t("dpia.h.kind"), t("dpia.h.countries"), t("dpia.h.processor")),
                rows=tuple(
                    (
                        name_of(sid),
                        t.get(f"support.system_kind.{repo.systems[sid].kind}", repo.systems[sid].kind),
                        countries(sid),
                        name_of(proc) if (proc := repo.systems[sid].processor) else t("dpia.a.in_house"),
                    )
                    for sid in systems
                ),
            )
            if systems
            else Block("p", t("dpia.a.no_systems")),
            Block(
                "table",
                headers=(t("dpia.h.flow"), t("dpia.h.categories"), t("dpia.h.transform"), t("dpia.h.encrypted")),
                rows=tuple(flows),
            )
            if flows
            else Block("p", t("dpia.a.no_flows")),
            Block(
                "list",
                text=t("dpia.a.processors"),
                items=tuple(f"{name_of(n)}: {countries(n)}" for n in processors + recipients) or (t("report.none"),),
            ),
        ),
    )

    # (b) necessity and proportionality
    necessity = [f for f in findings if f.rule in NECESSITY_RULES]
    basis = t.lawful_basis(p.lawful_basis)
    b_items = [t("dpia.b.basis", basis=basis)]
    if p.assessment:
        b_items.append(t("dpia.b.assessment", doc=p.assessment))
    if p.special_condition:
        condition = t.special_condition(p.special_condition, p.special_condition_basis)
        b_items.append(t("dpia.b.special_condition", condition=condition))
    b_items.append(t("dpia.b.retention", retention=retention))
    section_b = Section(
        "b",
        t("dpia.b.title"),
        (
            Block("list", items=tuple(b_items)),
            Block(
                "list",
                text=t("dpia.b.findings"),
                items=tuple(f"{titles.get(f.rule, f.rule)}: {f.message} ({f.file}:{f.line})" for f in necessity)
                or (t("dpia.b.no_findings"),),
            ),
            Block("p", t("dpia.b.assessor")),
        ),
    )

    # (c) risks
    risk_rows = [
        (f"{c.number}. {c.label}", c.where, t("dpia.to_assess"), t("dpia.to_assess")) for c in row.criteria
    ]
    assess = t("dpia.to_assess")
    risk_rows += [
        (f"{titles.get(f.rule, f.rule)} [{t.severity(f.severity)}]", f.message, assess, assess)
        for f in findings
        if f.rule not in NECESSITY_RULES and not f.rule.startswith("dpia-")
    ]
    section_c = Section(
        "c",
        t("dpia.c.title"),
        (
            Block("p", t("dpia.c.intro")),
            Block(
                "table",
                headers=(t("dpia.h.risk"), t("dpia.h.seen"), t("dpia.h.likelihood"), t("dpia.h.severity")),
                rows=tuple(risk_rows),
            )
            if risk_rows
            else Block("p", t("dpia.c.none")),
        ),
    )

    # (d) measures
    sec_rows = []
    erasure_rows = []
    for sid in systems:
        sys_ = repo.systems[sid]
        sec = sys_.security
        sec_rows.append(
            (
                name_of(sid),
                t.get(f"dpia.access.{sec.access_control}", sec.access_control)
                if sec and sec.access_control
                else not_declared,
                _yes_no_unset(t, sec.mfa if sec else None),
                (
                    t("dpia.d.locked", value=_yes_no_unset(t, sec.locked_storage if sec else None))
                    if sys_.kind == "paper"
                    else _yes_no_unset(t, sec.encryption_at_rest if sec else None)
                ),
                _yes_no_unset(t, sec.audit_log if sec else None),
            )
        )
        e = sys_.erasure
        erasure_rows.append(
            t("dpia.d.erasure", system=name_of(sid), method=t(f"dpia.method.{e.method}"),
              days=e.within_days if e.within_days is not None else not_declared,
              automated=t.yes_no(e.automated))
            if e
            else t("dpia.d.no_erasure", system=name_of(sid))
        )
    contract_items = []
    for n in processors:
        pr = repo.processors[n]
        if pr.dpa is not None:
            signed = pr.dpa.signed.isoformat() if pr.dpa.signed else not_declared
            contract_items.append(t("dpia.d.dpa", processor=name_of(n), signed=signed,
                                    doc=pr.dpa.document or not_declared))
        elif n in dmap.engaged_processors:
            contract_items.append(t("dpia.d.no_dpa", processor=name_of(n)))
    from policycheck.graph.facts import transfer_parties

    for n in sorted(set(systems) | set(processors) | set(recipients)):
        for tr in dmap.transfers.get(n, ()):
            parties = transfer_parties(repo, dmap.engaged_processors, dmap.engaging, tr)
            module = f", {t('transfer.module', n=parties.scc_module)}" if parties.scc_module else ""
            country = ref.country_name(tr.country, t.lang)
            contract_items.append(
                t("dpia.d.transfer", holder=name_of(n), country=country,
                  mechanism=t.mechanism(tr.mechanism), module=module, tia=parties.tia or not_declared)
            )
    section_d = Section(
        "d",
        t("dpia.d.title"),
        (
            Block("p", t("dpia.d.intro")),
            Block(
                "table",
                headers=(t("dpia.h.system"), t("dpia.h.access"), "MFA", t("dpia.h.encryption"), t("dpia.h.audit")),
                rows=tuple(sec_rows),
            )
            if sec_rows
            else Block("p", t("dpia.a.no_systems")),
            Block("list", text=t("dpia.d.contracts"), items=tuple(contract_items) or (t("report.none"),)),
            Block("list", text=t("dpia.d.erasure_title"), items=tuple(erasure_rows) or (t("report.none"),)),
            Block("p", t("dpia.d.assessor")),
        ),
    )

    # open questions
    questions = [t("dpia.q.likelihood"), t("dpia.q.residual")]
    if p.subjects_estimate is None:
        questions.append(t("dpia.q.estimate"))
    for code in UNSEEN:
        if code not in p.dpia_criteria:
            questions.append(t("dpia.q.criterion", n=screen.NUMBER[code], criterion=t(f"dpia.criterion.{code}")))
    for sid in systems:
        if repo.systems[sid].security is None:
            questions.append(t("dpia.q.security", system=name_of(sid)))
    questions.append(t("dpia.q.views"))
    dpo = repo.config.organization.dpo
    questions.append(t("dpia.q.dpo", dpo=dpo.name) if dpo else t("dpia.q.no_dpo"))
    questions.append(t("dpia.note.imy"))
    section_q = Section("questions", t("dpia.q.title"), (Block("list", items=tuple(questions)),))

    screening_section = Section(
        "screening",
        t("dpia.s.title"),
        (
            Block("p", t("dpia.s.verdict", verdict=row.verdict_label, n=len(row.criteria))
                  + (f" ({row.art35_3})" if row.art35_3 else "")),
            Block(
                "table",
                headers=(t("dpia.h.criterion"), t("dpia.h.source"), t("dpia.h.seen")),
                rows=tuple((f"{c.number}. {c.label}", c.source_label, c.where) for c in row.criteria),
            )
            if row.criteria
            else Block("p", t("dpia.s.none")),
            Block("p", t("dpia.s.existing", doc=row.dpia, date=row.dpia_reviewed or not_declared,
                         age=row.dpia_age or not_declared))
            if row.dpia
            else Block("p", t("dpia.s.no_dpia")),
        ),
    )
    return Draft(
        lang=t.lang,
        title=t("dpia.draft.title", name=p.name),
        organization=repo.config.organization.name,
        as_of=dmap.as_of.isoformat(),
        status=t("dpia.draft.status", date=dmap.as_of.isoformat()),
        screening=row,
        sections=(screening_section, section_a, section_b, section_c, section_d, section_q),
    )


# --- rendering ----------------------------------------------------------------------------------------

def plain(text: object) -> str:
    """One value on a terminal or in a CI log: control characters shown as escapes (:mod:`policycheck.escape`)."""
    from policycheck.escape import terminal

    return terminal(text)


def render(doc: Screening | Draft, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(asdict(doc), indent=2, ensure_ascii=False) + "\n"
    if fmt == "html":
        from policycheck.reports.templating import environment

        template = "dpia-screening.html.j2" if isinstance(doc, Screening) else "dpia-draft.html.j2"
        return environment().get_template(template).render(doc=doc, t=texts(doc.lang))
    if fmt == "markdown":
        return _markdown(doc)
    return _text(doc)


def _screening_cells(t: Texts, r: ScreeningRow) -> tuple[str, str, str, str]:
    criteria = "; ".join(f"{c.number} {c.label} ({c.where})" for c in r.criteria) or t("dpia.none")
    verdict = r.verdict_label + (f" ({r.art35_3})" if r.art35_3 else "")
    if r.dpia:
        existing = t("dpia.existing", doc=r.dpia, date=r.dpia_reviewed or t("report.not_declared"),
                     age=r.dpia_age or t("report.not_declared"))
        if r.review_due:
            existing += f" [{t('dpia.review_due')}]"
    else:
        existing = t("dpia.no_dpia")
    return str(r.name), criteria, verdict, existing


def _text(doc: Screening | Draft) -> str:
    t = texts(doc.lang)
    out = [plain(doc.title), "=" * len(doc.title), f"{plain(doc.organization)} · {doc.as_of}", ""]
    if isinstance(doc, Screening):
        out += [plain(doc.intro), ""]
        for r in doc.rows:
            name, _, verdict, existing = _screening_cells(t, r)
            out.append(f"{plain(name)}: {verdict}")
            for c in r.criteria:
                out.append(f"  {c.number}. {plain(c.label)} [{c.source_label}]: {plain(c.where)}")
            out.append(f"  {doc.headers[3]}: {plain(existing)}")
            out.append("")
        out += [plain(n) for n in doc.notes]
        return "\n".join(out) + "\n"
    out += [plain(doc.status), ""]
    for s in doc.sections:
        out += [plain(s.title), "-" * len(s.title)]
        for b in s.blocks:
            if b.kind == "p":
                out.append(plain(b.text))
            elif b.kind == "list":
                if b.text:
                    out.append(plain(b.text))
                out += [f"- {plain(i)}" for i in b.items]
            else:
                for row in b.rows:
                    rest = "; ".join(f"{h}: {plain(v)}" for h, v in zip(b.headers[1:], row[1:], strict=False))
                    out.append(f"- {plain(row[0])}: {rest}" if len(row) > 2 else f"- {plain(row[0])}: {plain(row[1])}")
            out.append("")
    return "\n".join(out)


def _markdown(doc: Screening | Draft) -> str:
    from policycheck.reports.templating import md

    t = texts(doc.lang)
    out = [f"# {md(doc.title)}", "", f"{md(doc.organization)} · {doc.as_of}", ""]
    if isinstance(doc, Screening):
        out += [md(doc.intro), "", "| " + " | ".join(md(h) for h in doc.headers) + " |",
                "|" + "---|" * len(doc.headers)]
        for r in doc.rows:
            out.append("| " + " | ".join(md(c) for c in _screening_cells(t, r)) + " |")
        out.append("")
        out += [f"- {md(n)}" for n in doc.notes]
        return "\n".join(out) + "\n"
    out += [f"> {md(doc.status)}", ""]
    for s in doc.sections:
        out += [f"## {md(s.title)}", ""]
        for b in s.blocks:
            if b.kind == "p":
                out.append(md(b.text))
            elif b.kind == "list":
                if b.text:
                    out += [md(b.text), ""]
                out += [f"- {md(i)}" for i in b.items]
            else:
                out.append("| " + " | ".join(md(h) for h in b.headers) + " |")
                out.append("|" + "---|" * len(b.headers))
                out += ["| " + " | ".join(md(v) for v in row) + " |" for row in b.rows]
            out.append("")
    return "\n".join(out)
