"""Streamed reports: the pieces every renderer yields join to the string it returns, and the
chunks the CLI writes (whole lines, made safe for the stream) to the same text as before."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policycheck import api, jsonout
from policycheck.commands.output import file_chunks, line_chunks, safe_chunks, safe_for_stream, write_file
from policycheck.render import FORMATS, get_renderer, get_stream
from policycheck.render import json as render_json
from policycheck.rules.engine import configure
from tests.conftest import AS_OF, ORG_EXAMPLE

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "orgs"
#: findings, waived findings (06, 18), none (01)
ORGS = [ORG_EXAMPLE, FIXTURES / "06-readiness-waivers", FIXTURES / "18-probe-waivers", FIXTURES / "01-clean-no"]


@pytest.mark.parametrize("org", ORGS, ids=lambda p: p.name)
@pytest.mark.parametrize("lang", ["en", "sv"])
def test_every_format_streams_the_bytes_it_renders(org: Path, lang: str) -> None:
    checked = api.check(org, as_of=dt.date.fromisoformat(AS_OF), lang=lang)
    severities = {c.rule.id: c.severity for c in configure(checked.rules, checked.repo)}
    context: dict[str, Any] = {
        "rules": checked.rules, "root": checked.root, "path_prefix": "compliance", "severities": severities,
        "fail_on": "high",
    }
    for fmt in FORMATS:
        for color in (False, True):
            whole = get_renderer(fmt)(checked.result, color=color, lang=lang, **context)
            pieces = list(get_stream(fmt)(checked.result, color=color, lang=lang, **context))
            assert "".join(pieces) == whole, fmt
            if fmt in ("sarif", "codequality", "text", "github") and checked.result.findings:
                assert len(pieces) > len(checked.result.findings), f"{fmt} is written a finding at a time"
            if fmt == "json" and checked.result.findings:  # a few findings at a time (render.json._BATCH)
                assert len(pieces) > len(checked.result.findings) // render_json._BATCH, fmt


def test_an_empty_result_streams_empty_arrays() -> None:
    from policycheck.findings import CheckResult

    for fmt in FORMATS:
        assert "".join(get_stream(fmt)(CheckResult(()))) == get_renderer(fmt)(CheckResult(()))
    assert json.loads("".join(get_stream("json")(CheckResult(()))))["findings"] == []


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=8),
)


def _lazy(value: Any) -> Any:
    """``value`` with every list turned into an :class:`jsonout.Items`."""
    if isinstance(value, list):
        items = [_lazy(v) for v in value]
        return jsonout.Items(lambda: iter(items), not items)
    if isinstance(value, dict):
        return {k: _lazy(v) for k, v in value.items()}
    return value


values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=25,
)


@given(values)
@settings(max_examples=300, deadline=None)
def test_iterdumps_writes_what_dumps_writes(value: Any) -> None:
    expected = json.dumps(value, indent=2, ensure_ascii=False)
    assert "".join(jsonout.iterdumps(value)) == expected
    assert "".join(jsonout.iterdumps(_lazy(value))) == expected


def _batched(value: Any, size: int) -> Any:
    """``value`` with every list of values that hold no list turned into an :class:`jsonout.Items`
    written ``size`` elements at a time (the others as :func:`_lazy` makes them)."""
    if isinstance(value, list):
        items = [_batched(v, size) for v in value]
        plain = not any(isinstance(v, jsonout.Items) or _holds_items(v) for v in items)
        return jsonout.Items(lambda: iter(items), not items, size if plain else 1)
    if isinstance(value, dict):
        return {k: _batched(v, size) for k, v in value.items()}
    return value


def _holds_items(value: Any) -> bool:
    if isinstance(value, dict):
        return any(isinstance(v, jsonout.Items) or _holds_items(v) for v in value.values())
    return False


@given(st.lists(values, max_size=12), st.integers(min_value=1, max_value=5), st.booleans())
@settings(max_examples=300, deadline=None)
def test_iterdumps_of_items_in_batches_writes_what_dumps_writes(value: list[Any], size: int, nested: bool) -> None:
    """Elements written a batch at a time (``Items(batch=)``, the JSON report's findings): the
    same text as one at a time, at the top and one level down, whatever the elements hold."""
    doc: Any = {"head": 1, "items": value, "tail": [value]} if nested else value
    expected = json.dumps(doc, indent=2, ensure_ascii=False)
    assert "".join(jsonout.iterdumps(_batched(doc, size))) == expected


def test_items_are_made_when_written() -> None:
    made: list[int] = []

    def make() -> Any:
        for n in range(3):
            made.append(n)
            yield {"n": n, "x": [n, "a\nb"]}

    pieces = jsonout.iterdumps({"head": 1, "items": jsonout.Items(make, False), "tail": [1.5]})
    assert next(pieces) == '{\n  "head": '
    assert made == []
    rest = "".join(pieces)
    assert made == [0, 1, 2]
    assert json.loads('{\n  "head": ' + rest)["items"][2] == {"n": 2, "x": [2, "a\nb"]}


lines = st.lists(
    st.text(alphabet=st.sampled_from(["a", "é", ":", " ", "\t", "\r", "\x1b", "\x85", "\u202e", "\ufeff", "{"]),
            max_size=12),
    max_size=30,
)


@given(lines, st.integers(min_value=1, max_value=40), st.booleans())
@settings(max_examples=300, deadline=None)
def test_chunks_are_whole_lines_and_escape_as_the_whole_text(parts: list[str], size: int, end: bool) -> None:
    text = "\n".join(parts) + ("\n" if end else "")
    pieces = [text[i : i + 3] for i in range(0, len(text), 3)]
    chunks = list(line_chunks(pieces, size))
    assert "".join(chunks) == text
    assert all(c.endswith("\n") for c in chunks[:-1])
    for fmt in ("text", "json", "sarif", "github", "markdown"):
        for color in (False, True):
            assert "".join(safe_chunks(chunks, fmt, color=color)) == safe_for_stream(text, fmt, color=color)


def test_a_file_is_written_from_chunks_as_from_the_whole_text(tmp_path: Path) -> None:
    text = "::warning x\r\nb\x1b[31m\n\ufeffc\n" * 60000  # over a chunk (1 MiB)
    for fmt in ("text", "json"):
        write_file(text, tmp_path / "whole")
        write_file(text, tmp_path / f"whole-{fmt}", fmt=fmt)
        from policycheck.commands.output import write_bytes

        write_bytes(file_chunks(iter([text[i : i + 7] for i in range(0, len(text), 7)]), fmt), tmp_path / "parts")
        assert (tmp_path / "parts").read_bytes() == (tmp_path / f"whole-{fmt}").read_bytes()
