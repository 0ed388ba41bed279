"""The one language layer: one catalogue per language, the same keys in both, every key used, and
no word table anywhere else.

The catalogue of a language is ``policycheck.i18n.<lang>.WORDS``, gathered from
``policycheck/i18n/<lang>.py`` and its parts ``policycheck/i18n/<lang>_*.py``; every output looks
its words up with :func:`policycheck.i18n.word`.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from policycheck.i18n import en, sv, word

PACKAGE = Path(__file__).resolve().parents[2] / "policycheck"
I18N = PACKAGE / "i18n"
CATALOGUES = {"en": en.WORDS, "sv": sv.WORDS}

#: Keys built from a prefix at run time (an f-string or a concatenation); every key under one of
#: these counts as used. Each prefix must itself appear in the sources as the head of an f-string.
DYNAMIC_PREFIXES: dict[str, str] = {
    "duration.": "i18n.format.duration, rules.language.human_duration: the unit and its number",
    "severity.": "i18n.format.severity: the severity and its number",
    "retention_from.": "i18n.format.retention_start: FORMAT.md's retention_from values",
    "subject_kind.": "i18n.format.subject_kind: FORMAT.md's subject kinds",
    "area.": "reports.i18n.Texts.area: the areas of the rule pack",
    "report.condition.": "reports.i18n.Texts.special_condition: FORMAT.md's Art. 9(2) conditions",
    "basis6.": "reports.i18n.Texts.lawful_basis: FORMAT.md's lawful bases",
    "mechanism.": "reports.i18n.Texts.mechanism: FORMAT.md's transfer mechanisms",
    "subject.": "reports.gap: the kind of a finding's subject",
    "summary.band.": "reports.gap: the score's band",
    "summary.facts.": "reports.gap: the scope counts (with .1 for one)",
    "evidence.": "reports.gap: a finding's evidence keys (from the rule pack)",
    "recipients.kind.": "reports.gap, reports.datamap: FORMAT.md's recipient kinds",
    "datamap.column.": "reports.datamap: the map's columns",
    "ropa.recipient.": "reports.ropa: a recipient's role",
    "role.": "reports.registers, reports.ropa: a transfer party's role",
    "breaches.reason.": "reports.registers: FORMAT.md's not_informed_reason values",
    "breaches.risk.": "reports.registers: FORMAT.md's breach risk values",
    "breaches.status.": "reports.registers: a breach's status",
    "dpia.ev.": "reports.dpia: the kind of a criterion's evidence",
    "dpia.criterion.": "reports.dpia, rules.facts_registers: the nine WP248 criteria",
    "dpia.source.": "reports.dpia: how a criterion is known",
    "dpia.verdict.": "reports.dpia, reports.gap: the screening's verdicts",
    "dpia.transform.": "reports.dpia: FORMAT.md's flow transforms",
    "dpia.access.": "reports.dpia: FORMAT.md's access_control values",
    "dpia.method.": "reports.dpia: FORMAT.md's erasure methods",
    "docs.label.": "docs_gen._label: the words of a rule's page",
    "docs.area.": "docs_gen.area_title: the areas of the rule pack",
    "fact.why_not.": "rules.facts_evidence: why a referenced document is not found",
    "clause.": "rules.language.NAMERS, reports.gap: the Art. 28(3) clauses of a DPA",
    "sarif.": "render.sarif._w: the words of a rule's help and of a suppression",
}


def _catalogue_files(lang: str) -> list[Path]:
    return [I18N / f"{lang}.py", *sorted(I18N.glob(f"{lang}_*.py"))]


def _is_catalogue(path: Path) -> bool:
    return path.parent == I18N and any(path in _catalogue_files(lang) for lang in CATALOGUES)


def _sources() -> list[Path]:
    """Every module and template of the package that may look a word up (not the catalogues)."""
    files = [p for p in PACKAGE.rglob("*.py") if not _is_catalogue(p)]
    return sorted(files + list(PACKAGE.rglob("*.j2")))


def _literals() -> tuple[set[str], set[str]]:
    """The string literals of the sources, and the literal heads of their f-strings."""
    literals: set[str] = set()
    heads: set[str] = set()
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".j2":
            literals.update(m.group(2) for m in re.finditer(r"""(['"])([^'"\s{}]+)\1""", text))
            heads.update(m.group(2) for m in re.finditer(r"""(['"])([^'"\s{}]+\.)\1\s*[~+]""", text))
            continue
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values:
                first = node.values[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    heads.add(first.value)
    return literals, heads


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_the_same_keys() -> None:
    assert sorted(set(en.WORDS) - set(sv.WORDS)) == [], "keys missing in Swedish"
    assert sorted(set(sv.WORDS) - set(en.WORDS)) == [], "keys missing in English"


@pytest.mark.parametrize("lang", sorted(CATALOGUES))
def test_every_text_is_written_and_takes_the_same_fields(lang: str) -> None:
    other = "sv" if lang == "en" else "en"
    for key, text in CATALOGUES[lang].items():
        assert text.strip(), (lang, key)
        assert _fields(text) == _fields(CATALOGUES[other].get(key, text)), (key, text)


@pytest.mark.parametrize("lang", sorted(CATALOGUES))
def test_a_key_is_defined_once(lang: str) -> None:
    """The parts of a catalogue are merged with ``**``: a key in two parts would silently lose one."""
    seen: dict[str, Path] = {}
    for path in _catalogue_files(lang):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Dict):
                continue
            for key in node.keys:
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    assert key.value not in seen, f"{key.value!r} in {seen.get(key.value)} and {path}"
                    seen[key.value] = path
    assert set(seen) == set(CATALOGUES[lang])


