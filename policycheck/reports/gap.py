"""The gap report: where the organization stands, what to fix first, and why.

:func:`build` turns the repo, its data map, the check result and the rules into
a :class:`GapReport` (plain frozen data, every text already in the report's
language); :func:`to_html` and :func:`to_markdown` render it through the
Jinja2 templates in ``templates/``. The score's formula is stated in the report
itself: 100 minus the weighted open findings, floored at 0.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from policycheck.model import ALL_CLAUSES
from policycheck.model.types import SEVERITIES, severity_rank
from policycheck.reference import reference
from policycheck.reports import datamap, ropa
from policycheck.reports.i18n import Texts, texts

if TYPE_CHECKING:
    import datetime as dt

    from policycheck.findings import CheckResult, Finding
    from policycheck.graph import DataMap
    from policycheck.model import Repo
    from policycheck.rules.pack import Rule

#: the points an open finding of each severity takes off the score
WEIGHTS: dict[str, int] = {"critical": 15, "high": 8, "medium": 3, "low": 1, "info": 0}
#: lowest score of each band, best first
BANDS: tuple[tuple[int, str], ...] = ((85, "good"), (60, "attention"), (0, "serious"))
#: the areas every report shows, in order; others appear only when they have findings
MAIN_AREAS: tuple[str, ...] = ("inventory", "erasure-security", "processors", "transfers", "readiness")
EXTRA_AREAS: tuple[str, ...] = ("evidence", "waivers", "custom")
#: how many findings "What to fix first" lists
PRIORITIES = 5

DESCENDING: tuple[str, ...] = tuple(reversed(SEVERITIES))


def score(findings: tuple[Finding, ...] | list[Finding]) -> int:
    """100 minus the weighted open findings (WEIGHTS), floored at 0."""
    return max(0, 100 - sum(WEIGHTS.get(f.severity, 0) for f in findings))


def band(value: int) -> str:
    return next(name for low, name in BANDS if value >= low)


_SENTENCE_END = re.compile(
    r"(?<!\bArt)(?<!\bart)(?<!\be\.g)(?<!\bi\.e)(?<!\bcf)(?<!\bt\.ex)(?<!\bbl\.a)(?<!\bjfr)"
    r"\.\s+(?=[A-ZÅÄÖ\"'(`”])"
)


def first_sentence(text: str) -> str:
    """The first sentence of a rule's docs (``Art. 28``, ``e.g.``, ``t.ex.`` do not end one)."""
    text = " ".join(text.split())
    m = _SENTENCE_END.search(text)
    return text[: m.start() + 1] if m else text


# --- the report's data ------------------------------------------------------------------


@dataclass(frozen=True)
class FindingView:
    rule: str
    severity: str
    severity_label: str
    subject: str
    subject_label: str
    location: str  # file:line
    message: str
    evidence: tuple[tuple[str, str], ...]
    anchor: str


@dataclass(frozen=True)
class RuleGroup:
    rule: str
    title: str
    severity: str
    severity_label: str
    articles: str
    what: str
    why: str
    fix: str
    findings: tuple[FindingView, ...]
    anchor: str


@dataclass(frozen=True)
class AreaSection:
    area: str
    title: str
    count: int
    groups: tuple[RuleGroup, ...]
    anchor: str


@dataclass(frozen=True)
class Priority:
    finding: FindingView
    title: str
    why: str
    fix: str
    articles: str


@dataclass(frozen=True)
class AreaRow:
    area: str
    title: str
    counts: tuple[int, ...]  # by severity, most severe first
    total: int
    anchor: str


@dataclass(frozen=True)
class Summary:
    score: int
    band: str
    band_label: str
    formula: str
    headline: str
    severities: tuple[tuple[str, str, int], ...]  # (severity, label, open findings)
    areas: tuple[AreaRow, ...]
    total: int
    totals: tuple[int, ...]
    facts: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class PolicyRow:
    type: str
    title: str  # the type's title in the report's language
    present: bool
    document_title: str | None
    file: str | None
    owner: str | None
    approved: str | None
    review_by: str | None
    review_overdue: bool
    missing_topics: tuple[str, ...]
    worst: str | None  # worst severity of open findings about it


