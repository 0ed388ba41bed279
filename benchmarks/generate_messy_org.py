"""Generate a large, *messy* compliance repo: valid input with many findings.

    python benchmarks/generate_messy_org.py OUTDIR --systems 5000 [--seed 7]

A second generator, written independently of ``generate_org.py`` and shaped
differently, so that benchmarks do not tune policycheck to one generator's
habits: a dense random flow graph (every system sends to 2-6 others, so most of
it is one big cycle), processors in sub-processing rings, about half of all
declarations with a gap (no erasure routine, shared accounts, unencrypted
flows, categories that arrive but are not inventoried, processors outside the
EU/EEA without a safeguard, DPAs missing clauses, purposes without a lawful
basis), about three findings per system. Standard library only; the output
depends only on the arguments. ``OUTDIR`` is replaced if it holds a repo this
script generated; any other non-empty directory is refused.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

MARK = ".generated-by-generate_messy_org"
KINDS = ("phone", "email", "chat", "ticketing", "crm", "analytics", "knowledge-base", "notes", "paper", "backup")
CATEGORIES = (
    ("name", "Name", False),
    ("email-address", "E-mail address", False),
    ("phone-number", "Phone number", False),
    ("ticket-text", "Ticket text", False),
    ("orders", "Orders", False),
    ("payments", "Payments", False),
    ("voice", "Voice recordings", False),
    ("location", "Location", False),
    ("health", "Health information", True),
    ("union-membership", "Trade union membership", True),
    ("offences", "Offences", "criminal"),
    ("browsing", "Browsing history", False),
)
PURPOSES = ("support", "billing", "marketing", "fraud", "quality", "analytics", "legal-hold", "research")
TEAMS = (("support", "customer-support"), ("ops", "it"), ("sec", "security"), ("law", "legal"), ("board", "management"))
EEA = ("SE", "DE", "FR", "NL", "IE", "FI", "DK", "PL")
OUTSIDE = ("US", "IN", "BR", "CN", "CH", "GB", "JP")
CLAUSES = (
    "instructions",
    "confidentiality",
    "security",
    "subprocessors",
    "assistance",
    "deletion-or-return",
    "audits",
    "breach-notification",
)
POLICIES = {
    "information-security": ("confidentiality", "integrity", "availability", "access-control"),
    "data-classification": ("handling-per-level",),
    "incident-response": ("breach-notification-72h", "data-subject-communication", "customer-support-role"),
    "personal-data-handling": ("remote-work", "minimisation", "erasure-requests", "access-requests"),
    "data-exchange-security": ("suppliers", "customers", "partners", "dpa-requirement"),
    "business-continuity": ("disruption-handling", "recovery", "breach-drills", "restore-testing"),
}


def flow_list(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


def generate(out: Path, systems: int, seed: int) -> int:
    rnd = random.Random(seed)
    processors = max(4, systems // 5)
    files: dict[str, str] = {}
    teams = "\n".join(
        f"  - {{id: {tid}, name: Team {tid}, function: {fn}, handles_personal_data: true"
        + (", gdpr_training: 2026-03-01}" if rnd.random() < 0.5 else "}")
        for tid, fn in TEAMS
    )
    files["policycheck.yaml"] = (
        "organization:\n  name: Messy Support Ltd\n  country: SE\n  privacy_contact: privacy@messy.example\n"
        f"teams:\n{teams}\nsettings:\n  fail_on: high\n"
    )
    cats = "\n".join(
        f"  - {{id: {cid}, name: {name}, classification: confidential, special: {str(special).lower()}, "
        "subjects: [customer]}"
        for cid, name, special in CATEGORIES
    )
    files["categories.yaml"] = f"categories:\n{cats}\n"
    purposes = []
    for i, pid in enumerate(PURPOSES):
        basis = "" if i % 3 == 2 else ", lawful_basis: contract"
        retention = ", retention: P2Y" if i % 2 == 0 else ""
        chosen = rnd.sample([c for c, _, _ in CATEGORIES], 4)
        purposes.append(
            f"  - {{id: {pid}, name: Purpose {pid}{basis}{retention}, subjects: [customer], "
            f"categories: {flow_list(chosen)}, "
            f"consulted: [{'support' if i % 2 else 'law'}]}}"
        )
    files["purposes.yaml"] = "purposes:\n" + "\n".join(purposes) + "\n"
    sids = [f"sys-{i:06d}" for i in range(systems)]
    pids = [f"proc-{i:05d}" for i in range(processors)]
    for i, pid in enumerate(pids):
        outside = rnd.random() < 0.4
        country = rnd.choice(OUTSIDE if outside else EEA)
        lines = [f"name: Processor {i}", f"country: {country}"]
        if outside and rnd.random() < 0.5:
            lines.append(f"transfer: {{mechanism: {rnd.choice(('scc', 'dpf', 'bcr'))}}}")
        if rnd.random() < 0.85:
            clauses = [c for c in CLAUSES if rnd.random() < 0.8]
            hours = rnd.choice((24, 48, 72, 96))
            chosen = rnd.sample([c for c, _, _ in CATEGORIES], 6)
            lines.append(
                f"dpa: {{signed: 2025-0{rnd.randint(1, 9)}-01, categories: {flow_list(chosen)}, "
                f"purposes: {flow_list(rnd.sample(PURPOSES, 3))}, clauses: {flow_list(clauses)}, "
                f"breach_notification_hours: {hours}}}"
            )
        # sub-processing rings of five
        ring = (i // 5) * 5
        nxt = ring + (i - ring + 1) % 5
        if nxt < processors and nxt != i and rnd.random() < 0.7:
            lines.append(f"subprocessors: [{pids[nxt]}]")
        files[f"processors/{pid}.yaml"] = "\n".join(lines) + "\n"
    rids = [f"rcpt-{i:02d}" for i in range(10)]
    for i, rid in enumerate(rids):
        country = rnd.choice(OUTSIDE if i % 3 == 0 else EEA)
        kind = "authority" if i == 0 else "partner"
        files[f"recipients/{rid}.yaml"] = (
            f"name: Recipient {i}\nkind: {kind}\ncountry: {country}\nlegal_basis: legal-obligation\n"
        )
    catnames = [c for c, _, _ in CATEGORIES]
    for i, sid in enumerate(sids):
        kind = KINDS[i % len(KINDS)]
        stored = rnd.sample(catnames, rnd.randint(1, 4))
        lines = [
            f'name: "System {i} ({kind})"',
            f"kind: {kind}",
            f"owner: {rnd.choice(TEAMS)[0]}",
            f"location: [{rnd.choice(OUTSIDE) if rnd.random() < 0.15 else rnd.choice(EEA)}]",
        ]
        if kind in ("phone", "email", "chat"):
            lines.append("channel: true")
        if rnd.random() < 0.6:
            lines.append(f"processor: {rnd.choice(pids)}")
        lines.append("stores:")
        for c in stored:
            purpose = f", purpose: {rnd.choice(PURPOSES)}" if rnd.random() < 0.8 else ""
            retention = ", retention: P1Y" if rnd.random() < 0.6 else ""
            lines.append(f"  - {{categories: [{c}]{purpose}{retention}}}")
        if rnd.random() < 0.55:
            lines.append(f"erasure: {{method: {rnd.choice(('delete', 'anonymize'))}, within_days: 30}}")
        access = rnd.choice(("role-based", "role-based", "shared-account", "none"))
        lines.append(
            f"security: {{access_control: {access}, mfa: {str(rnd.random() < 0.6).lower()}, "
            f"encryption_at_rest: {str(rnd.random() < 0.7).lower()}, audit_log: {str(rnd.random() < 0.8).lower()}}}"
        )
        flows = []
        for _ in range(rnd.randint(2, 6)):
            r = rnd.random()
            target = rnd.choice(pids) if r < 0.15 else rnd.choice(rids) if r < 0.2 else rnd.choice(sids)
            if target == sid:
                continue
            sent = rnd.sample(catnames, rnd.randint(1, 3))
            extra = ""
            if rnd.random() < 0.5:
                extra += f", purpose: {rnd.choice(PURPOSES)}"
            if rnd.random() < 0.85:
                extra += f", encrypted: {str(rnd.random() < 0.85).lower()}"
            if rnd.random() < 0.1:
                extra += ", transform: anonymized"
            flows.append(f"  - {{to: {target}, categories: {flow_list(sent)}{extra}}}")
        if flows:
            lines.append("flows:")
            lines += flows
        files[f"systems/{sid}.yaml"] = "\n".join(lines) + "\n"
    for n, (ptype, topics) in enumerate(POLICIES.items()):
        if n == 5:
            continue  # one required policy document is missing
        review = "2026-01-01" if n % 2 else "2027-06-01"
        covers = topics[:-1] if n == 2 else topics
        body = "\n".join(f"## {t}\nWhat we do.\n" for t in covers)
        files[f"policies/{ptype}.md"] = (
            f"---\ntype: {ptype}\ntitle: {ptype.replace('-', ' ').title()}\nowner: sec\napproved: 2025-06-01\n"
            f"review_by: {review}\ncovers: {flow_list(list(covers))}\n---\n# {ptype}\n\n{body}"
        )
    files["privacy-notice.md"] = (
        f"---\nversion: '1'\ncategories: {flow_list(catnames[:6])}\npurposes: {flow_list(list(PURPOSES[:4]))}\n"
        f"recipients: [{rids[1]}]\n---\n# Privacy\n"
    )
    if out.exists():
        if not (out / MARK).exists() and any(out.iterdir()):
            raise SystemExit(f"{out}: not empty and not generated by this script; refusing to replace it")
        shutil.rmtree(out)
    for folder in ("systems", "processors", "recipients", "policies"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    for rel, text in files.items():
        (out / rel).write_text(text, encoding="utf-8")
    (out / MARK).write_text("", encoding="utf-8")
    return len(files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--systems", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    n = generate(args.out, args.systems, args.seed)
    print(f"wrote {n} files to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
