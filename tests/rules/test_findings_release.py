"""Findings made for ``check`` (``langs=``) hold their messages and nothing of the evaluation:
every language asked for reads as the evaluation would have rendered it, after the data map
and the context are gone."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

import pytest

from policycheck.api import check
from policycheck.graph import DataMap, _last
from policycheck.load.repo import load_repo
from policycheck.rules.engine import run
from policycheck.rules.pack import load_pack
from tests.conftest import AS_OF, ORG_EXAMPLE

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "orgs"
DAY = dt.date.fromisoformat(AS_OF)


@pytest.mark.parametrize("org", [ORG_EXAMPLE, FIXTURES / "06-readiness-waivers", FIXTURES / "16-probe-flows"],
                         ids=lambda p: p.name)
@pytest.mark.parametrize("lang", ["en", "sv"])
def test_every_language_asked_for_is_rendered_before_the_context_goes(org: Path, lang: str) -> None:
    repo = load_repo(org)
    rules = load_pack(org)
    released = run(repo, rules, DAY, lang, langs=("en", "sv"))
    DataMap.forget()
    assert released.findings
    for f in released.findings:
        assert f.render is None
        pickle.dumps(f)  # no closure: nothing of the evaluation is reachable from a finding
    for other in ("en", "sv"):
        lazy = run(repo, rules, DAY, lang)  # renders other languages on demand, from the context
        assert [f.message_in(other) for f in released.findings] == [f.message_in(other) for f in lazy.findings]
        assert released.findings == lazy.findings
        DataMap.forget()


def test_check_with_release_keeps_no_data_map() -> None:
    checked = check(ORG_EXAMPLE, as_of=DAY, lang="sv", release=True)
    assert _last[0] is None
    assert all(f.render is None for f in checked.result.findings)
    plain = check(ORG_EXAMPLE, as_of=DAY, lang="sv")
    released, lazy = checked.result.findings, plain.result.findings
    assert [f.message_in("sv") for f in released] == [f.message_in("sv") for f in lazy]
    assert [(f.message, f.lang) for f in released] == [(f.message, f.lang) for f in lazy]
