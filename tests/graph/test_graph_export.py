"""`policycheck graph`: the data map as DOT, Mermaid, GraphML and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner, Result
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from policycheck.cli import cli
from policycheck.reports.datamap import category_codes

ROOT = Path(__file__).resolve().parents[2]
ORG = ROOT / "org_example"
AS_OF = "2026-11-28"


def extension(ext: str) -> type[SingleFileSnapshotExtension]:
    return type(f"{ext.title()}Snapshot", (SingleFileSnapshotExtension,),
                {"_write_mode": WriteMode.TEXT, "file_extension": ext})


EXTENSIONS = {"dot": extension("dot"), "mermaid": extension("mmd"), "json": extension("json")}


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def graph(fmt: str, directory: Path = ORG, as_of: str = AS_OF) -> str:
    result = run("graph", str(directory), "--format", fmt, "--as-of", as_of)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("fmt", ["dot", "mermaid", "json"])
def test_snapshot(fmt: str, snapshot: SnapshotAssertion) -> None:
    assert graph(fmt) == snapshot(extension_class=EXTENSIONS[fmt])


@pytest.mark.parametrize("fmt", ["dot", "mermaid", "graphml", "json"])
def test_byte_identical(fmt: str) -> None:
    assert graph(fmt) == graph(fmt)


def test_json_marks_the_unsafe_paths() -> None:
    doc = json.loads(graph("json"))
    nodes = {n["id"]: n for n in doc["nodes"]}
    assert nodes["chat"]["column"] == "channels" and nodes["crm"]["column"] == "systems"
    assert nodes["kaveri-data"]["column"] == "subprocessors"
    assert nodes["skatteverket"]["column"] == "processors" and nodes["country:IN"]["kind"] == "country"
    assert {n for n, v in nodes.items() if v["unsafe"]} == {"kaveri-data", "legacy-sms", "country:IN",
                                                              "country:AU"}
    unsafe = {(e["source"], e["target"], e["kind"]) for e in doc["edges"] if e["unsafe"]}
    assert unsafe == {
        ("chat", "intercom", "hosting"), ("intercom", "kaveri-data", "subprocessing"),
        ("kaveri-data", "country:IN", "location"),
        ("ticketing", "legacy-sms", "flow"), ("legacy-sms", "country:AU", "location"),
    }
    # a safeguarded third-country path is marked, but not unsafe
    zendesk_us = next(e for e in doc["edges"] if (e["source"], e["target"]) == ("zendesk", "country:US"))
    assert zendesk_us["third_country"] and not zendesk_us["unsafe"]
    # an anonymized flow carries no personal data
    anon = next(e for e in doc["edges"] if (e["source"], e["target"]) == ("ticketing", "analytics"))
    assert anon["transform"] == "anonymized" and anon["categories"] == [] and not anon["third_country"]


def test_as_of_changes_what_is_safe(tmp_path: Path) -> None:
    """Adequacy is judged as of --as-of: before the DPF decision, Intercom's US access was unsafe."""
    before = {n["id"]: n for n in json.loads(graph("json", as_of="2023-01-01"))["nodes"]}
    after = {n["id"]: n for n in json.loads(graph("json"))["nodes"]}
    assert before["intercom"]["unsafe"] and not after["intercom"]["unsafe"]


def test_graphml_reads_back_with_networkx(tmp_path: Path) -> None:
    path = tmp_path / "map.graphml"
    result = run("graph", str(ORG), "--format", "graphml", "--as-of", AS_OF, "-o", str(path))
    assert result.exit_code == 0
    g = nx.read_graphml(path, force_multigraph=True)
    doc = json.loads(graph("json"))
    assert g.number_of_nodes() == len(doc["nodes"]) and g.number_of_edges() == len(doc["edges"])
    assert g.nodes["kaveri-data"]["unsafe"] is True
    assert g.nodes["chat"]["kind"] == "system" and g.nodes["chat"]["channel"] is True
    flows = [d for _, _, d in g.edges(data=True) if d["kind"] == "flow" and d["purpose"] == "backup-and-restore"]
    assert flows and "health-data" in flows[0]["categories"]


