"""The gap report: where the organization stands, what to fix first, and why.

:func:`build` turns the repo, its data map, the check result and the rules into
a :class:`GapReport` (plain frozen data, every text already in the report's
language); :func:`to_html` and :func:`to_markdown` render it through the
Jinja2 templates in ``templates/``. The score's formula (:func:`area_scores`) is
stated in the report itself and in docs/report.md.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from policycheck.i18n import word
from policycheck.model import ALL_CLAUSES, document_references
from policycheck.model.types import SEVERITIES, severity_rank
from policycheck.reference import reference
from policycheck.reports import datamap, registers, ropa
from policycheck.reports.i18n import Texts, texts

if TYPE_CHECKING:
    import datetime as dt

    from markupsafe import Markup

    from policycheck.findings import CheckResult, Finding
    from policycheck.graph import DataMap
    from policycheck.model import Repo
    from policycheck.reports.beside import Beside
    from policycheck.rules.pack import Rule

#: how much of one checked thing an open finding of each severity marks as failing (a thing counts at most 1)
WEIGHTS: dict[str, float] = {"critical": 1.0, "high": 0.6, "medium": 0.3, "low": 0.1, "info": 0.0}
#: lowest score of each band, best first
BANDS: tuple[tuple[int, str], ...] = ((85, "good"), (60, "attention"), (0, "serious"))
#: the kinds of subject each area checks: its score's denominator (see area_scores)
AREA_SUBJECTS: dict[str, tuple[str, ...]] = {
    "inventory": ("system", "purpose", "category", "privacy-notice"),
    "erasure-security": ("system",),
    "processors": ("processor",),
    "transfers": ("transfer",),  # the systems and vendors holding personal data outside the EU/EEA
    "readiness": ("policy", "team", "organization"),
    "evidence": ("document",),  # the items that reference a document (a DPA, a TIA, an assessment...)
    "impact-assessments": ("purpose",),
    "registers": ("breach",),  # the entries of the breach register
    "waivers": ("waiver",),
    "custom": ("system", "processor", "recipient", "purpose", "category", "team", "organization"),
}
#: the areas every report shows, in order; others appear only when they have findings
MAIN_AREAS: tuple[str, ...] = (
    "inventory",
    "erasure-security",
    "processors",
    "transfers",
    "readiness",
    "impact-assessments",
    "registers",
)
EXTRA_AREAS: tuple[str, ...] = ("evidence", "waivers", "custom")
#: how many findings "What to fix first" lists
PRIORITIES = 5

DESCENDING: tuple[str, ...] = tuple(reversed(SEVERITIES))


@dataclass(frozen=True)
class Scored:
    """An open finding as the score sees it (also a baseline entry, with its rule's severity and area)."""

    area: str
    subject: str
    severity: str


def subjects(repo: Repo, dmap: DataMap | None = None) -> dict[str, frozenset[str]]:
    """Per area, the subjects (``system:x``, ``policy:t``...) it checks, from the declarations."""
    by_kind: dict[str, set[str]] = {
        "system": {f"system:{i}" for i in repo.systems},
        "processor": {f"processor:{i}" for i in repo.processors},
        "recipient": {f"recipient:{i}" for i in repo.recipients},
        "purpose": {f"purpose:{i}" for i in repo.purposes},
        "category": {f"category:{i}" for i in repo.categories},
        "team": {f"team:{i}" for i in repo.teams},
        "policy": {f"policy:{i}" for i in reference().policy_types},
        "organization": {"organization"},
        "privacy-notice": {"privacy-notice"},
        "waiver": {f"waiver:{i}" for i in range(1, len(repo.config.waivers) + 1)},
        "transfer": {f"{repo.node_kind(n)}:{n}" for n in (dmap.transfers if dmap else {})},
        "document": {f"{r.kind}:{r.id}" for r in document_references(repo)},
        "breach": {f"breach:{i}" for i in repo.breaches},
    }
    return {area: frozenset().union(*(by_kind[k] for k in kinds)) for area, kinds in AREA_SUBJECTS.items()}


def shown_areas(scored: Iterable[Scored], ruled: Iterable[str] = ()) -> tuple[str, ...]:
    """The rows of the summary and of the score: the main areas, then the others that an enabled
    rule checks (``ruled``) or that have findings. An area does not come and go with its findings,
    so fixing one never changes which areas the mean is taken over."""
    present = {f.area for f in scored} | set(ruled)
    return MAIN_AREAS + tuple(a for a in EXTRA_AREAS if a in present)


def area_scores(scored: list[Scored], universe: dict[str, frozenset[str]],
                areas: Iterable[str] = MAIN_AREAS) -> dict[str, int | None]:
    """Per area: 100 × (1 − √(P ÷ N)), rounded; None for an area with nothing to check.

    N is the number of subjects the area checks (its declared systems, processors, policy
    types...; a subject with a finding counts even where it is not declared). P adds up,
    per subject, the weights (WEIGHTS) of its open findings in the area, at most 1 each: the
    share of the area that fails, weighted by severity. The square root spreads out the few
    per cent where real organizations are: 1 % failing scores 90, 10 % 68, 50 % 29.
    """
    out: dict[str, int | None] = {}
    for area in areas:
        load: dict[str, float] = {}
        for f in scored:
            if f.area == area:
                load[f.subject] = load.get(f.subject, 0.0) + WEIGHTS.get(f.severity, 0.0)
        checked = universe.get(area, frozenset()) | set(load)
        if not checked:
            out[area] = None
            continue
        share = sum(min(1.0, w) for w in load.values()) / len(checked)
        out[area] = round(100 * (1 - share**0.5))
    return out


def score(areas: dict[str, int | None]) -> int:
    """The mean of the scores of the areas with something to check (0 when none has)."""
    values = [v for v in areas.values() if v is not None]
    return round(sum(values) / len(values)) if values else 0


def band(value: int, severities: Iterable[str] = ()) -> str:
    """good (85 and up), attention (60 and up), serious; an open critical finding makes it serious,
    an open high one at best attention, whatever the score."""
    name = next(name for low, name in BANDS if value >= low)
    present = set(severities)
    if "critical" in present:
        return "serious"
    if "high" in present and name == "good":
        return "attention"
    return name


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
    score: int | None = None  # None: nothing to check in this area
    checked: int = 0  # how many subjects the area checks
    baseline: int | None = None  # the area's score with the baseline's findings, if one was given


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
    #: the score with the baseline's findings, and the change since, when a baseline was given
    baseline: int | None = None
    trend: str = ""


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
    #: the transfer register (Art. 30(1)(e)): exporter and importer with their roles; the SCC module and TIA
    roles: str = ""
    safeguard: str = ""


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
class MapRow:
    """One box of the data map in words: its full name, what it holds and where it sends data."""

    id: str
    column: str  # the column's title
    name: str
    detail: str
    countries: tuple[CountryCell, ...]
    categories: str  # the personal-data categories held, by name
    sends_to: str  # the nodes it sends personal data to, by name


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
    map_rows: tuple[MapRow, ...]
    mermaid: str
    categories: tuple[tuple[str, str, bool], ...]  # (code, name, special)
    controller: tuple[str, ...]
    ropa: tuple[RopaBlock, ...]
    unverified: bool
    #: the breach register (Art. 33(5)): "Personuppgiftsincidenter"
    breaches: registers.BreachSection | None = None
    #: the data map's picture while a worker draws it (``build(..., beside=True)``; then
    #: ``datamap_svg`` is empty): :meth:`picture` takes it
    drawing: Beside[str] | None = field(default=None, compare=False, repr=False)

    def picture(self) -> str:
        """The data map's picture (SVG): drawn beside (waiting for it if need be), else ``datamap_svg``."""
        return self.drawing.result() if self.drawing is not None else self.datamap_svg

    def close(self) -> None:
        """Stop the worker drawing the picture, if it is still running (the picture is not wanted)."""
        if self.drawing is not None:
            self.drawing.cancel()


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
    elif kind == "breach":
        name = ident
    else:
        return t.get(f"subject.{subject}", subject)
    return f"{name} ({t.get(f'subject.{kind}', kind)})"


def _evidence(f: Finding, repo: Repo, t: Texts,
              memo: dict[str, str] | None = None) -> tuple[tuple[str, str], ...]:
    """``memo``: the words of evidence values already named (for this repo and ``t``: they recur)."""
    out = []
    for key, value in f.evidence:
        if not value:
            continue
        if key == "where" and f.rule.startswith("dpia-"):
            continue  # the screening's evidence in words: the message says it in the report's language
        if key == "path":
            value = " → ".join(_node_name(repo, n.strip()) for n in value.split("->"))
        elif key == "criteria" and f.rule.startswith("dpia-"):
            value = ", ".join(t(f"dpia.criterion.{code}") for code in value.split(", "))
        elif key == "verdict" and f.rule.startswith("dpia-"):
            value = t(f"dpia.verdict.{value}")
        elif memo is None:
            value = _evidence_words(value, repo, t)
        else:
            named = memo.get(value)
            if named is None:
                named = memo[value] = _evidence_words(value, repo, t)
            value = named
        out.append((_evidence_label(t.lang, key), value))
    return tuple(out)


@lru_cache(maxsize=256)
def _evidence_label(lang: str, key: str) -> str:
    return texts(lang).get(f"evidence.{key}", key.replace("_", " ").capitalize())


@cache
def _topics() -> dict[str, dict[str, str]]:
    """Every policy type's topics by id (the reference data is read once)."""
    return {k: v for pt in reference().policy_types.values() for k, v in pt.topics.items()}


def _evidence_words(value: str, repo: Repo, t: Texts) -> str:
    """Evidence comes as ids (categories, topics, node kinds); the report names each in its language."""
    topics = _topics()
    words: list[str] = []
    for token in value.split(", "):
        if token in repo.categories:
            words.append(repo.categories[token].name)
        elif token in topics:
            words.append(topics[token].get(t.lang) or topics[token].get("en") or token)
        elif token in ALL_CLAUSES:
            words.append(word(f"clause.{token}", t.lang, default=token))
        elif token == "levels":
            words.append(t("policies.levels_missing"))
        elif token in ("system", "processor", "recipient"):
            words.append(t(f"subject.{token}"))
        else:
            words.append(token)
    return ", ".join(words)


def _node_name(repo: Repo, ident: str) -> str:
    holder = repo.holder(ident)
    return holder.name if holder else ident


def _view(f: Finding, repo: Repo, t: Texts, memo: dict[str, str] | None = None,
          labels: dict[str, str] | None = None) -> FindingView:
    """``memo``, ``labels``: evidence words and subject labels already made for this repo and ``t``."""
    label = labels.get(f.subject) if labels is not None else None
    if label is None:
        label = subject_label(repo, f.subject, t)
        if labels is not None:
            labels[f.subject] = label
    return FindingView(
        rule=f.rule,
        severity=f.severity,
        severity_label=t.severity(f.severity),
        subject=f.subject,
        subject_label=label,
        location=f"{f.file}:{f.line}",
        message=f.message_in(t.lang),
        evidence=_evidence(f, repo, t, memo),
        anchor=f"finding-{f.fingerprint}",
    )


#: an area's place in MAIN_AREAS + EXTRA_AREAS (the first, where one is named twice, as ``index`` finds it)
_AREA_ORDER: dict[str, int] = {}
for _i, _name in enumerate(MAIN_AREAS + EXTRA_AREAS):
    _AREA_ORDER.setdefault(_name, _i)


def _area(f: Finding) -> str:
    return f.area if f.area in MAIN_AREAS + EXTRA_AREAS else "custom"


def _rank_key(f: Finding) -> tuple[int, int, str, str]:
    return (-severity_rank(f.severity), _AREA_ORDER.get(f.area, _AREA_ORDER["custom"]), f.rule, f.subject)


def _decimal(value: float, t: Texts) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if t.lang == "sv" else text


def _scored(findings: Iterable[Finding]) -> list[Scored]:
    return [Scored(_area(f), f.subject, f.severity) for f in findings]


def baseline_scored(entries: Iterable[tuple[str, str]], rules: list[Rule], repo: Repo) -> list[Scored]:
    """The findings of a baseline, (rule, subject) each, as the score sees them: with the severity
    the rule has now (policycheck.yaml's overrides applied) and its area; entries of rules that are
    off or unknown now are left out."""
    from policycheck.rules.engine import configure

    configured = {c.rule.id: (c.severity, c.rule.spec.area) for c in configure(rules, repo)}
    out = []
    for rule, subject in entries:
        if rule in configured:
            severity, area = configured[rule]
            out.append(Scored(_known_area(area), subject, severity))
    return out


def _summary(result: CheckResult, repo: Repo, dmap: DataMap, t: Texts,
             baseline: list[Scored] | None = None, ruled: Iterable[str] = ()) -> Summary:
    """``ruled``: the areas of the enabled rules; ``baseline``: the findings of a baseline."""
    findings = result.findings
    universe = subjects(repo, dmap)
    now_scored = _scored(findings)
    areas = shown_areas(now_scored + (baseline or []), ruled)
    per_area = area_scores(now_scored, universe, areas)
    value = score(per_area)
    then_area = area_scores(baseline, universe, areas) if baseline is not None else None
    then = score(then_area) if then_area is not None else None
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
    weights = ", ".join(f"{t.severity(s)} {_decimal(WEIGHTS[s], t)}" for s in DESCENDING)
    rows = []
    # one pass over the findings (each area's row counted them all, once per severity)
    by_area_sev = Counter((f.area, f.severity) for f in now_scored)
    subjects_in: dict[str, set[str]] = {}
    for f in now_scored:
        subjects_in.setdefault(f.area, set()).add(f.subject)
    for area in areas:
        counts = tuple(by_area_sev[area, s] for s in DESCENDING)
        checked = len(universe.get(area, frozenset()) | subjects_in.get(area, set()))
        rows.append(AreaRow(area, t.area(area), counts, sum(counts), f"area-{area}", per_area.get(area), checked,
                            then_area.get(area) if then_area is not None else None))
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
    b = band(value, by_sev.elements())
    trend = ""
    if then is not None:
        delta = value - then
        trend = t("summary.trend", then=then, now=value, delta=f"{delta:+d}" if delta else "±0")
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
        baseline=then,
        trend=trend,
    )


