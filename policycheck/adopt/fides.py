"""Fides interoperability: compliance repo <-> Fides manifests (fideslang's `system` resources and taxonomy).

Export: every system, processor and recipient becomes a Fides ``system`` (``fides_key`` = its id,
``responsibility`` Controller / Processor / Sub-Processor); each ``stores`` entry a
``privacy_declaration`` (``data_categories``, ``data_use`` = the purpose, ``data_subjects``,
``legal_basis_for_processing``, ``retention_period``, special-category basis); flows become
``egress`` (and the matching ``ingress`` of the receiving system); transfers
``does_international_transfers`` / ``legal_basis_for_transfers``; a DPA ``dpa_location``. Categories
and purposes become ``data_category`` and ``data_use`` entries, data subjects ``data_subject``.
What Fides has no field for (kinds, countries, erasure, security, flow transforms, DPA clauses,
retention anchors, ...) is kept under ``meta.policycheck``, so an import gives the repo back.

Import reads such manifests (ours, or written by Fides): ``meta.policycheck`` where present, the
Fides fields otherwise; what a foreign manifest does not say (a processor's country) is reported.
fideslang itself is not a dependency (it pins pydantic tightly); tests check the shape against
a manifest written from fideslang's documented model.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from policycheck.errors import UsageError
from policycheck.i18n.format import name_of

if TYPE_CHECKING:
    from pydantic import BaseModel

    from policycheck.model import Repo

ORGANIZATION_KEY = "default_organization"

#: FORMAT.md lawful basis -> fideslang LegalBasisForProcessingEnum
LEGAL_BASES = {
    "consent": "Consent",
    "contract": "Contract",
    "legal-obligation": "Legal obligations",
    "vital-interests": "Vital interests",
    "public-task": "Public interest",
    "legitimate-interests": "Legitimate interests",
}
#: FORMAT.md special_condition -> fideslang SpecialCategoryLegalBasisEnum
SPECIAL_BASES = {
    "explicit-consent": "Explicit consent",
    "employment": "Employment, social security and social protection",
    "vital-interests": "Vital interests",
    "non-profit": "Not-for-profit bodies",
    "made-public": "Made public by the data subject",
    "legal-claims": "Legal claims or judicial acts",
    "substantial-public-interest": "Reasons of substantial public interest (with a basis in law)",
    "health-care": "Health or social care (with a basis in law)",
    "public-health": "Public health (with a basis in law)",
    "archiving-research": "Archiving, research and statistics (with a basis in law)",
}
#: transfer mechanism -> fideslang LegalBasisForTransfersEnum value
TRANSFER_BASES = {
    "adequacy": "Adequacy Decision",
    "dpf": "Adequacy Decision",
    "scc": "SCCs",
    "bcr": "BCRs",
    "derogation": "Other",
}
#: a stores entry without a purpose still needs a data_use in Fides
NO_PURPOSE = "policycheck_undeclared_purpose"


def _plain(value: Any) -> Any:
    """JSON-able data: dates as ISO text, tuples as lists, durations as text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _dump(obj: BaseModel, drop: tuple[str, ...] = ("id", "name", "description")) -> dict[str, Any]:
    data = obj.model_dump(exclude_defaults=True)
    # a name per language (a mapping) is kept: the Fides `name` holds one of its texts only
    return {k: _plain(v) for k, v in data.items() if k not in drop or (k == "name" and isinstance(v, dict))}


# --- export ----------------------------------------------------------------------------------------


