"""Strict, frozen models of a compliance repo's declarations (see FORMAT.md).

Field names are the contract; every model forbids unknown fields. Fields this
project adds beyond FORMAT.md are marked "(policycheck)" and documented in
docs/format.md.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from policycheck.model.types import AwareDateTime, Country, DurationField, Id, Name, NameField, Severity

_M = TypeVar("_M", bound=BaseModel)


class Strict(BaseModel):
    # defer_build: a model's validator is built when it first validates, with the models it
    # nests inlined, instead of one validator per class at import (start-up; a warm run that
    # reads every model from the cache builds none)
    model_config = ConfigDict(strict=True, frozen=True, extra="forbid", defer_build=True)

    def model_post_init(self, context: Any, /) -> None:
        """Share one ``__pydantic_fields_set__`` per distinct set of fields given.

        pydantic makes a new set per object (200 to 700 bytes), which was half of the models'
        memory (about 50 MiB at 20,000 systems, for some 50 distinct sets). A frozen model never
        adds to its set, and ``model_copy`` copies it before adding the updated fields.
        """
        given = self.__pydantic_fields_set__
        shared = _FIELD_SETS.setdefault(frozenset(given), given)
        if shared is not given:
            object.__setattr__(self, "__pydantic_fields_set__", shared)


#: the shared set of each distinct set of fields given (:meth:`Strict.model_post_init`)
_FIELD_SETS: dict[frozenset[str], set[str]] = {}


# --- policycheck.yaml ------------------------------------------------------


class Dpo(Strict):
    name: str
    email: str | None = None
    phone: str | None = None  # (policycheck)


class Organization(Strict):
    name: str
    country: Country
    privacy_contact: str | None = None
    dpo: Dpo | None = None
    org_number: str | None = None  # (policycheck) organisationsnummer, for breach notices
    phone: str | None = None  # (policycheck) switchboard for breach contacts


TeamFunction = Literal["customer-support", "it", "security", "legal", "management", "other"]


class Team(Strict):
    id: Id
    name: NameField
    function: TeamFunction
    handles_personal_data: bool = False
    gdpr_training: dt.date | None = None
    contact: str | None = None  # (policycheck) e-mail or phone, for breach call lists


class Settings(Strict):
    fail_on: Severity = "high"
    language: Literal["en", "sv"] = "en"


class RuleOverride(Strict):
    severity: Severity | None = None
    enabled: bool = True
    params: dict[str, str | int | float | bool | tuple[str, ...]] = Field(default_factory=dict)


class Waiver(Strict):
    rule: str | None = None
    subject: str | None = None
    reason: str | None = None
    approved_by: str | None = None
    expires: dt.date | None = None


class Config(Strict):
    organization: Organization
    teams: tuple[Team, ...] = ()
    settings: Settings = Settings()
    rules: dict[str, RuleOverride] = Field(default_factory=dict)
    waivers: tuple[Waiver, ...] = ()


# --- categories.yaml, purposes.yaml ----------------------------------------


class Category(Strict):
    id: Id
    name: NameField
    description: str | None = None
    classification: str | None = None
    special: bool | Literal["criminal"] = False
    subjects: tuple[str, ...] = ()


#: the nine criteria of the EDPB's DPIA guidelines (WP248 rev.01), in their order
DpiaCriterion = Literal[
    "scoring",
    "automated-decisions",
    "monitoring",
    "sensitive",
    "large-scale",
    "combining",
    "vulnerable",
    "innovative",
    "blocks-rights",
]
DPIA_CRITERIA: tuple[str, ...] = typing.get_args(DpiaCriterion)


class Purpose(Strict):
    id: Id
    name: NameField
    description: str | None = None  # (policycheck)
    lawful_basis: str | None = None
    assessment: str | None = None
    consent_record: Id | None = None
    #: one of SPECIAL_CONDITIONS; any other text is kept (and reported by a rule, not refused)
    special_condition: str | None = None
    special_condition_basis: str | None = None  # the provision, required with `national-law`
    subjects: tuple[str, ...] = ()
    categories: tuple[Id, ...] = ()
    retention: DurationField | None = None
    retention_from: str | None = None
    retention_basis: str | None = None
    consulted: tuple[Id, ...] = ()
    subjects_estimate: int | None = Field(default=None, ge=0)
    dpia: str | None = None
    dpia_reviewed: dt.date | None = None
    dpia_criteria: tuple[DpiaCriterion, ...] = ()


# --- systems/<id>.yaml -----------------------------------------------------

SystemKind = Literal[
    "phone",
    "email",
    "chat",
    "ticketing",
    "crm",
    "analytics",
    "knowledge-base",
    "notes",
    "paper",
    "backup",
    "other",
]


class Store(Strict):
    categories: tuple[Id, ...]
    purpose: str | None = None
    retention: DurationField | None = None


class Erasure(Strict):
    method: Literal["delete", "anonymize"]
    automated: bool = False
    procedure: str | None = None
    within_days: int | None = Field(default=None, ge=0, le=36_500)  # more than 100 years is a typo


class Security(Strict):
    access_control: Literal["none", "shared-account", "role-based"] | None = None
    mfa: bool | None = None
    encryption_at_rest: bool | None = None
    audit_log: bool | None = None
    locked_storage: bool | None = None  # kind: paper: kept locked, access logged (instead of encryption)


class Flow(Strict):
    to: Id
    categories: tuple[Id, ...]
    purpose: Id | None = None
    transform: Literal["none", "pseudonymized", "anonymized"] = "none"
    encrypted: bool | None = None


Mechanism = Literal["adequacy", "dpf", "scc", "bcr", "derogation", "none"]


class Transfer(Strict):
    mechanism: Mechanism
    tia: str | None = None
    #: for `scc`: the module of Decision (EU) 2021/914 (1 C2C, 2 C2P, 3 P2P, 4 P2C)
    scc_module: Literal[1, 2, 3, 4] | None = None


class System(Strict):
    id: Id
    name: NameField
    kind: SystemKind
    description: str | None = None  # (policycheck)
    channel: bool = False
    owner: Id | None = None
    processor: Id | None = None
    location: tuple[Country, ...] = ()
    free_text: bool = False
    redaction: str | None = None
    stores: tuple[Store, ...] = ()
    erasure: Erasure | None = None
    security: Security | None = None
    flows: tuple[Flow, ...] = ()
    #: (policycheck) the safeguard of a system kept outside the EU/EEA; default: its processor's
    transfer: Transfer | None = None
    #: new technology on this data (AI, voice or emotion analytics, biometrics): DPIA criterion 8
    innovative: bool = False
    #: what customers call this channel on the transparency page (FORMAT.md); default: its kind
    public_name: str | None = None


# --- processors/<id>.yaml, recipients/<id>.yaml ------------------------------

Clause = Literal[
    "instructions",
    "confidentiality",
    "security",
    "subprocessors",
    "assistance",
    "deletion-or-return",
    "audits",
    "breach-notification",
]
ALL_CLAUSES: tuple[str, ...] = (
    "instructions",
    "confidentiality",
    "security",
    "subprocessors",
    "assistance",
    "breach-notification",
    "deletion-or-return",
    "audits",
)


class Dpa(Strict):
    signed: dt.date | None = None
    document: str | None = None
    categories: tuple[Id, ...] = ()
    purposes: tuple[Id, ...] = ()
    clauses: tuple[Clause, ...] = ()
    breach_notification_hours: int | None = Field(default=None, ge=0)


class Processor(Strict):
    id: Id
    name: NameField
    country: Country
    processing_locations: tuple[Country, ...] | None = None
    dpa: Dpa | None = None
    transfer: Transfer | None = None
    subprocessors: tuple[Id, ...] = ()
    certifications: tuple[str, ...] = ()
    contact: str | None = None  # (policycheck) where to report a breach or instruct erasure
    innovative: bool = False

    @property
    def countries(self) -> tuple[str, ...]:
        """Where it processes our data: ``processing_locations``, else its ``country``."""
        return self.processing_locations or (self.country,)


class Recipient(Strict):
    id: Id
    name: NameField
    kind: Literal["authority", "partner", "other"]
    country: Country
    legal_basis: str | None = None
    transfer: Transfer | None = None
    contact: str | None = None  # (policycheck)


# --- policies/<name>.md, exercises.yaml, privacy-notice.md --------------------


class PolicyDocument(Strict):
    """One of the organization's required policy documents (Markdown + front matter)."""

    name: str  # the file name without .md (set by the loader)
    type: str
    title: str
    owner: Id | None = None
    approved: dt.date | None = None
    review_by: dt.date | None = None
    covers: tuple[str, ...] = ()
    levels: tuple[str, ...] | None = None
    text: str = ""  # the policy text after the front matter (set by the loader)