def _title(f: Finding, rules: dict[str, Rule], t: Texts) -> str:
    """The finding's rule title in the report's language (the finding's own title for an unknown rule)."""
    rule = rules.get(f.rule)
    return rule.spec.title_in(t.lang) if rule else (f.title or f.rule)


def _groups(findings: list[Finding], rules: dict[str, Rule], repo: Repo, t: Texts) -> tuple[RuleGroup, ...]:
    by_rule: dict[str, list[Finding]] = {}
    for f in findings:
        by_rule.setdefault(f.rule, []).append(f)
    memo: dict[str, str] = {}
    labels: dict[str, str] = {}
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
            findings=tuple(_view(f, repo, t, memo, labels) for f in items),
            anchor=f"rule-{rule_id}",
        ))
    groups.sort(key=lambda g: (-severity_rank(g.severity), g.rule))
    return tuple(groups)


def _policies(repo: Repo, result: CheckResult, as_of: dt.date, t: Texts) -> tuple[PolicyRow, ...]:
    ref = reference()
    rows = []
    index = _by_subject(result)
    for ptype, spec in ref.policy_types.items():
        doc = repo.policies.get(ptype)
        related = index.get(f"policy:{ptype}", [])
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


def _by_subject(result: CheckResult) -> dict[str, list[Finding]]:
    """The findings per subject, in the result's order (one pass; not one scan per row)."""
    index: dict[str, list[Finding]] = {}
    for f in result.findings:
        index.setdefault(f.subject, []).append(f)
    return index