@dataclass(frozen=True)
class Gap:
    severity: str
    severity_label: str
    title: str
    anchor: str


@dataclass(frozen=True)
class CountryCell:
    code: str
    name: str
    third: bool


@dataclass(frozen=True)
class TransferCell:
    country: str
    text: str
    safe: bool


@dataclass(frozen=True)
class ProcessorRow:
    id: str
    name: str
    role: str
    country: CountryCell
    locations: tuple[CountryCell, ...]
    dpa: tuple[str, ...]
    dpa_state: str  # ok | warn | missing | na
    mechanism: str
    tia: str
    tia_state: str  # ok | missing | na
    transfers: tuple[TransferCell, ...]
    subprocessors: tuple[str, ...]
    gaps: tuple[Gap, ...]


@dataclass(frozen=True)
class RecipientRow:
    id: str
    name: str
    kind: str
    country: CountryCell
    legal_basis: str
    mechanism: str
    transfers: tuple[TransferCell, ...]
    gaps: tuple[Gap, ...]


@dataclass(frozen=True)
class TransferRow:
    holder: str
    holder_name: str
    country: CountryCell
    basis: str
    mechanism: str
    categories: str
    path: str
    safe: bool
    waived_until: str | None


@dataclass(frozen=True)
class WaivedRow:
    waiver: int
    title: str
    severity: str
    severity_label: str
    subject_label: str
    message: str
    reason: str
    approved_by: str
    expires: str


@dataclass(frozen=True)
class RopaBlock:
    id: str
    name: str
    rows: tuple[tuple[str, tuple[str, ...]], ...]  # (Art. 30(1) item, lines)


@dataclass(frozen=True)
class GapReport:
    lang: str
    as_of: str
    version: str
    organization: str
    org_lines: tuple[tuple[str, str], ...]  # (label, value) for the header
    rules_run: int
    summary: Summary
    priorities: tuple[Priority, ...]
    more: int
    policies: tuple[PolicyRow, ...]
    areas: tuple[AreaSection, ...]
    waived: tuple[WaivedRow, ...]
    processors: tuple[ProcessorRow, ...]
    recipients: tuple[RecipientRow, ...]
    transfers: tuple[TransferRow, ...]
    datamap_svg: str
    mermaid: str
    categories: tuple[tuple[str, str, bool], ...]  # (code, name, special)
    controller: tuple[str, ...]
    ropa: tuple[RopaBlock, ...]
    unverified: bool


# --- building it -------------------------------------------------------------------------


def subject_label(repo: Repo, subject: str, t: Texts) -> str:
    """A subject such as ``processor:telavox`` as a person reads it: ``Telavox AB (processor)``."""
    kind, _, ident = subject.partition(":")
    name: str | None = None
    if kind in ("system", "processor", "recipient"):
        holder = repo.holder(ident)
        name = holder.name if holder else ident
    elif kind == "purpose":
        p = repo.purposes.get(ident)
        name = p.name if p else ident
    elif kind == "category":
        c = repo.categories.get(ident)
        name = c.name if c else ident
    elif kind == "team":
        team = repo.teams.get(ident)
        name = team.name if team else ident
    elif kind == "policy":
        doc = repo.policies.get(ident)
        ptype = reference().policy_types.get(ident)
        name = doc.title if doc else (ptype.title.get(t.lang, ident) if ptype else ident)
    elif kind == "waiver":
        return t("subject.waiver", n=ident)
    else:
        return t.get(f"subject.{subject}", subject)
    return f"{name} ({t.get(f'subject.{kind}', kind)})"


def _evidence(f: Finding, repo: Repo, t: Texts) -> tuple[tuple[str, str], ...]:
    out = []
    for key, value in f.evidence:
        if not value:
            continue
        if key == "path":
            value = " → ".join(_node_name(repo, n.strip()) for n in value.split("->"))
        out.append((t.get(f"evidence.{key}", key.replace("_", " ").capitalize()), value))
    return tuple(out)


def _node_name(repo: Repo, ident: str) -> str:
    holder = repo.holder(ident)
    return holder.name if holder else ident


