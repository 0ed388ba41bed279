"""One language layer: the formatters every output uses, and the words they need.

``policycheck.i18n.en`` and ``policycheck.i18n.sv`` are the catalogues of the shared words
(units, severities, list words, retention starts, data-subject kinds, clause and topic
names); :mod:`policycheck.i18n.format` formats durations, dates and times, countries,
article citations, severities, counts, lists and entity names. Renderers, templates,
reports and support texts call these; none keeps its own copy.
"""

from __future__ import annotations

from policycheck.i18n.format import (
    LANGUAGES,
    article,
    articles,
    count,
    date,
    datetime,
    duration,
    entity_name,
    has,
    join,
    name_of,
    retention_start,
    severity,
    severity_count,
    subject_kind,
    word,
)

__all__ = [
    "LANGUAGES",
    "article",
    "articles",
    "count",
    "date",
    "datetime",
    "duration",
    "entity_name",
    "has",
    "join",
    "name_of",
    "retention_start",
    "severity",
    "severity_count",
    "subject_kind",
    "word",
]
