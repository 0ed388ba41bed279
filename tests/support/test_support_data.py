"""The support builders return data, not prose: sentences are worded only at the edge.

Two checks. By type: every field of the results (erasure-plan, access-plan, breach-impact,
transparency) that is a plain ``str`` is an id, a name, a date, a code or text the
organization (or the reference data) declared; every sentence the product writes is a
:data:`~policycheck.support.phrase.Text` (``Words`` in the dataclasses), worded by the renderers.
By value: the results built for org_example and every fixture organization, in both languages,
hold no sentence of the catalogue (``support.*`` in English or Swedish) in any string, while
their worded view (what the outputs show) does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import typing
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policycheck import jsonout
from policycheck.errors import PolicycheckError
from policycheck.i18n import en_support, sv_support
from policycheck.load.repo import load_repo
from policycheck.model import Repo
from policycheck.model.types import Name
from policycheck.support import access, breach, erasure, templating, transparency, wording
from policycheck.support.phrase import Phrase, Span, listing, phrase, worded, worded_dict, worded_json_fast
from tests.support_repos import AS_OF, AWARE, FIXTURES, ORG_EXAMPLE

ROOTS = (erasure.ErasurePlan, access.AccessPlan, breach.BreachImpact, transparency.TransparencyPage)

#: the results' plain str fields: ids, names, dates, codes, and text the organization or the
#: reference data declared (a procedure, a description, a law's citation). A new sentence the
#: product writes goes in a ``Words`` field instead.
_PLAIN = """
    AccessPlan.as_of AccessPlan.deadline AccessPlan.deadline_extended AccessPlan.lang AccessPlan.organization
    AccessPlan.subject AccessPlan.time_zone
    AnonymizedPlace.categories AnonymizedPlace.category_names AnonymizedPlace.name AnonymizedPlace.node
    AnonymizedPlace.sources
    Authority.address Authority.breach_report_url Authority.country Authority.name Authority.note
    Authority.short_name Authority.website
    BreachImpact.aware_at BreachImpact.categories BreachImpact.countries BreachImpact.criminal_categories
    BreachImpact.exposed BreachImpact.feeds BreachImpact.hosted_systems BreachImpact.lang BreachImpact.name
    BreachImpact.names BreachImpact.node BreachImpact.notify_authority_by BreachImpact.organization
    BreachImpact.reachable BreachImpact.special_categories BreachImpact.subjects BreachImpact.subprocessor_of
    BreachImpact.subprocessors BreachImpact.system_kind BreachImpact.customer_message BreachImpact.agent_script
    CategoryAnswer.description CategoryAnswer.id CategoryAnswer.name CategoryAnswer.special
    CategoryInfo.description CategoryInfo.id CategoryInfo.name CategoryInfo.special
    CategoryRef.classification CategoryRef.id CategoryRef.name CategoryRef.special
    Caveat.node
    ChannelInfo.countries ChannelInfo.country_names ChannelInfo.erasure_gaps ChannelInfo.id ChannelInfo.kind
    ChannelInfo.name ChannelInfo.passes_to ChannelInfo.passes_to_names ChannelInfo.public_name
    CollectItem.categories CollectItem.category_names CollectItem.file CollectItem.kind CollectItem.name
    CollectItem.node CollectItem.purposes CollectItem.system_kind
    Contact.contact Contact.deadline Contact.id
    ErasurePlan.as_of ErasurePlan.cycles ErasurePlan.deadline ErasurePlan.deadline_extended ErasurePlan.lang
    ErasurePlan.organization ErasurePlan.subject ErasurePlan.summary ErasurePlan.time_zone
    Gap.categories Gap.file Gap.name Gap.node Gap.system_kind
    LawRef.citation LawRef.gdpr_basis LawRef.id LawRef.period LawRef.period_note LawRef.text
    NotificationField.article NotificationField.field
    Part.article Part.categories Part.kept_at Part.purpose Part.retention
    PartyInfo.countries PartyInfo.country_names PartyInfo.id PartyInfo.kind PartyInfo.name PartyInfo.role
    ProcessorRef.contact ProcessorRef.dpa_document ProcessorRef.id ProcessorRef.name
    PurposeAnswer.categories PurposeAnswer.category_names PurposeAnswer.id PurposeAnswer.lawful_basis
    PurposeAnswer.places PurposeAnswer.retention PurposeAnswer.retention_law
    PurposeInfo.description PurposeInfo.id PurposeInfo.lawful_basis PurposeInfo.name PurposeInfo.retention
    PurposeInfo.retention_law
    RecipientAnswer.categories RecipientAnswer.countries RecipientAnswer.country_names RecipientAnswer.id
    RecipientAnswer.kind RecipientAnswer.name RecipientAnswer.role
    RecipientNotice.categories RecipientNotice.category_names RecipientNotice.contact RecipientNotice.country
    RecipientNotice.kind RecipientNotice.name RecipientNotice.node RecipientNotice.sent_from
    RetentionException.name RetentionException.node RetentionException.place RetentionException.retention
    SourceAnswer.channel_names SourceAnswer.channels SourceAnswer.internal SourceAnswer.internal_names
    Step.categories Step.category_names Step.criminal_categories Step.deadline Step.fed_by Step.file
    Step.forwarded Step.name Step.node Step.procedure Step.rotation_until Step.special_categories
    Step.system_kind Step.via
    TeamRef.contact TeamRef.function TeamRef.name TeamRef.team
    ThirdCountry.basis ThirdCountry.country ThirdCountry.country_name ThirdCountry.decision
    ThirdCountry.mechanism ThirdCountry.node ThirdCountry.nodes
    TransferAnswer.basis TransferAnswer.country TransferAnswer.country_name TransferAnswer.decision
    TransferAnswer.mechanism TransferAnswer.node TransferAnswer.nodes
    TransferInfo.country TransferInfo.country_name TransferInfo.parties TransferInfo.party_names
    TransparencyPage.dpo TransparencyPage.lang TransparencyPage.notice_url TransparencyPage.organization
    TransparencyPage.privacy_contact TransparencyPage.subject