def _support_key_used(key: str, literals: set[str], heads: set[str]) -> bool:
    """The support answers look ``support.<rest>`` up by ``<rest>`` (support.phrase.tr), some
    of them by a prefix built at run time (``f"tp.heading.{kind}"``)."""
    rest = key.removeprefix("support.")
    built = [h for h in heads if len(h) > 3 and h.endswith((".", "_"))]
    return rest in literals or any(rest.startswith(h) or key.startswith(h) for h in built)


def test_every_key_is_used() -> None:
    literals, heads = _literals()
    unused = []
    for key in sorted(en.WORDS):
        base = key[:-2] if key.endswith(".1") else key  # Texts.plural: "key.1" for one thing
        if key in literals or base in literals or any(key.startswith(p) for p in DYNAMIC_PREFIXES):
            continue
        if key.startswith("support.") and _support_key_used(key, literals, heads):
            continue
        unused.append(key)
    assert unused == [], "keys no module or template uses: delete them or list their prefix"


def test_every_dynamic_prefix_is_built_somewhere() -> None:
    _, heads = _literals()
    assert sorted(p for p in DYNAMIC_PREFIXES if p not in heads) == []
    assert all(any(k.startswith(p) for k in en.WORDS) for p in DYNAMIC_PREFIXES)


def test_the_unused_key_check_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(en.WORDS, "render.markdown.never-used", "x")
    with pytest.raises(AssertionError):
        test_every_key_is_used()


def test_the_same_keys_check_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sv.WORDS, "report.title")
    with pytest.raises(AssertionError):
        test_both_languages_have_the_same_keys()


def test_lookup() -> None:
    assert word("render.markdown.fails", "sv", n=3, level="hög") == "**Grinden: stoppad**: 3 på eller över `hög`."
    assert word("report.title", "de") == word("report.title", "en")  # a language without words: English
    assert word("no.such.key", "sv", default="x") == "x"


# --- no word table outside policycheck/i18n/ ------------------------------------------------------

#: Modules that may still keep words of their own, each with the reason.
ALLOWED: dict[str, str] = {}


_WORD = re.compile(r"[^\W\d_]{2,}")


def _has_words(node: ast.AST) -> bool:
    """Whether ``node`` holds text with a word in it (language codes are no words)."""
    return any(
        isinstance(n, ast.Constant) and isinstance(n.value, str) and set(_WORD.findall(n.value)) - {"en", "sv"}
        for n in ast.walk(node)
    )


def _asks_language(node: ast.AST) -> bool:
    """``lang == "sv"``, ``sv`` (a flag of the language) and the like."""
    return any(
        (isinstance(n, ast.Constant) and n.value in ("en", "sv")) or (isinstance(n, ast.Name) and n.id in ("en", "sv"))
        for n in ast.walk(node)
    )


def _word_tables(tree: ast.AST) -> list[int]:
    """Lines of words kept outside the catalogue: dict literals keyed by both languages with text in
    them (``{"en": "...", "sv": "..."}``, ``{"en": {...}, "sv": {...}}``; a mapping of one id to
    itself in every language is no table), and ``"text" if lang == "sv" else "text"``."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.IfExp):
            if _asks_language(node.test) and _has_words(node.body) and _has_words(node.orelse):
                out.append(node.lineno)
            continue
        if not isinstance(node, ast.Dict):
            continue
        keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
        if not {"en", "sv"} <= keys:
            continue
        texts = [v for k, v in zip(node.keys, node.values, strict=True)
                 if isinstance(k, ast.Constant) and k.value in ("en", "sv")]
        if any(_has_words(v) for v in texts):
            out.append(node.lineno)
    return out


def test_no_word_table_outside_i18n() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).as_posix()
        if rel.startswith("policycheck/i18n/") or any(rel.startswith(a) for a in ALLOWED):
            continue
        found += [f"{rel}:{line}" for line in _word_tables(ast.parse(path.read_text(encoding="utf-8")))]
    assert found == [], "word tables belong in policycheck/i18n/<lang>*.py, looked up with i18n.word"


@pytest.mark.parametrize(
    ("source", "tables"),
    [
        ('W = {"en": {"none": "none"}, "sv": {"none": "inga"}}', 1),
        ('W = {"en": ("ID", "AREA"), "sv": ("ID", "OMRÅDE")}', 1),
        ('def f(x): return {"en": "yes", "sv": "ja"}[x]', 1),
        ('W = {"en": k, "sv": k}', 0),
        ('W = {"en": "yes"}', 0),
        ('x = "ja" if lang == "sv" else "yes"', 1),
        ('x = f"{c} (ja)" if sv else f"{c} (yes)"', 1),
        ('words = "sv" if lang == "sv" else "en"', 0),
        ("code = '{}' if lang == 'en' else '`{}`'", 0),
    ],
)
def test_the_word_table_scan_finds_tables(source: str, tables: int) -> None:
    assert len(_word_tables(ast.parse(source))) == tables


def test_support_country_names_agree_with_the_reference_data_in_swedish() -> None:
    """The customer texts' Swedish country names (``support.country.*``) are the reference data's
    (``names_sv`` in countries.yaml), so a finding and a customer text name a country alike."""
    from policycheck.i18n import sv_support
    from policycheck.reference import reference

    ref = reference()
    differ = {
        key: (text, ref.country_name(key.rsplit(".", 1)[1], "sv"))
        for key, text in sv_support.WORDS.items()
        if key.startswith("support.country.") and text != ref.country_name(key.rsplit(".", 1)[1], "sv")
    }
    assert differ == {}