class Exercise(Strict):
    date: dt.date
    kind: Literal["breach-drill", "continuity-test", "restore-test"]
    scenario: str | None = None
    participants: tuple[Id, ...] = ()
    lessons: str | None = None


class PrivacyNotice(Strict):
    version: str | int | dt.date | None = None
    url: str | None = None
    categories: tuple[Id, ...] = ()
    purposes: tuple[Id, ...] = ()
    recipients: tuple[Id, ...] = ()
    transfers: tuple[Country, ...] = ()
    text: str = ""


# --- breaches.yaml: the breach register (Art. 33(5)) ----------------------------------

#: Art. 34(3)(a)-(c): why data subjects were not informed of a high-risk breach
NotInformedReason = Literal["encrypted", "measures-taken", "disproportionate"]


class Breach(Strict):
    id: Id
    aware: AwareDateTime
    systems: tuple[Id, ...] = ()
    categories: tuple[Id, ...] = ()
    subjects_estimate: int | None = Field(default=None, ge=0)
    description: str | None = None
    risk: Literal["none", "low", "high"] | None = None
    authority_notified: AwareDateTime | Literal[False] | None = None
    not_notified_reason: str | None = None
    delay_reason: str | None = None
    subjects_informed: AwareDateTime | dt.date | Literal[False] | None = None
    not_informed_reason: NotInformedReason | None = None
    remedial: str | None = None
    report: str | None = None


