"""The Swedish catalogue: every word of every output in Swedish, under one lookup
(:func:`policycheck.i18n.word`); the keys of :mod:`policycheck.i18n.en` exactly (a test checks
that, and that every key is used).

The shared words of the formatters (units, severities, list words, retention starts, data-subject
kinds) are below; the words of the reports (``sv_report``), of the findings renderers and the
CLI (``sv_render``), of the rule docs and facts (``sv_rules``) and of the support answers
(``sv_support``: keys ``support.*``) are parts of it, each in its own module so that no file
grows unwieldy. A key is in exactly one part.
"""

from policycheck.i18n import sv_render, sv_report, sv_rules, sv_support

WORDS: dict[str, str] = {
    **sv_report.WORDS,
    **sv_render.WORDS,
    **sv_rules.WORDS,
    **sv_support.WORDS,
    "and": "och",
    "duration.year.1": "{n} år",
    "duration.year.n": "{n} år",
    "duration.month.1": "{n} månad",
    "duration.month.n": "{n} månader",
    "duration.week.1": "{n} vecka",
    "duration.week.n": "{n} veckor",
    "duration.day.1": "{n} dag",
    "duration.day.n": "{n} dagar",
    "severity.critical.1": "kritisk",
    "severity.critical.n": "kritiska",
    "severity.high.1": "hög",
    "severity.high.n": "höga",
    "severity.medium.1": "medel",
    "severity.medium.n": "medel",
    "severity.low.1": "låg",
    "severity.low.n": "låga",
    "severity.info.1": "info",
    "severity.info.n": "info",
    "retention_from_other": "räknat från ”{what}”",
    "retention_from.case-closed": "efter att ärendet har avslutats",
    "retention_from.call-ended": "efter samtalet",
    "retention_from.response-given": "efter att svaret har lämnats",
    "retention_from.end-of-financial-year": "efter räkenskapsårets slut",
    "retention_from.claim-settled": "efter att skulden har reglerats",
    "retention_from.backup-taken": "efter att säkerhetskopian har tagits",
    "retention_from.collected": "efter att vi har fått uppgifterna",
    "retention_from.created": "efter att uppgiften har skapats",
    "retention_from.received": "efter att vi har fått uppgifterna",
    "retention_from.contract-ended": "efter att avtalet har upphört",
    "retention_from.relationship-ended": "efter att kundförhållandet har upphört",
    "retention_from.customer-relationship-ended": "efter att kundförhållandet har upphört",
    "retention_from.last-contact": "efter din senaste kontakt med oss",
    "retention_from.account-closed": "efter att kontot har avslutats",
    "retention_from.purchase": "efter köpet",
    "retention_from.delivery": "efter leveransen",
    "retention_from.order-delivered": "efter leveransen",
    "retention_from.message-received": "efter att meddelandet har kommit in",
    "retention_from.call": "efter samtalet",
    "retention_from.collection": "efter att vi har fått uppgifterna",
    "retention_from.consent-withdrawn": "efter att du har återkallat ditt samtycke",
    "retention_from.case-opened": "efter att ärendet har öppnats",
    "retention_from.order-placed": "efter att beställningen har lagts",
    "retention_from.payment": "efter betalningen",
    "retention_from.registration": "efter att du har registrerat dig",
    "retention_from.subscription-ended": "efter att prenumerationen har upphört",
    "retention_from.employment-ended": "efter att anställningen har upphört",
    "retention_from.recording": "efter inspelningen",
    "subject_kind": "registrerade av typen ”{subject}”",
    "subject_kind.customer": "kunder",
    "subject_kind.employee": "anställda",
    "subject_kind.prospect": "potentiella kunder",
    "subject_kind.visitor": "besökare",
    # the Art. 28(3) clauses of a DPA (`dpa.clauses`), as a message names them
    "clause.instructions": "behandling endast enligt våra dokumenterade instruktioner",
    "clause.confidentiality": "tystnadsplikt för alla som behandlar uppgifterna",
    "clause.security": "säkerhetsåtgärder enligt artikel 32",
    "clause.subprocessors": "villkor för att anlita underbiträden",
    "clause.assistance": "hjälp med de registrerades rättigheter och våra skyldigheter enligt artiklarna 32–36",
    "clause.breach-notification": "underrättelse till oss om personuppgiftsincidenter utan onödigt dröjsmål",
    "clause.deletion-or-return": "radering eller återlämnande av uppgifterna när tjänsten upphör",
    "clause.audits": "information och granskningar som visar att kraven följs",
}
