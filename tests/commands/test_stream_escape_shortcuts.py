"""The terminal escapes of JSON outputs skip their regex scan when nothing can match: the
same text as the scan, for any text (a 24 MB erasure plan is scanned twice otherwise)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from policycheck.escape import _COMMAND_LINE, _JSON_INVISIBLE, guard_lines, json_stream


def _guard_scan(text: str) -> str:
    return _COMMAND_LINE.sub(r"\1\\:", text)


def _json_scan(text: str) -> str:
    return _JSON_INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_TRICKY = st.text(
    alphabet=st.sampled_from([":", " ", "\t", "\n", "a", "\x7f", "\x85", "\u200e", "\u2028", "å", "\ufeff"])
)


@given(st.one_of(_TRICKY, st.text()))
def test_the_shortcuts_change_nothing(text: str) -> None:
    assert guard_lines(text) == _guard_scan(text)
    assert json_stream(text) == _json_scan(text)


def test_the_scans_still_run_when_they_can_match() -> None:
    assert guard_lines('{\n  ::x\n}') == '{\n  \\::x\n}'
    assert json_stream('"a\x7fb"') == '"a\\u007fb"'
    assert json_stream('"å\u200e"') == '"å\\u200e"'
    assert json_stream('"plain"') == '"plain"'
    assert re.fullmatch(r"\s*", guard_lines(" \n\t"))