def _gaps(subject: str, index: dict[str, list[Finding]], rules: dict[str, Rule], t: Texts) -> tuple[Gap, ...]:
    items = sorted(index.get(subject, ()), key=_rank_key)
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
    index = _by_subject(result)
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
                named = ", ".join(word(f"clause.{c}", t.lang, default=c) for c in missing)
                dpa.append(t("processors.dpa.clauses_missing", clauses=named))
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
            _gaps(f"processor:{pid}", index, rules, t)))
    return tuple(rows)


def _recipients(
    repo: Repo, dmap: DataMap, result: CheckResult, rules: dict[str, Rule], t: Texts
) -> tuple[RecipientRow, ...]:
    index = _by_subject(result)
    rows = []
    for rid, r in sorted(repo.recipients.items(), key=lambda kv: (kv[1].name.casefold(), kv[0])):
        rows.append(RecipientRow(
            rid, r.name, t(f"recipients.kind.{r.kind}"), _country(r.country, t), t.lawful_basis(r.legal_basis),
            t.mechanism(r.transfer.mechanism if r.transfer else None), _transfer_cells(rid, dmap, t),
            _gaps(f"recipient:{rid}", index, rules, t)))
    return tuple(rows)


def _transfers(repo: Repo, dmap: DataMap, result: CheckResult, t: Texts) -> tuple[TransferRow, ...]:
    waived = {w.finding.subject: w.expires for w in result.waived
              if w.finding.rule == "third-country-transfer-without-safeguard"}
    rows = []
    for node, items in dmap.transfers.items():
        cells = {c.country: c for c in _transfer_cells(node, dmap, t)}
        subject = f"{repo.node_kind(node)}:{node}"
        for tr in items:
            parties = registers.parties(repo, dmap, tr)
            rows.append(TransferRow(
                node, _node_name(repo, node), _country(tr.country, t), cells[tr.country].text,
                t.mechanism(tr.mechanism),
                ", ".join(repo.categories[c].name if c in repo.categories else c for c in tr.categories),
                " → ".join(_node_name(repo, n) for n in tr.path), tr.safe,
                waived.get(subject) if not tr.safe else None,
                registers.parties_text(repo, parties, t), registers.safeguard_text(parties, t)))
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


