"""Snapshots of the text and JSON renderers on org_example, in English and Swedish."""

from __future__ import annotations

import pytest
from syrupy.assertion import SnapshotAssertion

from tests.conftest import ORG_EXAMPLE, run_cli

AS_OF = "2026-11-28"


@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_org_example_snapshot(fmt: str, lang: str, snapshot: SnapshotAssertion) -> None:
    result = run_cli("check", str(ORG_EXAMPLE), "--as-of", AS_OF, "--format", fmt, "--lang", lang)
    assert result.exit_code == 1
    assert result.stdout == snapshot