def export(repo: Repo) -> dict[str, Any]:
    """The repo as one Fides manifest (a taxonomy document: organization, data_*, system)."""
    from policycheck.reference import reference

    # names as declared, so that `meta.policycheck` keeps every language's text; the Fides `name`
    # is the text in the repo's language
    repo = repo.declared or repo
    lang = repo.config.settings.language

    ref = reference()
    config = repo.config
    subjects: set[str] = set()
    for c in repo.categories.values():
        subjects.update(c.subjects)
    for p in repo.purposes.values():
        subjects.update(p.subjects)
    sub_only = {s for pr in repo.processors.values() for s in pr.subprocessors}
    engaged = {s.processor for s in repo.systems.values() if s.processor}
    engaged |= {f.to for s in repo.systems.values() for f in s.flows if f.to in repo.processors}

    ingress: dict[str, list[dict[str, Any]]] = {}
    for s in repo.systems.values():
        for f in s.flows:
            ingress.setdefault(f.to, []).append(
                {"fides_key": s.id, "type": "system", "data_categories": list(f.categories)}
            )

    def countries(node_id: str) -> tuple[str, ...]:
        if node_id in repo.systems:
            s = repo.systems[node_id]  # where it stores data, and where its processor processes it
            hosted = repo.processors[s.processor].countries if s.processor in repo.processors else ()
            return (*s.location, *hosted) or (config.organization.country,)
        if node_id in repo.processors:
            return repo.processors[node_id].countries
        return (repo.recipients[node_id].country,)

    def transfers(node_id: str) -> tuple[bool, list[str]]:
        outside = any(c not in ref.eea for c in countries(node_id))
        holder = repo.holder(node_id)
        transfer = getattr(holder, "transfer", None)
        if transfer is None and node_id in repo.systems and repo.systems[node_id].processor:
            transfer = getattr(repo.processors.get(repo.systems[node_id].processor or ""), "transfer", None)
        basis = [TRANSFER_BASES[transfer.mechanism]] if transfer and transfer.mechanism in TRANSFER_BASES else []
        return outside, basis

    def declarations(node_id: str) -> list[dict[str, Any]]:
        out = []
        system = repo.systems.get(node_id)
        for store in system.stores if system else ():
            purpose = repo.purposes.get(store.purpose or "")
            d: dict[str, Any] = {
                "name": name_of(purpose.name, lang) if purpose else (store.purpose or "No purpose declared"),
                "data_categories": list(store.categories),
                "data_use": store.purpose or NO_PURPOSE,
                "data_subjects": sorted({s for c in store.categories for s in _subjects_of(repo, c)}),
            }
            if purpose is not None:
                if purpose.lawful_basis in LEGAL_BASES:
                    d["legal_basis_for_processing"] = LEGAL_BASES[purpose.lawful_basis]
                if purpose.assessment:
                    d["impact_assessment_location"] = purpose.assessment
                if purpose.special_condition in SPECIAL_BASES:
                    d["special_category_legal_basis"] = SPECIAL_BASES[purpose.special_condition]
            retention = store.retention or (purpose.retention if purpose else None)
            if retention is not None:
                d["retention_period"] = str(retention)
            special = [c for c in store.categories if c in repo.categories and repo.categories[c].special]
            d["processes_special_category_data"] = bool(special)
            flows_out = [f for f in system.flows if f.to not in repo.systems] if system else []
            d["data_shared_with_third_parties"] = bool(flows_out)
            out.append(d)
        return out

    systems: list[dict[str, Any]] = []

    def add(node_id: str, kind: str, obj: Any, responsibility: str, system_type: str) -> None:
        outside, basis = transfers(node_id)
        entry: dict[str, Any] = {
            "fides_key": node_id,
            "organization_fides_key": ORGANIZATION_KEY,
            "name": name_of(getattr(obj, "name", node_id), lang),
            "description": getattr(obj, "description", None) or f"{kind} from policycheck",
            "system_type": system_type,
            "responsibility": [responsibility],
            "privacy_declarations": declarations(node_id),
            "does_international_transfers": outside,
            "legal_basis_for_transfers": basis,
            "meta": {"policycheck_node": kind, "policycheck": _dump(obj)},
        }
        system = repo.systems.get(node_id)
        if system is not None:
            if system.flows:
                entry["egress"] = [
                    {"fides_key": f.to, "type": "system", "data_categories": list(f.categories)} for f in system.flows
                ]
            if system.owner:
                entry["administrating_department"] = system.owner
            dpa = repo.processors[system.processor].dpa if system.processor in repo.processors else None
            if dpa is not None and dpa.document:
                entry["dpa_location"] = dpa.document
        if node_id in ingress:
            entry["ingress"] = ingress[node_id]
        if node_id in repo.processors:
            entry["legal_name"] = name_of(repo.processors[node_id].name, lang)
            dpa = repo.processors[node_id].dpa
            if dpa is not None and dpa.document:
                entry["dpa_location"] = dpa.document
        systems.append(entry)

    for sid, s in sorted(repo.systems.items()):
        add(sid, "system", s, "Controller", "Application" if s.processor is None else "Service")
    for pid, proc in sorted(repo.processors.items()):
        role = "Sub-Processor" if pid in sub_only and pid not in engaged else "Processor"
        add(pid, "processor", proc, role, "Third Party")
    for rid, r in sorted(repo.recipients.items()):
        add(rid, "recipient", r, "Controller", "Third Party")

    # Fides keeps `meta` on systems only (its data_category, data_use and organization resources
    # ignore unknown fields): the repo-wide facts ride along in the first system's meta as well
    if systems:
        systems[0]["meta"]["policycheck_repo"] = {
            "config": _dump(config, drop=()),
            "categories": {c.id: _dump(c) for c in repo.categories.values()},
            "purposes": {p.id: _dump(p) for p in repo.purposes.values()},
        }
    org = config.organization
    return {
        "organization": [
            {
                "fides_key": ORGANIZATION_KEY,
                "name": org.name,
                "description": f"Exported by policycheck from {org.name}'s compliance repo",
                "meta": {"policycheck": _dump(config, drop=())},
            }
        ],
        "data_category": [
            {
                "fides_key": c.id,
                "organization_fides_key": ORGANIZATION_KEY,
                "name": name_of(c.name, lang),
                "description": c.description,
                "parent_key": None,
                "meta": {"policycheck": _dump(c)},
            }
            for c in sorted(repo.categories.values(), key=lambda c: c.id)
        ],
        "data_use": [
            {
                "fides_key": p.id,
                "organization_fides_key": ORGANIZATION_KEY,
                "name": name_of(p.name, lang),
                "description": p.description,
                "parent_key": None,
                "meta": {"policycheck": _dump(p)},
            }
            for p in sorted(repo.purposes.values(), key=lambda p: p.id)
        ],
        "data_subject": [
            {"fides_key": s, "organization_fides_key": ORGANIZATION_KEY, "name": s} for s in sorted(subjects)
        ],
        "system": systems,
    }


