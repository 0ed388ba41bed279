"""The one formatter of each kind of value, per language (``en``, ``sv``).

Pure functions of their arguments; the words come from :mod:`policycheck.i18n.en` and
:mod:`policycheck.i18n.sv`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping

from policycheck.i18n import en, sv

LANGUAGES: tuple[str, ...] = ("en", "sv")
_CATALOGUES: dict[str, dict[str, str]] = {"en": en.WORDS, "sv": sv.WORDS}
_DURATION = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?")


def _lang(lang: str | None) -> str:
    return lang if lang in _CATALOGUES else "en"


def word(key: str, lang: str | None, default: str | None = None, **fields: object) -> str:
    """The catalogue entry ``key`` in ``lang`` (``default``, else the key, when there is none).

    The one lookup of every output's words: ``word("report.title", "sv")``,
    ``word("render.markdown.fails", lang, n=3, level="hög")``.
    """
    text = _CATALOGUES[_lang(lang)].get(key)
    if text is None:
        return default if default is not None else key
    return text.format(**fields) if fields else text


def has(key: str) -> bool:
    """Whether the catalogue has ``key`` (both languages have the same keys; a test checks that)."""
    return key in _CATALOGUES["en"]


def join(items: Iterable[str], lang: str | None, conjunction: str = "and") -> str:
    """``a, b and c`` / ``a, b och c``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word(conjunction, lang)} {items[-1]}"


def duration(value: object, lang: str | None) -> str:
    """An ISO 8601 duration in words, the same everywhere: ``P2W`` -> ``2 weeks`` / ``2 veckor``;
    ``P1Y6M`` -> ``1 year and 6 months``. Text that is no duration is returned as it is."""
    if type(value) is str:  # the same few periods are worded thousands of times (a plan's parts)
        key = (value, lang)
        hit = _DURATIONS.get(key)
        if hit is None:
            if len(_DURATIONS) >= 4096:
                _DURATIONS.clear()
            hit = _DURATIONS[key] = _duration(value, lang)
        return hit
    return _duration(value if isinstance(value, str) else str(getattr(value, "text", value)), lang)


#: (duration text, language) -> its words (:func:`duration`: a pure function of them)
_DURATIONS: dict[tuple[str, str | None], str] = {}


def _duration(text: str, lang: str | None) -> str:
    m = _DURATION.fullmatch(text)
    if not m or not any(m.groups()):
        return text
    parts = []
    for unit, raw in zip(("year", "month", "week", "day"), m.groups(), strict=True):
        if raw and int(raw):
            n = int(raw)
            parts.append(word(f"duration.{unit}.{'1' if n == 1 else 'n'}", lang, n=n))
    return join(parts, lang) if parts else word("duration.day.n", lang, n=0)


def retention_start(value: str | None, lang: str | None) -> str:
    """What a retention period is counted from (``retention_from``), as words after the duration:
    ``case-closed`` -> ``after the case is closed`` / ``efter att ärendet har avslutats``; an id
    without words: ``counted from “...”``; nothing for None."""
    if not value:
        return ""
    key = f"retention_from.{value}"
    if key in _CATALOGUES[_lang(lang)]:
        return word(key, lang)
    return word("retention_from_other", lang, what=value.replace("-", " ").replace("_", " "))


def subject_kind(subject: str, lang: str | None) -> str:
    """Data subjects of a type, in the plural: ``customer`` -> ``customers`` / ``kunder``; a type
    without words: ``data subjects of type “...”``."""
    key = f"subject_kind.{subject}"
    if key in _CATALOGUES[_lang(lang)]:
        return word(key, lang)
    return word("subject_kind", lang, subject=subject.replace("-", " "))


def date(value: dt.date, lang: str | None) -> str:
    """A date: ISO 8601 in both languages (``2026-11-28``; Swedish writes dates so too)."""
    return value.isoformat()


def datetime(value: dt.datetime, lang: str | None) -> str:
    """A time with its zone: ``2026-11-28 09:00 UTC``, ``2026-11-28 10:00 UTC+01:00``."""
    text = value.strftime("%Y-%m-%d %H:%M")
    offset = value.utcoffset()
    if offset is None:
        return text
    if not offset:
        return f"{text} UTC"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−" if lang == "sv" else "-"
    return f"{text} UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


_ARTICLE = re.compile(r"\bArt\. (\d+)((?:\(\d+\))*)((?:\([a-z]\)(?:\s*[-–]\s*\([a-z]\))?)*)")


def article(text: str, lang: str | None) -> str:
    """Article citations in ``text`` in the style of ``lang``.

    English keeps ``Art. 28(3)(a)-(h)``; Swedish writes ``art. 28.3 a–h``, ``art. 17.3 b``,
    ``art. 28.3 e och g``.
    """
    if _lang(lang) != "sv":
        return text

    def swedish(m: re.Match[str]) -> str:
        out = f"art. {m.group(1)}"
        for n in re.findall(r"\((\d+)\)", m.group(2)):
            out += f".{n}"
        letters = m.group(3)
        if letters:
            ranges = re.findall(r"\(([a-z])\)(?:\s*[-–]\s*\(([a-z])\))?", letters)
            out += " " + join([f"{a}–{b}" if b else a for a, b in ranges], lang)
        return out

    return _ARTICLE.sub(swedish, text)


def articles(items: Iterable[str], lang: str | None) -> str:
    return ", ".join(article(a, lang) for a in items)


def severity(value: str, lang: str | None, n: int = 1) -> str:
    """A severity in words, agreeing with ``n``: ``kritisk``, ``7 kritiska`` (see :func:`severity_count`)."""
    return word(f"severity.{value}.{'1' if n == 1 else 'n'}", lang, default=value)


def severity_count(n: int, value: str, lang: str | None) -> str:
    """``7 critical`` / ``7 kritiska``, ``1 kritisk``."""
    return f"{n} {severity(value, lang, n)}"


def plural(key: str, n: int, lang: str | None, **fields: object) -> str:
    """The entry for ``n`` things: ``key.1`` when ``n`` is 1 and the catalogue has it, else ``key``
    (``n`` is one of the fields)."""
    one = f"{key}.1"
    return word(one if n == 1 and has(one) else key, lang, None, n=n, **fields)


def count(n: int, one: str, many: str) -> str:
    """``1 finding`` / ``3 findings``: the caller gives the two forms in its language."""
    return f"{n} {one if n == 1 else many}"


def name_of(value: str | Mapping[str, str], lang: str | None) -> str:
    """An entity's name: a string, or FORMAT.md's ``{sv: ..., en: ...}`` mapping (the ``lang``
    text, else the first one given)."""
    texts = getattr(value, "texts", None)  # a model's Name: a str that keeps every text given
    if texts:
        return dict(texts).get(_lang(lang)) or str(value)
    if isinstance(value, str):
        return str(value)
    return value.get(_lang(lang)) or next(iter(value.values()), "")


def entity_name(repo: object, node: str, lang: str | None = None) -> str:
    """A system's, processor's or recipient's name; the id when it has none."""
    holder = getattr(repo, "holder", lambda _n: None)(node)
    return name_of(holder.name, lang) if holder is not None else node
