"""The English catalogue: every word of every output in English, under one lookup
(:func:`policycheck.i18n.word`); the keys of :mod:`policycheck.i18n.sv` exactly (a test checks
that, and that every key is used).

The shared words of the formatters (units, severities, list words, retention starts, data-subject
kinds) are below; the words of the reports (``en_report``), of the findings renderers and the
CLI (``en_render``), of the rule docs and facts (``en_rules``) and of the support answers
(``en_support``: keys ``support.*``) are parts of it, each in its own module so that no file
grows unwieldy. A key is in exactly one part.
"""

from policycheck.i18n import en_render, en_report, en_rules, en_support

WORDS: dict[str, str] = {
    **en_report.WORDS,
    **en_render.WORDS,
    **en_rules.WORDS,
    **en_support.WORDS,
    "and": "and",
    "duration.year.1": "{n} year",
    "duration.year.n": "{n} years",
    "duration.month.1": "{n} month",
    "duration.month.n": "{n} months",
    "duration.week.1": "{n} week",
    "duration.week.n": "{n} weeks",
    "duration.day.1": "{n} day",
    "duration.day.n": "{n} days",
    "severity.critical.1": "critical",
    "severity.critical.n": "critical",
    "severity.high.1": "high",
    "severity.high.n": "high",
    "severity.medium.1": "medium",
    "severity.medium.n": "medium",
    "severity.low.1": "low",
    "severity.low.n": "low",
    "severity.info.1": "info",
    "severity.info.n": "info",
    "retention_from_other": "counted from “{what}”",
    "retention_from.case-closed": "after the case is closed",
    "retention_from.call-ended": "after the call",
    "retention_from.response-given": "after the response is given",
    "retention_from.end-of-financial-year": "after the end of the financial year",
    "retention_from.claim-settled": "after the claim is settled",
    "retention_from.backup-taken": "after the backup is taken",
    "retention_from.collected": "after we receive the data",
    "retention_from.created": "after the record is created",
    "retention_from.received": "after we receive the data",
    "retention_from.contract-ended": "after the contract ends",
    "retention_from.relationship-ended": "after our customer relationship ends",
    "retention_from.customer-relationship-ended": "after our customer relationship ends",
    "retention_from.last-contact": "after your last contact with us",
    "retention_from.account-closed": "after the account is closed",
    "retention_from.purchase": "after the purchase",
    "retention_from.delivery": "after delivery",
    "retention_from.order-delivered": "after delivery",
    "retention_from.message-received": "after the message is received",
    "retention_from.call": "after the call",
    "retention_from.collection": "after we receive the data",
    "retention_from.consent-withdrawn": "after you withdraw your consent",
    "retention_from.case-opened": "after the case is opened",
    "retention_from.order-placed": "after the order is placed",
    "retention_from.payment": "after the payment",
    "retention_from.registration": "after you register",
    "retention_from.subscription-ended": "after the subscription ends",
    "retention_from.employment-ended": "after the employment ends",
    "retention_from.recording": "after the recording",
    "subject_kind": "data subjects of type “{subject}”",
    "subject_kind.customer": "customers",
    "subject_kind.employee": "employees",
    "subject_kind.prospect": "prospective customers",
    "subject_kind.visitor": "visitors",
    # the Art. 28(3) clauses of a DPA (`dpa.clauses`), as a message names them
    "clause.instructions": "processing only on our documented instructions",
    "clause.confidentiality": "confidentiality of everyone who processes the data",
    "clause.security": "the security measures of Art. 32",
    "clause.subprocessors": "the conditions for engaging sub-processors",
    "clause.assistance": "assistance with data subjects' rights and our obligations under Arts. 32–36",
    "clause.breach-notification": "notifying us of personal data breaches without undue delay",
    "clause.deletion-or-return": "deleting or returning the data when the service ends",
    "clause.audits": "information and audits to show compliance",
}
