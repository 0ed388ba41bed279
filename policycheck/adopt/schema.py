"""JSON Schemas of the declaration files, generated from the models (so they cannot drift from the loader).

One schema per file kind, post-processed for editors: descriptions from docs/format.md, the value
lists of fields the model keeps open (a lawful basis the rules check, not the loader), the loader's
leniencies (an entity file's `id` is optional, an empty section means none, `rules:` overrides may
be `off`). Editors with the YAML language server (VS Code's YAML extension) use them for
completion, hover help and validation.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from pydantic import BaseModel

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = ".policycheck/schemas"

#: schema file -> (files it applies to, as globs relative to the repo root)
GLOBS: dict[str, tuple[str, ...]] = {
    "policycheck.schema.json": ("policycheck.yaml",),
    "categories.schema.json": ("categories.yaml",),
    "purposes.schema.json": ("purposes.yaml",),
    "system.schema.json": ("systems/*.yaml",),
    "processor.schema.json": ("processors/*.yaml",),
    "recipient.schema.json": ("recipients/*.yaml",),
    "exercises.schema.json": ("exercises.yaml",),
    "breaches.schema.json": ("breaches.yaml",),
    "policy.schema.json": ("policies/*.md",),
    "privacy-notice.schema.json": ("privacy-notice.md",),
}

LAWFUL_BASES = ("consent", "contract", "legal-obligation", "vital-interests", "public-task", "legitimate-interests")
SPECIAL_CONDITIONS = (
    "explicit-consent",
    "employment",
    "vital-interests",
    "non-profit",
    "made-public",
    "legal-claims",
    "substantial-public-interest",
    "health-care",
    "public-health",
    "archiving-research",
    "national-law",
)
SUBJECTS = ("customer", "employee", "child", "patient", "student", "elderly", "supplier", "job-applicant")

#: (model name, field) -> description, from docs/format.md
DESCRIPTIONS: dict[tuple[str, str], str] = {
    ("Config", "organization"): "The organization (the controller).",
    ("Config", "teams"): "Teams, referred to by id from systems (owner), purposes (consulted), policy documents.",
    ("Config", "settings"): "fail_on and language.",
    ("Config", "rules"): "Per-rule overrides by rule id: `off`, or {severity, enabled, params}.",
    ("Config", "waivers"): "Accepted findings: each needs a reason and an expiry.",
    ("Organization", "country"): "Country of establishment (ISO 3166-1 alpha-2); the supervisory authority follows.",
    ("Organization", "privacy_contact"): "Where data subjects write (an e-mail address or URL).",
    ("Organization", "org_number"): "(policycheck) Organisationsnummer, for breach notices.",
    ("Team", "function"): "customer-support | it | security | legal | management | other.",
    ("Team", "handles_personal_data"): "Whether the team handles personal data (then it needs GDPR training).",
    ("Team", "gdpr_training"): "Date of the last GDPR awareness training (YYYY-MM-DD).",
    ("Settings", "fail_on"): "Lowest severity that makes `check` exit 1.",
    ("Settings", "language"): "Language of messages and reports.",
    ("Waiver", "rule"): "The rule id of the finding accepted.",
    ("Waiver", "subject"): "The finding's subject, KIND:ID (e.g. processor:legacy-sms).",
    ("Waiver", "expires"): "When the waiver must be looked at again (YYYY-MM-DD).",
    ("Category", "classification"): "A level defined by the data-classification policy's `levels`.",
    ("Category", "special"): "true for Art. 9 data (health, religion, ...); `criminal` for Art. 10 data.",
    ("Category", "subjects"): "Kinds of data subjects (customer, employee, ...).",
    ("Purpose", "lawful_basis"): "Art. 6(1): consent | contract | legal-obligation | vital-interests | public-task | "
    "legitimate-interests.",
    ("Purpose", "assessment"): "The legitimate-interests assessment (a repo path or https:// URL).",
    ("Purpose", "consent_record"): "The system id where consent is recorded (required for consent).",
    ("Purpose", "special_condition"): "Art. 9(2) condition, required when a special category is processed.",
    ("Purpose", "categories"): "Category ids processed for this purpose.",
    ("Purpose", "retention"): "How long after `retention_from` (ISO 8601 duration: P30D, P6M, P2Y).",
    ("Purpose", "retention_from"): "The event retention counts from (e.g. case-closed).",
    ("Purpose", "retention_basis"): "A law forcing a longer keep, e.g. 'Bokföringslagen 7 kap. 2 §'.",
    ("Purpose", "consulted"): "Team ids involved in deciding what is stored and why.",
    ("System", "id"): "Optional: the file name is the id; where present it must equal it.",
    ("System", "kind"): "phone | email | chat | ticketing | crm | analytics | knowledge-base | notes | paper | backup "
    "| other.",
    ("System", "channel"): "Customers reach us through it.",
    ("System", "owner"): "The team id that owns the system.",
    ("System", "processor"): "Processor id; omit for systems run in-house.",
    ("System", "location"): "Countries where the data is stored (ISO 3166-1 alpha-2).",
    ("System", "free_text"): "Customers or agents can type anything (needs `redaction`).",
    ("System", "redaction"): "The routine for unsolicited sensitive data in free text.",
    ("System", "stores"): "What it stores: categories, purpose, optional retention.",
    ("System", "flows"): "Where this system sends personal data.",
    ("System", "transfer"): "(policycheck) The safeguard of a system kept outside the EU/EEA.",
    ("Store", "retention"): "Optional; defaults to the purpose's retention (ISO 8601 duration).",
    ("Erasure", "method"): "delete | anonymize.",
    ("Erasure", "within_days"): "Days within which an erasure request is carried out (at most 30).",
    ("Security", "access_control"): "none | shared-account | role-based.",
    ("Security", "encryption_at_rest"): "Whether the stored data is encrypted.",
    ("Flow", "to"): "A system, processor or recipient id.",
    ("Flow", "transform"): "none | pseudonymized | anonymized.",
    ("Flow", "encrypted"): "Encrypted in transit.",
    ("Transfer", "mechanism"): "Safeguard for processing outside the EU/EEA: adequacy | dpf | scc | bcr | derogation "
    "| none.",
    ("Transfer", "tia"): "The transfer impact assessment (a repo path or https:// URL).",
    ("Processor", "id"): "Optional: the file name is the id; where present it must equal it.",
    ("Processor", "country"): "Where the processor is established.",
    ("Processor", "processing_locations"): "Where it processes our data (support access, hosting).",
    ("Processor", "dpa"): "The data processing agreement (personuppgiftsbiträdesavtal); omit when none is signed.",
    ("Processor", "subprocessors"): "Processor ids; they are processors files too.",
    ("Dpa", "clauses"): "The Art. 28(3) clauses the DPA has.",
    ("Dpa", "breach_notification_hours"): "Hours within which the processor reports a breach to us.",
    ("Recipient", "id"): "Optional: the file name is the id; where present it must equal it.",
    ("Recipient", "kind"): "authority | partner | other.",
    ("Recipient", "legal_basis"): "The lawful basis of the disclosure.",
    ("PolicyDocument", "type"): "One of the six required policy types.",
    ("PolicyDocument", "covers"): "The topics the policy document covers (its type's required topics).",
    ("PolicyDocument", "levels"): "data-classification only: the levels, lowest first.",
    ("Exercise", "kind"): "breach-drill | continuity-test | restore-test.",
    ("Exercise", "participants"): "Team ids that took part.",
}


def _models() -> dict[str, Any]:
    from policycheck import model

    return {name: getattr(model, name) for name in dir(model) if isinstance(getattr(model, name), type)}


def _describe(schema: dict[str, Any], root: str) -> None:
    """Add the descriptions, value hints and loader leniencies to every model definition."""
    for name, definition in [(root, schema), *schema.get("$defs", {}).items()]:
        title = name
        props = definition.get("properties", {})
        for fld, prop in props.items():
            text = DESCRIPTIONS.get((title, fld))
            if text and "description" not in prop:
                prop["description"] = text
        if title == "Purpose":
            _open_enum(props.get("lawful_basis"), LAWFUL_BASES, "purpose-without-lawful-basis")
            _open_enum(props.get("special_condition"), SPECIAL_CONDITIONS, "special-category-without-condition")
            _examples(props.get("subjects"), SUBJECTS)
        if title == "Recipient":
            _open_enum(props.get("legal_basis"), LAWFUL_BASES, None)
        if title == "Category":
            _examples(props.get("subjects"), SUBJECTS)
        if title == "PolicyDocument" and props.get("type", {}).get("type") == "string":
            from policycheck.reference import reference

            props["type"]["enum"] = list(reference().policy_types)


def _open_enum(prop: dict[str, Any] | None, values: tuple[str, ...], rule: str | None) -> None:
    """Suggest ``values`` for a text field the loader leaves open (a rule judges the value, not the loader)."""
    if prop is None or "enum" in json.dumps(prop):
        return  # the model has closed it already
    choice: dict[str, Any] = {"enum": list(values)}
    other: dict[str, Any] = {"type": "string"}
    if rule:
        other["description"] = f"Any other value is reported by the rule {rule}."
    prop.pop("type", None)
    branches = prop.pop("anyOf", None) or []
    nulls = [b for b in branches if b.get("type") == "null"]
    prop["anyOf"] = [choice, other, *nulls]


def _examples(prop: dict[str, Any] | None, values: tuple[str, ...]) -> None:
    if prop is not None and prop.get("type") == "array":
        prop.setdefault("items", {})["examples"] = list(values)


def _entity(model: type[BaseModel], title: str, description: str) -> dict[str, Any]:
    schema = copy.deepcopy(model.model_json_schema())
    if "id" in schema.get("required", []):
        schema["required"].remove("id")  # the file name is the id
    schema["title"] = title
    schema["description"] = description
    _describe(schema, model.__name__)
    return schema


def _list_file(model: type[BaseModel], key: str, title: str, description: str) -> dict[str, Any]:
    item = copy.deepcopy(model.model_json_schema())
    defs = item.pop("$defs", {})
    schema: dict[str, Any] = {
        "title": title,
        "description": description,
        "type": "object",
        "additionalProperties": False,
        "required": [key],
        "properties": {
            key: {"anyOf": [{"type": "array", "items": {"$ref": f"#/$defs/{model.__name__}"}}, {"type": "null"}]}
        },
        "$defs": {**defs, model.__name__: item},
    }
    _describe(schema, "")
    return schema


def _front_matter(model: type[BaseModel], drop: tuple[str, ...], title: str, description: str) -> dict[str, Any]:
    schema = copy.deepcopy(model.model_json_schema())
    for fld in drop:  # set by the loader from the file, not written in the front matter
        schema.get("properties", {}).pop(fld, None)
        if fld in schema.get("required", []):
            schema["required"].remove(fld)
    schema["title"] = title
    schema["description"] = description
    _describe(schema, model.__name__)
    return schema


def _config() -> dict[str, Any]:
    from policycheck.model import Config

    schema = copy.deepcopy(Config.model_json_schema())
    schema["title"] = "policycheck.yaml"
    schema["description"] = "The compliance repo's root: organization, teams, settings, rule overrides, waivers."
    props = schema["properties"]
    for section in ("teams", "rules", "waivers", "settings"):  # an empty section means none
        prop = props[section]
        branches = prop.pop("anyOf", None) or [{k: prop.pop(k) for k in list(prop) if k not in ("title", "default")}]
        prop["anyOf"] = [*branches, {"type": "null"}]
    rules = props["rules"]["anyOf"][0]
    override = rules.get("additionalProperties", {})
    rules["additionalProperties"] = {
        "anyOf": [override, {"type": "boolean"}, {"enum": ["off", "on"]}],
        "description": "`off` (or false) switches the rule off; a mapping overrides severity, enabled, params.",
    }
    _describe(schema, "Config")
    return schema


def schemas() -> dict[str, dict[str, Any]]:
    """Every schema, by file name (see GLOBS); breaches.yaml's only when the model has a breach register."""
    from policycheck import model

    out: dict[str, dict[str, Any]] = {
        "policycheck.schema.json": _config(),
        "categories.schema.json": _list_file(
            model.Category, "categories", "categories.yaml", "Data categories: what personal data exists."
        ),
        "purposes.schema.json": _list_file(
            model.Purpose,
            "purposes",
            "purposes.yaml",
            "Purposes (processing activities): why, on what lawful basis, for how long.",
        ),
        "system.schema.json": _entity(
            model.System, "systems/<id>.yaml", "One system: channel, tool, archive, notes, paper, backup."
        ),
        "processor.schema.json": _entity(
            model.Processor, "processors/<id>.yaml", "One vendor (processor or sub-processor): location, DPA, transfer."
        ),
        "recipient.schema.json": _entity(
            model.Recipient, "recipients/<id>.yaml", "A third party receiving data as a controller."
        ),
        "exercises.schema.json": _list_file(
            model.Exercise, "exercises", "exercises.yaml", "Breach drills and continuity tests that were held."
        ),
        "policy.schema.json": _front_matter(
            model.PolicyDocument, ("name", "text"), "policies/<name>.md front matter", "A required policy document."
        ),
        "privacy-notice.schema.json": _front_matter(
            model.PrivacyNotice, ("text",), "privacy-notice.md front matter", "The notice customers read."
        ),
    }
    breach: type[BaseModel] | None = _models().get("Breach")
    if breach is not None:
        out["breaches.schema.json"] = _list_file(
            breach, "breaches", "breaches.yaml", "The breach register (Art. 33(5))."
        )
    for name, schema in out.items():
        schema["$schema"] = DRAFT
        schema["$id"] = f"https://policycheck.invalid/schemas/{name}"
        out[name] = {"$schema": schema.pop("$schema"), "$id": schema.pop("$id"), **schema}
    return out


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def schema_for(rel: str) -> str | None:
    """The schema file name for a repo-relative declaration file, or None."""
    import fnmatch

    for name, globs in GLOBS.items():
        if any(fnmatch.fnmatch(rel, g) and rel.count("/") == g.count("/") for g in globs):
            return name
    return None


def modeline(rel: str, schema_dir: str = SCHEMA_DIR) -> str | None:
    """The `# yaml-language-server: $schema=...` line for a YAML file, relative to it (works offline)."""
    name = schema_for(rel)
    if name is None or not rel.endswith(".yaml"):
        return None
    up = "../" * rel.count("/")
    return f"# yaml-language-server: $schema={up}{schema_dir}/{name}"


def with_modeline(rel: str, text: str) -> str:
    line = modeline(rel)
    return f"{line}\n{text}" if line and not text.startswith("# yaml-language-server:") else text


def vscode_settings(schema_dir: str = SCHEMA_DIR) -> dict[str, Any]:
    """`.vscode/settings.json` content mapping each schema to its files (an alternative to modelines)."""
    return {
        "yaml.schemas": {
            f"./{schema_dir}/{name}": list(globs) for name, globs in GLOBS.items() if not globs[0].endswith(".md")
        }
    }


def files(schema_dir: str = SCHEMA_DIR) -> dict[str, str]:
    """Every schema as a repo-relative path -> JSON text."""
    return {f"{schema_dir}/{name}": render(schema) for name, schema in schemas().items()}
