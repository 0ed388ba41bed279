"""Value types of the declarations: ids, ISO 8601 durations, country codes, severities."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import PlainSerializer, PlainValidator, StringConstraints, WithJsonSchema

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]

Severity = Literal["info", "low", "medium", "high", "critical"]
SEVERITIES: tuple[str, ...] = ("info", "low", "medium", "high", "critical")


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


#: ISO 8601 calendar durations: groups years, months, weeks, days (all optional)
DURATION_PATTERN = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?")


#: the longest duration a declaration may give (retention, review periods): longer is a typo
MAX_DURATION_YEARS = 1000


@dataclass(frozen=True)
class Duration:
    """An ISO 8601 calendar duration (``P2Y``, ``P6M``, ``P30D``, ``P1Y6M``)."""

    years: int = 0
    months: int = 0
    days: int = 0
    text: str = "P0D"

    @classmethod
    def parse(cls, text: str) -> Duration:
        m = DURATION_PATTERN.fullmatch(text)
        if not m or not any(m.groups()):
            raise ValueError(f"'{text}' is not an ISO 8601 duration; write e.g. P30D, P6M, P2Y or P1Y6M")
        if len(text) > 24:
            raise ValueError(f"'{text}' is too long for a duration; write e.g. P30D, P6M, P2Y or P1Y6M")
        y, mo, w, d = (int(g) if g else 0 for g in m.groups())
        duration = cls(years=y, months=mo, days=d + 7 * w, text=text)
        if duration.approx_days() > MAX_DURATION_YEARS * 365:
            raise ValueError(f"'{text}' is longer than {MAX_DURATION_YEARS} years; is that the period you mean?")
        return duration

    def add_to(self, day: dt.date) -> dt.date:
        """``day`` plus this duration; a date past the calendar's end is its last day (or first)."""
        try:
            return self._add_to(day)
        except (OverflowError, ValueError):
            return dt.date.max if self.approx_days() >= 0 else dt.date.min

    def _add_to(self, day: dt.date) -> dt.date:
        month_index = day.month - 1 + self.months + 12 * self.years
        year = day.year + month_index // 12
        month = month_index % 12 + 1
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, min(day.day, last)) + dt.timedelta(days=self.days)

    def subtract_from(self, day: dt.date) -> dt.date:
        neg = Duration(-self.years, -self.months, -self.days, self.text)
        return neg.add_to(day)

    def approx_days(self) -> int:
        return self.years * 365 + self.months * 30 + self.days

    def __str__(self) -> str:
        return self.text


#: one (immutable) Duration per distinct text the declarations give: thousands of files give the same few
_DURATIONS: dict[str, Duration] = {}


def _duration(value: Any) -> Duration:
    if isinstance(value, Duration):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO 8601 duration such as P2Y, got {value!r}")
    found = _DURATIONS.get(value)
    if found is None:
        found = Duration.parse(value)  # raises for a bad text, which is then not kept
        if len(_DURATIONS) < 4096:
            _DURATIONS[value] = found
    return found


DurationField = Annotated[
    Duration,
    PlainValidator(_duration),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": "^P"}),
]


def _country(value: Any) -> str:
    from policycheck.reference import reference

    if not isinstance(value, str):
        raise ValueError(f"expected an ISO 3166-1 alpha-2 country code such as SE, got {value!r}")
    ref = reference()
    code = ref.country_aliases.get(value, value)
    if code not in ref.countries:
        hint = ""
        upper = value.upper()
        if upper in ref.countries or upper in ref.country_aliases:
            hint = f" (did you mean '{upper}'?)"
        raise ValueError(f"'{value}' is not an ISO 3166-1 alpha-2 country code{hint}")
    return code


Country = Annotated[
    str,
    PlainValidator(_country),
    WithJsonSchema({"type": "string", "pattern": "^[A-Z]{2}$"}),
]


#: the languages a `name` may be given in: the languages of the outputs (`--lang`)
NAME_LANGUAGES: tuple[str, ...] = ("en", "sv")