def _view(f: Finding, repo: Repo, t: Texts) -> FindingView:
    return FindingView(
        rule=f.rule,
        severity=f.severity,
        severity_label=t.severity(f.severity),
        subject=f.subject,
        subject_label=subject_label(repo, f.subject, t),
        location=f"{f.file}:{f.line}",
        message=f.message_in(t.lang),
        evidence=_evidence(f, repo, t),
        anchor=f"finding-{f.fingerprint}",
    )


def _area(f: Finding) -> str:
    return f.area if f.area in MAIN_AREAS + EXTRA_AREAS else "custom"


def _rank_key(f: Finding) -> tuple[int, int, str, str]:
    areas = MAIN_AREAS + EXTRA_AREAS
    return (-severity_rank(f.severity), areas.index(_area(f)), f.rule, f.subject)


def _summary(result: CheckResult, repo: Repo, dmap: DataMap, t: Texts) -> Summary:
    findings = result.findings
    value = score(findings)
    by_sev = Counter(f.severity for f in findings)
    urgent = by_sev["critical"] + by_sev["high"]
    if not findings:
        headline = t("summary.headline.clean")
    elif urgent and len(findings) == 1:
        headline = t("summary.headline.urgent.only")
    elif urgent:
        headline = t.plural("summary.headline.urgent", urgent, urgent=urgent, total=len(findings))
    else:
        headline = t.plural("summary.headline.minor", len(findings), total=len(findings))
    weights = ", ".join(f"{t.severity(s)} {WEIGHTS[s]}" for s in DESCENDING)
    rows = []
    shown = list(MAIN_AREAS) + [a for a in EXTRA_AREAS if any(_area(f) == a for f in findings)]
    for area in shown:
        counts = tuple(sum(1 for f in findings if _area(f) == area and f.severity == s) for s in DESCENDING)
        rows.append(AreaRow(area, t.area(area), counts, sum(counts), f"area-{area}"))
    countries = {tr.country for items in dmap.transfers.values() for tr in items}
    counted = (
        (len(repo.systems), "systems"),
        (sum(1 for s in repo.systems.values() if s.channel), "channels"),
        (len(repo.processors), "processors"),
        (len(repo.recipients), "recipients"),
        (len(repo.purposes), "purposes"),
        (len(countries), "third_countries"),
        (len(result.waived), "waived"),
    )
    facts = tuple((n, t.plural(f"summary.facts.{key}", n)) for n, key in counted)
    b = band(value)
    return Summary(
        score=value,
        band=b,
        band_label=t(f"summary.band.{b}"),
        formula=t("summary.formula", weights=weights),
        headline=headline,
        severities=tuple((s, t.severity(s), by_sev[s]) for s in DESCENDING),
        areas=tuple(rows),
        total=len(findings),
        totals=tuple(by_sev[s] for s in DESCENDING),
        facts=facts,
    )


def _title(f: Finding, rules: dict[str, Rule], t: Texts) -> str:
    """The finding's rule title in the report's language (the finding's own title for an unknown rule)."""
    rule = rules.get(f.rule)
    return rule.spec.title_in(t.lang) if rule else (f.title or f.rule)


def _groups(findings: list[Finding], rules: dict[str, Rule], repo: Repo, t: Texts) -> tuple[RuleGroup, ...]:
    by_rule: dict[str, list[Finding]] = {}
    for f in findings:
        by_rule.setdefault(f.rule, []).append(f)
    groups = []
    for rule_id, items in by_rule.items():
        worst = max(items, key=lambda f: severity_rank(f.severity)).severity
        rule = rules.get(rule_id)
        docs = rule.spec.docs_in(t.lang) if rule else None
        groups.append(RuleGroup(
            rule=rule_id,
            title=_title(items[0], rules, t),
            severity=worst,
            severity_label=t.severity(worst),
            articles=t.articles(items[0].articles),
            what=" ".join(docs.what.split()) if docs else "",
            why=" ".join(docs.why.split()) if docs else "",
            fix=" ".join(docs.fix.split()) if docs else "",
            findings=tuple(_view(f, repo, t) for f in items),
            anchor=f"rule-{rule_id}",
        ))
    groups.sort(key=lambda g: (-severity_rank(g.severity), g.rule))
    return tuple(groups)