"""
PLAIN: frozenset[str] = frozenset(_PLAIN.split())


def _has_plain_str(tp: object) -> bool:
    if tp is str:
        return True
    if typing.get_origin(tp) is typing.Annotated:  # Words / NameOrWords: worded at the edge
        return False
    return any(_has_plain_str(a) for a in typing.get_args(tp) if a is not Ellipsis)


def _nested(tp: object) -> Iterator[type]:
    if typing.get_origin(tp) is typing.Annotated:
        return
    if isinstance(tp, type) and dataclasses.is_dataclass(tp) and not tp.__module__.endswith(".phrase"):
        yield tp
    for a in typing.get_args(tp):
        if a is not Ellipsis:
            yield from _nested(a)


def plain_str_fields() -> set[str]:
    """``Class.field`` of every field of the results typed with a plain ``str`` in it."""
    out: set[str] = set()
    seen: set[type] = set()
    todo: list[type] = list(ROOTS)
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        hints = typing.get_type_hints(cls, include_extras=True)
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if _has_plain_str(hints[f.name]):
                out.add(f"{cls.__name__}.{f.name}")
            todo.extend(_nested(hints[f.name]))
    return out


def test_only_ids_names_dates_and_declared_text_are_plain_strings() -> None:
    fields = plain_str_fields()
    assert fields - PLAIN == set(), "a new str field: an id or name (add it to PLAIN), or text (type it Words)"
    assert PLAIN - fields == set(), "PLAIN lists fields that are gone"


def test_the_sentences_are_typed_words() -> None:
    """The fields that hold sentences (instructions, notes, reasons, answers) are not plain str."""
    for name in (
        "Step.instruction",
        "Step.notes",
        "Gap.reason",
        "Gap.fix",
        "Caveat.message",
        "RecipientNotice.note",
        "CollectItem.how",
        "Answer.rights",
        "AccessPlan.checklist",
        "Art34.reasons",
        "Contact.window",
        "BreachImpact.notes",
        "QA.answer",
        "ChannelInfo.heading",
        "TransparencyPage.notes",
    ):
        assert name not in plain_str_fields(), name


# --- by value ---------------------------------------------------------------------------------

_FIELD = re.compile(r"\{[^}]*\}")


@cache
def catalogue_fragments() -> tuple[str, ...]:
    """The fixed text of every support sentence, in both languages, cut at its placeholders:
    pieces of at least three words (shorter ones, such as "och" or ": ", are no evidence).
    Country names (``support.country.*``) are names, as in a sentence's fields."""
    pieces = set()
    for words in (en_support.WORDS, sv_support.WORDS):
        for key, text in words.items():
            if key.startswith("support.country."):
                continue
            for piece in _FIELD.split(text):
                for part in piece.split("\n"):
                    part = part.strip(" .,;:()[]“”\"'")
                    if len(part.split()) >= 3:
                        pieces.add(part)
    return tuple(sorted(pieces))


