"""English words of the rule docs (``policycheck rules explain``, ``docs/rules/``) and of the facts
the rule messages quote: part of the English catalogue (:mod:`policycheck.i18n.en`; the keys of
:mod:`policycheck.i18n.sv_rules` exactly)."""

WORDS: dict[str, str] = {
    # a rule's page: the sections (the Swedish ones are the headings of the gap report)
    "docs.section.what": "What it does",
    "docs.section.why": "Why is this bad?",
    "docs.section.example": "Example",
    "docs.section.fix": "How to fix",
    # a rule's page: the other words
    "docs.label.severity": "Severity",
    "docs.label.area": "Area",
    "docs.label.articles": "Articles",
    "docs.label.source": "Source",
    "docs.label.checks": "Checks",
    "docs.label.each": "each",
    "docs.label.defined": "Defined in",
    "docs.label.parameters": "Parameters",
    "docs.label.params.name": "name",
    "docs.label.params.default": "default",
    "docs.label.params.override": "Override them in `policycheck.yaml`",
    "docs.label.message": "Message",
    "docs.label.references": "References",
    "docs.label.examples": "Tested examples",
    "docs.label.examples.intro": "`policycheck rules test` runs each of them.",
    "docs.label.examples.on": "on",
    "docs.label.fires": "fires",
    "docs.label.passes": "passes",
    # the areas of the rule catalogue (docs/rules/index.md)
    "docs.area.inventory": "Inventory and purpose",
    "docs.area.erasure-security": "Systems, erasure and security",
    "docs.area.processors": "Processors",
    "docs.area.transfers": "Transfers outside the EU/EEA",
    "docs.area.readiness": "The six required policies and readiness",
    "docs.area.evidence": "Evidence and accountability",
    "docs.area.impact-assessments": "Impact assessments (Art. 35)",
    "docs.area.registers": "Registers (Art. 33(5))",
    "docs.area.waivers": "Waivers",
    "docs.area.custom": "The organization's own rules",
    # document-reference.problem: why a referenced document is not found
    "fact.why_not.missing": "no such file in the repo",
    "fact.why_not.outside": "the path leaves the repo: an absolute path, `..` or a symlink out of it",
    "fact.why_not.not-a-file": "not a file (a directory?)",
    "fact.why_not.http": "an `http://` URL: use the `https://` address",
    "fact.why_not.url": "a URL that is not `https://`",
    # purpose.art9_condition_issue / art10_condition_issue
    "fact.condition.missing": "no `special_condition` is declared",
    "fact.condition.unknown": (
        "`special_condition: {value}` is not a condition of the list (free text is no condition{hint})"
    ),
    "fact.condition.hint": "; did you mean `{hint}`?",
    "fact.condition.basis": "`national-law` needs the provision in `special_condition_basis`",
    "fact.condition.not-art10": (
        "`{value}` is an Art. 9(2) condition and does not authorise criminal-offence data: declare "
        "`national-law` with the provision in `special_condition_basis`"
    ),
    # holder.adequacy_claimed_without_decision
    "fact.no_adequacy": "{country} (no adequacy decision)",
    "fact.dpf_us_only": "{country} (`dpf` is the US decision only)",
    # required-policy: an absent topic
    "fact.levels_field": "the `levels` field",
    # system.at_rest_measure
    "fact.at_rest.locked": "locked storage",
    "fact.at_rest.encryption": "encryption at rest",
}
