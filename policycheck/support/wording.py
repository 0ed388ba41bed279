"""Plain-language wording of declared facts: durations, retention, lawful bases, safeguards,
countries, laws. Pure functions of their arguments and the reference data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from policycheck import i18n
from policycheck.model.types import Duration
from policycheck.reference import reference
from policycheck.support import scope
from policycheck.support.phrase import Field, Marked, Retention, Span, Text, has, listing, phrase, say, tr

if TYPE_CHECKING:
    from collections.abc import Iterable

    from policycheck.model import Repo
    from policycheck.support.scope import TeamRef


def country_name(code: str, lang: str, article: bool = True) -> str:
    """The country's name for a sentence in ``lang`` (``support.country.<CODE>`` in the
    catalogue; else the reference data's name in ``lang``); ``article=False`` drops a leading
    "the" (for lists and headings)."""
    name = i18n.word(f"support.country.{code}", lang, default="") or reference().country_name(code, lang)
    if not article and name.startswith("the "):
        name = name[4:]
    return name


def country_label(code: str, lang: str) -> str:
    """``Name (CODE)``, without a leading article: for lists."""
    return f"{country_name(code, lang, article=False)} ({code})"


def team_refs(refs: tuple[TeamRef, ...]) -> str:
    """Teams to contact by name, with their contact where declared: "Kundtjänst (kt@exempel.se), Juridik"
    (the team's id only where it has no name)."""
    return ", ".join(f"{r.name} ({r.contact})" if r.contact else str(r.name) for r in refs)


def join(items: list[str] | tuple[str, ...], lang: str) -> str:
    """``a, b and c`` (``a, b och c``): :func:`policycheck.i18n.join`."""
    return i18n.join(items, lang)


def duration(value: Duration | str, lang: str) -> str:
    """``P2Y`` -> ``2 years`` / ``2 år``; ``P1Y6M`` -> ``1 year and 6 months``: :func:`policycheck.i18n.duration`."""
    return i18n.duration(value, lang)


def retention_from(value: str | None, lang: str) -> str:
    """What the period is counted from, as words after the duration ("after the case is closed")."""
    return i18n.retention_start(value, lang)


def retention(value: Duration | None, start: str | None, lang: str) -> str:
    """``2 years after the case is closed``; a placeholder when no retention is declared."""
    return str(say(retention_text(value, start), lang))


def retention_text(value: Duration | None, start: str | None) -> Text:
    """:func:`retention` as data."""
    return Retention(value.text if value is not None else None, start)


def backup_retention(value: Duration, lang: str) -> str:
    """A backup's own retention: how long its copies outlive the data deleted from the source.

    A backup keeps a copy for its retention counted from when the copy was taken, so the last
    copy outlives the source by up to that long (not "35 days after the case is closed").
    """
    return str(say(backup_retention_text(value), lang))


def backup_retention_text(value: Duration) -> Text:
    """:func:`backup_retention` as data."""
    return phrase("retention.backup", duration=Span(value.text))


def unverified(lang: str) -> str:
    """The one marker for facts taken from reference data tagged ``verified: false``."""
    return f"({tr('unverified', lang)})"


def lawful_basis(basis: str | None, lang: str) -> str:
    return str(say(lawful_basis_text(basis), lang))


def lawful_basis_text(basis: str | None) -> Text:
    """:func:`lawful_basis` as data."""
    key = f"basis.{basis}"
    return phrase(key) if basis and has(key) else phrase("basis.missing")


def special_condition(repo: Repo, purpose: str | None, categories: Iterable[str], lang: str) -> str:
    """The Art. 9(2) condition (or, for Art. 10 data, the national provision) that allows the
    special categories among ``categories`` for ``purpose``, in words: "for Health
    information: health or social care (Art. 9(2)(h))"; empty when none is special. A missing
    condition is said, never hidden behind the lawful basis."""
    return str(say(special_condition_text(repo, purpose, categories), lang))


def special_condition_text(repo: Repo, purpose: str | None, categories: Iterable[str]) -> Field:
    """:func:`special_condition` as data (``""`` when no category is special)."""
    p = repo.purposes.get(purpose or "")
    special = [c for c in categories if c in repo.categories and repo.categories[c].special]
    if p is None or not special:
        return ""
    names = listing([repo.categories[c].name for c in special])
    cond = p.special_condition
    words: Field
    if cond == "national-law" and p.special_condition_basis:
        words = p.special_condition_basis
    elif cond and has(f"condition.{cond}"):
        words = phrase(f"condition.{cond}")
    else:
        return phrase("condition.missing", categories=names)
    return phrase("condition.for", categories=names, condition=words)


def lawful_basis_with_condition(repo: Repo, purpose: str | None, categories: Iterable[str], lang: str) -> str:
    """The lawful basis in plain words, then the Art. 9(2) condition when special categories
    are involved (a contract alone does not allow health data)."""
    return str(say(lawful_basis_with_condition_text(repo, purpose, categories), lang))


def lawful_basis_with_condition_text(repo: Repo, purpose: str | None, categories: Iterable[str]) -> Text:
    """:func:`lawful_basis_with_condition` as data."""
    p = repo.purposes.get(purpose or "")
    text = lawful_basis_text(p.lawful_basis if p else None)
    cond = special_condition_text(repo, purpose, categories)
    return listing([text, cond], "semicolon") if cond else text


def safeguard(country: str, mechanism: str | None, basis: str, has_tia: bool, lang: str) -> str:
    """The protection of data held in a third country, in plain words."""
    return str(say(safeguard_text(country_name(country, lang), mechanism, basis, has_tia), lang))


def safeguard_text(country: str, mechanism: str | None, basis: str, has_tia: bool) -> Text:
    """:func:`safeguard` as data; ``country`` is the country's name for a sentence
    (:func:`country_name`)."""
    if basis == "adequacy":
        return phrase("safeguard.adequacy", country=country)
    if basis == "adequacy-partial":
        if mechanism == "dpf":
            return phrase("safeguard.dpf")
        return phrase("safeguard.adequacy-partial", country=country)
    if basis == "safeguard" and mechanism in ("scc", "bcr", "derogation"):
        text = phrase(f"safeguard.{mechanism}")
        if has_tia and mechanism in ("scc", "bcr"):
            return listing([text, phrase("safeguard.tia")], "comma")
        return text
    return phrase("safeguard.none")


def system_kind(kind: str, lang: str) -> str:
    key = f"system_kind.{kind}"
    return tr(key, lang) if has(key) else kind


def subject_the(subject: str, lang: str) -> str:
    """``the customer`` / ``kunden``; ``den registrerade`` for subjects without a Swedish word."""
    key = f"subject.the.{subject}"
    if has(key):
        return tr(key, lang)
    return tr("subject.the", lang, subject=subject.replace("-", " "))


def subject_possessive(subject: str, lang: str) -> str:
    key = f"subject.possessive.{subject}"
    if has(key):
        return tr(key, lang)
    return tr("subject.possessive", lang, subject=subject.replace("-", " "))


def subject_kind(subject: str, lang: str) -> str:
    """Data subjects of a type, in the plural: ``customers`` / ``kunder`` (:func:`policycheck.i18n.subject_kind`)."""
    return i18n.subject_kind(subject, lang)


@dataclass(frozen=True)
class LawRef:
    """A law named in a purpose's ``retention_basis``, matched to the reference data if possible."""

    text: str  # as declared
    id: str | None  # retention_laws.yaml id
    citation: str | None
    period: str | None  # ISO 8601
    period_note: str | None
    gdpr_basis: str | None  # e.g. "Art. 6(1)(c), Art. 17(3)(b)"
    verified: bool


def laws_verified(refs: tuple[LawRef, ...]) -> bool:
    """False when a law matched in the reference data is tagged ``verified: false``.

    A law the reference does not know is the organization's own statement, not reference data:
    it does not count as unverified.
    """
    return all(ref.verified for ref in refs if ref.id is not None)


def law_text(text: str, refs: tuple[LawRef, ...], lang: str) -> str:
    """``text`` (a law or laws) followed by the unverified marker when the reference is unverified."""
    return str(say(law_marked(text, refs), lang))


def law_marked(text: str, refs: tuple[LawRef, ...]) -> Text:
    """:func:`law_text` as data."""
    return Marked(text, not laws_verified(refs))


def laws(retention_basis: str | None) -> tuple[LawRef, ...]:
    """Each law named in ``retention_basis`` (``;``-separated), matched by name to the reference."""
    if not retention_basis:
        return ()
    known = reference().retention_laws
    out = []
    for piece in (p.strip() for p in retention_basis.split(";")):
        if not piece:
            continue
        match = None
        for law in known.values():
            short = str(law.get("name", "")).split(" (")[0].lower()
            if piece == law.get("citation") or (short and short in piece.lower()):
                match = law
                break
        if match is None:
            out.append(LawRef(piece, None, None, None, None, None, False))
        else:
            out.append(
                LawRef(
                    text=piece,
                    id=str(match["id"]),
                    citation=str(match.get("citation") or piece),
                    period=str(match["period"]) if match.get("period") else None,
                    period_note=match.get("period_note"),
                    gdpr_basis=match.get("gdpr_basis"),
                    verified=bool(match.get("verified")),
                )
            )
    return tuple(out)


def split_laws(refs: tuple[LawRef, ...]) -> tuple[tuple[LawRef, ...], tuple[LawRef, ...]]:
    """(laws that oblige keeping: Art. 17(3)(b), laws that only set periods for legal claims:
    Art. 17(3)(e)), from the reference data's ``gdpr_basis``. Preskriptionslagen sets a
    limitation period and imposes no duty to keep; a law the reference does not know counts
    as an obligation (the organization's own statement)."""
    claims = tuple(r for r in refs if "17(3)(e)" in (r.gdpr_basis or "") and "17(3)(b)" not in (r.gdpr_basis or ""))
    return tuple(r for r in refs if r not in claims), claims


def erasure_exception(refs: tuple[LawRef, ...]) -> str:
    """The Art. 17(3) exception that lets data be kept: (b) a legal obligation, (e) legal claims.

    Taken from the matched laws' ``gdpr_basis``; a law the reference does not know counts as
    a legal obligation, (b).
    """
    points = set()
    for ref in refs:
        basis = ref.gdpr_basis or ""
        if "17(3)(e)" in basis:
            points.add("e")
        if "17(3)(b)" in basis or "17(3)(e)" not in basis:
            points.add("b")
    if not points:
        points.add("b")
    return "Art. " + ", ".join(f"17(3)({p})" for p in sorted(points))


def retention_exceptions(
    repo: Repo, nodes: Iterable[str], purpose: str | None, period: Duration | None, start: str | None
) -> list[tuple[str, str, str, Text]]:
    """The places among ``nodes`` that keep ``purpose``'s data for another period than ``period``:
    (node, name, the period as ISO text, the period as text to word; for a backup, how long its
    copies outlive the data deleted from the source)."""
    out = []
    for node in sorted(nodes):
        kept = scope.retention_at(repo, node, purpose) if node in repo.systems else None
        if kept is not None and period is not None and kept.text != period.text:
            backup = repo.systems[node].kind == "backup"
            words = backup_retention_text(kept) if backup else retention_text(kept, start)
            out.append((node, scope.node_name(repo, node), kept.text, words))
    return out