def _subjects_of(repo: Repo, category: str) -> tuple[str, ...]:
    c = repo.categories.get(category)
    return c.subjects if c else ()


# --- import ----------------------------------------------------------------------------------------


@dataclass
class Imported:
    files: dict[str, Any] = field(default_factory=dict)  # repo-relative path -> YAML data
    notes: list[str] = field(default_factory=list)  # what could not be mapped


_REVERSE_BASES = {v: k for k, v in LEGAL_BASES.items()}
_REVERSE_SPECIAL = {v: k for k, v in SPECIAL_BASES.items()}


def _meta(entry: dict[str, Any]) -> dict[str, Any]:
    meta = entry.get("meta")
    pc = meta.get("policycheck") if isinstance(meta, dict) else None
    return dict(pc) if isinstance(pc, dict) else {}


def _key(value: Any) -> str:
    """A Fides key as a policycheck id (Fides keys allow dots, underscores and capitals)."""
    from policycheck.adopt.ropa import slug

    return slug(str(value))


def read_manifests(documents: list[tuple[str, Any]], country: str) -> Imported:
    """Fides manifests (file name, parsed YAML) -> the data of a compliance repo's files."""
    out = Imported()
    systems: list[tuple[str, dict[str, Any]]] = []
    categories: dict[str, dict[str, Any]] = {}
    purposes: dict[str, dict[str, Any]] = {}
    config: dict[str, Any] | None = None
    shared: dict[str, Any] = {}  # `policycheck_repo` from a system's meta
    for name, doc in documents:
        if not isinstance(doc, dict) or not any(
            k in doc for k in ("system", "data_category", "data_use", "organization")
        ):
            raise UsageError(f"{name}: not a Fides manifest (expected top-level `system:`, `data_category:`, ...)")
        for entry in doc.get("system") or []:
            if not isinstance(entry, dict) or not entry.get("fides_key"):
                raise UsageError(f"{name}: a `system` entry without fides_key")
            systems.append((name, entry))
            meta = entry.get("meta")
            if isinstance(meta, dict) and isinstance(meta.get("policycheck_repo"), dict):
                shared = meta["policycheck_repo"]
        for entry in doc.get("data_category") or []:
            if isinstance(entry, dict) and entry.get("fides_key"):
                categories[_key(entry["fides_key"])] = entry
        for entry in doc.get("data_use") or []:
            if isinstance(entry, dict) and entry.get("fides_key") and entry["fides_key"] != NO_PURPOSE:
                purposes[_key(entry["fides_key"])] = entry
        for entry in doc.get("organization") or []:
            if isinstance(entry, dict) and _meta(entry):
                config = _meta(entry)
            elif isinstance(entry, dict) and config is None and entry.get("name"):
                config = {"organization": {"name": entry["name"], "country": country}}

    if not _meta_org(documents) and isinstance(shared.get("config"), dict):
        config = shared["config"]
    shared_categories: dict[str, Any] = shared.get("categories") or {}
    shared_purposes: dict[str, Any] = shared.get("purposes") or {}

    # categories and purposes used by declarations but not defined: from the declarations themselves
    for _, entry in systems:
        for d in entry.get("privacy_declarations") or []:
            for c in d.get("data_categories") or []:
                categories.setdefault(_key(c), {"fides_key": c, "name": c})
            use = d.get("data_use")
            if use and use != NO_PURPOSE:
                purposes.setdefault(_key(use), {"fides_key": use, "name": d.get("name") or use})

    category_list = []
    for cid, e in sorted(categories.items()):
        item = {"id": cid, "name": e.get("name") or cid}
        if e.get("description"):
            item["description"] = e["description"]
        category_list.append({**item, **(_meta(e) or shared_categories.get(cid) or {})})
    out.files["categories.yaml"] = {"categories": category_list}
    purpose_list = []
    for pid, e in sorted(purposes.items()):
        purpose: dict[str, Any] = {"id": pid, "name": e.get("name") or pid}
        if e.get("description"):
            purpose["description"] = e["description"]
        extra = _meta(e) or shared_purposes.get(pid) or {}
        if not extra:  # a Fides data use: the lawful basis etc. come from its declarations
            extra = _purpose_from_declarations(pid, systems)
        purpose_list.append({**purpose, **extra})
    out.files["purposes.yaml"] = {"purposes": purpose_list}

    keys = {_key(entry["fides_key"]) for _, entry in systems}
    for name, entry in systems:
        sid = _key(entry["fides_key"])
        meta = _meta(entry)
        data: dict[str, Any]
        node = entry.get("meta", {}).get("policycheck_node") if isinstance(entry.get("meta"), dict) else None
        kind = node if node in ("system", "processor", "recipient") else _kind(entry)
        data = {"name": entry.get("name") or sid}
        if entry.get("description") and not str(entry["description"]).endswith("from policycheck"):
            data["description"] = entry["description"]
        if meta:
            data.update(meta)
        elif kind == "system":
            data.update(_system_from_fides(entry, keys))
            out.notes.append(
                f"{name}: system '{sid}': kind, location, erasure and security are not in Fides; check them"
            )
        else:
            data["country"] = country
            if kind == "recipient":
                data["kind"] = "other"
            out.notes.append(f"{name}: {kind} '{sid}': Fides gives no country; written as {country}, check it")
        folder = {"system": "systems", "processor": "processors", "recipient": "recipients"}[kind]
        out.files[f"{folder}/{sid}.yaml"] = data
    if config is not None:
        out.files["policycheck.yaml"] = config
    return out