def strings(value: object) -> Iterator[str]:
    """Every str in a result: its fields, and the fields of its not yet worded text (a
    catalogue key is an id, not text)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Phrase):
        for _, field in value.fields:
            yield from strings(field)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from strings(getattr(value, f.name))
    elif isinstance(value, tuple | list):
        for v in value:
            yield from strings(v)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings(k)
            yield from strings(v)


def prose(value: object) -> list[tuple[str, str]]:
    """(catalogue sentence piece, the string holding it) for every piece found in ``value``."""
    fragments = catalogue_fragments()
    return [(piece, s) for s in set(strings(value)) for piece in fragments if piece in s]


def _orgs() -> list[Path]:
    support = sorted(p for p in FIXTURES.iterdir() if (p / "policycheck.yaml").exists())
    orgs = sorted(p for p in (FIXTURES.parent / "orgs").iterdir() if (p / "policycheck.yaml").exists())
    return [ORG_EXAMPLE, *support, *orgs]


def _load(path: Path) -> Repo | None:
    try:
        return load_repo(path)
    except PolicycheckError:
        return None  # a fixture of invalid input


def results(r: Repo, lang: str) -> Iterator[tuple[str, object, typing.Callable[[typing.Any], object]]]:
    """(what, the builder's result, its worded view) of every support command on ``r``."""
    subjects = sorted({s for c in r.categories.values() for s in (c.subjects or ())})
    for subject in subjects:
        yield f"erasure-plan {subject}", erasure.build(r, subject, AS_OF, lang), erasure.words
        yield f"access-plan {subject}", access.build(r, subject, AS_OF, lang), access.words
    for node in sorted({*r.systems, *r.processors, *r.recipients}):
        yield f"breach-impact {node}", breach.build(r, node, AWARE, lang, affected=5000), breach.words
    aware_midnight = dt.datetime.combine(AS_OF, dt.time())
    if r.systems:
        node = sorted(r.systems)[0]
        yield f"breach-impact {node} midnight", breach.build(r, node, aware_midnight, lang), breach.words
    yield "transparency", transparency.build(r, AS_OF, lang), transparency.words


@pytest.mark.parametrize("org", _orgs(), ids=lambda p: p.name)
def test_the_builders_return_no_sentence_of_the_catalogue(org: Path) -> None:
    r = _load(org)
    if r is None:
        pytest.skip(f"{org.name} does not load (a fixture of invalid input)")
    worded_prose = 0
    for lang in ("en", "sv"):
        for what, result, words in results(r, lang):
            assert prose(result) == [], (org.name, lang, what)
            worded_prose += bool(prose(words(result)))
    # the check finds prose where there is some: the worded views are full of it
    assert worded_prose > 0


def test_the_check_finds_a_worded_sentence() -> None:
    """The value check would fail on a builder that words its sentences itself."""
    assert prose(phrase("erasure.note.paper")) == []
    worded = erasure.words(erasure.build(load_repo(ORG_EXAMPLE), "customer", AS_OF, "sv"))
    assert prose(worded.order_rationale)
    assert prose(worded.steps[0].instruction)


@pytest.mark.parametrize("org", _orgs(), ids=lambda p: p.name)
def test_to_dict_is_dataclasses_asdict(org: Path) -> None:
    """The support results' to_dict (jsonout.asdict, without deep copies) is dataclasses.asdict."""
    r = _load(org)
    if r is None:
        pytest.skip(f"{org.name} does not load (a fixture of invalid input)")
    for what, result, words in results(r, "sv"):
        for value in (result, words(result)):
            assert jsonout.asdict(value) == dataclasses.asdict(value), (org.name, what)  # type: ignore[call-overload]


@pytest.mark.parametrize("org", _orgs(), ids=lambda p: p.name)
def test_worded_json_is_the_two_passes(org: Path) -> None:
    """The JSON outputs word and convert a result in one pass (``phrase.worded_dict``): the same
    value, and the same text, as ``jsonout.asdict(worded(result))`` written by ``to_json``."""
    r = _load(org)
    if r is None:
        pytest.skip(f"{org.name} does not load (a fixture of invalid input)")
    for lang in ("en", "sv"):
        for what, result, words in results(r, lang):
            if isinstance(result, breach.BreachImpact):
                continue  # its words() also words the customer message in every language
            base = _BASES[type(result)](result)
            data, floats = worded_dict(result, lang, base)
            expected = jsonout.asdict(words(result))
            assert data == expected, (org.name, lang, what)
            assert floats is jsonout.has_float(expected)
            assert templating.worded_json(result, lang, base) == templating.to_json(expected), (org.name, lang, what)
            # the answers take orjson's one-call way (worded_json_fast), not the fallback
            assert worded_json_fast(result, lang, base) == templating.to_json(expected)[:-1], (org.name, lang, what)


_BASES: dict[type, typing.Callable[[typing.Any], dict[str, typing.Any] | None]] = {
    erasure.ErasurePlan: erasure._base,
    access.AccessPlan: lambda p: {"subject": wording.subject_the(p.subject, p.lang)},
    transparency.TransparencyPage: lambda p: None,
}


@dataclasses.dataclass(frozen=True)
class _Leaf:
    text: object
    n: float = 1.5


@dataclasses.dataclass(frozen=True)
class _Later:
    a: object
    b: object = dataclasses.field(init=False, default="x")


class _Pair(typing.NamedTuple):
    x: object
    y: int


def test_worded_dict_takes_the_slow_way_for_what_it_does_not_walk() -> None:
    """Named tuples, dict subclasses, non-str keys and dataclasses with fields outside __init__
    become what the two passes make of them; a float anywhere is reported."""
    import collections

    text = phrase("erasure.note.paper")
    value = {
        "leaf": _Leaf(text),
        "pair": _Pair(text, 2),
        "plain_pair": _Pair("a", 1),
        "later": _Later(text),
        "ints": {1: text},
        "dd": collections.defaultdict(list, {"k": [text]}),
        "list": [text, None, True, 3],
    }
    data, floats = worded_dict(value, "sv")
    assert data == jsonout.asdict(worded(value, "sv"))
    assert type(data["pair"]) is tuple and type(data["plain_pair"]) is _Pair
    assert type(data["dd"]) is dict  # worded() rebuilds a changed dict as a plain one
    assert floats is True
    assert worded_dict({"a": [text]}, "en")[1] is False
    assert worded_dict({"a": _Pair(text, 1), "b": {2: 0.5}}, "en")[1] is True


class _Int(int):
    pass


class _Dict(dict[str, object]):
    pass


@dataclasses.dataclass(frozen=True)
class _Node:
    a: object
    b: object = None


def test_worded_json_fast_leaves_to_the_slow_way_what_orjson_writes_otherwise() -> None:
    """A float, a date, a named tuple, a str or dict subclass, a non-str key, an int beyond 64
    bits, a lone surrogate, a dataclass with a field outside __init__: None, anywhere in the value."""
    text = phrase("erasure.note.paper")
    for odd in (1.5, dt.date(2026, 1, 1), _Pair("a", 1), _Int(3), _Dict(a=1), {1: "a"}, 2**70, "\ud800",
                _Later("a"), {"k": [1.0]}, (("a", 0.5),), _Leaf("x")):
        for value in (odd, _Node(odd), _Node("a", (text, [odd])), {"x": _Node(text, {"y": odd})}, [odd]):
            assert worded_json_fast(value, "en") is None, value
    plain = _Node(text, {"x": ("a", 1, True, None, [_Node(text)], {})})
    assert worded_json_fast(plain, "sv") == templating.to_json(jsonout.asdict(worded(plain, "sv")))[:-1]


_leaf = st.one_of(
    st.text(max_size=3), st.integers(-(2**70), 2**70), st.booleans(), st.none(), st.floats(allow_nan=False),
    st.dates(),
    st.just(phrase("erasure.note.paper")),
    st.builds(Name, st.text(max_size=3)), st.builds(Span, st.sampled_from(["P1D", "P2Y", "x"])),
)
_value = st.recursive(
    _leaf,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(st.one_of(st.text(max_size=2), st.integers(0, 3)), inner, max_size=3),
        st.builds(_Node, inner, inner),
        st.builds(lambda a: listing(a), st.lists(st.sampled_from(["a", "b", phrase("erasure.note.paper")]))),
    ),
    max_leaves=12,
)


