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
