"""The breach register (breaches.yaml, `breach-impact --record`, the gap report's section) and the transfer register."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from policycheck.errors import InvalidInput
from policycheck.graph import DataMap
from policycheck.graph.facts import transfer_parties
from policycheck.load.repo import load_repo
from policycheck.reports.i18n import texts
from policycheck.reports.registers import breach_section
from policycheck.rules.pack import load_pack
from tests.conftest import ORG_EXAMPLE, MakeRepo, run_cli

# --- loading -----------------------------------------------------------------------------------

BAD = """\
breaches:
  - id: 2026-03-phishing
    aware: 2026-03-02T09:15+01:00
    systems: [ticketing, tickting]
    categories: [contact-details, contct-details]
    risk: high
    authority_notified: 2026-03-04T16:00
  - id: b2
    aware: 2026-03-02
    authority_notified: true
    subjects_informed: false
    not_informed_reason: encryptd
"""


def test_breach_errors_are_located_with_a_fix(make_repo: MakeRepo) -> None:
    with pytest.raises(InvalidInput) as exc:
        load_repo(make_repo({"breaches.yaml": BAD}))
    got = {(p.file, p.line, p.message) for p in exc.value.problems}
    assert ("breaches.yaml", 4, "systems[1]: unknown system or processor 'tickting' (did you mean 'ticketing'?)") in got
    assert ("breaches.yaml", 5,
            "categories[1]: unknown category 'contct-details' (did you mean 'contact-details'?)") in got
    messages = "\n".join(f"{line}: {msg}" for _, line, msg in sorted(got))
    assert "7: authority_notified: '2026-03-04T16:00' has no UTC offset" in messages
    assert "9: aware: 2026-03-02 has no time of day" in messages
    assert "10: authority_notified: expected a date and time such as 2026-03-02T09:15+01:00, got true" in messages
    assert "12: not_informed_reason: 'encryptd' is not one of: encrypted, measures-taken, disproportionate " \
           "(did you mean 'encrypted'?)" in messages


def test_a_breach_at_a_recipient_is_refused(make_repo: MakeRepo) -> None:
    repo = make_repo({
        "recipients/skatteverket.yaml": "name: Skatteverket\nkind: authority\ncountry: SE\n",
        "breaches.yaml": "breaches:\n  - {id: b1, aware: '2026-03-02T09:15+01:00', systems: [skatteverket]}\n",
    })
    result = run_cli("check", str(repo))
    assert result.exit_code == 2
    assert "breaches.yaml:2:" in result.output and "'skatteverket' is a recipient, not a system or processor" in \
        result.output


def test_the_new_purpose_fields_refuse_unknown_criteria(make_repo: MakeRepo) -> None:
    purposes = (make_repo() / "purposes.yaml").read_text(encoding="utf-8") + "    dpia_criteria: [monitorng]\n"
    result = run_cli("check", str(make_repo({"purposes.yaml": purposes})))
    assert result.exit_code == 2
    assert "did you mean 'monitoring'?" in result.output


# --- breach-impact --record -------------------------------------------------------------------------

REGISTER = """\
# Our register. Keep it honest.
breaches:
  - id: 2026-03-phishing   # the big one
    aware: 2026-03-02T09:15+01:00
    systems: [ticketing]
    categories: [contact-details]
    risk: low
    authority_notified: false
    not_notified_reason: One recipient, confirmed deleted
"""


def record(repo: Path, *args: str) -> str:
    result = run_cli("breach-impact", str(repo), "ticketing", "--record", *args)
    assert result.exit_code == 0, result.output
    return (repo / "breaches.yaml").read_text(encoding="utf-8")


def test_record_appends_and_keeps_comments_and_order(make_repo: MakeRepo) -> None:
    repo = make_repo({"breaches.yaml": REGISTER})
    text = record(repo, "--as-of", "2026-11-20T08:30+01:00", "--affected", "120")
    assert text.startswith(REGISTER)
    added = text[len(REGISTER):]
    assert "- id: 2026-11-ticketing  # recorded by `policycheck breach-impact --record`" in added
    assert "aware: 2026-11-20T08:30+01:00" in added
    assert "systems: [ticketing]" in added
    assert "categories: [contact-details, case-history, order-history]" in added
    assert "subjects_estimate: 120" in added
    assert "risk:" not in added and "authority_notified" not in added.split("#")[0]
    loaded = load_repo(repo)
    entry = loaded.breaches["2026-11-ticketing"]
    assert entry.aware == dt.datetime(2026, 11, 20, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert entry.risk is None and entry.authority_notified is None
    # a person has decided nothing yet: the register says so
    check = json.loads(run_cli("check", str(repo), "--format", "json", "--as-of", "2026-11-28").output)
    assert [f["subject"] for f in check["findings"] if f["rule"] == "breach-not-assessed"] == [
        "breach:2026-11-ticketing"]


def test_record_creates_the_register_and_numbers_a_second_entry(make_repo: MakeRepo) -> None:
    repo = make_repo()
    record(repo, "--as-of", "2026-11-20T08:30+01:00")
    text = record(repo, "--as-of", "2026-11-21T10:00+01:00")
    assert text.startswith("# The breach register (Art. 33(5))")
    assert sorted(load_repo(repo).breaches) == ["2026-11-ticketing", "2026-11-ticketing-2"]
    assert not [p for p in repo.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("ticketing", "--record", "--as-of", "2026-11-20T08:30"), "with the time and its UTC offset"),
        (("ticketing", "--record"), "--record needs --as-of"),
    ],
)
def test_record_refuses_a_time_without_offset(make_repo: MakeRepo, args: tuple[str, ...], error: str) -> None:
    repo = make_repo({"breaches.yaml": REGISTER})
    result = run_cli("breach-impact", str(repo), *args)
    assert result.exit_code == 2 and error in result.output
    assert (repo / "breaches.yaml").read_text(encoding="utf-8") == REGISTER


def test_record_never_writes_a_broken_register(make_repo: MakeRepo) -> None:
    broken = REGISTER + "  - id: b2\n    aware: yesterday\n"
    repo = make_repo({"breaches.yaml": broken})
    result = run_cli("breach-impact", str(repo), "ticketing", "--record", "--as-of", "2026-11-20T08:30+01:00")
    assert result.exit_code == 2
    assert (repo / "breaches.yaml").read_text(encoding="utf-8") == broken
    assert not [p for p in repo.iterdir() if p.name.endswith(".tmp")]


# --- the gap report's section ---------------------------------------------------------------------

REGISTER_MIX = """\
breaches:
  - {id: in-time, aware: "2026-03-02T09:15+01:00", systems: [ticketing], risk: high,
     authority_notified: "2026-03-04T16:00+01:00", subjects_informed: 2026-03-05}
  - {id: late, aware: "2026-04-01T09:00+02:00", systems: [ticketing], risk: low,
     authority_notified: "2026-04-06T09:00+02:00"}
  - {id: late-with-reason, aware: "2026-04-01T09:00+02:00", systems: [ticketing], risk: low,
     authority_notified: "2026-04-06T09:00+02:00", delay_reason: Forensics took five days}
  - {id: not-notified, aware: "2026-05-01T09:00+02:00", systems: [ticketing], risk: none,
     authority_notified: false, not_notified_reason: No personal data left the building}
  - {id: undecided, aware: "2026-06-01T09:00+02:00", systems: [ticketing]}
  - {id: high-silent, aware: "2026-06-02T09:00+02:00", systems: [ticketing], risk: high,
     authority_notified: "2026-06-03T09:00+02:00"}
