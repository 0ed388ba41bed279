"""Evaluate the rule pack over a repo: configure, run each rule, apply waivers, sort."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

from policycheck.errors import InvalidInput, Problem
from policycheck.findings import CheckResult, Finding, WaivedFinding, fingerprint
from policycheck.graph import DataMap
from policycheck.load.repo import did_you_mean
from policycheck.model import Repo
from policycheck.rules.kinds import KINDS, Context
from policycheck.rules.pack import Rule
from policycheck.rules.params import check as check_param


@dataclass(frozen=True)
class Configured:
    rule: Rule
    severity: str
    params: dict[str, Any]


def configure(rules: list[Rule], repo: Repo) -> list[Configured]:
    """Apply ``policycheck.yaml``'s ``rules:`` overrides; unknown rule ids and params are errors."""
    by_id = {r.id: r for r in rules}
    problems: list[Problem] = []
    out = []
    overrides = repo.config.rules
    for rule_id, given in overrides.items():
        if rule_id not in by_id:
            loc = repo.locate("config", "rules", rule_id)
            problems.append(
                Problem(
                    loc.file,
                    loc.line,
                    loc.column,
                    f"rules: unknown rule '{rule_id}'{did_you_mean(rule_id, by_id)}; `policycheck rules` lists them",
                )
            )
            continue
        known = by_id[rule_id].spec.params
        types = by_id[rule_id].param_types
        for name, value in given.params.items():
            loc = repo.locate("config", "rules", rule_id, "params", name)
            if name not in known:
                hint = did_you_mean(name, known) or (
                    f"; its parameters: {', '.join(known)}" if known else "; it has no parameters"
                )
                problems.append(
                    Problem(loc.file, loc.line, loc.column, f"rules.{rule_id}.params: unknown parameter '{name}'{hint}")
                )
            elif (problem := check_param(value, types[name])) is not None:
                problems.append(Problem(loc.file, loc.line, loc.column, f"rules.{rule_id}.params.{name}: {problem}"))
    if problems:
        raise InvalidInput(problems)
    for rule in rules:
        override = overrides.get(rule.id)
        if override is not None and not override.enabled:
            continue
        severity = override.severity if override and override.severity else rule.spec.severity
        params = {**rule.spec.params, **(override.params if override else {})}
        out.append(Configured(rule, severity, params))
    return out


def _evaluate_rule(
    c: Configured,
    dmap: DataMap,
    lang: str,
    langs: Collection[str] | None = None,
    subjects: dict[str, list[Any]] | None = None,
) -> list[Finding]:
    rule = c.rule
    spec = rule.spec
    if rule.when is None:
        return []
    repo = dmap.repo
    title = spec.title_in(lang)
    evidence_fields = sorted(rule.evidence.items())
    findings = []
    where, when = rule.where, rule.when
    # what is the same for every finding of the rule: the message's language and template, where
    # the finding points, its fixed fields
    code = lang if lang in rule.messages else "en"
    compiled, english = rule.messages[code], rule.messages["en"]
    notice = spec.subject == "privacy-notice"
    at = tuple(spec.at.split(".")) if spec.at else ()
    rule_id, severity, articles, area = spec.id, c.severity, spec.articles, spec.area
    # with ``langs`` a finding keeps nothing of the evaluation, so one context serves every subject
    keeps_context = langs is None
    only_code = langs is not None and set(langs) <= {code}  # no other language to render now
    ctx = Context(dmap, c.params, {}, memo={})
    for item, subject, key, fp_key in _items(spec.for_each, dmap, subjects):
        # a subject that is no finding leaves its context to the next one, emptied
        if ctx.bindings:
            ctx.bindings.clear()
        if ctx.memo:
            ctx.memo.clear()
        if where is not None and not where(item, ctx):
            continue
        if not when(item, ctx):
            continue
        # the message in the requested language only; others are rendered if a renderer asks
        found_in = code
        ctx.lang = code
        message = compiled(item, ctx)
        if not message and code != "en":  # as before: an empty translation falls back to English
            found_in, ctx.lang = "en", "en"
            message = english(item, ctx)
        ctx.lang = "en"
        evidence = tuple([(k, render(item, ctx)) for k, render in evidence_fields])
        if notice:
            subject, key = "privacy-notice", ("privacy-notice",)
        if at:
            key = (*key, *at)
        loc = repo.locate(*key)
        findings.append(
            Finding(
                rule=rule_id,
                severity=severity,
                subject=subject,
                file=loc.file,
                line=loc.line,
                column=loc.column,
                message=message,
                articles=articles,
                fingerprint=fingerprint(rule_id, subject, fp_key),
                title=title,
                area=area,
                evidence=_share(evidence),
                lang=found_in,
                messages=() if only_code and found_in == code else _texts(rule, item, ctx, found_in, message, langs),
                render=_renderer(rule, item, ctx) if keeps_context else None,
            )
        )
        if keeps_context:
            ctx.memo = None  # a later rendering in another language computes its facts again
            ctx = Context(dmap, c.params, {}, memo={})  # the finding keeps its own
    return findings


