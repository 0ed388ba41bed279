"""The transparency page worded with each distinct text worded once (``worded(..., memo=True)``)
and its sections grouped by a tuple of the channels' facts (``section_key``): held to the plain
wording and to the grouping by ``dataclasses.asdict``."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policycheck import jsonout
from policycheck.load.repo import load_repo
from policycheck.model import Repo
from policycheck.support import phrase as P
from policycheck.support import transparency
from tests.support_repos import AS_OF, ORG_EXAMPLE

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def repos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Repo]:
    out = tmp_path_factory.mktemp("messy") / "org"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate_messy_org.py"), str(out), "--systems", "80"],
                   check=True, capture_output=True)
    return {"org_example": load_repo(ORG_EXAMPLE), "messy": load_repo(out)}


def _asdict_sections(page: transparency.TransparencyPage) -> list[tuple[tuple[str, ...], transparency.ChannelInfo]]:
    """The sections as grouped before ``section_key``: by the repr of each channel's facts as dicts."""
    out: dict[str, tuple[list[str], transparency.ChannelInfo]] = {}
    for ch in page.channels:
        facts = dataclasses.asdict(ch)
        for field in ("id", "name", "kind", "public_name", "label", "heading", "erasure_gaps", "answers"):
            facts.pop(field)
        for p in facts["purposes"]:
            for e in p["exceptions"]:
                e.pop("place")
                e.pop("name")
        for t in facts["transfers"]:
            t.pop("parties")
            t.pop("party_names")
        facts.pop("passes_to_names")
        facts["passes_to"] = bool(facts["passes_to"])
        key = repr(facts)
        heading = str(P.say(ch.heading, page.lang))
        if key in out:
            if heading not in out[key][0]:
                out[key][0].append(heading)
        else:
            out[key] = ([heading], ch)
    return [(tuple(headings), ch) for headings, ch in out.values()]


@pytest.mark.parametrize("subject", [None, "customer"])
@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("where", ["org_example", "messy"])
def test_memo_words_the_page_as_the_plain_way(
    repos: dict[str, Repo], where: str, lang: str, subject: str | None
) -> None:
    page = transparency.build(repos[where], AS_OF, lang, subject)
    plain = P.worded(page, lang)
    assert transparency.words(page) == plain
    assert P.worded_dict(page, lang, memo=True) == P.worded_dict(page, lang)
    assert P.worded_dict(page, lang)[0] == jsonout.asdict(plain)
    # every channel twice, under another id, name and heading: they share its section
    twins = tuple(
        dataclasses.replace(ch, id=ch.id + "-twin", name=ch.name + " 2", heading=P.phrase("tp.heading.named", name="T"))
        for ch in page.channels
    )
    for p in (page, plain, dataclasses.replace(page, channels=page.channels + twins)):
        assert transparency.sections(p) == _asdict_sections(p)
    doubled = transparency.sections(P.worded(dataclasses.replace(page, channels=page.channels + twins), lang))
    assert len(doubled) == len(transparency.sections(plain))
    assert all(len(headings) >= 2 for headings, _ in doubled)


def test_a_fact_customers_read_makes_another_section(repos: dict[str, Repo]) -> None:
    page = transparency.words(transparency.build(repos["messy"], AS_OF, "en"))
    ch = next(c for c in page.channels if c.purposes and c.categories)
    same = dataclasses.replace(ch, id="other", name="Other", erasure_gaps=("x",), passes_to_names=("y",))
    assert transparency.section_key(same) == transparency.section_key(ch)
    p = ch.purposes[0]
    for changed in (
        dataclasses.replace(ch, categories=ch.categories[1:]),
        dataclasses.replace(ch, purposes=(dataclasses.replace(p, retention="P99Y"), *ch.purposes[1:])),
        dataclasses.replace(ch, countries=(*ch.countries, "ZZ")),
        dataclasses.replace(ch, passes_to=() if ch.passes_to else ("x",)),
    ):
        assert transparency.section_key(changed) != transparency.section_key(ch)


# --- any result: memo against plain wording -----------------------------------------------------


@dataclass(frozen=True)
class _Box:
    text: Any
    items: tuple[Any, ...]
    note: str | None = None


class _Str(str):
    pass


_leaf: st.SearchStrategy[Any] = st.one_of(
    st.sampled_from(["a", "b", "2026-01-01"]),
    st.integers(0, 3),
    st.builds(P.Span, st.sampled_from(["P1Y", "P30D", "P2W", "soon"])),
    st.builds(P.Retention, st.sampled_from([None, "P2Y"]), st.sampled_from([None, "case-closed"])),
    st.builds(P.SubjectKind, st.sampled_from(["customer", "employee"])),
)
_KEYS = ["tp.place.chat", "tp.heading.named", "a.access", "a.who.processors"]


def _texts(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.builds(lambda k, v: P.phrase(k, name=v, contact=v, names=v), st.sampled_from(_KEYS), children),
        st.builds(P.Listing, st.lists(children, max_size=3).map(tuple),
                  st.sampled_from(["and", "or", "comma", "space", "semicolon", "concat"])),
        st.builds(P.Cited, children),
        st.builds(P.Marked, children, st.booleans()),
    )


_text = st.recursive(_leaf, _texts, max_leaves=8)
_value = st.recursive(
    st.one_of(_text, st.none(), st.floats(allow_nan=False), st.builds(_Str, st.sampled_from(["x", "y"]))),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=4).map(tuple),
        st.dictionaries(st.sampled_from(["k", "l"]), inner, max_size=2),
        st.builds(_Box, inner, st.lists(inner, max_size=3).map(tuple), st.sampled_from([None, "n"])),
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_value, max_size=6), st.sampled_from(["en", "sv"]))
def test_memo_words_any_result_as_the_plain_way(values: list[Any], lang: str) -> None:
    doubled = [values, tuple(values), _Box(values[0] if values else None, tuple(values))]  # texts repeated
    plain = P.worded(doubled, lang)
    memo = P.worded(doubled, lang, memo=True)
    assert memo == plain
    assert [type(v) for v in memo] == [type(v) for v in plain]
    assert P.worded_dict(doubled, lang, memo=True) == P.worded_dict(doubled, lang)
    base = {"subject": "kunden"}
    assert P.worded(doubled, lang, base, memo=True) == P.worded(doubled, lang, base)


def test_memo_keeps_what_has_no_text() -> None:
    value = (_Box("a", (1, None)), ["b"])
    assert P.worded(value, "en", memo=True) is value