#: the Art. 9(2) conditions of FORMAT.md, by letter, and `national-law` (Art. 10 data, or a member-state basis)
SPECIAL_CONDITIONS: dict[str, str] = {
    "explicit-consent": "a",
    "employment": "b",
    "vital-interests": "c",
    "non-profit": "d",
    "made-public": "e",
    "legal-claims": "f",
    "substantial-public-interest": "g",
    "health-care": "h",
    "public-health": "i",
    "archiving-research": "j",
    "national-law": "",
}

#: the six bases of Art. 6(1), as FORMAT.md spells them
LAWFUL_BASES: tuple[str, ...] = (
    "consent",
    "contract",
    "legal-obligation",
    "vital-interests",
    "public-task",
    "legitimate-interests",
)


# --- the whole repo ----------------------------------------------------------


@dataclass(frozen=True)
class Location:
    """Where a declaration stands: repo-relative file, 1-based line and column."""

    file: str
    line: int
    column: int = 0


LocationKey = tuple[str | int, ...]


@dataclass(frozen=True)
class Repo:
    """Everything declared in one compliance repo, validated and cross-referenced."""

    root: str
    config: Config
    categories: dict[str, Category]
    purposes: dict[str, Purpose]
    systems: dict[str, System]
    processors: dict[str, Processor]
    recipients: dict[str, Recipient]
    policies: dict[str, PolicyDocument]  # by type
    exercises: tuple[Exercise, ...]
    privacy_notice: PrivacyNotice | None
    teams: dict[str, Team]
    #: file of each declaration, by a key such as ("system", "zendesk")
    files: dict[LocationKey, str] = field(default_factory=dict)
    #: line and column by the same keys extended with a path: ("system", "zendesk", "stores", 0)
    positions: Mapping[LocationKey, tuple[int, int]] = field(default_factory=dict)
    #: the breach register (breaches.yaml), by id, in file order
    breaches: dict[str, Breach] = field(default_factory=dict)
    #: (policycheck) what the loader found at each referenced document path that is not a URL:
    #: "file" (a regular file inside the repo), "missing", "outside" (or a symlink leaving it), "not-a-file"
    documents: dict[str, str] = field(default_factory=dict)
    #: (policycheck) the repo as declared, of a :meth:`localized` one (its names in every language)
    declared: Repo | None = field(default=None, compare=False, repr=False)

    def locate(self, *key: str | int) -> Location:
        """The location of ``key`` or its nearest located ancestor.

        A declaration that does not exist (a missing policy document, no privacy
        notice) is located at the file where it belongs, line 1.
        """
        k = tuple(key)
        file = None
        for n in range(len(k), 0, -1):
            file = self.files.get(k[:n])
            if file is not None:
                break
        if file is None:
            if k[0] == "policy" and len(k) > 1:
                return Location(f"policies/{k[1]}.md", 1)
            if k[0] == "privacy-notice":
                return Location("privacy-notice.md", 1)
            return Location("policycheck.yaml", 1)
        positions = self.positions
        while k:
            found = positions.get(k)  # one look-up, not `in` and then `[]`
            if found is not None:
                return Location(file, found[0], found[1])
            k = k[:-1]
        return Location(file, 1)

    def holder(self, node_id: str) -> System | Processor | Recipient | None:
        return self.systems.get(node_id) or self.processors.get(node_id) or self.recipients.get(node_id)

    def node_kind(self, node_id: str) -> str:
        if node_id in self.systems:
            return "system"
        if node_id in self.processors:
            return "processor"
        return "recipient"

    def localized(self, lang: str | None) -> Repo:
        """This repo with every entity's `name` as plain text in ``lang`` (else the first text
        given), for the outputs: ids, positions and everything else stay as they are. A localized
        repo can be localized again (an output that holds texts in both languages)."""

        source = self.declared or self

        def names(table: dict[str, _M]) -> dict[str, _M]:
            return {k: _localized(v, lang) for k, v in table.items()}

        teams = tuple(_localized(t, lang) for t in source.config.teams)
        return replace(
            source,
            config=source.config.model_copy(update={"teams": teams}),
            categories=names(source.categories),
            purposes=names(source.purposes),
            systems=names(source.systems),
            processors=names(source.processors),
            recipients=names(source.recipients),
            teams=names(source.teams),
            declared=source,
        )