def _map_rows(model: datamap.MapModel, t: Texts) -> tuple[MapRow, ...]:
    """The data map's boxes as table rows, column by column, by name: the full names the
    picture may wrap or cut, and the categories by name rather than by code."""
    names = {n.id: n.name for n in model.nodes}
    cat_names = {cid: name for cid, (_, name, _) in model.categories.items()}
    sends: dict[str, set[str]] = {}
    for e in model.edges:
        if e.kind == datamap.FLOW and e.categories:
            sends.setdefault(e.source, set()).add(names[e.target])
    order = {c: i for i, c in enumerate(datamap.COLUMNS)}
    rows = []
    for n in sorted(model.nodes, key=lambda n: (order[n.column], n.name.casefold(), n.id)):
        if n.kind == "country":
            continue
        detail = n.detail if n.kind == "system" else t(f"recipients.kind.{n.detail}") if n.detail else ""
        rows.append(MapRow(
            n.id, t(f"datamap.column.{n.column}"), n.name, detail, tuple(_country(c, t) for c in n.countries),
            ", ".join(cat_names.get(c, c) for c in n.categories),
            ", ".join(sorted(sends.get(n.id, ()), key=str.casefold))))
    return tuple(rows)


def _enabled_areas(rules: list[Rule], repo: Repo) -> set[str]:
    from policycheck.rules.engine import configure

    return {_known_area(c.rule.spec.area) for c in configure(rules, repo)}


