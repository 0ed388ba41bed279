"""The report's words in one language: :class:`Texts`, a view of the one catalogue per language.

Every string a report, the record of processing, the data map, the DPIA screening
or the registers show comes from the catalogue of :mod:`policycheck.i18n` (keys
``report.*``, ``section.*``, ``summary.*``, ``dpia.*``, ``breaches.*`` ... in
:mod:`policycheck.i18n.en_report` and :mod:`policycheck.i18n.sv_report`), or from
the declarations and the rule pack. This module keeps only the lookups the report
builders share (plural forms, severities, areas, lawful bases, mechanisms, yes/no).
"""

from __future__ import annotations

from dataclasses import dataclass

from policycheck import i18n
from policycheck.model.types import Duration


@dataclass(frozen=True)
class Texts:
    """The strings of one language, with the formatting rules that differ between languages."""

    lang: str

    def __call__(self, key: str, **fields: object) -> str:
        if not i18n.has(key):
            raise KeyError(f"no report text '{key}'")
        return i18n.word(key, self.lang, None, **fields)

    def plural(self, key: str, n: int, **fields: object) -> str:
        """The text of ``key`` for ``n`` things: ``key.1`` when ``n`` is 1 and the catalogue has it."""
        return i18n.plural(key, n, self.lang, **fields)

    def get(self, key: str, default: str) -> str:
        """The text for ``key``, or ``default`` where the catalogue has none (open vocabularies)."""
        return i18n.word(key, self.lang, default=default)

    def severity(self, severity: str) -> str:
        return i18n.severity(severity, self.lang)

    def area(self, area: str) -> str:
        return self.get(f"area.{area}", area)

    def lawful_basis(self, basis: str | None) -> str:
        if not basis:
            return self("report.not_declared")
        return self.get(f"basis6.{basis}", basis)

    def special_condition(self, condition: str, basis: str | None = None) -> str:
        """An Art. 9(2) condition by name, with its letter ("legal claims (Art. 9(2)(f))"); for
        `national-law`, the provision the purpose names."""
        from policycheck.model import SPECIAL_CONDITIONS

        text = self.get(f"report.condition.{condition}", condition)
        letter = SPECIAL_CONDITIONS.get(condition)
        if letter:
            text += f" ({self.article(f'Art. 9(2)({letter})')})"
        return f"{text}: {basis}" if basis else text

    def mechanism(self, mechanism: str | None) -> str:
        return self(f"mechanism.{mechanism}") if mechanism else self("mechanism.unset")

    def duration(self, duration: Duration | None) -> str:
        """One wording of durations everywhere (:func:`policycheck.i18n.duration`)."""
        if duration is None:
            return self("report.not_declared")
        return i18n.duration(duration, self.lang)

    def articles(self, articles: tuple[str, ...] | list[str]) -> str:
        return i18n.articles(articles, self.lang)

    def article(self, article: str) -> str:
        """``Art. 28(3)(a)-(h)`` in English; ``art. 28.3 a–h`` as Swedish texts write it."""
        return i18n.article(article, self.lang)

    def subject_kind(self, subject: str) -> str:
        return i18n.subject_kind(subject, self.lang)

    def retention_start(self, start: str | None) -> str:
        return i18n.retention_start(start, self.lang)

    def yes_no(self, value: bool | None) -> str:
        if value is None:
            return self("report.not_declared")
        return self("report.yes") if value else self("report.no")


def texts(lang: str) -> Texts:
    return Texts(lang if lang in i18n.LANGUAGES else "en")
