"""org_example reports exactly the findings its EXPECTED.md lists, in English and Swedish."""

from __future__ import annotations

import json
import re

from tests.conftest import ORG_EXAMPLE, run_cli

AS_OF = "2026-11-28"
_ITEM = re.compile(r"^- `([a-z0-9-]+)` \| `([^`]+)` \| `([^`]+)` \|", re.MULTILINE)


def expected() -> tuple[set[tuple[str, str, str]], set[tuple[str, str, str]]]:
    text = (ORG_EXAMPLE / "EXPECTED.md").read_text(encoding="utf-8")
    reported, _, rest = text.partition("## Waived")
    waived = rest.partition("## Deliberately clean")[0]
    return set(_ITEM.findall(reported)), set(_ITEM.findall(waived))


def test_org_example_reports_exactly_the_expected_findings() -> None:
    result = run_cli("check", str(ORG_EXAMPLE), "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    got = {(f["rule"], f["subject"], f["file"]) for f in data["findings"]}
    want, waived = expected()
    assert want, "EXPECTED.md lists no findings"
    assert got == want
    assert {(w["rule"], w["subject"], w["file"]) for w in data["waived"]} == waived


def test_org_example_in_swedish_has_the_same_findings() -> None:
    en = json.loads(run_cli("check", str(ORG_EXAMPLE), "--as-of", AS_OF, "--format", "json").stdout)
    sv = json.loads(run_cli("check", str(ORG_EXAMPLE), "--as-of", AS_OF, "--format", "json", "--lang", "sv").stdout)
    assert [f["fingerprint"] for f in en["findings"]] == [f["fingerprint"] for f in sv["findings"]]
    assert all(a["message"] != b["message"] for a, b in zip(en["findings"], sv["findings"], strict=True))


def test_the_waiver_expires() -> None:
    data = json.loads(run_cli("check", str(ORG_EXAMPLE), "--as-of", "2027-04-01", "--format", "json").stdout)
    rules = {(f["rule"], f["subject"]) for f in data["findings"]}
    assert ("waiver-expired", "waiver:1") in rules
    assert ("third-country-transfer-without-safeguard", "processor:legacy-sms") in rules