@settings(max_examples=400, deadline=None)
@given(_value, st.sampled_from(["en", "sv"]))
def test_worded_json_fast_is_the_slow_way_or_none(value: object, lang: str) -> None:
    """Whatever the value: orjson's one call writes what the two passes write, or declines."""
    fast = worded_json_fast(value, lang)
    if fast is None:
        return
    data, floats = worded_dict(value, lang)
    assert fast == jsonout.dumps(data, floats=floats)
    assert fast == json.dumps(jsonout.asdict(worded(value, lang)), indent=2, ensure_ascii=False)


def _worded_reference(value: object, lang: str, base: typing.Any = None) -> object:
    """``phrase._worded`` as it was before its exact-type paths: the plain walk they must equal."""
    from policycheck.support.phrase import _TEXT_TYPES, say

    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, _TEXT_TYPES):
        return say(value, lang, base)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            if not f.init:
                continue
            old = getattr(value, f.name)
            if old is None or isinstance(old, str | int | float):
                continue
            new = _worded_reference(old, lang, base)
            if new is not old:
                changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value  # type: ignore[type-var]
    if isinstance(value, tuple | list):
        if all(isinstance(v, str | int | float) for v in value):
            return value
        items = [_worded_reference(v, lang, base) for v in value]
        if all(new is old for new, old in zip(items, value, strict=True)):
            return value
        return tuple(items) if isinstance(value, tuple) else items
    if isinstance(value, dict):
        out = {k: _worded_reference(v, lang, base) for k, v in value.items()}
        return value if all(out[k] is v for k, v in value.items()) else out
    return value