class Name(str):
    """A declared `name`: text, or FORMAT.md's ``{sv: ..., en: ...}`` mapping.

    The string value is the first text given (what every output shows unless it asks for its
    language); :attr:`texts` holds every text given, in the order given (empty for a plain string).
    """

    #: set on the object only when given: a plain name then gets no ``__dict__`` (memory)
    texts: tuple[tuple[str, str], ...] = ()

    def __new__(cls, value: str, texts: tuple[tuple[str, str], ...] = ()) -> Name:
        self = super().__new__(cls, value)
        if texts:
            self.texts = texts
        return self

    def in_lang(self, lang: str | None) -> str:
        """The text in ``lang``, else the first one given (a plain ``str``)."""
        return dict(self.texts).get(lang or "", str(self))

    def __reduce__(self) -> tuple[Any, ...]:
        return (Name, (str(self), self.texts))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Name):
            return str.__eq__(self, other) and self.texts == other.texts
        return str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = str.__hash__


#: what is written for a name language by mistake (`se` is the country code; ISO 639-1 Swedish is `sv`)
_LANGUAGE_ALIASES = {
    "se": "sv",
    "sw": "sv",
    "swe": "sv",
    "svenska": "sv",
    "swedish": "sv",
    "eng": "en",
    "english": "en",
    "gb": "en",
    "uk": "en",
    "us": "en",
}


def _name(value: Any) -> Name:
    from policycheck.errors import did_you_mean

    if isinstance(value, Name):
        return value
    if isinstance(value, str):
        return Name(value)
    if not isinstance(value, dict):
        got = "a list" if isinstance(value, list | tuple) else repr(value)
        quote = " (put it in quotes)" if isinstance(value, int | float | bool) else ""
        raise ValueError(f"expected text or a mapping of language to text ({{en: ..., sv: ...}}), got {got}{quote}")
    if not value:
        raise ValueError("an empty mapping; give the name as text, or as {en: ..., sv: ...}")
    texts: list[tuple[str, str]] = []
    for lang, text in value.items():
        if lang not in NAME_LANGUAGES:
            alias = _LANGUAGE_ALIASES.get(str(lang).lower())
            hint = f" (did you mean '{alias}'?)" if alias else did_you_mean(str(lang), NAME_LANGUAGES)
            raise ValueError(
                f"'{lang}' is not a language a name can be given in{hint}; use {' or '.join(NAME_LANGUAGES)}"
            )
        if not isinstance(text, str) or not text.strip():
            shown = "nothing" if text is None else repr(text)
            raise ValueError(f"the {lang} text must be non-empty text, got {shown}")
        texts.append((lang, text))
    return Name(texts[0][1], tuple(texts))


def _dump_name(value: Name) -> str | dict[str, str]:
    texts = getattr(value, "texts", ())
    return dict(texts) if texts else str(value)


NameField = Annotated[
    Name,
    PlainValidator(_name),
    PlainSerializer(_dump_name),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "properties": {lang: {"type": "string", "minLength": 1} for lang in NAME_LANGUAGES},
                    "additionalProperties": False,
                    "minProperties": 1,
                },
            ]
        }
    ),
]


def _aware_datetime(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(
                f"'{value}' is not a date and time; "
                "write YYYY-MM-DDTHH:MM with the UTC offset, e.g. 2026-03-02T09:15+01:00"
            ) from None
    elif isinstance(value, dt.date):
        raise ValueError(
            f"{value} has no time of day; write YYYY-MM-DDTHH:MM with the UTC offset, e.g. {value}T09:15+01:00"
        )
    else:
        shown = str(value).lower() if isinstance(value, bool) else repr(value)
        raise ValueError(f"expected a date and time such as 2026-03-02T09:15+01:00, got {shown}")
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise ValueError(
            f"'{value}' has no UTC offset, so the 72 hours cannot be counted; add it, e.g. {parsed.isoformat()}+01:00"
        )
    return parsed


#: a date and time with its UTC offset (``2026-03-02T09:15+01:00``): YAML reads it as text
AwareDateTime = Annotated[
    dt.datetime,
    PlainValidator(_aware_datetime),
    PlainSerializer(lambda v: v.isoformat(), return_type=str),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