def test_dot_is_well_formed() -> None:
    dot = graph("dot")
    assert dot.startswith("digraph datamap {") and dot.rstrip().endswith("}")
    assert dot.count("{") == dot.count("}")
    assert '"kaveri-data" -> "country:IN" [kind="location", style=dashed, color="#b91c1c"' in dot
    assert 'label="Customer channels"' in dot


def test_mermaid_styles_unsafe_links_red() -> None:
    mmd = graph("mermaid")
    lines = mmd.splitlines()
    assert lines[0] == "flowchart LR"
    links = [ln.strip() for ln in lines if "-->" in ln or "-.->" in ln or "==>" in ln]
    red = next(ln for ln in lines if ln.strip().startswith("linkStyle") and "#b91c1c" in ln)
    indexes = [int(i) for i in red.split()[1].split(",")]
    assert any("n_ticketing ==>" in links[i] and "n_legacy_sms" in links[i] for i in indexes)
    assert all('"' not in part for ln in links for part in ln.split('"')[1::2])


def test_category_codes_are_short_and_unique() -> None:
    codes = category_codes(["contact-details", "case-history", "call-recordings", "credit-checks",
                            "case-handling", "chat"])
    assert codes["contact-details"] == "CD" and codes["case-history"] == "CH"
    assert len(set(codes.values())) == len(codes)


# --- QA findings: consistent exports ------------------------------------------------------------


def _mermaid_links(mmd: str) -> set[tuple[str, str]]:
    out = set()
    for line in mmd.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[1].startswith(("-->", "==>", "-.->")):
            out.add((parts[0], parts[-1]))
    return out


def test_mermaid_and_dot_show_the_same_locations() -> None:
    """A system run by a processor keeps its location edges in every export."""
    import re

    dot = graph("dot")
    dot_locations = {
        (a, b) for a, b in re.findall(r'^  "([^"]+)" -> "([^"]+)" \[kind="location"', dot, flags=re.M)
    }
    assert ("chat", "country:IE") in dot_locations  # Intercom runs the chat
    mmd = _mermaid_links(graph("mermaid"))
    ids = {(("n_" + a.replace("-", "_")), "c_" + b.split(":")[1]) for a, b in dot_locations}
    assert ids <= mmd
    assert ("n_chat", "c_IE") in mmd


def test_dot_styles_recipients_apart_from_processors() -> None:
    dot = graph("dot")
    line = next(ln for ln in dot.splitlines() if ln.strip().startswith('"skatteverket" ['))
    assert 'fillcolor="#dcfce7"' in line and 'color="#15803d"' in line and 'kind="recipient"' in line
    assert "#ede9fe" not in line  # the processors' fill
    processor = next(ln for ln in dot.splitlines() if ln.strip().startswith('"zendesk" ['))
    assert 'fillcolor="#ede9fe"' in processor


def test_anonymized_flow_keeps_its_declared_categories() -> None:
    dot = graph("dot")
    line = next(ln for ln in dot.splitlines() if ln.startswith('  "ticketing" -> "analytics"'))
    assert 'categories="case-history"' in line and 'transform="anonymized"' in line and "personal=false" in line
    personal = next(ln for ln in dot.splitlines() if ln.startswith('  "chat" -> "ticketing"'))
    assert "personal=true" in personal
    doc = json.loads(graph("json"))
    anon = next(e for e in doc["edges"] if (e["source"], e["target"]) == ("ticketing", "analytics"))
    assert anon["personal"] is False and anon["declared"] == ["case-history"]


def test_graphml_types_booleans(tmp_path: Path) -> None:
    path = tmp_path / "map.graphml"
    assert run("graph", str(ORG), "--format", "graphml", "--as-of", AS_OF, "-o", str(path)).exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert 'attr.name="encrypted" attr.type="boolean"' in text
    assert 'attr.name="personal" attr.type="boolean"' in text
    g = nx.read_graphml(path, force_multigraph=True)
    flows = [d for _, _, d in g.edges(data=True) if d["kind"] == "flow"]
    assert flows and all(isinstance(d["encrypted"], bool) for d in flows if "encrypted" in d)
    anon = next(d for u, v, d in g.edges(data=True) if (u, v) == ("ticketing", "analytics"))
    assert anon["categories"] == "case-history" and anon["personal"] is False
    assert all("encrypted" not in d for _, _, d in g.edges(data=True) if d["kind"] != "flow")