def _policies(repo: Repo, result: CheckResult, as_of: dt.date, t: Texts) -> tuple[PolicyRow, ...]:
    ref = reference()
    rows = []
    for ptype, spec in ref.policy_types.items():
        doc = repo.policies.get(ptype)
        related = [f for f in result.findings if f.subject == f"policy:{ptype}"]
        worst = max(related, key=lambda f: severity_rank(f.severity)).severity if related else None
        title = spec.title.get(t.lang, spec.title.get("en", ptype))
        if doc is None:
            rows.append(PolicyRow(ptype, title, False, None, None, None, None, None, False, (), worst))
            continue
        missing = [spec.topics.get(topic, {}).get(t.lang, topic) for topic in spec.must_cover
                   if topic not in doc.covers]
        if spec.requires_levels and not doc.levels:
            missing.append(t("policies.levels_missing"))
        owner = repo.teams[doc.owner].name if doc.owner and doc.owner in repo.teams else doc.owner
        rows.append(PolicyRow(
            ptype, title, True, doc.title, repo.locate("policy", ptype).file, owner,
            doc.approved.isoformat() if doc.approved else None,
            doc.review_by.isoformat() if doc.review_by else None,
            doc.review_by is None or doc.review_by < as_of,
            tuple(missing), worst,
        ))
    return tuple(rows)


def _country(code: str, t: Texts) -> CountryCell:
    ref = reference()
    return CountryCell(code, ref.country_name(code, t.lang), not ref.in_eea(code))


def _gaps(subject: str, result: CheckResult, rules: dict[str, Rule], t: Texts) -> tuple[Gap, ...]:
    items = sorted((f for f in result.findings if f.subject == subject), key=_rank_key)
    return tuple(Gap(f.severity, t.severity(f.severity), _title(f, rules, t), f"finding-{f.fingerprint}")
                 for f in items)


def _transfer_cells(node: str, dmap: DataMap, t: Texts) -> tuple[TransferCell, ...]:
    ref = reference()
    cells = []
    for tr in dmap.transfers.get(node, ()):
        decision = ref.adequacy.get(tr.country) if tr.decision else None
        item = ropa.TransferRef(node, node, tr.country, ref.country_name(tr.country, t.lang), tr.mechanism, tr.basis,
                                tr.decision, decision.verified if decision else None)
        cells.append(TransferCell(tr.country, ropa.transfer_basis_text(item, t), tr.safe))
    return tuple(cells)


def _processors(
    repo: Repo, dmap: DataMap, result: CheckResult, rules: dict[str, Rule], t: Texts
) -> tuple[ProcessorRow, ...]:
    direct = set()
    for s in repo.systems.values():
        if s.processor:
            direct.add(s.processor)
        direct.update(f.to for f in s.flows if f.to in repo.processors)
    parents: dict[str, list[str]] = {}
    for p in repo.processors.values():
        for sub in p.subprocessors:
            parents.setdefault(sub, []).append(p.name)
    rows = []
    for pid, p in sorted(repo.processors.items(), key=lambda kv: (kv[1].name.casefold(), kv[0])):
        roles = []
        if pid in direct:
            roles.append(t("processors.role.processor"))
        if pid in parents:
            roles.append(t("processors.role.subprocessor", of=", ".join(sorted(parents[pid]))))
        if not roles:
            roles.append(t("processors.role.unreferenced"))
        third = [c for c in p.countries if not reference().in_eea(c)]
        if p.dpa is not None:
            dpa = [t("processors.dpa.signed", date=p.dpa.signed.isoformat() if p.dpa.signed else "?")]
            if p.dpa.document:
                dpa.append(p.dpa.document)
            missing = [c for c in ALL_CLAUSES if c not in p.dpa.clauses]
            if missing:
                dpa.append(t("processors.dpa.clauses_missing", clauses=", ".join(missing)))
            if p.dpa.breach_notification_hours is None:
                dpa.append(t("processors.dpa.breach_hours_unset"))
            else:
                dpa.append(t("processors.dpa.breach_hours", hours=p.dpa.breach_notification_hours))
            warn = bool(missing) or p.dpa.breach_notification_hours is None \
                or p.dpa.breach_notification_hours >= 72
            state = "warn" if warn else "ok"
        elif pid in direct:
            dpa, state = [t("processors.dpa.none")], "missing"
        else:
            dpa, state = [t("processors.dpa.not_needed")], "na"
        mech = p.transfer.mechanism if p.transfer else None
        mechanism = "—" if mech is None and not third else t.mechanism(mech)
        if p.transfer and p.transfer.tia:
            tia, tia_state = p.transfer.tia, "ok"
        elif mech in ("scc", "bcr"):
            tia, tia_state = t("processors.tia.missing"), "missing"
        else:
            tia, tia_state = "—", "na"
        subs = tuple(repo.processors[s].name if s in repo.processors else s for s in p.subprocessors)
        rows.append(ProcessorRow(
            pid, p.name, "; ".join(roles), _country(p.country, t), tuple(_country(c, t) for c in p.countries),
            tuple(dpa), state, mechanism, tia, tia_state, _transfer_cells(pid, dmap, t), subs,
            _gaps(f"processor:{pid}", result, rules, t)))
    return tuple(rows)


