"""`policycheck ropa`: the record of processing activities (Art. 30(1)), one row per purpose."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from policycheck.cli import cli

ROOT = Path(__file__).resolve().parent.parent
ORG = ROOT / "org_example"
AS_OF = "2026-11-28"
PURPOSES = ["customer-support", "complaints", "call-quality", "customer-feedback", "bookkeeping",
            "debt-collection", "statistics", "backup-and-restore"]


def extension(ext: str) -> type[SingleFileSnapshotExtension]:
    return type(f"{ext.title()}Snapshot", (SingleFileSnapshotExtension,),
                {"_write_mode": WriteMode.TEXT, "file_extension": ext})


CsvSnapshot = extension("csv")
MdSnapshot = extension("md")
JsonSnapshot = extension("json")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def ropa(fmt: str, lang: str = "en", directory: Path = ORG) -> str:
    result = run("ropa", str(directory), "--format", fmt, "--lang", lang, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize(("fmt", "ext"), [("csv", CsvSnapshot), ("markdown", MdSnapshot), ("json", JsonSnapshot)],
                         ids=["csv", "markdown", "json"])
def test_snapshot(fmt: str, ext: type[SingleFileSnapshotExtension], snapshot: SnapshotAssertion) -> None:
    assert ropa(fmt) == snapshot(extension_class=ext)


def test_swedish_csv_snapshot(snapshot: SnapshotAssertion) -> None:
    assert ropa("csv", "sv") == snapshot(extension_class=CsvSnapshot)


def test_csv_has_one_row_per_purpose_and_a_column_per_item() -> None:
    rows = list(csv.reader(io.StringIO(ropa("csv"))))
    head, body = rows[0], rows[1:]
    assert head[:3] == ["Purpose id", "(a) Controller", "(b) Purpose"]
    assert [h[:3] for h in head if h.startswith("(")] == ["(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)"]
    assert [r[0] for r in body] == PURPOSES
    by_id = {r[0]: dict(zip(head, r, strict=True)) for r in body}
    # (a) the controller and its DPO, on every row
    assert all("Dana Dataskydd" in r["(a) Controller"] for r in by_id.values())
    # (c) special categories are marked
    assert "Health information (special category, Art. 9)" in by_id["complaints"][
        "(c) Data subjects and personal data"]
    # (d) and (e): the chat's sub-processor in India, with no safeguard
    support = by_id["customer-support"]
    assert "Kaveri Data Services Pvt. Ltd. (sub-processor; IN)" in support["(d) Recipients"]
    assert "India (IN) – Kaveri Data Services Pvt. Ltd.: NO SAFEGUARD" in support[
        "(e) Transfers to third countries"]
    # (f) the retention, from when, the law, and the systems that keep it shorter
    assert by_id["bookkeeping"]["(f) Time limits for erasure"].splitlines()[:2] == [
        "7 years after the end of the financial year",
        "required by: Bokföringslagen (1999:1078) 7 kap. 2 § [unverified]"]  # reference data: verified: false
    assert "Intercom Messenger (web chat): 6 months" in support["(f) Time limits for erasure"]
    # (g) the security measures of the systems holding the data
    assert "Role-based access control:" in support["(g) Security measures"]


def test_json_structure() -> None:
    doc = json.loads(ropa("json"))
    assert doc["as_of"] == AS_OF
    assert doc["controller"]["name"] == "Exempel Kundservice AB"
    assert [a["id"] for a in doc["activities"]] == PURPOSES
    first = doc["activities"][0]
    assert sorted(first) == ["a_controller", "b_purpose", "c_categories", "d_recipients", "e_transfers",
                             "f_erasure", "g_security", "id"]
    unsafe = [t for t in first["e_transfers"] if t["basis"] == "none"]
    assert {t["holder"] for t in unsafe} == {"kaveri-data", "legacy-sms"}
    assert first["f_erasure"]["retention"] == "P2Y"


def test_statistics_purpose_has_no_processor_through_an_anonymized_flow() -> None:
    doc = json.loads(ropa("json"))
    stats = next(a for a in doc["activities"] if a["id"] == "statistics")
    # the analytics system gets only anonymized data from ticketing: what it stores is not personal
    # data there (graph.facts.anonymized), so neither Zendesk nor Infomaniak, which hosts the
    # analytics system, is a recipient of personal data for statistics; breach-impact agrees
    assert stats["d_recipients"] == []
    assert stats["g_security"]["systems"] == []


def test_identical_output_and_file(tmp_path: Path) -> None:
    out = tmp_path / "ropa.csv"
    result = run("ropa", str(ORG), "--format", "csv", "--as-of", AS_OF, "-o", str(out))
    assert result.exit_code == 0 and result.output == ""
    assert out.read_text(encoding="utf-8") == ropa("csv") == ropa("csv")


def test_markdown_table_has_a_row_per_purpose() -> None:
    lines = [line for line in ropa("markdown").splitlines()
             if line.startswith("| ") and not line.startswith("| ---")]
    assert len(lines) == 1 + len(PURPOSES)  # the header, then one row each
    assert all(line.count(" | ") >= 8 for line in lines)


def test_unverified_retention_laws_are_marked_in_every_format() -> None:
    doc = json.loads(ropa("json"))
    by_id = {a["id"]: a for a in doc["activities"]}
    assert by_id["bookkeeping"]["f_erasure"]["retention_basis_verified"] is False
    assert by_id["customer-support"]["f_erasure"]["retention_basis_verified"] is None  # no law
    assert "required by: Bokföringslagen (1999:1078) 7 kap. 2 § [unverified]" in by_id["bookkeeping"][
        "f_erasure"]["text"]
    assert "krävs enligt: Bokföringslagen (1999:1078) 7 kap. 2 § [ej verifierad]" in ropa("csv", "sv")
    assert "Preskriptionslagen (1981:130) 2 § [unverified]" in ropa("markdown")
