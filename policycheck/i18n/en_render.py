"""English words of the findings renderers (``check`` as text and Markdown, ``diff``), of the
``rules`` list and of the ``baseline`` confirmation: part of the English catalogue
(:mod:`policycheck.i18n.en`; the keys of :mod:`policycheck.i18n.sv_render` exactly)."""

WORDS: dict[str, str] = {
    # check --format text: the summary line
    "render.text.none": "No findings",
    "render.text.finding": "finding",
    "render.text.findings": "findings",
    "render.text.waived": "waived",
    "render.text.waived_one": "waived",
    "render.text.baselined": "baselined",
    # check --format markdown (a pull-request comment), and diff's Markdown
    "render.markdown.title": "policycheck",
    "render.markdown.none": "no findings",
    "render.markdown.finding": "finding",
    "render.markdown.findings": "findings",
    "render.markdown.severity": "Severity",
    "render.markdown.rule": "Rule",
    "render.markdown.subject": "Subject",
    "render.markdown.where": "Where",
    "render.markdown.message": "Message",
    "render.markdown.fails": "**Gate: failed**: {n} at or above `{level}`.",
    "render.markdown.passes": "**Gate: passed**: nothing at or above `{level}`.",
    "render.markdown.waived_one": "1 waived finding",
    "render.markdown.waived_many": "{n} waived findings",
    "render.markdown.waiver": "Waiver",
    "render.markdown.expires": "Expires",
    "render.markdown.reason": "Reason",
    "render.markdown.baselined": "{n} known {findings} in the baseline are not shown.",
    "render.markdown.introduced": "introduced",
    "render.markdown.resolved": "resolved",
    "render.markdown.unchanged": "unchanged",
    "render.markdown.now_waived": "(now waived)",
    # diff --format text
    "render.diff.head": "{introduced}, {resolved}, {unchanged} ({base} -> {head})",
    "render.diff.introduced.1": "{n} introduced",
    "render.diff.introduced.n": "{n} introduced",
    "render.diff.resolved.1": "{n} resolved",
    "render.diff.resolved.n": "{n} resolved",
    "render.diff.unchanged.1": "{n} unchanged",
    "render.diff.unchanged.n": "{n} unchanged",
    "render.diff.introduced": "Introduced:",
    "render.diff.resolved": "Resolved:",
    "render.diff.waived": " (now waived)",
    "render.diff.missing": "({base} has no compliance repo here: every finding is new)",
    # policycheck rules: the list's header and footer
    "cli.rules.id": "ID",
    "cli.rules.severity": "SEVERITY",
    "cli.rules.area": "AREA",
    "cli.rules.title": "TITLE",
    "cli.rules.footer": "{n} rules ({builtin} built-in, {custom} custom).",
    # policycheck baseline: the confirmation
    "cli.baseline.wrote.1": "Wrote {n} finding to {target}; `{again}` now reports only new ones.",
    "cli.baseline.wrote.n": "Wrote {n} findings to {target}; `{again}` now reports only new ones.",
}