def _recipients(
    repo: Repo, dmap: DataMap, result: CheckResult, rules: dict[str, Rule], t: Texts
) -> tuple[RecipientRow, ...]:
    rows = []
    for rid, r in sorted(repo.recipients.items(), key=lambda kv: (kv[1].name.casefold(), kv[0])):
        rows.append(RecipientRow(
            rid, r.name, t(f"recipients.kind.{r.kind}"), _country(r.country, t), t.lawful_basis(r.legal_basis),
            t.mechanism(r.transfer.mechanism if r.transfer else None), _transfer_cells(rid, dmap, t),
            _gaps(f"recipient:{rid}", result, rules, t)))
    return tuple(rows)


def _transfers(repo: Repo, dmap: DataMap, result: CheckResult, t: Texts) -> tuple[TransferRow, ...]:
    waived = {w.finding.subject: w.expires for w in result.waived
              if w.finding.rule == "third-country-transfer-without-safeguard"}
    rows = []
    for node, items in dmap.transfers.items():
        cells = {c.country: c for c in _transfer_cells(node, dmap, t)}
        subject = f"{repo.node_kind(node)}:{node}"
        for tr in items:
            rows.append(TransferRow(
                node, _node_name(repo, node), _country(tr.country, t), cells[tr.country].text,
                t.mechanism(tr.mechanism),
                ", ".join(repo.categories[c].name if c in repo.categories else c for c in tr.categories),
                " → ".join(_node_name(repo, n) for n in tr.path), tr.safe,
                waived.get(subject) if not tr.safe else None))
    rows.sort(key=lambda r: (r.safe, r.country.code, r.holder_name.casefold(), r.holder))
    return tuple(rows)


def _waived(repo: Repo, result: CheckResult, rules: dict[str, Rule], t: Texts) -> tuple[WaivedRow, ...]:
    return tuple(
        WaivedRow(w.waiver, _title(w.finding, rules, t), w.finding.severity,
                  t.severity(w.finding.severity), subject_label(repo, w.finding.subject, t),
                  w.finding.message_in(t.lang), w.reason, w.approved_by, w.expires)
        for w in result.waived)


def _node_findings(result: CheckResult) -> dict[str, tuple[int, str]]:
    out: dict[str, tuple[int, str]] = {}
    for f in result.findings:
        kind, _, ident = f.subject.partition(":")
        if kind not in ("system", "processor", "recipient"):
            continue
        count, worst = out.get(ident, (0, "info"))
        if severity_rank(f.severity) > severity_rank(worst):
            worst = f.severity
        out[ident] = (count + 1, worst)
    return out


def _ropa(repo: Repo, dmap: DataMap, t: Texts) -> tuple[tuple[str, ...], tuple[RopaBlock, ...], bool]:
    """The controller's lines, one block per purpose, and whether a retention law cited is
    unverified reference data."""
    entries = ropa.build(repo, dmap)
    policy = ropa.security_policy(repo)
    head = ropa.headers(t)
    blocks = []
    for e in entries:
        cells = ropa.cells(e, t, policy)
        rows = tuple((head[c], tuple(cells[c])) for c in ("b", "lawful_basis", "c", "d", "e", "f", "g"))
        blocks.append(RopaBlock(e.id, e.name, rows))
    unverified = any(e.retention_basis_verified is False for e in entries)
    return tuple(ropa.controller_lines(ropa.controller(repo), t)), tuple(blocks), unverified