def _localized(obj: _M, lang: str | None) -> _M:
    name = getattr(obj, "name", None)
    if not isinstance(name, Name):
        return obj
    return obj.model_copy(update={"name": name.in_lang(lang)})


# --- document references -------------------------------------------------------


@dataclass(frozen=True)
class DocumentField:
    """A field that references a document: a path relative to the repo root or an https:// URL."""

    kind: str  # the subject kind of the items that have it: purpose, processor, ...
    table: str  # the Repo attribute holding those items (a dict by id, or a tuple of items with an id)
    field: str  # the field as written in the file, dotted: dpa.document


#: every document reference of FORMAT.md: the loader records which of the files exist, the rule
#: evidence-missing reports those that do not. One line per field.
DOCUMENT_FIELDS: tuple[DocumentField, ...] = (
    DocumentField("purpose", "purposes", "assessment"),
    DocumentField("system", "systems", "transfer.tia"),
    DocumentField("processor", "processors", "dpa.document"),
    DocumentField("processor", "processors", "transfer.tia"),
    DocumentField("recipient", "recipients", "transfer.tia"),
    DocumentField("purpose", "purposes", "dpia"),
    DocumentField("breach", "breaches", "report"),
)


@dataclass(frozen=True)
class DocumentReference:
    """One document reference of one item: ``purposes.yaml`` `assessment: docs/lia.md`."""

    kind: str
    id: str
    field: str
    path: str
    owner: Any  # the item holding the field


def document_references(repo: Repo) -> Iterator[DocumentReference]:
    """Every declared (non-empty) document reference of the repo, in a stable order."""
    for df in DOCUMENT_FIELDS:
        table = getattr(repo, df.table, None)
        if isinstance(table, dict):
            items = sorted(table.items())
        else:
            items = [(str(getattr(o, "id", i)), o) for i, o in enumerate(table or ())]
        for ident, obj in items:
            value: Any = obj
            for part in df.field.split("."):
                value = getattr(value, part, None)
            if isinstance(value, str) and value.strip():
                yield DocumentReference(df.kind, ident, df.field, value, obj)
