"""What a rule can iterate over (``for_each``) and the attributes it can read.

Each *type* has attributes: declared fields (from the models), references that
paths follow (a stored item's ``purpose.categories``), and *facts* derived from
the graph in Python (``held_categories``, ``unsafe_transfer_countries``...), which
the facts modules list in their ``FACTS`` tables and :mod:`policycheck.rules.registry`
adds, explicitly, when the pack loads. The table is
static, so the pack loader checks every path of every rule before anything
runs: a rule naming an unknown attribute fails at load time.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from policycheck import model as m
from policycheck.model.types import Duration, Name
from policycheck.reference import PolicyType, reference

if TYPE_CHECKING:
    from policycheck.graph import DataMap


@dataclass(frozen=True)
class T:
    """The static type of a value: a scalar name or an object type; ``many`` for lists.

    ``ref`` marks ids that a longer path follows to the objects they name.
    """

    name: str
    many: bool = False
    ref: bool = False

    def one(self) -> T:
        return T(self.name, False, self.ref)

    def __str__(self) -> str:
        base = f"{self.name} id" if self.ref else self.name
        return f"list of {base}" if self.many else base


Getter = Callable[[Any, "Context"], Any]


@dataclass(frozen=True)
class Attr:
    type: T
    get: Getter
    doc: str = ""
    #: ``get`` keeping its value in ``ctx.memo`` (derived facts; see :func:`memoized`); paths call this
    memo: Getter | None = None
    #: the (dotted) attribute ``get`` reads, when that is all it does: a compiled path may read it
    #: with :func:`operator.attrgetter` instead of calling ``get``
    plain: str | None = None

    @property
    def read(self) -> Getter:
        """What a compiled path calls: the memoizing getter of a fact, else ``get``."""
        return self.memo or self.get


@dataclass
class Context:
    """What evaluation needs besides the item: the repo, its data map, the date, params."""

    dmap: DataMap
    params: dict[str, Any]
    bindings: dict[str, Any]
    #: the language a message is being rendered in (durations read "12 months" / "12 månader")
    lang: str = "en"
    #: derived facts already computed for this evaluation, when the caller keeps them (the engine
    #: does, per subject: its condition, message and evidence ask for the same facts); see
    #: :func:`memoized`. None: every fact is computed when asked.
    memo: dict[Any, Any] | None = None

    @property
    def repo(self) -> m.Repo:
        return self.dmap.repo

    @property
    def as_of(self) -> dt.date:
        return self.dmap.as_of

    def lookup(self, type_name: str, ident: str) -> Any:
        return lookup(self.repo, type_name, ident)


#: the repo's table of each type that ids refer to
_TABLES: dict[str, str] = {
    "system": "systems",
    "processor": "processors",
    "recipient": "recipients",
    "purpose": "purposes",
    "category": "categories",
    "team": "teams",
}


def lookup(repo: m.Repo, type_name: str, ident: str) -> Any:
    table = _TABLES.get(type_name)
    if table is not None:
        found: Any = getattr(repo, table).get(ident)
        return found
    if type_name == "holder":
        return holder_item(repo, ident)
    return None


# --- item wrappers for kinds that are not plain models ------------------------------


@dataclass(frozen=True)
class StoredItem:
    system: m.System
    index: int
    store: m.Store


@dataclass(frozen=True)
class FlowItem:
    system: m.System
    index: int
    flow: m.Flow


@dataclass(frozen=True)
class RequiredPolicy:
    type: PolicyType
    document: m.PolicyDocument | None


@dataclass(frozen=True)
class Holder:
    id: str
    node_kind: str  # system | processor | recipient
    obj: m.System | m.Processor | m.Recipient


@dataclass(frozen=True)
class Organization:
    repo: m.Repo


def holder_item(repo: m.Repo, ident: str) -> Holder | None:
    obj = repo.holder(ident)
    return Holder(ident, repo.node_kind(ident), obj) if obj is not None else None


# --- the attribute table ---------------------------------------------------------------

#: reference fields: (model, field) -> the type whose ids it holds
REFS: dict[tuple[type, str], str] = {
    (m.Store, "purpose"): "purpose",
    (m.Store, "categories"): "category",
    (m.Flow, "categories"): "category",
    (m.Flow, "purpose"): "purpose",
    (m.Flow, "to"): "holder",
    (m.System, "owner"): "team",
    (m.System, "processor"): "processor",
    (m.Purpose, "categories"): "category",
    (m.Purpose, "consulted"): "team",
    (m.Purpose, "consent_record"): "system",
    (m.Processor, "subprocessors"): "processor",
    (m.Dpa, "categories"): "category",
    (m.Dpa, "purposes"): "purpose",
    (m.PolicyDocument, "owner"): "team",
    (m.Exercise, "participants"): "team",
    (m.PrivacyNotice, "categories"): "category",
    (m.PrivacyNotice, "purposes"): "purpose",
    (m.PrivacyNotice, "recipients"): "holder",
    (m.Breach, "systems"): "holder",
    (m.Breach, "categories"): "category",
}

#: fields whose values are the ids of things that have a name but are no declared object:
#: a DPA's Art. 28(3) clauses and a policy document's topics. Paths do not follow them;
#: messages show them by their names (see ``language.NAMERS``).
NAMED_VALUES: dict[tuple[type, str], str] = {
    (m.Dpa, "clauses"): "clause",
    (m.PolicyDocument, "covers"): "topic",
}

#: object types of nested models, by class
MODEL_TYPES: dict[type, str] = {
    m.System: "system",
    m.Store: "store",
    m.Erasure: "erasure",
    m.Security: "security",
    m.Flow: "flow-decl",
    m.Processor: "processor",
    m.Dpa: "dpa",
    m.Transfer: "transfer",
    m.Recipient: "recipient",
    m.Purpose: "purpose",
    m.Category: "category",
    m.Team: "team",
    m.PolicyDocument: "policy",
    m.Exercise: "exercise",
    m.PrivacyNotice: "privacy-notice",
    m.Organization: "organization-decl",
    m.Dpo: "dpo",
    m.Settings: "settings",
    m.Breach: "breach",
}

_SCALARS: dict[Any, str] = {
    str: "str",
    int: "int",
    float: "float",
    bool: "bool",
    dt.date: "date",
    Duration: "duration",
    Name: "str",  # a name given per language is matched by its first text
}


def _field_type(model: type[BaseModel], name: str, annotation: Any) -> T:
    many = False
    ann = annotation
    while True:
        origin = typing.get_origin(ann)
        if origin is typing.Annotated:
            ann = typing.get_args(ann)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(ann) if a is not type(None)]
            ann = args[0] if len(args) == 1 else Any
        elif origin in (tuple, list):
            many = True
            ann = typing.get_args(ann)[0]
        elif origin is typing.Literal:
            ann = str
        elif origin is dict:
            ann = Any
        else:
            break
    if (model, name) in REFS:
        return T(REFS[(model, name)], many, ref=True)
    if (model, name) in NAMED_VALUES:
        return T(NAMED_VALUES[(model, name)], many)
    if isinstance(ann, type) and ann in MODEL_TYPES:
        return T(MODEL_TYPES[ann], many)
    return T(_SCALARS.get(ann, "any"), many)


def _plain(name: str) -> Getter:
    return lambda obj, ctx: getattr(obj, name)


ATTRS: dict[str, dict[str, Attr]] = {}
_model: Any
for _model, _tname in MODEL_TYPES.items():
    ATTRS[_tname] = {
        fname: Attr(_field_type(_model, fname, f.annotation), _plain(fname), f.description or "", plain=fname)
        for fname, f in _model.model_fields.items()
    }
# a flow's `to` names a holder
ATTRS["holder"] = {}


#: facts renamed (type, old name) -> new name: a rule naming the old one gets an error that says so
RENAMED: dict[tuple[str, str], str] = {("processor", "received_categories"): "held_categories"}


@dataclass(frozen=True)
class Fact:
    """A derived fact: an attribute ``name`` of ``type``, computed by ``get`` from the item and the data map."""

    type: str
    name: str
    result: T
    doc: str
    get: Getter


def _plain_attrs(type_name: str, source: str, names: list[str], via: str) -> None:
    """Attributes of ``source`` that a ``type_name`` item reads from its field ``via``."""
    for n in names:
        ATTRS[type_name][n] = Attr(
            ATTRS[source][n].type,
            (lambda name: lambda obj, ctx: getattr(getattr(obj, via), name))(n),
            plain=f"{via}.{n}",
        )


# stored-item: a `stores` entry, with its system
ATTRS["stored-item"] = {}
_plain_attrs("stored-item", "store", ["categories", "purpose", "retention"], "store")
ATTRS["stored-item"]["system"] = Attr(T("system"), lambda o, ctx: o.system, "the system storing it")
ATTRS["stored-item"]["index"] = Attr(T("int"), lambda o, ctx: o.index, "position in `stores`")

# flow: a `flows` entry, with its system
ATTRS["flow"] = {}
_plain_attrs("flow", "flow-decl", ["to", "categories", "purpose", "transform", "encrypted"], "flow")
ATTRS["flow"]["system"] = Attr(T("system"), lambda o, ctx: o.system, "the sending system")

# required-policy: one of the six required policy types, with the document (if any)
ATTRS["required-policy"] = {
    "type": Attr(T("str"), lambda o, ctx: o.type.type, "the policy type"),
    "title": Attr(
        T("str"), lambda o, ctx: o.type.title.get(ctx.lang) or o.type.title.get("en", o.type.type),
        "its title, in the language of the message",
    ),
    "must_cover": Attr(T("str", True), lambda o, ctx: o.type.must_cover, "topics it must cover"),
    "requires_levels": Attr(T("bool"), lambda o, ctx: o.type.requires_levels, "needs `levels`"),
    "document": Attr(T("policy"), lambda o, ctx: o.document, "the policy document, if present"),
}

# holder: any system, processor or recipient
ATTRS["holder"] = {
    "id": Attr(T("str"), lambda o, ctx: o.id, "its id"),
    "name": Attr(T("str"), lambda o, ctx: o.obj.name, "its name"),
    "node_kind": Attr(T("str"), lambda o, ctx: o.node_kind, "system, processor or recipient"),
    "transfer": Attr(
        T("transfer"),
        lambda o, ctx: getattr(o.obj, "transfer", None),
        "its declared transfer safeguard (processors and recipients)",
    ),
    "system": Attr(T("system"), lambda o, ctx: o.obj if o.node_kind == "system" else None, ""),
    "processor": Attr(T("processor"), lambda o, ctx: o.obj if o.node_kind == "processor" else None, ""),
    "recipient": Attr(T("recipient"), lambda o, ctx: o.obj if o.node_kind == "recipient" else None, ""),
}

# organization: the repo as a whole
ATTRS["organization"] = {
    "organization": Attr(T("organization-decl"), lambda o, ctx: o.repo.config.organization, ""),
    "settings": Attr(T("settings"), lambda o, ctx: o.repo.config.settings, ""),
    "teams": Attr(T("team", True), lambda o, ctx: tuple(o.repo.teams.values()), "all teams"),
    "exercises": Attr(T("exercise", True), lambda o, ctx: o.repo.exercises, "all exercises"),
    "policies": Attr(T("policy", True), lambda o, ctx: tuple(o.repo.policies.values()), ""),
    "privacy_notice": Attr(T("privacy-notice"), lambda o, ctx: o.repo.privacy_notice, ""),
    "breaches": Attr(T("breach", True), lambda o, ctx: tuple(o.repo.breaches.values()), "the breach register"),
}


# --- kinds: what `for_each` iterates ------------------------------------------------------

Located = tuple[Any, str, tuple[str | int, ...], str]  # item, subject, location key, fingerprint key


def _systems(repo: m.Repo) -> Iterator[Located]:
    for sid in sorted(repo.systems):
        yield repo.systems[sid], f"system:{sid}", ("system", sid), ""


def _stored_items(repo: m.Repo) -> Iterator[Located]:
    for sid in sorted(repo.systems):
        s = repo.systems[sid]
        for i, st in enumerate(s.stores):
            key = f"stores:{st.purpose}:{','.join(sorted(st.categories))}"
            yield StoredItem(s, i, st), f"system:{sid}", ("system", sid, "stores", i), key


def _flows(repo: m.Repo) -> Iterator[Located]:
    for sid in sorted(repo.systems):
        s = repo.systems[sid]
        for i, f in enumerate(s.flows):
            key = f"flow:{f.to}:{f.purpose}:{','.join(sorted(f.categories))}"
            yield FlowItem(s, i, f), f"system:{sid}", ("system", sid, "flows", i), key


def _table(kind: str, attr: str) -> Callable[[m.Repo], Iterator[Located]]:
    def items(repo: m.Repo) -> Iterator[Located]:
        table = getattr(repo, attr)
        for ident in sorted(table):
            yield table[ident], f"{kind}:{ident}", (kind, ident), ""

    return items


def _holders(repo: m.Repo) -> Iterator[Located]:
    for kind, table in (("system", repo.systems), ("processor", repo.processors), ("recipient", repo.recipients)):
        for ident in sorted(table):
            yield Holder(ident, kind, table[ident]), f"{kind}:{ident}", (kind, ident), ""


def _policies(repo: m.Repo) -> Iterator[Located]:
    for ptype in sorted(repo.policies):
        yield repo.policies[ptype], f"policy:{ptype}", ("policy", ptype), ""


def _required_policies(repo: m.Repo) -> Iterator[Located]:
    for ptype, pt in reference().policy_types.items():
        doc = repo.policies.get(ptype)
        yield RequiredPolicy(pt, doc), f"policy:{ptype}", ("policy", ptype), ""


def _organization(repo: m.Repo) -> Iterator[Located]:
    yield Organization(repo), "organization", ("config", "organization"), ""


def _exercises(repo: m.Repo) -> Iterator[Located]:
    for i, ex in enumerate(repo.exercises):
        yield ex, "organization", ("exercise", i), f"exercise:{ex.date}:{ex.kind}"


@dataclass(frozen=True)
class Kind:
    name: str
    type: str  # the type name in ATTRS
    items: Callable[[m.Repo], Iterator[Located]]
    doc: str


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("system", "system", _systems, "each file in systems/"),
        Kind("stored-item", "stored-item", _stored_items, "each `stores` entry of each system"),
        Kind("flow", "flow", _flows, "each `flows` entry of each system"),
        Kind("processor", "processor", _table("processor", "processors"), "each file in processors/"),
        Kind("recipient", "recipient", _table("recipient", "recipients"), "each file in recipients/"),
        Kind("holder", "holder", _holders, "each system, processor and recipient"),
        Kind("purpose", "purpose", _table("purpose", "purposes"), "each purpose in purposes.yaml"),
        Kind("category", "category", _table("category", "categories"), "each category in categories.yaml"),
        Kind("team", "team", _table("team", "teams"), "each team in policycheck.yaml"),
        Kind("policy", "policy", _policies, "each policy document in policies/"),
        Kind(
            "required-policy",
            "required-policy",
            _required_policies,
            "each of the six required policy types, with its document if present",
        ),
        Kind("exercise", "exercise", _exercises, "each exercise in exercises.yaml"),
        Kind("breach", "breach", _table("breach", "breaches"), "each breach in breaches.yaml (the register)"),
        Kind("organization", "organization", _organization, "the organization as a whole (once)"),
    )
}


def register(
    facts: Iterable[Fact], types: Mapping[str, Mapping[str, Attr]] | None = None, kinds: Iterable[Kind] = ()
) -> None:
    """Add derived types, kinds and facts to :data:`ATTRS` and :data:`KINDS` (rules/registry.py calls this)."""
    for type_name, attrs in (types or {}).items():
        ATTRS[type_name] = dict(attrs)
    for kind in kinds:
        KINDS[kind.name] = kind
    for f in facts:
        ATTRS.setdefault(f.type, {})[f.name] = Attr(f.result, f.get, f.doc, memoized(f.get))


def memoized(get: Getter) -> Getter:
    """``get``, keeping its value in ``ctx.memo`` (when there is one) per object and language.

    A fact is a pure function of the object, the data map, the rule's params and the
    language of the message; a context (and so its memo) serves one rule and one subject.
    The object is kept with its value, so its ``id`` is not reused while the memo lives.
    """

    def get_memoized(obj: Any, ctx: Context) -> Any:
        memo = ctx.memo
        if memo is None:
            return get(obj, ctx)
        key = (get, id(obj), ctx.lang)
        hit = memo.get(key)
        if hit is not None:
            return hit[1]
        value = get(obj, ctx)
        memo[key] = (obj, value)
        return value

    return get_memoized


def organization_item(repo: m.Repo) -> Organization:
    return Organization(repo)
