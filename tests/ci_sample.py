"""Shared material of the CI-output tests: a hand-made result with awkward text, flaws to add to
the clean base repo, and a git wrapper for temporary repositories with a fixed author and clock."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

from policycheck.findings import CheckResult, Finding, WaivedFinding, fingerprint
from policycheck.rules.pack import Rule, RuleSpec

# --- a hand-made result: independent of the rule pack, so its snapshots change only with the renderers


def _spec(rule_id: str, severity: str, area: str, title: str) -> Rule:
    spec = RuleSpec.model_validate({
        "id": rule_id,
        "title": title,
        "severity": severity,
        "area": area,
        "articles": ("Art. 28(3)",) if area == "processors" else ("Art. 44",),
        "for_each": "processor",
        "when": {"missing": "dpa"},
        "message": {"en": "unused"},
        "docs": {
            "what": f"Finds what {rule_id} is about.",
            "why": "Because the GDPR says so.",
            "fix": "Declare the missing thing.",
            "example": "# processors/x.yaml\nname: X\n",
            "references": ("Art. 28 GDPR",),
        },
    })
    return Rule(spec, f"policies/{area}/{rule_id}.yaml", True, None, None, {}, {})


def sample_rules() -> list[Rule]:
    return [
        _spec("processor-without-dpa", "high", "processors", "Processor without a DPA"),
        _spec("third-country-transfer-without-safeguard", "critical", "transfers", "Transfer without safeguard"),
        _spec("policy-review-overdue", "medium", "readiness", "Policy past its review date"),
        _spec("data-stored-outside-eea", "low", "transfers", "Data stored outside the EEA"),
        _spec("unused-category", "info", "inventory", "Unused category"),
        _spec("no-audit-log", "low", "erasure-security", "No audit log"),
        _spec("weak-access-control", "high", "erasure-security", "Weak access control"),
    ]


#: effective severities as check passes them: no-audit-log raised to medium, weak-access-control disabled
SAMPLE_SEVERITIES = {
    "processor-without-dpa": "high",
    "third-country-transfer-without-safeguard": "critical",
    "policy-review-overdue": "medium",
    "data-stored-outside-eea": "low",
    "unused-category": "info",
    "no-audit-log": "medium",
}


def _finding(rule: str, severity: str, subject: str, file: str, line: int, column: int, message: str,
             sv: str | None = None, evidence: tuple[tuple[str, str], ...] = ()) -> Finding:
    messages = (("en", message),) + ((("sv", sv),) if sv else ())
    area = "custom" if rule == "custom-rule" else "processors"
    return Finding(rule=rule, severity=severity, subject=subject, file=file, line=line, column=column,
                   message=message, articles=("Art. 28(3)",), fingerprint=fingerprint(rule, subject),
                   title=rule.replace("-", " "), area=area, evidence=evidence, messages=messages)


def sample_result() -> CheckResult:
    findings = [
        _finding("policy-review-overdue", "medium", "policy:business-continuity", "policies/business-continuity.md",
                 6, 12, "The policy was due for review on 2026-09-30",
                 sv="Policyn skulle ha granskats senast 2026-09-30"),
        _finding("processor-without-dpa", "high", "processor:acme", "processors/acme.yaml", 1, 1,
                 "ACME | <b>Ltd</b> processes `contact-details` for us but has no DPA",
                 sv="ACME | <b>Ltd</b> behandlar `contact-details` åt oss men saknar PUB-avtal",
                 evidence=(("categories", "contact-details"),)),
        _finding("third-country-transfer-without-safeguard", "critical", "processor:kaveri", "processors/kaveri.yaml",
                 3, 1, "100% of data, to IN: no safeguard,\nno adequacy\r\n[path: chat -> kaveri] *now* @team",
                 evidence=(("countries", "IN"), ("path", "chat -> kaveri"))),
        _finding("data-stored-outside-eea", "low", "system:analytics", "systems/analytics.yaml", 5, 11,
                 "Stored in CH, outside the EU/EEA"),
        _finding("unused-category", "info", "category:legacy", "categories.yaml", 9, 5,
                 "Category legacy is declared but nothing stores it"),
        _finding("custom-rule", "medium", "organization", "policies/incident-response.md", 1, 0,
                 "A rule of the organization's own, with a file that does not exist yet"),
    ]
    waived = WaivedFinding(
        _finding("processor-without-dpa", "high", "processor:legacy-sms", "processors/legacy-sms.yaml", 1, 1,
                 "Legacy SMS has no DPA"),
        waiver=1, reason="Replaced in Q1 & contract signed <soon>", expires="2027-03-31",
        approved_by="Dana Dataskydd (DPO)",
    )
    return CheckResult(tuple(sorted(findings, key=Finding.sort_key)), (waived,), baselined=2, rules_run=6)


def sample_context(**overrides: Any) -> dict[str, Any]:
    context: dict[str, Any] = {"rules": sample_rules(), "root": Path("/somewhere/private/compliance"),
                               "path_prefix": "", "severities": SAMPLE_SEVERITIES, "fail_on": "high"}
    context.update(overrides)
    return context


# --- flaws to add to the clean base repo (tests.conftest.BASE)

HELPDESK_VENDOR = "name: Helpdesk Vendor AB\ncountry: SE\n"
NOTES_SYSTEM = """\
name: Agent notes
kind: notes
owner: customer-support
stores: [{categories: [contact-details], purpose: customer-support}]
security: {access_control: role-based, mfa: true, encryption_at_rest: true, audit_log: true}
"""


def add_flaws(repo: Path) -> Path:
    """Two high findings: processor-without-dpa (processor:helpdesk-vendor) and
    system-without-erasure-routine (system:notes)."""
    (repo / "processors").mkdir(exist_ok=True)
    (repo / "processors" / "helpdesk-vendor.yaml").write_text(HELPDESK_VENDOR, encoding="utf-8")
    with (repo / "systems" / "ticketing.yaml").open("a", encoding="utf-8") as fh:
        fh.write("processor: helpdesk-vendor\n")
    (repo / "systems" / "notes.yaml").write_text(NOTES_SYSTEM, encoding="utf-8")
    return repo


def push_down(path: Path, lines: int = 3) -> None:
    """Move every declaration of a file down by ``lines`` comment lines (its findings' lines change)."""
    path.write_text("# moved\n" * lines + path.read_text(encoding="utf-8"), encoding="utf-8")


# --- git with a fixed identity and clock, ignoring the user's configuration

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}


def git(cwd: Path, *args: str) -> str:
    out = subprocess.run(["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV}, capture_output=True,
                         text=True, check=True)
    return out.stdout.strip()


def git_init(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    return path


def commit_all(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-verify", "-m", message)
    return git(repo, "rev-parse", "HEAD")
