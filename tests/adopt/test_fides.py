"""Fides interoperability: `export fides` writes manifests of fideslang's current shape, `import fides`
gives the repo back (systems, processors, recipients, flows, categories, purposes), also after a Fides
server dropped every field its models do not have, and reads manifests Fides users wrote."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from policycheck.load.repo import load_repo
from policycheck.model import Repo
from tests.conftest import ORG_EXAMPLE, run_cli

FIXTURE = Path(__file__).parents[1] / "fixtures" / "fides" / "demo_system.yml"
ORGS = Path(__file__).parents[1] / "fixtures" / "orgs"

# fideslang's documented models (src/fideslang/models.py): fields, required fields, enums
FIDES_KEY = re.compile(r"^[a-zA-Z0-9_.<>-]+$")
_FIDES_MODEL = {"fides_key", "organization_fides_key", "tags", "name", "description"}
_DEFAULT_MODEL = {"version_added", "version_deprecated", "replaced_by", "is_default"}
FIELDS: dict[str, set[str]] = {
    "system": _FIDES_MODEL
    | {
        "meta", "fidesctl_meta", "system_type", "egress", "ingress", "privacy_declarations",
        "administrating_department", "vendor_id", "previous_vendor_id", "vendor_deleted_date",
        "dataset_references", "processes_personal_data", "exempt_from_privacy_regulations",
        "reason_for_exemption", "uses_profiling", "legal_basis_for_profiling", "does_international_transfers",
        "legal_basis_for_transfers", "requires_data_protection_assessments", "dpa_location", "dpa_progress",
        "privacy_policy", "legal_name", "legal_address", "responsibility", "dpo", "joint_controller_info",
        "data_security_practices", "cookie_max_age_seconds", "uses_cookies", "cookie_refresh",
        "uses_non_cookie_access", "legitimate_interest_disclosure_url", "cookies",
    },
    "privacy_declaration": {
        "name", "data_categories", "data_use", "data_subjects", "dataset_references", "egress", "ingress",
        "features", "flexible_legal_basis_for_processing", "legal_basis_for_processing",
        "impact_assessment_location", "retention_period", "processes_special_category_data",
        "special_category_legal_basis", "data_shared_with_third_parties", "third_parties", "shared_categories",
        "cookies",
    },
    "data_flow": {"fides_key", "type", "data_categories"},
    "data_category": _FIDES_MODEL | _DEFAULT_MODEL | {"parent_key"},
    "data_use": _FIDES_MODEL | _DEFAULT_MODEL | {"parent_key"},
    "data_subject": _FIDES_MODEL | _DEFAULT_MODEL | {"rights", "automated_decisions_or_profiling"},
    "organization": _FIDES_MODEL
    | {"organization_parent_key", "controller", "data_protection_officer", "fidesctl_meta", "representative",
       "security_policy"},
}  # fmt: skip
REQUIRED = {
    "system": {"fides_key", "system_type", "privacy_declarations"},
    "privacy_declaration": {"data_categories", "data_use"},
    "data_flow": {"fides_key", "type"},
}
LEGAL_BASIS = {"Consent", "Contract", "Legal obligations", "Vital interests", "Public interest", "Legitimate interests"}
SPECIAL_BASIS = {
    "Explicit consent", "Employment, social security and social protection", "Vital interests",
    "Not-for-profit bodies", "Made public by the data subject", "Legal claims or judicial acts",
    "Reasons of substantial public interest (with a basis in law)", "Health or social care (with a basis in law)",
    "Public health (with a basis in law)", "Archiving, research and statistics (with a basis in law)",
}  # fmt: skip
RESPONSIBILITY = {"Controller", "Processor", "Sub-Processor"}


def shape_errors(manifest: dict[str, Any], *, allow_extra_meta: bool = True) -> list[str]:
    """Where ``manifest`` departs from fideslang's models (unknown fields Fides would drop are errors
    except `meta` on the taxonomy resources, which Fides ignores)."""
    errors: list[str] = []

    def fields(kind: str, obj: Any, where: str) -> None:
        if not isinstance(obj, dict):
            errors.append(f"{where}: not a mapping")
            return
        extra = set(obj) - FIELDS[kind] - ({"meta"} if allow_extra_meta else set())
        if extra:
            errors.append(f"{where}: fields fideslang's {kind} does not have: {sorted(extra)}")
        missing = REQUIRED.get(kind, set()) - set(obj)
        if missing:
            errors.append(f"{where}: missing {sorted(missing)}")
        if "fides_key" in obj and not FIDES_KEY.match(str(obj["fides_key"])):
            errors.append(f"{where}: fides_key {obj['fides_key']!r}")

    assert set(manifest) <= {"system", "data_category", "data_use", "data_subject", "organization", "dataset"}
    for kind in ("data_category", "data_use", "data_subject", "organization"):
        for i, obj in enumerate(manifest.get(kind) or []):
            fields(kind, obj, f"{kind}[{i}]")
    keys = {s["fides_key"] for s in manifest.get("system") or []}
    for i, system in enumerate(manifest.get("system") or []):
        where = f"system[{i}] {system.get('fides_key')}"
        fields("system", system, where)
        if not isinstance(system.get("meta", {}), dict):
            errors.append(f"{where}: meta is not a mapping")
        if not set(system.get("responsibility") or []) <= RESPONSIBILITY:
            errors.append(f"{where}: responsibility {system['responsibility']}")
        if not isinstance(system.get("does_international_transfers", False), bool):
            errors.append(f"{where}: does_international_transfers")
        if not all(isinstance(b, str) for b in system.get("legal_basis_for_transfers") or []):
            errors.append(f"{where}: legal_basis_for_transfers")
        for direction in ("egress", "ingress"):
            for j, flow in enumerate(system.get(direction) or []):
                fields("data_flow", flow, f"{where} {direction}[{j}]")
                if flow.get("type") not in ("dataset", "system", "user"):
                    errors.append(f"{where} {direction}[{j}]: type {flow.get('type')!r}")
                if flow.get("type") == "system" and flow["fides_key"] not in keys:
                    errors.append(f"{where} {direction}[{j}]: unknown system {flow['fides_key']}")
        for j, d in enumerate(system.get("privacy_declarations") or []):
            w = f"{where} privacy_declarations[{j}]"
            fields("privacy_declaration", d, w)
            if d.get("legal_basis_for_processing") not in LEGAL_BASIS | {None}:
                errors.append(f"{w}: legal_basis_for_processing {d['legal_basis_for_processing']!r}")
            if d.get("special_category_legal_basis") not in SPECIAL_BASIS | {None}:
                errors.append(f"{w}: special_category_legal_basis {d['special_category_legal_basis']!r}")
            if not all(FIDES_KEY.match(str(k)) for k in [*d.get("data_categories", []), d.get("data_use", "")]):
                errors.append(f"{w}: a data category or use is not a fides_key")
    return errors


def through_fides_server(manifest: dict[str, Any]) -> dict[str, Any]:
    """What a Fides server keeps: the fields of its models (extra="ignore"), nothing else."""

    def keep(kind: str, obj: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in obj.items() if k in FIELDS[kind]}

    out: dict[str, Any] = {}
    for kind in ("data_category", "data_use", "data_subject", "organization"):
        out[kind] = [keep(kind, o) for o in manifest.get(kind) or []]
    out["system"] = [
        {
            **keep("system", s),
            "privacy_declarations": [keep("privacy_declaration", d) for d in s["privacy_declarations"]],
        }
        for s in manifest["system"]
    ]
    return out


def _export(org: Path, tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / "fides.yml"
    result = run_cli("export", "fides", str(org), "--output", str(out))
    assert result.exit_code == 0, result.output
    loaded: dict[str, Any] = yaml.safe_load(out.read_text(encoding="utf-8"))
    return loaded


def _import(manifest: dict[str, Any] | Path, tmp_path: Path, name: str = "back") -> Repo:
    path = manifest if isinstance(manifest, Path) else tmp_path / f"{name}.yml"
    if not isinstance(manifest, Path):
        path.write_text(yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True), encoding="utf-8")
    into = tmp_path / name
    result = run_cli("import", "fides", str(path), "--into", str(into))
    assert result.exit_code == 0, result.output
    check = run_cli("check", str(into), "--as-of", "2026-12-07")
    assert check.exit_code in (0, 1), check.output
    return load_repo(into)


def _same_declarations(a: Repo, b: Repo) -> None:
    assert b.systems == a.systems
    assert b.processors == a.processors
    assert b.recipients == a.recipients
    assert b.categories == a.categories
    assert b.purposes == a.purposes


@pytest.mark.parametrize("org", [ORG_EXAMPLE, ORGS / "16-probe-flows", ORGS / "02-transfers"], ids=lambda p: p.name)
def test_the_export_has_fideslang_shape_and_imports_back_unchanged(org: Path, tmp_path: Path) -> None:
    manifest = _export(org, tmp_path)
    assert shape_errors(manifest) == []
    _same_declarations(load_repo(org), _import(manifest, tmp_path))


def test_a_round_trip_through_a_fides_server_keeps_the_declarations(tmp_path: Path) -> None:
    manifest = through_fides_server(_export(ORG_EXAMPLE, tmp_path))
    assert shape_errors(manifest, allow_extra_meta=False) == []
    back = _import(manifest, tmp_path)
    _same_declarations(load_repo(ORG_EXAMPLE), back)
    assert back.config.teams == load_repo(ORG_EXAMPLE).config.teams


def test_the_export_maps_to_fides_fields(tmp_path: Path) -> None:
    manifest = _export(ORG_EXAMPLE, tmp_path)
    systems = {s["fides_key"]: s for s in manifest["system"]}
    repo = load_repo(ORG_EXAMPLE)
    for sid, s in repo.systems.items():
        assert systems[sid]["responsibility"] == ["Controller"]
        assert [d["data_use"] for d in systems[sid]["privacy_declarations"]] == [
            st.purpose or "policycheck_undeclared_purpose" for st in s.stores
        ]
        assert [f["fides_key"] for f in systems[sid].get("egress", [])] == [f.to for f in s.flows]
    for pid in repo.processors:
        assert systems[pid]["responsibility"][0] in ("Processor", "Sub-Processor")
    zendesk = next(s for s in repo.systems.values() if s.processor == "zendesk")
    assert systems[zendesk.id]["does_international_transfers"] is True
    declared = {d["legal_basis_for_processing"] for s in manifest["system"] for d in s["privacy_declarations"]}
    assert declared <= LEGAL_BASIS | {None} and "Contract" in declared
    assert {c["fides_key"] for c in manifest["data_category"]} == set(repo.categories)
    assert {u["fides_key"] for u in manifest["data_use"]} == set(repo.purposes)


def test_a_manifest_written_by_fides_users_imports(tmp_path: Path) -> None:
    manifest = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    assert shape_errors(manifest, allow_extra_meta=False) == []  # the fixture itself follows fideslang
    into = tmp_path / "repo"
    result = run_cli("import", "fides", str(FIXTURE), "--into", str(into))
    assert result.exit_code == 0, result.output
    assert "Fides gives no country" in result.output  # reported, not guessed silently
    repo = load_repo(into)
    assert set(repo.systems) == {"demo-analytics-system", "demo-marketing-system"}
    assert set(repo.processors) == {"mailchimp"}
    analytics = repo.systems["demo-analytics-system"]
    assert [f.to for f in analytics.flows] == ["demo-marketing-system"]  # the dataset ingress is not a node
    assert analytics.stores[0].categories == ("user-contact", "user-device-cookie-id")
    assert analytics.stores[0].purpose == "analytics-reporting"
    purpose = repo.purposes["analytics-reporting"]
    assert purpose.lawful_basis == "legitimate-interests"
    assert str(purpose.retention) == "P3Y"
    assert repo.purposes["marketing-advertising"].lawful_basis == "consent"


def test_import_never_overwrites_and_refuses_what_is_not_a_manifest(tmp_path: Path) -> None:
    into = tmp_path / "repo"
    shutil.copytree(ORG_EXAMPLE, into)
    before = (into / "systems" / "ticketing.yaml").read_text(encoding="utf-8")
    out = tmp_path / "m.yml"
    assert run_cli("export", "fides", str(ORG_EXAMPLE), "-o", str(out)).exit_code == 0
    result = run_cli("import", "fides", str(out), "--into", str(into))
    assert result.exit_code == 2 and "--force" in result.output
    assert (into / "systems" / "ticketing.yaml").read_text(encoding="utf-8") == before
    bad = tmp_path / "bad.yml"
    bad.write_text("hello: world\n", encoding="utf-8")
    result = run_cli("import", "fides", str(bad), "--into", str(tmp_path / "x"))
    assert result.exit_code == 2 and "not a Fides manifest" in result.output


def test_the_export_writes_like_every_command(tmp_path: Path) -> None:
    """`-o -` is standard output, `-o` onto a declaration file is refused, a failed write is one line."""
    org = tmp_path / "org"
    shutil.copytree(ORG_EXAMPLE, org)
    to_stdout = run_cli("export", "fides", str(org), "-o", "-")
    assert to_stdout.exit_code == 0 and to_stdout.stdout.startswith("# Fides manifests")
    assert not (Path.cwd() / "-").exists()

    before = (org / "systems" / "crm.yaml").read_bytes()
    refused = run_cli("export", "fides", str(org), "-o", str(org / "systems" / "crm.yaml"))
    assert refused.exit_code == 2 and "declaration file of the compliance repo" in refused.stderr
    assert (org / "systems" / "crm.yaml").read_bytes() == before

    full = run_cli("export", "fides", str(org), "-o", "/dev/full")
    assert full.exit_code == 2 and "Traceback" not in full.stderr
    assert len(full.stderr.strip().splitlines()) == 1
