"""JSON Schemas for editors: generated from the models, every declaration file of org_example and of the
fixture organizations validates against its schema, the organizations broken in shape fail it, and
`init` points each YAML file at a schema it writes into the repo."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from policycheck.adopt.schema import GLOBS, schema_for, schemas
from policycheck.load.yamlread import read_yaml
from tests.conftest import BASE, ORG_EXAMPLE, run_cli

ORGS = Path(__file__).parents[1] / "fixtures" / "orgs"
#: organizations whose files are broken in shape (not only in references or syntax)
BROKEN_IN_SHAPE = {"07-broken-many", "08-broken-refs"}
SCHEMAS = schemas()


def _plain(value: Any) -> Any:
    """As an editor sees the YAML: dates are text."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _data(path: Path, rel: str) -> Any:
    text = path.read_text(encoding="utf-8")
    if rel.endswith(".md"):
        lines = text.split("\n")
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
        text = "\n".join(lines[1:end]) + "\n"
    doc, problems = read_yaml(text, rel)
    if problems:
        return None  # a syntax error is the loader's to report, not the schema's
    return _plain(doc.data)


def _errors(root: Path) -> dict[str, str]:
    """File -> first schema error, for every declaration file of ``root`` that parses."""
    out = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        name = schema_for(rel)
        if name is None or name not in SCHEMAS:
            continue
        try:
            data = _data(path, rel)
        except (UnicodeDecodeError, StopIteration):
            continue
        if data is None:
            continue
        error = next(iter(jsonschema.Draft202012Validator(SCHEMAS[name]).iter_errors(data)), None)
        if error is not None:
            out[rel] = error.message
    return out


def test_every_schema_is_a_valid_draft_2020_12_schema() -> None:
    assert set(SCHEMAS) >= set(GLOBS) - {"breaches.schema.json"}
    for schema in SCHEMAS.values():
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["title"] and schema["description"]


@pytest.mark.parametrize(
    "org",
    [ORG_EXAMPLE, BASE, *sorted(p for p in ORGS.iterdir() if p.is_dir() and p.name not in BROKEN_IN_SHAPE)],
    ids=lambda p: p.name,
)
def test_every_file_of_a_valid_organization_validates(org: Path) -> None:
    assert _errors(org) == {}


def test_the_organizations_broken_in_shape_fail_their_schema() -> None:
    errors = _errors(ORGS / "07-broken-many")
    assert {"policycheck.yaml", "purposes.yaml", "exercises.yaml", "systems/b.yaml", "policies/weird.md"} <= set(errors)
    # 08 is mostly broken in references (not the schema's job), but also in shape here:
    errors = _errors(ORGS / "08-broken-refs")
    assert set(errors) == {"categories.yaml", "policies/weird.md"}, errors  # special: 'yes'; type: unknown-type


def test_schemas_offer_the_values_of_the_docs() -> None:
    system = SCHEMAS["system.schema.json"]
    assert "ticketing" in system["properties"]["kind"]["enum"]
    assert "id" not in system.get("required", [])  # the file name is the id
    assert system["properties"]["kind"]["description"].startswith("phone | email")
    purpose = SCHEMAS["purposes.schema.json"]["$defs"]["Purpose"]
    basis = purpose["properties"]["lawful_basis"]["anyOf"]
    assert basis[0]["enum"][0] == "consent"
    assert basis[1]["type"] == "string"  # other values are the rule's to report, not the loader's
    config = SCHEMAS["policycheck.schema.json"]
    validator = jsonschema.Draft202012Validator(config)
    ok = {"organization": {"name": "X", "country": "SE"}, "rules": {"unused-category": "off"}, "waivers": None}
    assert not list(validator.iter_errors(ok))
    assert list(validator.iter_errors({"organization": {"name": "X", "country": "SE"}, "setings": {}}))


def test_a_breach_register_schema_follows_the_model_when_there_is_one() -> None:
    from policycheck import model

    assert ("breaches.schema.json" in SCHEMAS) == hasattr(model, "Breach")


def test_schema_command_writes_every_schema(tmp_path: Path) -> None:
    out = tmp_path / "schemas"
    result = run_cli("schema", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(SCHEMAS)
    assert json.loads((out / "system.schema.json").read_text(encoding="utf-8")) == SCHEMAS["system.schema.json"]


def test_init_files_name_their_schema_and_still_load(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    assert run_cli("init", str(repo)).exit_code == 0
    yaml_files = sorted(p.relative_to(repo).as_posix() for p in repo.rglob("*.yaml") if ".policycheck" not in p.parts)
    assert "systems/support-mailbox.yaml" in yaml_files
    for rel in yaml_files:
        first = (repo / rel).read_text(encoding="utf-8").splitlines()[0]
        name = schema_for(rel)
        assert first == f"# yaml-language-server: $schema={'../' * rel.count('/')}.policycheck/schemas/{name}"
        # the line resolves, relative to the file, to a schema written into the repo
        target = (repo / rel).parent / first.split("$schema=")[1]
        assert target.is_file()
    assert _errors(repo) == {}
    result = run_cli("check", str(repo), "--as-of", "2026-12-07")
    assert result.exit_code in (0, 1), result.output


def test_the_docs_vscode_settings_match_the_schemas() -> None:
    import re

    from policycheck.adopt.schema import vscode_settings
    from tests.conftest import ROOT

    text = (ROOT / "docs" / "adopt.md").read_text(encoding="utf-8")
    (block,) = [b for b in re.findall(r"^```json\n(.*?)^```", text, re.S | re.M) if "yaml.schemas" in b]
    assert json.loads(block) == vscode_settings()


def test_a_breach_model_gets_its_breaches_yaml_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    from policycheck import model

    class Breach(model.Strict):
        id: str
        aware: str

    monkeypatch.setattr(model, "Breach", Breach, raising=False)
    schema = schemas()["breaches.schema.json"]
    validator = jsonschema.Draft202012Validator(schema)
    assert not list(validator.iter_errors({"breaches": [{"id": "2026-03-phishing", "aware": "2026-03-02"}]}))
    assert list(validator.iter_errors({"breaches": [{"id": "x", "aware": "y", "unknown": 1}]}))
    assert schema_for("breaches.yaml") == "breaches.schema.json"
