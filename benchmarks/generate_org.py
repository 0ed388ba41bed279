"""Generate a large synthetic compliance repo in the format of FORMAT.md.

    python benchmarks/generate_org.py OUTDIR --systems 5000 --processors 1000 [--seed 1]

The repo is valid (it loads without errors) and deterministic for a given seed
and size. It is mostly compliant; a small, seeded share of declarations carries
typical gaps (``--noise``) so that every stage of ``check``, including the
renderers, has findings to work on. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

AS_OF_YEAR = 2026
LEVELS = ("public", "internal", "confidential", "restricted")
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
EEA = (
    "SE", "DK", "FI", "NO", "DE", "NL", "IE", "FR", "BE", "AT", "PL", "ES", "IT", "EE", "IS",
)  # fmt: skip
POLICY_TOPICS: dict[str, tuple[str, ...]] = {
    "information-security": ("confidentiality", "integrity", "availability", "access-control"),
    "data-classification": ("handling-per-level",),
    "incident-response": (
        "breach-notification-72h",
        "data-subject-communication",
        "customer-support-role",
        "breach-register",
    ),
    "personal-data-handling": (
        "remote-work",
        "minimisation",
        "erasure-requests",
        "access-requests",
    ),
    "data-exchange-security": ("suppliers", "customers", "partners", "dpa-requirement"),
    "business-continuity": ("disruption-handling", "recovery", "breach-drills", "restore-testing"),
}
# (id, name, classification, special)
CATEGORIES: tuple[tuple[str, str, str, str], ...] = (
    ("contact-details", "Contact details", "internal", "false"),
    ("postal-address", "Postal address", "internal", "false"),
    ("case-history", "Case history", "confidential", "false"),
    ("order-history", "Order history", "internal", "false"),
    ("payment-details", "Payment details", "restricted", "false"),
    ("call-recordings", "Call recordings", "confidential", "false"),
    ("chat-transcripts", "Chat transcripts", "confidential", "false"),
    ("email-content", "E-mail content", "confidential", "false"),
    ("survey-responses", "Survey responses", "internal", "false"),
    ("account-credentials", "Account credentials", "restricted", "false"),
    ("device-info", "Device information", "internal", "false"),
    ("ip-addresses", "IP addresses", "internal", "false"),
    ("delivery-details", "Delivery details", "internal", "false"),
    ("return-details", "Return details", "internal", "false"),
    ("warranty-claims", "Warranty claims", "confidential", "false"),
    ("loyalty-points", "Loyalty programme data", "internal", "false"),
    ("marketing-preferences", "Marketing preferences", "internal", "false"),
    ("identity-documents", "Identity documents", "restricted", "false"),
    ("credit-checks", "Credit check results", "restricted", "false"),
    ("invoices", "Invoices", "confidential", "false"),
    ("social-media-handles", "Social media handles", "public", "false"),
    ("product-reviews", "Product reviews", "public", "false"),
    ("agent-notes", "Agent notes", "confidential", "false"),
    ("callback-requests", "Callback requests", "internal", "false"),
    ("language-preference", "Language preference", "internal", "false"),
    ("accessibility-needs", "Accessibility needs", "restricted", "true"),
    ("health-data", "Health information", "restricted", "true"),
    ("fraud-reports", "Fraud reports", "restricted", "criminal"),
    ("employee-contact", "Employee contact details", "internal", "false"),
    ("usage-statistics", "Usage statistics", "internal", "false"),
)
LAWFUL_BASES = ("contract", "contract", "legal-obligation", "legitimate-interests", "consent")
SYSTEM_KINDS = (
    "phone", "email", "chat", "ticketing", "crm", "analytics", "knowledge-base", "notes",
    "paper", "backup", "other",
)  # fmt: skip
CHANNEL_KINDS = frozenset({"phone", "email", "chat", "ticketing", "paper"})
FREE_TEXT_KINDS = frozenset({"email", "chat", "ticketing", "notes", "paper", "knowledge-base"})
TEAMS: tuple[tuple[str, str, str], ...] = (
    ("customer-support", "Kundtjänst", "customer-support"),
    ("it", "IT", "it"),
    ("ciso", "Informationssäkerhet", "security"),
    ("legal", "Juridik", "legal"),
    ("management", "Ledning", "management"),
    ("support-nordics", "Kundtjänst Norden", "customer-support"),
    ("support-b2b", "Företagssupport", "customer-support"),
    ("finance", "Ekonomi", "other"),
)


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def flow_list(items: Iterable[str]) -> str:
    return "[" + ", ".join(items) + "]"


@dataclass
class StoreEntry:
    categories: list[str]
    purpose: str


@dataclass
class SystemDecl:
    id: str
    kind: str
    processor: str | None
    location: list[str]
    stores: list[StoreEntry] = field(default_factory=list)
    flows: list[str] = field(default_factory=list)  # rendered YAML blocks


@dataclass
class ProcessorDecl:
    id: str
    tier: int
    country: str
    locations: list[str]
    mechanism: str | None
    subprocessors: list[str] = field(default_factory=list)
    categories: set[str] = field(default_factory=set)
    purposes: set[str] = field(default_factory=set)


class Generator:
    def __init__(self, out: Path, systems: int, processors: int, seed: int, noise: float) -> None:
        self.out = out
        self.n_systems = systems
        self.n_processors = max(processors, 4)
        self.rng = random.Random(seed)
        self.noise = noise
        self.files = 0
        self.purposes: dict[str, list[str]] = {}
        self.special = {c[0] for c in CATEGORIES if c[3] != "false"}
        self.processors: list[ProcessorDecl] = []
        self.by_id: dict[str, ProcessorDecl] = {}
        self.systems: list[SystemDecl] = []
        self.recipients: list[tuple[str, str, str, str]] = []  # id, name, kind, country
        self.third_countries: set[str] = set()

    # --- helpers -------------------------------------------------------------

    def write(self, rel: str, text: str) -> None:
        path = self.out / rel
        path.write_text(text, encoding="utf-8")
        self.files += 1

    def noisy(self) -> bool:
        return self.rng.random() < self.noise

    def date(self, start_month: int, span_months: int) -> str:
        """A date ``start_month`` months after 2025-01 plus up to ``span_months``."""
        month = start_month + self.rng.randrange(span_months + 1)
        year = 2025 + month // 12
        return f"{year:04d}-{month % 12 + 1:02d}-{self.rng.randint(1, 28):02d}"

    # --- the parts ------------------------------------------------------------

    def run(self) -> None:
        for sub in ("systems", "processors", "recipients", "policies", "docs"):
            (self.out / sub).mkdir(parents=True, exist_ok=True)
        self.make_purposes()
        self.make_processors()
        self.make_recipients()
        self.make_systems()
        self.make_flows()
        self.write_categories()
        self.write_purposes()
        self.write_systems()
        self.write_processors()
        self.write_recipients()
        self.write_config()
        self.write_policies()
        self.write_exercises()
        self.write_notice()

    def make_purposes(self) -> None:
        cats = [c[0] for c in CATEGORIES if c[0] != "employee-contact"]
        names = (
            "customer-support", "complaints", "returns", "warranty", "bookkeeping",
            "debt-collection", "fraud-prevention", "call-quality", "customer-feedback",
            "statistics", "backup-and-restore", "loyalty-programme", "newsletter",
            "account-management", "delivery-tracking", "accessibility-service",
            "b2b-support", "social-media-support", "identity-verification", "staff-rota",
        )  # fmt: skip
        for pid in names:
            chosen = sorted(self.rng.sample(cats, self.rng.randint(3, 8)))
            if pid == "statistics":
                chosen = ["case-history", "usage-statistics"]
            elif pid == "staff-rota":
                chosen = ["employee-contact"]
            self.purposes[pid] = chosen
        # every category belongs to some purpose
        used = {c for v in self.purposes.values() for c in v}
        for i, c in enumerate(sorted(set(cats) - used)):
            self.purposes[names[i % 10]].append(c)

    def make_processors(self) -> None:
        n = self.n_processors
        tiers = [0] * (n * 6 // 10) + [1] * (n * 2 // 10) + [2] * (n // 10)
        tiers += [3] * (n - len(tiers))
        for i, tier in enumerate(tiers):
            roll = self.rng.random()
            if roll < 0.70:
                country = self.rng.choice(EEA)
                locations = [country]
                mechanism = None
            elif roll < 0.85:
                country = "US"
                locations = [self.rng.choice(("IE", "DE", "NL")), "US"]
                mechanism = self.rng.choice(("dpf", "scc", "bcr"))
            elif roll < 0.95:
                country = self.rng.choice(("GB", "CH", "JP", "CA"))
                locations = [country]
                mechanism = "adequacy"
            else:
                country = self.rng.choice(("IN", "SG", "AU", "ZA"))
                locations = [country]
                mechanism = None if self.rng.random() < 5 * self.noise else "scc"
            self.third_countries.update(c for c in locations if c not in EEA)
            self.processors.append(
                ProcessorDecl(f"vendor-{i + 1:05d}", tier, country, locations, mechanism)
            )
        self.by_id = {p.id: p for p in self.processors}
        by_tier: dict[int, list[ProcessorDecl]] = {0: [], 1: [], 2: [], 3: []}
        for p in self.processors:
            by_tier[p.tier].append(p)
        # every processor of tier k > 0 is a sub-processor of one of tier k - 1
        for tier in (1, 2, 3):
            parents = by_tier[tier - 1]
            for p in by_tier[tier]:
                parent = self.rng.choice(parents)
                parent.subprocessors.append(p.id)
            for parent in parents:  # and some share a popular sub-processor
                if by_tier[tier] and self.rng.random() < 0.3:
                    extra = self.rng.choice(by_tier[tier]).id
                    if extra not in parent.subprocessors:
                        parent.subprocessors.append(extra)

    def make_recipients(self) -> None:
        self.recipients.append(("skatteverket", "Skatteverket", "authority", "SE"))
        self.recipients.append(("imy", "Integritetsskyddsmyndigheten", "authority", "SE"))
        for i in range(1, 19):
            country = self.rng.choice(EEA)
            self.recipients.append((f"partner-{i:02d}", f"Partner {i} AB", "partner", country))

    def make_systems(self) -> None:
        direct = [p for p in self.processors if p.tier == 0]
        purpose_ids = sorted(p for p in self.purposes if p != "statistics")
        for i in range(self.n_systems):
            kind = SYSTEM_KINDS[i % len(SYSTEM_KINDS)] if i < 50 else self.rng.choice(SYSTEM_KINDS)
            if i < len(direct):  # every direct processor runs at least one system
                proc: ProcessorDecl | None = direct[i]
            elif self.rng.random() < 0.75:
                proc = self.rng.choice(direct)
            else:
                proc = None
            location = [c for c in proc.locations if c in EEA] if proc else ["SE"]
            if proc is not None and proc.country in ("GB", "CH") and self.noisy():
                location = [proc.country]  # outside the EEA, under a full adequacy decision
            location = location or ["SE"]
            system = SystemDecl(f"{kind}-{i + 1:05d}", kind, proc.id if proc else None, location)
            if kind == "analytics":
                system.stores.append(StoreEntry(["usage-statistics"], "statistics"))
            else:
                for pid in sorted(self.rng.sample(purpose_ids, self.rng.randint(1, 3))):
                    pcats = self.purposes[pid]
                    k = self.rng.randint(1, min(4, len(pcats)))
                    system.stores.append(StoreEntry(sorted(self.rng.sample(pcats, k)), pid))
            self.systems.append(system)
            if proc is not None:
                for st in system.stores:
                    proc.categories.update(st.categories)
                    proc.purposes.add(st.purpose)

    def make_flows(self) -> None:
        n = len(self.systems)
        direct = [p for p in self.processors if p.tier == 0]
        for i, src in enumerate(self.systems):
            if src.kind == "analytics":  # statistics stay where they are
                continue
            first = src.stores[0]
            for _ in range(self.rng.randint(0, 3)):
                roll = self.rng.random()
                cats = sorted(self.rng.sample(first.categories, min(2, len(first.categories))))
                if roll < 0.80 and i + 1 < n:  # forward edge: a DAG ...
                    j = self.rng.randint(i + 1, min(n - 1, i + 200))
                    self.flows_to_system(src, self.systems[j])
                elif roll < 0.88 and i > 0:  # ... with some back edges: cycles
                    self.flows_to_system(src, self.systems[self.rng.randrange(i)])
                elif roll < 0.94:
                    target = self.rng.choice(direct)
                    target.categories.update(cats)
                    target.purposes.add(first.purpose)
                    src.flows.append(self.flow(target.id, cats, first.purpose))
                else:
                    rid = self.rng.choice(self.recipients)[0]
                    src.flows.append(self.flow(rid, cats, first.purpose))

    def flows_to_system(self, src: SystemDecl, dst: SystemDecl) -> None:
        if dst.id == src.id:
            return
        st = self.rng.choice(dst.stores)
        cats = sorted(self.rng.sample(st.categories, self.rng.randint(1, len(st.categories))))
        if self.noisy():  # an inflow the target does not inventory
            extra = self.rng.choice([c[0] for c in CATEGORIES])
            if extra not in cats:
                cats.append(extra)
        transform = "anonymized" if dst.kind == "analytics" else "none"
        if transform == "none" and dst.processor is not None:
            dproc = self.by_id[dst.processor]
            dproc.categories.update(cats)
            dproc.purposes.add(st.purpose)
        src.flows.append(self.flow(dst.id, cats, st.purpose, transform))

    def flow(self, to: str, cats: Sequence[str], purpose: str, transform: str = "none") -> str:
        encrypted = "false" if self.noisy() else "true"
        return (
            f"  - to: {to}\n"
            f"    categories: {flow_list(cats)}\n"
            f"    purpose: {purpose}\n"
            f"    transform: {transform}\n"
            f"    encrypted: {encrypted}\n"
        )

    # --- writers ----------------------------------------------------------------

    def write_categories(self) -> None:
        lines = ["categories:\n"]
        for cid, name, level, special in CATEGORIES:
            subjects = "[employee]" if cid == "employee-contact" else "[customer]"
            lines.append(
                f"  - id: {cid}\n    name: {q(name)}\n    classification: {level}\n"
                f"    special: {special}\n    subjects: {subjects}\n"
            )
        self.write("categories.yaml", "".join(lines))

    def write_purposes(self) -> None:
        lines = ["purposes:\n"]
        consent_record = next(s.id for s in self.systems if s.kind == "crm")
        for idx, (pid, cats) in enumerate(sorted(self.purposes.items())):
            basis = LAWFUL_BASES[idx % len(LAWFUL_BASES)]
            if pid == "bookkeeping":
                basis = "legal-obligation"
            block = [f"  - id: {pid}\n    name: {q(pid.replace('-', ' ').capitalize())}\n"]
            block.append(f"    lawful_basis: {basis}\n")
            if basis == "legitimate-interests":
                block.append(f"    assessment: docs/lia-{pid}.md\n")
                self.write(f"docs/lia-{pid}.md", f"# Legitimate interests assessment: {pid}\n")
            if basis == "consent":
                block.append(f"    consent_record: {consent_record}\n")
            if self.special & set(cats):
                block.append("    special_condition: legal-claims\n")
            subjects = "[employee]" if pid == "staff-rota" else "[customer]"
            years = 7 if pid == "bookkeeping" else self.rng.randint(1, 3)
            consulted = "[legal, management]" if self.noisy() else "[customer-support, legal]"
            block.append(
                f"    subjects: {subjects}\n    categories: {flow_list(cats)}\n"
                f"    retention: P{years}Y\n    retention_from: case-closed\n"
            )
            if pid == "bookkeeping":
                block.append(
                    f"    retention_basis: {q('Bokföringslagen (1999:1078) 7 kap. 2 §')}\n"
                )
            block.append(f"    consulted: {consulted}\n")
            lines.append("".join(block))
        self.write("purposes.yaml", "".join(lines))

    def write_systems(self) -> None:
        teams = [t[0] for t in TEAMS]
        for s in self.systems:
            out = [f"name: {q(s.kind.capitalize() + ' ' + s.id.rsplit('-', 1)[1])}\n"]
            out.append(f"kind: {s.kind}\n")
            if s.kind in CHANNEL_KINDS:
                out.append("channel: true\n")
            out.append(f"owner: {self.rng.choice(teams)}\n")
            if s.processor:
                out.append(f"processor: {s.processor}\n")
            out.append(f"location: {flow_list(s.location)}\n")
            if s.kind in FREE_TEXT_KINDS:
                out.append("free_text: true\n")
                if not self.noisy():
                    out.append(f"redaction: {q('Agents redact unsolicited sensitive data')}\n")
            out.append("stores:\n")
            for st in s.stores:
                out.append(f"  - categories: {flow_list(st.categories)}\n")
                out.append(f"    purpose: {st.purpose}\n")
            if not self.noisy():
                days = 45 if self.noisy() else self.rng.choice((1, 7, 14, 30))
                out.append(
                    "erasure:\n  method: delete\n"
                    f"  automated: {self.rng.choice(('true', 'false'))}\n"
                    f"  procedure: {q('Delete the data subject in the admin console')}\n"
                    f"  within_days: {days}\n"
                )
            access = "shared-account" if self.noisy() else "role-based"
            out.append(
                f"security:\n  access_control: {access}\n  mfa: true\n"
                f"  encryption_at_rest: {'false' if self.noisy() else 'true'}\n"
                f"  audit_log: {'false' if self.noisy() else 'true'}\n"
            )
            if s.flows:
                out.append("flows:\n")
                out.extend(s.flows)
            self.write(f"systems/{s.id}.yaml", "".join(out))

    def write_processors(self) -> None:
        for p in self.processors:
            out = [f"name: {q('Vendor ' + p.id.rsplit('-', 1)[1] + ' AB')}\n"]
            out.append(f"country: {p.country}\nprocessing_locations: {flow_list(p.locations)}\n")
            if p.tier == 0:
                clauses = list(CLAUSES)
                if self.noisy():
                    clauses.remove(self.rng.choice(CLAUSES))
                hours = 72 if self.noisy() else self.rng.choice((24, 36, 48))
                out.append(
                    f"dpa:\n  signed: {self.date(0, 20)}\n  document: contracts/{p.id}-dpa.pdf\n"
                    f"  categories: {flow_list(sorted(p.categories))}\n"
                    f"  purposes: {flow_list(sorted(p.purposes))}\n"
                    f"  clauses: {flow_list(clauses)}\n"
                    f"  breach_notification_hours: {hours}\n"
                )
            if p.mechanism is not None:
                out.append(f"transfer:\n  mechanism: {p.mechanism}\n")
                if p.mechanism in ("scc", "bcr"):
                    out.append(f"  tia: docs/tia-{p.id}.md\n")
            if p.subprocessors:
                out.append(f"subprocessors: {flow_list(p.subprocessors)}\n")
            out.append("certifications: [ISO27001]\n")
            self.write(f"processors/{p.id}.yaml", "".join(out))

    def write_recipients(self) -> None:
        for rid, name, kind, country in self.recipients:
            basis = "legal-obligation" if kind == "authority" else "legitimate-interests"
            self.write(
                f"recipients/{rid}.yaml",
                f"name: {q(name)}\nkind: {kind}\ncountry: {country}\nlegal_basis: {basis}\n",
            )

    def write_config(self) -> None:
        out = [
            "organization:\n  name: Syntetisk Kundservice AB\n  country: SE\n"
            "  privacy_contact: privacy@example.se\n"
            "  dpo: {name: Dana Dataskydd, email: dpo@example.se}\nteams:\n"
        ]
        for i, (tid, name, function) in enumerate(TEAMS):
            training = "2025-03-01" if i == len(TEAMS) - 1 else self.date(11, 10)
            out.append(
                f"  - id: {tid}\n    name: {q(name)}\n    function: {function}\n"
                f"    handles_personal_data: true\n    gdpr_training: {training}\n"
            )
        out.append("settings:\n  fail_on: high\n  language: en\n")
        out.append("rules:\n  unused-category: off\n")
        waived = next(
            (p.id for p in self.processors if p.mechanism is None and p.country not in EEA),
            self.processors[-1].id,
        )
        out.append(
            "waivers:\n  - rule: third-country-transfer-without-safeguard\n"
            f"    subject: processor:{waived}\n    reason: {q('Vendor being replaced')}\n"
            "    approved_by: dpo\n    expires: 2027-03-31\n"
        )
        self.write("policycheck.yaml", "".join(out))

    def write_policies(self) -> None:
        for ptype, topics in POLICY_TOPICS.items():
            front = [f"type: {ptype}", f"title: {q(ptype.replace('-', ' ').capitalize())}"]
            front += ["owner: ciso", "approved: 2026-02-01", "review_by: 2027-02-01"]
            if ptype == "data-classification":
                front.append(f"levels: {flow_list(LEVELS)}")
            front.append(f"covers: {flow_list(topics)}")
            body = "\n".join(f"## {t}\nWhat we do about {t.replace('-', ' ')}.\n" for t in topics)
            text = "---\n" + "\n".join(front) + f"\n---\n# {ptype}\n\n{body}"
            self.write(f"policies/{ptype}.md", text)

    def write_exercises(self) -> None:
        self.write(
            "exercises.yaml",
            "exercises:\n"
            "  - date: 2026-05-14\n    kind: breach-drill\n"
            f"    scenario: {q('Stolen agent credentials')}\n"
            "    participants: [customer-support, it, ciso]\n"
            "  - date: 2026-09-10\n    kind: restore-test\n    participants: [it]\n",
        )

    def write_notice(self) -> None:
        cats = [c[0] for c in CATEGORIES if c[0] != "employee-contact"]
        purposes = sorted(p for p in self.purposes if p != "staff-rota")
        recipients = [r[0] for r in self.recipients]
        front = (
            '---\nversion: "2026-01"\nurl: https://example.se/privacy\n'
            f"categories: {flow_list(cats)}\npurposes: {flow_list(purposes)}\n"
            f"recipients: {flow_list(recipients)}\n"
            f"transfers: {flow_list(sorted(self.third_countries))}\n---\n"
        )
        self.write("privacy-notice.md", front + "# Privacy notice\n\nHow we handle your data.\n")


def prepare(out: Path) -> None:
    """Make ``out`` an empty directory; refuse to wipe anything but a generated repo."""
    if out.exists():
        if any(out.iterdir()) and not (out / "policycheck.yaml").exists():
            raise SystemExit(f"{out} is not empty and is not a compliance repo; not overwriting it")
        shutil.rmtree(out)
    out.mkdir(parents=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--systems", type=int, default=5000)
    parser.add_argument("--processors", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--noise", type=float, default=0.02, help="share of declarations with a gap (0 to 1)"
    )
    args = parser.parse_args(argv)
    if args.systems < 50 or args.processors < 4:
        parser.error("use at least 50 systems and 4 processors")
    start = time.perf_counter()
    prepare(args.outdir)
    gen = Generator(args.outdir, args.systems, args.processors, args.seed, args.noise)
    gen.run()
    took = time.perf_counter() - start
    print(f"wrote {gen.files} files to {args.outdir} in {took:.2f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