def _meta_org(documents: list[tuple[str, Any]]) -> bool:
    """Whether an organization resource carries policycheck's configuration."""
    return any(
        isinstance(doc, dict) and any(isinstance(o, dict) and _meta(o) for o in doc.get("organization") or [])
        for _, doc in documents
    )


def _kind(entry: dict[str, Any]) -> str:
    roles = {str(r) for r in entry.get("responsibility") or []}
    if roles & {"Processor", "Sub-Processor"}:
        return "processor"
    if str(entry.get("system_type", "")).lower() in ("third party", "third-party", "vendor"):
        return "recipient"
    return "system"


def _system_from_fides(entry: dict[str, Any], keys: set[str]) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": "other"}
    stores = []
    for d in entry.get("privacy_declarations") or []:
        store: dict[str, Any] = {"categories": [_key(c) for c in d.get("data_categories") or []]}
        if d.get("data_use") and d["data_use"] != NO_PURPOSE:
            store["purpose"] = _key(d["data_use"])
        stores.append(store)
    if stores:
        data["stores"] = stores
    flows = [
        {"to": _key(f["fides_key"]), "categories": [_key(c) for c in f.get("data_categories") or []]}
        for f in entry.get("egress") or []
        if isinstance(f, dict) and f.get("type") == "system" and _key(f.get("fides_key", "")) in keys
    ]
    if flows:
        data["flows"] = flows
    return data