def _same_shape(a: object, b: object) -> bool:
    """Equal, of the same types all the way down, and the same objects where one is kept."""
    if type(a) is not type(b) or a != b:
        return False
    if isinstance(a, tuple | list):
        return all(_same_shape(x, y) for x, y in zip(a, typing.cast(typing.Any, b), strict=True))
    if isinstance(a, dict):
        return all(_same_shape(a[k], typing.cast(typing.Any, b)[k]) for k in a)
    if dataclasses.is_dataclass(a) and not isinstance(a, type):
        return all(_same_shape(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    return True


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(_value, st.builds(_Later, _value), st.builds(_Pair, _value, st.integers())),
    st.sampled_from(["en", "sv"]),
)
def test_worded_is_the_plain_walk(value: object, lang: str) -> None:
    """``worded`` (exact-type paths, dataclasses rebuilt by their constructor) makes what the
    plain walk makes, keeps what it keeps, and copies what it copies."""
    expected = _worded_reference(value, lang)
    got = worded(value, lang)
    assert _same_shape(got, expected)
    assert (got is value) is (expected is value)


def test_worded_keeps_and_rebuilds_as_the_plain_walk_on_the_plans() -> None:
    """Every fixture organization's plans: the same worded copy as the plain walk."""
    for org in _orgs():
        r = _load(org)
        if r is None:
            continue
        for lang in ("en", "sv"):
            for what, result, _ in results(r, lang):
                if isinstance(result, breach.BreachImpact):
                    continue
                base = _BASES[type(result)](result)
                expected = _worded_reference(result, lang, base)
                assert _same_shape(worded(result, lang, base), expected), (org.name, what)
