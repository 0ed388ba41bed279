"""One language layer: the words of every output, and the formatters every output uses.

``policycheck.i18n.en`` and ``policycheck.i18n.sv`` are the one catalogue per language
(``WORDS``, the same keys in both): the shared words of the formatters (units, severities,
list words, retention starts, data-subject kinds), gathered with the parts ``<lang>_report``
(gap report, RoPA, data map, DPIA, registers), ``<lang>_render`` (the ``check`` and ``diff``
renderers, the ``rules`` list) and ``<lang>_rules`` (rule docs, the wording of facts).
:func:`word` is the one lookup; :mod:`policycheck.i18n.format` formats durations, dates and
times, countries, article citations, severities, counts, lists and entity names. Renderers,
templates, reports and docs call these; none keeps its own words (tests/test_i18n_catalogue.py).
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
    plural,
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
    "plural",
    "retention_start",
    "severity",
    "severity_count",
    "subject_kind",
    "word",
]
