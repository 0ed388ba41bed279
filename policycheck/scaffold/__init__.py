"""The files `policycheck init` writes: a small, valid compliance repo with TODOs.

It declares nothing that someone has not confirmed: no training, drill, restore
test or policy approval is dated, and no security measure is claimed, so the
first `policycheck check` lists exactly what is still to be done. The policy
texts are `TODO` lines (the skeleton's marker, a placeholder of the rule
`policy-incomplete`), so `check` fails until someone writes them.
"""

from __future__ import annotations

import datetime as dt

from policycheck.reference import reference

#: a note in each skeleton policy (an HTML comment: neither policy text nor a placeholder itself)
_WRITE_ME = (
    "<!-- Replace every line below with the policy itself: for each topic of `covers`, what staff must do, "
    "who decides and within what time (150 words or more). `policycheck check` reports policy-incomplete "
    "until no placeholder is left. -->"
)


def _policy(ptype: str, owner: str) -> str:
    pt = reference().policy_types[ptype]
    levels = "levels: [public, internal, confidential, restricted]\n" if pt.requires_levels else ""
    sections = "\n".join(
        f"## {pt.topics.get(t, {}).get('en', t).capitalize()}\n\nTODO: write the rule for `{t}`.\n"
        for t in pt.must_cover
    )
    return (
        f"---\ntype: {ptype}\ntitle: {pt.title['en']}\nowner: {owner}\n"
        f"# approved: YYYY-MM-DD   (when management adopted it)\n# review_by: YYYY-MM-DD  (next review)\n"
        f"covers: [{', '.join(pt.must_cover)}]\n{levels}---\n"
        f"# {pt.title['en']}\n\n{_WRITE_ME}\n\nThis policy governs {pt.governs.get('en', ptype)}.\n\n{sections}"
    )


def files(name: str, country: str, contact: str, today: dt.date) -> dict[str, str]:
    out = {
        "policycheck.yaml": f"""\
# The compliance repo's root: organization, teams, settings, rule overrides, waivers.
# The format: docs/format.md in policycheck.
organization:
  name: {name}
  country: {country}
  privacy_contact: {contact}
teams:
  - id: customer-support
    name: Customer support
    function: customer-support
    handles_personal_data: true
    # gdpr_training: YYYY-MM-DD   (the last GDPR awareness training)
  - id: security
    name: Information security
    function: security
    handles_personal_data: true
    # gdpr_training: YYYY-MM-DD
settings:
  fail_on: high
  language: en
rules: {{}}
waivers: []
""",
        "categories.yaml": """\
categories:
  - id: contact-details
    name: Contact details
    description: Name, e-mail address, phone number
    classification: internal
    special: false
    subjects: [customer]
  - id: case-history
    name: Case history
    description: What the customer asked and what we answered
    classification: confidential
    subjects: [customer]
""",
        "purposes.yaml": """\
purposes:
  - id: customer-support
    name: Handling customer support cases
    lawful_basis: contract
    subjects: [customer]
    categories: [contact-details, case-history]
    retention: P2Y
    retention_from: case-closed
    consulted: [customer-support]
""",
        "systems/support-mailbox.yaml": """\
# One file per system: channel, tool, archive, notes, paper, backup.
name: Support mailbox
kind: email
channel: true
owner: customer-support
location: [SE]
stores:
  - categories: [contact-details, case-history]
    purpose: customer-support
erasure:
  method: delete
  procedure: TODO describe how an agent deletes a customer's e-mails
  within_days: 30
# security:                  (declare what is actually in place)
#   access_control: role-based
#   mfa: true
#   encryption_at_rest: true
#   audit_log: true
""",
        "exercises.yaml": """\
# Breach drills and continuity tests that were held, for example:
#   - date: 2026-05-14
#     kind: breach-drill          # breach-drill | continuity-test | restore-test
#     scenario: Stolen agent credentials in the ticketing system
#     participants: [customer-support, security]
exercises: []
""",
        "breaches.yaml": """\
# The breach register (Art. 33(5)): every personal data breach, notified or not, for example:
#   - id: 2026-03-phishing
#     aware: 2026-03-02T09:15+01:00      # when we became aware, with the UTC offset
#     systems: [support-mailbox]
#     categories: [contact-details]
#     risk: low                          # none | low | high
#     authority_notified: false          # or the time of notification
#     not_notified_reason: One recipient, who confirmed deletion the same day
# `policycheck breach-impact NODE --as-of TIME --record` adds an entry for you.
breaches: []
""",
        "privacy-notice.md": f"""\
---
version: {today.year}-{today.month:02d}
categories: [contact-details, case-history]
purposes: [customer-support]
recipients: []
transfers: []
---
# How {name} handles your personal data

TODO: the notice your customers read.
""",
    }
    for ptype in reference().policy_types:
        out[f"policies/{ptype}.md"] = _policy(ptype, "security")
    return out