def _known_area(area: str) -> str:
    return area if area in MAIN_AREAS + EXTRA_AREAS else "custom"


def build(repo: Repo, dmap: DataMap, result: CheckResult, rules: list[Rule], lang: str,
          baseline: list[Scored] | None = None, fmt: str | None = None, beside: bool = False) -> GapReport:
    """The report; ``baseline``: the findings of a baseline (:func:`baseline_scored`), for the trend.

    ``fmt`` ("html" or "markdown"): only what that format shows is drawn (the HTML report has the
    SVG picture and the table of the map's boxes, Markdown the Mermaid chart; the other is left
    empty); None: both. ``beside``: the SVG picture is drawn by a forked worker on a large
    organization (:mod:`policycheck.reports.beside`) while the rest is built and written, and read
    by :meth:`GapReport.picture` (``to_html`` does); call :meth:`GapReport.close` when done."""
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
    ruled = _enabled_areas(rules, repo)
    by_area: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_area.setdefault(_area(f), []).append(f)
    for area in shown_areas(_scored(result.findings), ruled):
        items = by_area.get(area, [])
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
    svg, drawing = "", None
    if fmt != "markdown":
        counts = _node_findings(result)
        if beside:  # the picture depends on the model and the counts only: drawn while the rest is made
            from policycheck.reports.beside import Beside, may_fork

            nodes = len(repo.systems) + len(repo.processors) + len(repo.recipients)
            drawing = Beside(lambda: datamap.svg(model, t, counts), str, may_fork(nodes))
        else:
            svg = datamap.svg(model, t, counts)
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
        summary=_summary(result, repo, dmap, t, baseline, ruled),
        priorities=tuple(priorities),
        more=max(0, len(ordered) - PRIORITIES),
        policies=_policies(repo, result, dmap.as_of, t),
        areas=tuple(areas),
        waived=_waived(repo, result, by_id, t),
        processors=processors,
        recipients=recipients,
        transfers=transfers,
        datamap_svg=svg,
        map_rows=_map_rows(model, t) if fmt != "markdown" else (),
        mermaid=datamap.to_mermaid(model, t) if fmt != "html" else "",
        categories=tuple(sorted(model.categories.values())),
        controller=controller,
        ropa=blocks,
        unverified=unverified,
        breaches=registers.breach_section(repo, rules, t),
        drawing=drawing,
    )