def _localized(model: datamap.MapModel, t: Texts) -> datamap.MapModel:
    """The data map with its country nodes named in the report's language."""
    ref = reference()
    nodes = tuple(replace(n, detail=ref.country_name(n.name, t.lang)) if n.kind == "country" else n
                  for n in model.nodes)
    return replace(model, nodes=nodes)


def build(repo: Repo, dmap: DataMap, result: CheckResult, rules: list[Rule], lang: str) -> GapReport:
    from policycheck import __version__

    t = texts(lang)
    ref = reference()
    org = repo.config.organization
    by_id = {r.id: r for r in rules}
    ordered = sorted(result.findings, key=_rank_key)
    priorities = []
    for f in ordered[:PRIORITIES]:
        rule = by_id.get(f.rule)
        docs = rule.spec.docs_in(t.lang) if rule else None
        priorities.append(Priority(
            _view(f, repo, t), _title(f, by_id, t),
            first_sentence(docs.why) if docs else "",
            first_sentence(docs.fix) if docs else "",
            t.articles(f.articles)))
    areas = []
    shown = list(MAIN_AREAS) + [a for a in EXTRA_AREAS if any(_area(f) == a for f in result.findings)]
    for area in shown:
        items = [f for f in result.findings if _area(f) == area]
        areas.append(AreaSection(area, t.area(area), len(items), _groups(items, by_id, repo, t), f"area-{area}"))

    org_lines = [(t("report.controller"), f"{org.name}, {ref.country_name(org.country, t.lang)}")]
    if org.dpo:
        org_lines.append((t("report.dpo"), org.dpo.name + (f" <{org.dpo.email}>" if org.dpo.email else "")))
    if org.privacy_contact:
        org_lines.append((t("report.privacy_contact"), org.privacy_contact))
    authority = ref.authorities.get(org.country)
    unverified = False
    if authority:
        name = authority["name"] + (f" ({authority['short_name']})" if authority.get("short_name") else "")
        if not authority.get("verified"):
            name += f" [{t('report.unverified')}]"
            unverified = True
        org_lines.append((t("report.authority"), name))

    model = _localized(datamap.build(repo, dmap), t)
    transfers = _transfers(repo, dmap, result, t)
    processors = _processors(repo, dmap, result, by_id, t)
    recipients = _recipients(repo, dmap, result, by_id, t)
    controller, blocks, unverified_law = _ropa(repo, dmap, t)
    unverified = unverified or any(
        f"[{t('report.unverified')}]" in r.basis for r in transfers) or unverified_law
    return GapReport(
        lang=t.lang,
        as_of=dmap.as_of.isoformat(),
        version=__version__,
        organization=org.name,
        org_lines=tuple(org_lines),
        rules_run=result.rules_run,
        summary=_summary(result, repo, dmap, t),
        priorities=tuple(priorities),
        more=max(0, len(ordered) - PRIORITIES),
        policies=_policies(repo, result, dmap.as_of, t),
        areas=tuple(areas),
        waived=_waived(repo, result, by_id, t),
        processors=processors,
        recipients=recipients,
        transfers=transfers,
        datamap_svg=datamap.svg(model, t, _node_findings(result)),
        mermaid=datamap.to_mermaid(model, t),
        categories=tuple(sorted(model.categories.values())),
        controller=controller,
        ropa=blocks,
        unverified=unverified,
    )


def to_html(report: GapReport) -> str:
    from markupsafe import Markup

    from policycheck.reports.templating import environment

    return environment().get_template("report.html.j2").render(
        r=report, t=texts(report.lang), svg=Markup(report.datamap_svg))


def to_markdown(report: GapReport) -> str:
    from policycheck.reports.templating import environment

    return environment().get_template("report.md.j2").render(r=report, t=texts(report.lang))