#: one copy of each evidence tuple and pair during a run (thousands of findings list the same
#: categories, purposes or paths); emptied when the run ends
_SHARED: dict[Any, Any] = {}


def _share(evidence: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    if not evidence:
        return ()
    shared = _SHARED.get(evidence)
    if shared is None:
        shared = _SHARED[evidence] = tuple(_SHARED.setdefault(pair, pair) for pair in evidence)
    return shared


def _texts(
    rule: Rule, item: Any, ctx: Context, code: str, message: str, langs: Collection[str] | None
) -> tuple[tuple[str, str], ...]:
    """A finding's ``messages``: with ``langs``, the message in each of them now (the finding then
    keeps nothing of the evaluation: not the data map, not the context; its ``render`` is None);
    without, the one in ``code``, and the finding keeps a renderer for any language later."""
    if langs is None:
        return ((code, message),)
    texts = []
    for other in sorted(langs):
        if other != code:  # ``message`` is the one in ``code``
            rendered = _renderer(rule, item, ctx)(other)
            texts.append((other, message if rendered is None else rendered))
    return tuple(texts)


def _items(kind: str, dmap: DataMap, subjects: dict[str, list[Any]] | None) -> Any:
    """The subjects of ``kind`` (item, subject, location key, fingerprint key); with ``subjects``
    (one run of the pack), enumerated once: several rules iterate every flow or every `stores`
    entry, and the items are frozen. The run drops them when it ends."""
    if subjects is None:
        return KINDS[kind].items(dmap.repo)
    items = subjects.get(kind)
    if items is None:
        items = subjects[kind] = list(KINDS[kind].items(dmap.repo))
    return items


def _renderer(rule: Rule, item: Any, ctx: Context) -> Callable[[str], str | None]:
    """Renders the finding's message in another language, later (with the same bindings)."""

    def render(lang: str) -> str | None:
        compiled = rule.messages.get(lang)
        if compiled is None:
            return None
        ctx.lang = lang
        try:
            return compiled(item, ctx)
        finally:
            ctx.lang = "en"

    return render


def _in(texts: Mapping[Any, str], lang: str) -> str:
    return texts.get(lang) or texts["en"]


def _waiver_finding(
    c: Configured | None, rule_id: str, n: int, repo: Repo, lang: str, text: str | None = None, **fields: str
) -> Finding | None:
    """A finding of a waiver check; its message is the rule's `message` (or `texts.<text>`), from its YAML."""
    if c is None:
        return None
    spec = c.rule.spec
    templates = spec.texts[text] if text else spec.message
    texts: dict[str, str] = {code: t.format(n=n, **fields) for code, t in templates.items()}
    loc = repo.locate("waiver", n)
    subject = f"waiver:{n}"
    return Finding(
        rule=rule_id,
        severity=c.severity,
        subject=subject,
        file=loc.file,
        line=loc.line,
        column=loc.column,
        message=texts.get(lang, texts["en"]),
        articles=c.rule.spec.articles,
        fingerprint=fingerprint(rule_id, subject, f"{fields.get('rule')}:{fields.get('subject')}"),
        title=c.rule.spec.title_in(lang),
        area="waivers",
        messages=tuple(sorted(texts.items())),
    )


def apply_waivers(
    findings: list[Finding],
    configured: list[Configured],
    all_rule_ids: set[str],
    repo: Repo,
    as_of: dt.date,
    lang: str,
) -> tuple[list[Finding], list[WaivedFinding]]:
    by_id = {c.rule.id: c for c in configured}
    # the findings each (rule, subject) waives, indexed once: a waiver costs its matches, not a scan
    unwaived: dict[tuple[str, str], list[Finding]] = {}
    for found in findings:
        unwaived.setdefault((found.rule, found.subject), []).append(found)
    removed: set[int] = set()
    first_waiver: dict[tuple[str, str], int] = {}
    waived: list[WaivedFinding] = []
    extra: list[Finding] = []
    for n, w in enumerate(repo.config.waivers, start=1):
        problems = []
        if not w.rule:
            problems.append("no-rule")
        elif w.rule not in all_rule_ids:
            problems.append("unknown-rule")
        if not w.subject:
            problems.append("no-subject")
        if not w.reason or not w.reason.strip():
            problems.append("no-reason")
        if w.expires is None:
            problems.append("no-expiry")
        fields = {"rule": w.rule or "?", "subject": w.subject or "?", "expires": str(w.expires) if w.expires else "?"}
        if problems:
            invalid = by_id.get("waiver-invalid")
            if invalid is None:
                continue
            whys = invalid.rule.spec.texts
            hint = did_you_mean(w.rule, all_rule_ids) if "unknown-rule" in problems else ""
            why = "; ".join(_in(whys[p], lang).format(rule=w.rule, hint=hint) for p in problems)
            f = _waiver_finding(invalid, "waiver-invalid", n, repo, lang, why=why, **fields)
            if f:
                extra.append(f)
            continue
        key = (w.rule or "", w.subject or "")  # both given: checked above
        matches = unwaived.get(key, [])
        assert w.expires is not None
        if w.expires < as_of:
            f = _waiver_finding(by_id.get("waiver-expired"), "waiver-expired", n, repo, lang, **fields)
            if f:
                extra.append(f)
            continue
        if not matches:
            earlier = first_waiver.get(key)
            text = "duplicate" if earlier else None
            f = _waiver_finding(
                by_id.get("waiver-unused"), "waiver-unused", n, repo, lang, text, first=str(earlier), **fields
            )
            if f:
                extra.append(f)
            continue
        del unwaived[key]  # a later waiver of the same finding finds nothing: "duplicate"
        first_waiver[key] = n
        for m in matches:
            removed.add(id(m))
            waived.append(WaivedFinding(m, n, w.reason or "", str(w.expires), w.approved_by or ""))
    return [found for found in findings if id(found) not in removed] + extra, waived


def run(
    repo: Repo, rules: list[Rule], as_of: dt.date, lang: str | None = None, langs: Collection[str] | None = None,
    only: Collection[str] | None = None,
    keep_map: bool = True,
) -> CheckResult:
    """Evaluate ``rules`` over ``repo`` as of ``as_of``; findings sorted, waivers applied.

    With ``langs``, the findings hold their message in each of those languages (what the outputs
    will ask :meth:`Finding.message_in` for) and nothing of the evaluation; without, they can
    render it in any language later, and keep the evaluation context for that.

    With ``only``, every rule is configured (a bad override is still an error) but only the rules
    of those ids are evaluated: their findings and waivers are as in a full run (a waiver names one
    rule); the waiver checks' own findings and the other rules' are not made.

    ``keep_map=False`` (with ``langs``: ``check``, which lets the data map go afterwards): when the
    rules run on more than one core, this process drops the map's facts once its own share of the
    rules is evaluated, before the other processes' findings come in (they are computed again if a
    rule still needs them), so that the findings do not add to the facts at the peak of memory.
    """
    lang = lang or repo.config.settings.language
    configured = configure(rules, repo)
    if only is not None:
        configured = [c for c in configured if c.rule.id in only]
    dmap = DataMap.of(repo, as_of)
    subjects: dict[str, list[Any]] = {}
    # the rules of one kind one after another, so each kind's subjects are listed once and let go
    # when the next kind starts (at 20,000 systems they are tens of MiB); the findings are sorted
    # below, and one rule's findings keep their order, so the output does not depend on this order
    ordered = sorted(configured, key=lambda c: c.rule.spec.for_each)

    def evaluate(c: Configured) -> list[Finding]:
        if c.rule.spec.for_each not in subjects:
            subjects.clear()
        return _evaluate_rule(c, dmap, lang, langs, subjects)

    try:
        if langs is None:  # the findings keep a renderer (a closure over the evaluation): they stay here
            found = [evaluate(c) for c in ordered]
        else:  # on more than one core when it pays (the findings travel), in this order
            from policycheck.rules.parallel import evaluate as in_parallel

            def release() -> None:
                subjects.clear()
                dmap.drop_facts()

            found = in_parallel(ordered, evaluate, dmap, None if keep_map else release)
    finally:
        _SHARED.clear()
        subjects.clear()
    findings = [f for part in found for f in part]
    findings, waived = apply_waivers(findings, configured, {r.id for r in rules}, repo, as_of, lang)
    findings.sort(key=Finding.sort_key)
    waived.sort(key=lambda w: w.finding.sort_key())
    return CheckResult(tuple(findings), tuple(waived), rules_run=len(configured))