"""


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_breach_section_counts(make_repo: MakeRepo, lang: str) -> None:
    repo = load_repo(make_repo({"breaches.yaml": REGISTER_MIX}))
    section = breach_section(repo, load_pack(), texts(lang))
    assert (section.count, section.notified, section.in_time, section.not_notified, section.open) == (6, 4, 2, 1, 2)
    status = {r.id: r.status for r in section.rows}
    assert status == {"in-time": "ok", "late": "late", "late-with-reason": "ok", "not-notified": "ok",
                      "undecided": "open", "high-silent": "open"}
    words = {"en": "2 of the 4 notified", "sv": "2 av de 4 som anmäldes"}
    assert words[lang] in section.summary
    late = next(r for r in section.rows if r.id == "late")
    assert "120 h" in late.authority


def test_the_rules_fire_on_the_mixed_register(make_repo: MakeRepo) -> None:
    repo = make_repo({"breaches.yaml": REGISTER_MIX})
    for lang in ("en", "sv"):
        out = json.loads(run_cli("check", str(repo), "--format", "json", "--lang", lang).output)
        got = sorted((f["rule"], f["subject"]) for f in out["findings"] if f["rule"].startswith("breach-"))
        assert got == [
            ("breach-not-assessed", "breach:undecided"),
            ("breach-notified-late", "breach:late"),
            ("breach-subjects-not-informed", "breach:high-silent"),
        ]


def test_the_report_shows_the_section(make_repo: MakeRepo) -> None:
    repo = make_repo({"breaches.yaml": REGISTER_MIX})
    page = run_cli("report", str(repo), "--lang", "sv", "--as-of", "2026-11-28").output
    assert "<h2>Personuppgiftsincidenter</h2>" in page
    md = run_cli("report", str(repo), "--format", "markdown", "--as-of", "2026-11-28").output
    assert "## Personal data breaches" in md and "| `undecided` |" in md


# --- the transfer register ---------------------------------------------------------------------------


def test_transfer_parties_of_org_example() -> None:
    repo = load_repo(ORG_EXAMPLE)
    dmap = DataMap(repo, dt.date(2026, 11, 28))
    got = {}
    for node, items in dmap.transfers.items():
        for tr in items:
            p = transfer_parties(repo, dmap.engaged_processors, dmap.engaging, tr)
            got[(node, tr.country)] = (p.exporter, p.exporter_role, p.importer, p.importer_role, p.scc_module, p.tia)
    assert got[("hubspot", "US")] == ("organization", "controller", "hubspot", "processor", 2, "docs/tia-hubspot.md")
    assert got[("twilio", "US")] == ("zendesk", "processor", "twilio", "sub-processor", None, "docs/tia-twilio.md")
    assert got[("kaveri-data", "IN")][:4] == ("intercom", "processor", "kaveri-data", "sub-processor")


def test_the_ropa_json_has_the_transfer_register() -> None:
    doc = json.loads(run_cli("ropa", str(ORG_EXAMPLE), "--format", "json", "--as-of", "2026-11-28").output)
    support = next(a for a in doc["activities"] if a["id"] == "customer-support")
    hubspot = next(t for t in support["e_transfers"] if t["holder"] == "hubspot")
    assert (hubspot["exporter_role"], hubspot["importer_role"], hubspot["scc_module"]) == ("controller", "processor", 2)
    assert hubspot["tia"] == "docs/tia-hubspot.md"