def occurrences_html(group: RuleGroup, where: str, memo: dict[str, Markup] | None = None) -> Markup:
    """The occurrences of one rule's findings in the HTML report, as the template would write them
    (the same markup, escaped by markupsafe and the ``wrap`` and ``code`` filters): a loop over
    every finding (33,000 on a large organization) is several times faster here than in Jinja.
    ``memo``: the wrapped subjects and evidence values of earlier groups (they recur: the same
    lists of categories, the same systems)."""
    from markupsafe import Markup, escape

    from policycheck.reports.templating import inline_code, wrap

    wrapped: dict[str, Markup] = {} if memo is None else memo

    def wrap_once(text: str) -> Markup:
        html = wrapped.get(text)
        if html is None:
            html = wrapped[text] = wrap(text)
        return html

    where_dt = f"      <dt>{escape(where)}</dt><dd><code>"
    worst = group.severity
    out: list[str] = []
    add = out.append
    for f in group.findings:
        badge = "" if f.severity == worst else \
            f' <span class="sev {escape(f.severity)}">{escape(f.severity_label)}</span>'
        add(f'  <div class="occurrence" id="{escape(f.anchor)}">\n'
            f'    <div><span class="subj">{wrap_once(f.subject_label)}</span>{badge}</div>\n'
            f'    <div class="msg">{inline_code(f.message)}</div>\n'
            f'    <dl class="evidence">\n{where_dt}{wrap(f.location)}</code></dd>\n')
        for label, value in f.evidence:
            add(f"      <dt>{escape(label)}</dt><dd>{wrap_once(value)}</dd>\n")
        add("    </dl>\n  </div>\n")
    return Markup("".join(out))


def to_html(report: GapReport) -> str:
    from policycheck.reports.templating import environment

    memo: dict[str, Markup] = {}

    def occurrences(group: RuleGroup, where: str) -> Markup:
        return occurrences_html(group, where, memo)

    return environment().get_template("report.html.j2").render(
        r=report, t=texts(report.lang), svg=_Picture(report), occurrences=occurrences)


class _Picture:
    """The data map's picture for the template, taken when the HTML reaches it (after the
    findings): a worker may be drawing it meanwhile."""

    def __init__(self, report: GapReport) -> None:
        self.report = report

    def __html__(self) -> str:
        return self.report.picture()


def to_markdown(report: GapReport) -> str:
    from policycheck.reports.templating import environment

    return environment().get_template("report.md.j2").render(r=report, t=texts(report.lang))
