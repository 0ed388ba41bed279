"""policycheck.jsonout writes exactly what json.dumps(indent=2, ensure_ascii=False) writes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policycheck import jsonout

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF)),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=20,
)


@given(values)
@settings(max_examples=300, deadline=None)
def test_the_same_bytes_as_the_standard_library(value: Any) -> None:
    assert jsonout.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        {"a": [], "b": {}, "c": [{}]},
        ("tuple", 1),
        [1e16, 0.1, -0.0, float("nan"), float("inf")],
        ["\u2028\u2029\x00\x1f\x7f\"\\/<>é😀"],
        ["\ud800"],  # a lone surrogate: orjson refuses it
        [2**70],
        {1: "non-string key"},
    ],
)
def test_edge_cases(value: Any) -> None:
    assert jsonout.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_the_writer_without_orjson(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonout, "_orjson", None)
    value = {"findings": [{"rule": "x", "line": 3, "articles": ["Art. 5"], "evidence": {"a": "b"}}], "n": 1.5}
    assert jsonout.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_asdict_is_dataclasses_asdict() -> None:
    """Containers keep their types (tuple, list, named tuple, dict, defaultdict); other leaves are copies."""
    import collections
    import dataclasses
    import datetime as dt

    Pair = collections.namedtuple("Pair", "a b")

    @dataclasses.dataclass(frozen=True)
    class Inner:
        when: dt.date
        tags: tuple[str, ...]
        box: list[int]

    @dataclasses.dataclass
    class Outer:
        name: str
        inner: Inner
        pairs: tuple[Pair, ...]
        by: dict[str, Inner]
        nothing: None = None

    inner = Inner(dt.date(2026, 1, 2), ("a", "b"), [1])
    value = Outer("n", inner, (Pair(1, inner),), {"k": inner})
    mine, theirs = jsonout.asdict(value), dataclasses.asdict(value)
    assert mine == theirs
    assert type(mine["pairs"][0]) is Pair
    counts = jsonout.asdict(collections.defaultdict(list, {"x": [1, 2]}))  # as Python 3.12's asdict
    assert type(counts) is collections.defaultdict and counts.default_factory is list and counts == {"x": [1, 2]}
    assert mine["inner"]["box"] is not inner.box  # a mutable leaf is copied, as dataclasses.asdict does
    assert jsonout.dataclass_dict(value) == theirs
    with pytest.raises(TypeError):
        jsonout.dataclass_dict([1])