def _purpose_from_declarations(pid: str, systems: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    for _, entry in systems:
        for d in entry.get("privacy_declarations") or []:
            if _key(d.get("data_use", "")) != pid:
                continue
            out: dict[str, Any] = {}
            basis = _REVERSE_BASES.get(str(d.get("legal_basis_for_processing")))
            if basis:
                out["lawful_basis"] = basis
            special = _REVERSE_SPECIAL.get(str(d.get("special_category_legal_basis")))
            if special:
                out["special_condition"] = special
            if d.get("data_subjects"):
                out["subjects"] = [str(s) for s in d["data_subjects"]]
            if d.get("impact_assessment_location"):
                out["assessment"] = d["impact_assessment_location"]
            retention = d.get("retention_period")
            if retention:
                from policycheck.adopt.ropa import retention as parse_retention

                iso = parse_retention(str(retention))
                if iso:
                    out["retention"] = iso
            return out
    return {}


def typed(files: dict[str, Any]) -> dict[str, Any]:
    """Validate each file's data with the models (laxly: dates from text) and return YAML-ready data.

    A manifest whose policycheck data does not fit the models is refused here, with the file and
    field, before anything is written.
    """
    from pydantic import ValidationError

    from policycheck import model

    def clean(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [clean(v) for v in value]
        if value is None or isinstance(value, bool | int | float | str | dt.date):
            return value
        return str(value)  # durations

    def check(m: type[BaseModel], data: dict[str, Any], where: str) -> dict[str, Any]:
        try:
            obj = m.model_validate(data, strict=False)
        except ValidationError as exc:
            first = exc.errors()[0]
            loc = ".".join(str(p) for p in first["loc"])
            raise UsageError(f"{where}: {loc}: {first['msg']}") from exc
        dumped = obj.model_dump(exclude_defaults=True)
        return {k: clean(v) for k, v in dumped.items() if k in data or k == "id"}

    out: dict[str, Any] = {}
    for rel, data in files.items():
        if rel == "policycheck.yaml":
            out[rel] = check(model.Config, data, rel)
        elif rel in ("categories.yaml", "purposes.yaml"):
            key = rel.removesuffix(".yaml")
            item_model: type[BaseModel] = model.Category if key == "categories" else model.Purpose
            out[rel] = {key: [check(item_model, item, f"{rel}: {item.get('id')}") for item in data[key]]}
        else:
            folder = rel.split("/")[0]
            entity: dict[str, type[BaseModel]] = {
                "systems": model.System,
                "processors": model.Processor,
                "recipients": model.Recipient,
            }
            stem = rel.split("/")[1].removesuffix(".yaml")
            checked = check(entity[folder], {"id": stem, **data}, rel)
            checked.pop("id", None)
            out[rel] = checked
    return out


#: characters libyaml's emitter writes otherwise than PyYAML's (it escapes those outside the Basic
#: Multilingual Plane, NEL, the line and paragraph separators and the byte order mark)
_LIBYAML_WRITES_OTHERWISE = re.compile("[\x85\u2028\u2029\ufeff\U00010000-\U0010ffff]")
#: keys both emitters write as the same simple key (libyaml also differs on an empty key, on one
#: holding a line break and on long ones)
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}")
#: scalars both emitters write alike (the representer and the resolver are the same Python code)
_SCALARS = (bool, int, float, dt.date, type(None))


def libyaml_writes_alike(data: Any) -> bool:
    """Whether libyaml's emitter writes ``data`` byte for byte as PyYAML's does with
    :func:`to_yaml`'s options: a mapping of plain-key mappings, lists, scalars and text without
    the characters libyaml escapes (tests/adopt/test_fides_yaml.py holds it to both emitters)."""
    if type(data) is not dict:  # a top-level scalar gets a document end marker from PyYAML only
        return False
    todo: list[Any] = [data]
    containers: set[int] = set()  # one held twice would be written as an anchor and an alias
    while todo:
        value = todo.pop()
        kind = type(value)
        if kind is str:
            if _LIBYAML_WRITES_OTHERWISE.search(value):
                return False
        elif kind is dict or kind is list:
            if id(value) in containers:
                return False
            containers.add(id(value))
            if kind is list:
                todo.extend(value)
                continue
            for key in value:
                if type(key) is not str or not _PLAIN_KEY.fullmatch(key):
                    return False
            todo.extend(value.values())
        elif kind not in _SCALARS:
            return False
    return True


#: below this many items in the longest top-level list, the manifests are written by one process
MIN_SPLIT = 1000


def _dump_split(data: dict[str, Any], dumper: Any, options: dict[str, Any]) -> str:
    """The YAML of ``data`` (libyaml writes it alike, so it holds no alias): the second half of its
    longest top-level list written by a forked worker while this process writes the rest.

    The entries of a top-level block mapping, and the items of a block list under one, are written
    independently of one another, so the three pieces joined are the text of one dump. Written in
    this process alone for short lists, with ``POLICYCHECK_JOBS=1``, without ``os.fork``, in a
    process running other threads, and whenever the worker fails (whatever it sent is dropped):
    the worker is a :class:`policycheck.reports.beside.Beside`."""
    import yaml

    def dump(part: dict[str, Any]) -> str:
        return yaml.dump(part, Dumper=dumper, **options)  # type: ignore[no-any-return]

    key = max(data, key=lambda k: len(data[k]) if type(data[k]) is list else 0, default=None)
    items = data[key] if key is not None else None
    if key is None or type(items) is not list:
        return dump(data)
    from policycheck.reports.beside import Beside, may_fork

    if not may_fork(len(items), MIN_SPLIT):
        return dump(data)
    half = len(items) // 2
    keys = list(data)
    at = keys.index(key)
    head = {k: data[k] for k in keys[:at]} | {key: items[:half]}
    tail = {k: data[k] for k in keys[at + 1:]}
    header = f"{key}:\n"
    worker = Beside(lambda: dump({key: items[half:]}), str, True)
    try:
        first = dump(head)
        rest = dump(tail) if tail else ""
    except BaseException:
        worker.cancel()
        raise
    second = worker.result()
    if not second.startswith(header):  # not what a dump of the list writes: written here
        second = dump({key: items[half:]})
    return first + second[len(header):] + rest


def to_yaml(data: Any) -> str:
    """The manifests as YAML: by libyaml's emitter (about 4x faster) when it writes ``data`` as
    PyYAML's pure-Python emitter does, else by the latter; the same text either way."""
    import yaml

    options: dict[str, Any] = {"sort_keys": False, "allow_unicode": True, "default_flow_style": False, "width": 120}
    fast = getattr(yaml, "CSafeDumper", None)
    if fast is not None and libyaml_writes_alike(data):
        return _dump_split(data, fast, options)
    return yaml.safe_dump(data, **options)  # type: ignore[no-any-return]
