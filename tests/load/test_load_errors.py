"""Fail closed: every class of bad input gives exit 2 and a one-line `file:line: message`, no traceback."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.conftest import AS_OF, MakeRepo, run_cli

SYSTEM = """\
name: Chat
kind: chat
owner: customer-support
stores:
  - categories: [contact-details]
    purpose: customer-support
"""

CASES: list[tuple[str, dict[str, str | bytes], str, str]] = [
    ("yaml syntax", {"systems/chat.yaml": "name: Chat\nkind: [chat\n"}, "systems/chat.yaml:3", "YAML syntax error"),
    (
        "tab indentation",
        {"systems/chat.yaml": "name: Chat\nkind: chat\nstores:\n\t- x\n"},
        "systems/chat.yaml:4",
        "tabs",
    ),
    (
        "unknown field",
        {"systems/chat.yaml": SYSTEM + "retension: P2Y\n"},
        "systems/chat.yaml:7:1",
        "unknown field 'retension'",
    ),
    (
        "unknown nested field",
        {"systems/chat.yaml": SYSTEM + "    retension: P2Y\n"},
        "systems/chat.yaml:7:5",
        "unknown field 'retension' in stores[0] (did you mean 'retention'?)",
    ),
    (
        "flow to itself",
        {"systems/chat.yaml": SYSTEM + "flows:\n  - {to: chat, categories: [contact-details], purpose: x}\n"},
        "systems/chat.yaml:8:10",
        "flows[0].to: a flow from 'chat' to itself",
    ),
    (
        "wrong type",
        {"systems/chat.yaml": SYSTEM + "channel: maybe\n"},
        "systems/chat.yaml:7:10",
        "expected true or false",
    ),
    (
        "norway-problem bool",
        {"systems/chat.yaml": SYSTEM + "free_text: yes\n"},
        "systems/chat.yaml:7",
        "expected true or false, got 'yes'",
    ),
    (
        "bad enum",
        {"systems/chat.yaml": SYSTEM.replace("kind: chat", "kind: chatt")},
        "systems/chat.yaml:2:7",
        "did you mean 'chat'?",
    ),
    (
        "bad date",
        {
            "systems/x.yaml": "name: X\nkind: other\n",
            "exercises.yaml": "exercises:\n  - {date: 2026-02-30, kind: breach-drill}\n",
        },
        "exercises.yaml:2",
        "'2026-02-30' is not a valid date",
    ),
    (
        "bad duration",
        {"systems/chat.yaml": SYSTEM + "    retention: 2 years\n"},
        "systems/chat.yaml:7",
        "not an ISO 8601 duration",
    ),
    (
        "bad country",
        {"systems/chat.yaml": SYSTEM + "location: [SE, XX]\n"},
        "systems/chat.yaml:7",
        "'XX' is not an ISO 3166-1 alpha-2",
    ),
    (
        "lower-case country",
        {"systems/chat.yaml": SYSTEM + "location: [se]\n"},
        "systems/chat.yaml:7",
        "did you mean 'SE'?",
    ),
    (
        "unknown reference",
        {"systems/chat.yaml": SYSTEM.replace("customer-support\nstores", "customer-suport\nstores")},
        "systems/chat.yaml:3:8",
        "unknown team 'customer-suport' (did you mean 'customer-support'?)",
    ),
    (
        "unknown flow target",
        {"systems/chat.yaml": SYSTEM + "flows:\n  - {to: ticketng, categories: [contact-details]}\n"},
        "systems/chat.yaml:8",
        "did you mean 'ticketing'?",
    ),
    (
        "unknown category",
        {"systems/chat.yaml": SYSTEM.replace("[contact-details]", "[contact-detail]")},
        "systems/chat.yaml:5",
        "unknown category 'contact-detail' (did you mean 'contact-details'?)",
    ),
    (
        "duplicate key",
        {"systems/chat.yaml": SYSTEM + "name: Chat 2\n"},
        "systems/chat.yaml:7:1",
        "duplicate key 'name' (first given on line 1)",
    ),
    (
        "duplicate id",
        {"categories.yaml": "categories:\n  - {id: contact-details, name: A}\n  - {id: contact-details, name: B}\n"},
        "categories.yaml:3",
        "duplicate category id 'contact-details'",
    ),
    (
        "id across namespaces",
        {"processors/ticketing.yaml": "name: T\ncountry: SE\n"},
        "processors/ticketing.yaml:1",
        "share one namespace",
    ),
    (
        "id differs from file",
        {"systems/chat.yaml": "id: chatt\n" + SYSTEM},
        "systems/chat.yaml:1",
        "differs from the file name",
    ),
    ("non-utf8", {"systems/chat.yaml": b"name: Caf\xe9\nkind: chat\n"}, "systems/chat.yaml:1", "not valid UTF-8"),
    (
        "object tag",
        {"systems/chat.yaml": 'name: !!python/object/apply:os.system ["echo pwned"]\nkind: chat\n'},
        "systems/chat.yaml:1",
        "is not allowed",
    ),
    (
        "custom tag",
        {"systems/chat.yaml": "name: !secret x\nkind: chat\n"},
        "systems/chat.yaml:1",
        "YAML tag '!secret' is not allowed",
    ),
    (
        "missing required field",
        {"systems/chat.yaml": "kind: chat\n"},
        "systems/chat.yaml:1",
        "missing required field 'name'",
    ),
    (
        "front matter missing",
        {"policies/incident-response.md": "# no front matter\n"},
        "policies/incident-response.md:1",
        "missing YAML front matter",
    ),
    (
        "unknown policy type",
        {"policies/extra.md": "---\ntype: incident-respons\ntitle: X\n---\n"},
        "policies/extra.md:2",
        "did you mean 'incident-response'?",
    ),
    ("unknown rule override", {"policycheck.yaml": None}, "policycheck.yaml", "unknown rule 'no-such-rule'"),
    ("bad file name", {"systems/Chat.yaml": "name: X\nkind: chat\n"}, "systems/Chat.yaml", "is not a valid id"),
]


def _prepare(make_repo: MakeRepo, files: dict[str, str | bytes | None]) -> Path:
    repo = make_repo()
    for rel, content in files.items():
        if content is None:  # append an override to the existing file
            path = repo / rel
            path.write_text(path.read_text() + "rules:\n  no-such-rule: off\n")
    return make_repo({k: v for k, v in files.items() if v is not None})


@pytest.mark.parametrize(("name", "files", "where", "text"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_exits_2_with_location(
    make_repo: MakeRepo, name: str, files: dict[str, str | bytes | None], where: str, text: str
) -> None:
    repo = _prepare(make_repo, files)
    result = run_cli("check", str(repo), "--as-of", AS_OF)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith(where.split(":")[0])]
    assert any(line.startswith(where) and text in line for line in lines), result.stderr
    assert result.stdout == ""


def test_all_errors_are_reported_in_one_run(make_repo: MakeRepo) -> None:
    repo = make_repo(
        {
            "systems/a.yaml": "name: A\nkind: nope\n",
            "systems/b.yaml": "name: B\nkind: chat\nowner: nobody\n",
            "processors/c.yaml": "name: C\ncountry: XX\n",
        }
    )
    result = run_cli("check", str(repo))
    assert result.exit_code == 2
    for where in ("systems/a.yaml:2", "systems/b.yaml:3", "processors/c.yaml:2"):
        assert where in result.stderr
    assert "3 errors" in result.stderr


def test_symlink_out_of_repo_is_refused(make_repo: MakeRepo, tmp_path: Path) -> None:
    repo = make_repo()
    outside = tmp_path / "outside.yaml"
    outside.write_text("name: X\nkind: chat\n")
    os.symlink(outside, repo / "systems" / "linked.yaml")
    result = run_cli("check", str(repo))
    assert result.exit_code == 2
    assert "systems/linked.yaml:1:1: symlink points outside the repo" in result.stderr


def test_symlink_inside_repo_is_read(make_repo: MakeRepo) -> None:
    repo = make_repo()
    (repo / "notes").mkdir()
    (repo / "notes" / "t.yaml").write_text((repo / "systems" / "ticketing.yaml").read_text())
    (repo / "systems" / "ticketing.yaml").unlink()
    os.symlink(repo / "notes" / "t.yaml", repo / "systems" / "ticketing.yaml")
    result = run_cli("check", str(repo), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output


def test_billion_laughs_is_refused_quickly(make_repo: MakeRepo) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    repo = make_repo({"systems/bomb.yaml": "\n".join(lines) + "\n"})
    result = run_cli("check", str(repo))
    assert result.exit_code == 2
    assert "systems/bomb.yaml:1" in result.stderr and "aliases expand" in result.stderr


def test_missing_repo_marker_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("check", str(tmp_path))
    assert result.exit_code == 2
    assert "no policycheck.yaml" in result.stderr


def test_nearest_parent_is_found(make_repo: MakeRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo()
    monkeypatch.chdir(repo / "systems")
    result = run_cli("check", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output


def test_error_lines_are_one_line_each(make_repo: MakeRepo) -> None:
    repo = make_repo({"systems/chat.yaml": "name: Chat\nkind: chatt\nowner: x\n"})
    result = run_cli("check", str(repo))
    for line in result.stderr.splitlines():
        assert re.match(r"^(\S+:\d+(:\d+)?: |\d+ errors)", line), line


def test_invalid_file_still_reports_its_broken_references(make_repo: MakeRepo) -> None:
    repo = make_repo({"systems/chat.yaml": "name: Chat\nkind: chatt\nowner: customer-suport\n"})
    result = run_cli("check", str(repo))
    assert result.exit_code == 2
    assert "systems/chat.yaml:2:7: kind: 'chatt'" in result.stderr
    assert "systems/chat.yaml:3:8: owner: unknown team 'customer-suport'" in result.stderr


def test_a_broken_file_does_not_cause_false_unknown_references(make_repo: MakeRepo) -> None:
    """A duplicate key in categories.yaml is one error, not one per reference to its categories."""
    categories = (
        "categories:\n  - {id: contact-details, name: A, name: B, classification: internal, subjects: [customer]}\n"
        "  - {id: case-history, name: Case history, classification: confidential, subjects: [customer]}\n"
        "  - {id: order-history, name: Order history, classification: internal, subjects: [customer]}\n"
    )
    repo = make_repo({"categories.yaml": categories})
    result = run_cli("check", str(repo))
    assert result.exit_code == 2
    assert "duplicate key 'name'" in result.stderr
    assert "unknown category" not in result.stderr


def test_an_unreadable_list_file_suppresses_references_into_it(make_repo: MakeRepo) -> None:
    repo = make_repo({"purposes.yaml": "purposes: [unclosed\n"})
    result = run_cli("check", str(repo))
    assert result.exit_code == 2
    assert "purposes.yaml:" in result.stderr and "YAML syntax error" in result.stderr
    assert "unknown purpose" not in result.stderr


def test_config_errors_do_not_hide_other_errors(make_repo: MakeRepo) -> None:
    repo = make_repo()
    config = repo / "policycheck.yaml"
    config.write_text(
        config.read_text().replace("privacy_contact:", "privacy_contatc:") + "rules:\n  no-audit-logs: off\n"
    )
    purposes = repo / "purposes.yaml"
    purposes.write_text(purposes.read_text().replace("consulted: [customer-support]", "consulted: [customer-suport]"))
    result = run_cli("check", str(repo))
    assert result.exit_code == 2
    assert "unknown field 'privacy_contatc'" in result.stderr
    assert "unknown team 'customer-suport' (did you mean 'customer-support'?)" in result.stderr
    assert "unknown rule 'no-audit-logs' (did you mean 'no-audit-log'?)" in result.stderr
    assert result.stderr.rstrip().endswith("3 errors; nothing was checked.")


def test_a_wrong_id_does_not_hide_other_errors_in_the_file(make_repo: MakeRepo) -> None:
    repo = make_repo({"systems/chat.yaml": "id: chatt\n" + SYSTEM.replace("owner: customer-support", "owner: ghost")})
    result = run_cli("check", str(repo))
    assert "differs from the file name" in result.stderr
    assert "unknown team 'ghost'" in result.stderr


def test_a_single_error_is_counted_too(make_repo: MakeRepo) -> None:
    result = run_cli("check", str(make_repo({"systems/chat.yaml": "name: [\n"})))
    assert result.stderr.rstrip().endswith("1 error; nothing was checked.")


def test_a_reference_to_the_wrong_kind_of_thing(make_repo: MakeRepo) -> None:
    repo = make_repo({"recipients/skatteverket.yaml": "name: Skatteverket\nkind: authority\ncountry: SE\n"})
    purposes = repo / "purposes.yaml"
    purposes.write_text(
        purposes.read_text().replace(
            "lawful_basis: contract", "lawful_basis: consent\n    consent_record: skatteverket"
        )
    )
    result = run_cli("check", str(repo))
    assert result.exit_code == 2
    assert "consent_record: 'skatteverket' is a recipient, not a system" in result.stderr
