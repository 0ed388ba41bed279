"""Derived facts of the "nothing passes by leaving it out" rules (see facts.py for the pattern).

Document references (evidence-missing), the policy text (policy-incomplete), what a
system leaves out of its `security` block (security-undeclared), the Art. 9/10
conditions, and the suggestions for typos that are findings rather than errors.
No fact here touches the file system: the loader records which referenced files
exist (``Repo.documents``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from typing import Any

from policycheck import i18n
from policycheck import model as m
from policycheck.rules.kinds import Attr, Context, Fact, Kind, Located, StoredItem, T

# --- helpers ---------------------------------------------------------------------------------


def closest(value: object, choices: Iterable[str]) -> str | None:
    """The choice a typo most likely meant (same letters in another case or with `_`, or a close match)."""
    if not isinstance(value, str) or not value:
        return None
    options = list(choices)
    for choice in options:
        if choice.lower() == value.lower() or choice.replace("_", "-") == value.replace("_", "-").lower():
            return choice
    matches = difflib.get_close_matches(value.lower(), options, n=1, cutoff=0.6)
    return matches[0] if matches else None


# --- document references (evidence-missing) ---------------------------------------------------


def _document_items(repo: m.Repo) -> Iterator[Located]:
    for ref in m.document_references(repo):
        key = (ref.kind, ref.id, *ref.field.split("."))
        yield ref, f"{ref.kind}:{ref.id}", key, f"document:{ref.field}"


# a kind of its own: one item per reference, so a finding names the field and points at its line
DOCUMENT_REFERENCE = Kind(
    "document-reference",
    "document-reference",
    _document_items,
    "each document reference (`dpa.document`, `transfer.tia`, a purpose's `assessment`, ...) of each item",
)


def _is_https(path: str) -> bool:
    return path[:8].lower() == "https://" and len(path.strip()) > 8


#: the declared attributes of a document reference (its facts are in FACTS)
TYPES: dict[str, dict[str, Attr]] = {}
TYPES["document-reference"] = {
    "field": Attr(T("str"), lambda r, ctx: r.field, "the field, as written: `dpa.document`"),
    "path": Attr(T("str"), lambda r, ctx: r.path, "the path or URL it holds"),
    "owner_kind": Attr(T("str"), lambda r, ctx: r.kind, "the kind of item holding it: purpose, processor, ..."),
    "owner_name": Attr(
        T("str"), lambda r, ctx: getattr(r.owner, "name", None) or r.id, "the name of the item holding it"
    ),
    "https_url": Attr(T("bool"), lambda r, ctx: _is_https(r.path), "it is an `https://` URL"),
}


def _found(r: m.DocumentReference, ctx: Context) -> bool:
    return _is_https(r.path) or ctx.repo.documents.get(r.path) == "file"


def _problem(r: m.DocumentReference, ctx: Context) -> str | None:
    if _found(r, ctx):
        return None
    lowered = r.path.lower()
    if lowered.startswith("http://"):
        return i18n.word("fact.why_not.http", ctx.lang)
    if "://" in lowered:
        return i18n.word("fact.why_not.url", ctx.lang)
    why = ctx.repo.documents.get(r.path, "missing")
    return i18n.word(f"fact.why_not.{why}", ctx.lang, default=i18n.word("fact.why_not.missing", ctx.lang))


# --- policy text (policy-incomplete) ---------------------------------------------------------

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _word_count(p: m.PolicyDocument, ctx: Context) -> int:
    return len(_WORD.findall(_COMMENT.sub(" ", p.text)))


def _text_words(p: m.PolicyDocument, ctx: Context) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for word in _WORD.findall(p.text):
        seen.setdefault(word, None)
        if "-" in word:
            for part in word.split("-"):
                seen.setdefault(part, None)
    return tuple(seen)


# --- security (security-undeclared, sensitive-data-without-encryption) -------------------------


def _at_rest_field(s: m.System) -> str:
    # encryption means nothing on paper: a paper archive declares a locked store instead
    return "locked_storage" if s.kind == "paper" else "encryption_at_rest"


def _undeclared_security(s: m.System, ctx: Context) -> tuple[str, ...]:
    fields = ("access_control", _at_rest_field(s))
    return tuple(f"security.{f}" for f in fields if s.security is None or getattr(s.security, f) is None)


def _at_rest_field_fact(s: m.System, ctx: Context) -> str:
    return f"security.{_at_rest_field(s)}"


def _at_rest_protected(s: m.System, ctx: Context) -> bool | None:
    return None if s.security is None else getattr(s.security, _at_rest_field(s))


def _at_rest_measure(s: m.System, ctx: Context) -> str:
    if s.kind == "paper":
        return i18n.word("fact.at_rest.locked", ctx.lang)
    return i18n.word("fact.at_rest.encryption", ctx.lang)


# --- Art. 9 and Art. 10 conditions (special-category-without-condition) ------------------------


def _categories(p: m.Purpose, ctx: Context, criminal: bool) -> tuple[str, ...]:
    processed = set(p.categories) | ctx.dmap.categories_by_purpose.get(p.id, frozenset())
    out = []
    for c in sorted(processed):
        cat = ctx.repo.categories.get(c)
        if cat is not None and (cat.special == "criminal" if criminal else cat.special is True):
            out.append(c)
    return tuple(out)


def _art9(p: m.Purpose, ctx: Context) -> tuple[str, ...]:
    return _categories(p, ctx, criminal=False)


def _art10(p: m.Purpose, ctx: Context) -> tuple[str, ...]:
    return _categories(p, ctx, criminal=True)


_LETTER = re.compile(r"9\s*\(\s*2\s*\)\s*\(?\s*([a-j])\b", re.IGNORECASE)
_BY_LETTER = {letter: cond for cond, letter in m.SPECIAL_CONDITIONS.items() if letter}


def condition_suggestion(value: str) -> str | None:
    """The listed condition free text most likely means: "Art. 9(2)(f): legal claims" -> legal-claims."""
    letter = _LETTER.search(value)
    if letter:
        return _BY_LETTER[letter.group(1).lower()]
    return closest(value, m.SPECIAL_CONDITIONS)


def _condition_issue(p: m.Purpose, ctx: Context, art10: bool) -> str | None:
    lang = ctx.lang
    value = (p.special_condition or "").strip()
    if not value:
        return i18n.word("fact.condition.missing", lang)
    if value not in m.SPECIAL_CONDITIONS:
        # criminal-offence data has one condition: the law that authorises it
        hint = "national-law" if art10 else condition_suggestion(value)
        return i18n.word("fact.condition.unknown", lang, value=value,
                    hint=i18n.word("fact.condition.hint", lang, hint=hint) if hint else "")
    if value == "national-law":
        return None if (p.special_condition_basis or "").strip() else i18n.word("fact.condition.basis", lang)
    return i18n.word("fact.condition.not-art10", lang, value=value) if art10 else None


def _art9_issue(p: m.Purpose, ctx: Context) -> str | None:
    return _condition_issue(p, ctx, art10=False)


def _art10_issue(p: m.Purpose, ctx: Context) -> str | None:
    return _condition_issue(p, ctx, art10=True)


# --- suggestions for typos that are findings, not errors ---------------------------------------


def _basis_suggestion(p: m.Purpose, ctx: Context) -> str | None:
    if p.lawful_basis is None or p.lawful_basis in m.LAWFUL_BASES:
        return None
    return closest(p.lawful_basis, m.LAWFUL_BASES)


def _purpose_suggestion(st: StoredItem, ctx: Context) -> str | None:
    value: Any = st.store.purpose
    if value is None or value in ctx.repo.purposes:
        return None
    return closest(value, sorted(ctx.repo.purposes))


# --- the table: what this module adds to the attribute table (see rules/registry.py) ---------

KINDS: tuple[Kind, ...] = (DOCUMENT_REFERENCE,)

FACTS: tuple[Fact, ...] = (
    Fact(
        "document-reference",
        "found",
        T("bool"),
        "it is an `https://` URL, or a regular file inside the repo (as the loader found it)",
        _found,
    ),
    Fact(
        "document-reference",
        "problem",
        T("str"),
        "why it is not found: no such file, outside the repo, not https",
        _problem,
    ),
    Fact(
        "policy",
        "word_count",
        T("int"),
        "the number of words of the policy text after the front matter (HTML comments not counted)",
        _word_count,
    ),
    Fact(
        "policy",
        "text_words",
        T("str", True),
        "the distinct words of the policy text as written (case kept), hyphenated ones also by part",
        _text_words,
    ),
    Fact(
        "system",
        "undeclared_security",
        T("str", True),
        "`security` fields left out: `access_control`, and `encryption_at_rest` (`locked_storage` for `kind: paper`)",
        _undeclared_security,
    ),
    Fact(
        "system",
        "at_rest_field",
        T("str"),
        "the `security` field that protects stored data: `encryption_at_rest`, `locked_storage` for `kind: paper`",
        _at_rest_field_fact,
    ),
    Fact(
        "system",
        "at_rest_protected",
        T("bool"),
        "the value of `at_rest_field` (unset: not known to be protected)",
        _at_rest_protected,
    ),
    Fact(
        "system",
        "at_rest_measure",
        T("str"),
        "the measure, in the language of the message: encryption at rest, or locked storage on paper",
        _at_rest_measure,
    ),
    Fact(
        "purpose",
        "art9_categories",
        T("category", True, ref=True),
        "processed categories with `special: true` (Art. 9)",
        _art9,
    ),
    Fact(
        "purpose",
        "art10_categories",
        T("category", True, ref=True),
        "processed categories with `special: criminal` (Art. 10)",
        _art10,
    ),
    Fact(
        "purpose",
        "art9_condition_issue",
        T("str"),
        "what is wrong with `special_condition` for Art. 9 data (unset, not of the list, `national-law` without basis)",
        _art9_issue,
    ),
    Fact(
        "purpose",
        "art10_condition_issue",
        T("str"),
        "what is wrong with `special_condition` for Art. 10 data (anything but `national-law` with its basis)",
        _art10_issue,
    ),
    Fact(
        "purpose",
        "lawful_basis_suggestion",
        T("str"),
        "the Art. 6(1) basis a misspelt `lawful_basis` most likely means",
        _basis_suggestion,
    ),
    Fact(
        "stored-item",
        "purpose_suggestion",
        T("str"),
        "the declared purpose an undeclared `purpose` most likely means",
        _purpose_suggestion,
    ),
)
