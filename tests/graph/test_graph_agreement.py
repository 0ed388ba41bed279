"""One core: `check`, `erasure-plan`, `access-plan`, `breach-impact`, `report` (its data map) and
`ropa` agree on which nodes hold which categories of personal data, on org_example and on every
fixture organization that loads. Each view is read from the command's own builder, not from the
data map, so a view that recomputed holdings its own way would fail here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from policycheck.errors import InvalidInput
from policycheck.graph import DataMap
from policycheck.graph.facts import subject_categories
from policycheck.load.repo import load_repo
from policycheck.model import Repo
from policycheck.reports import datamap as datamap_report
from policycheck.reports import ropa
from policycheck.rules.kinds import ATTRS, Context, holder_item
from policycheck.rules.registry import register_facts
from policycheck.support import access, breach, erasure
from policycheck.support.scope import declared_subjects

ROOT = Path(__file__).resolve().parents[2]
ORGS = [ROOT / "org_example", *sorted(p for p in (ROOT / "tests/fixtures/orgs").iterdir() if p.is_dir())]
AS_OF = dt.date(2026, 11, 28)
register_facts()  # the facts the rules read


def _load(org: Path) -> Repo:
    try:
        return load_repo(org)
    except InvalidInput:
        pytest.skip(f"{org.name} does not load (a fixture of invalid input)")


def _check_view(repo: Repo) -> tuple[dict[str, set[str]], set[str]]:
    """What the rules see: each holder's `transfer_categories` and the `engaged` processors."""
    ctx = Context(DataMap(repo, AS_OF), {}, {})
    held = {}
    for node in [*repo.systems, *repo.processors, *repo.recipients]:
        item = holder_item(repo, node)
        cats = set(ATTRS["holder"]["transfer_categories"].get(item, ctx))
        if cats:
            held[node] = cats
    engaged = {pid for pid, p in repo.processors.items() if ATTRS["processor"]["engaged"].get(p, ctx)}
    return held, engaged


@pytest.mark.parametrize("org", ORGS, ids=lambda p: p.name)
def test_every_command_agrees_on_where_personal_data_is(org: Path) -> None:
    repo = _load(org)
    held, engaged = _check_view(repo)

    # breach-impact: what a breach at each node exposes there
    aware = dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.UTC)
    for node in sorted([*repo.systems, *repo.processors, *repo.recipients]):
        impact = breach.build(repo, node, aware)
        assert set(impact.categories) == held.get(node, set()), f"breach-impact vs check at {node}"

    # a processor that check says we engage (so it needs a DPA) holds personal data, unless a
    # system it runs declares nothing at all (unknown is not safe)
    for pid in engaged - held.keys():
        hosted = [s for s in repo.systems.values() if s.processor == pid]
        assert any(not s.stores and not s.flows for s in hosted), f"{pid} engaged but holds nothing"

    # the report's data map
    model = datamap_report.build(repo, DataMap(repo, AS_OF))
    mapped = {n.id: set(n.categories) for n in model.nodes if n.kind != "country" and n.categories}
    assert mapped == held

    # erasure-plan and access-plan, per data subject
    for subject in declared_subjects(repo):
        about = subject_categories(repo, subject)
        want = {n: cats & about for n, cats in held.items() if cats & about}
        plan = erasure.build(repo, subject, AS_OF)
        assert {s.node: set(s.categories) for s in plan.steps} == want, f"erasure-plan ({subject})"
        answer = access.build(repo, subject, AS_OF)
        for item in answer.collect:
            assert set(item.categories) <= want.get(item.node, set()), f"access-plan ({subject}) at {item.node}"

    # ropa: the systems and recipients of each processing activity hold personal data
    for entry in ropa.build(repo, DataMap(repo, AS_OF)):
        for sec in entry.systems:
            assert sec.id in held, f"ropa {entry.id}: system {sec.id} holds nothing"
        for r in entry.recipients:
            assert r.id in held, f"ropa {entry.id}: recipient {r.id} holds nothing"


def test_a_processor_hosting_only_anonymized_statistics_holds_no_personal_data() -> None:
    """The issue's case: Infomaniak runs the analytics system, fed only by an anonymized flow."""
    repo = load_repo(ROOT / "org_example")
    held, engaged = _check_view(repo)
    assert "analytics" not in held and "infomaniak" not in held
    assert "infomaniak" not in engaged
    impact = breach.build(repo, "infomaniak", dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.UTC))
    assert impact.categories == ()


def test_datamap_of_reuses_only_the_same_repo_and_day() -> None:
    """`report` shares the rules' data map through DataMap.of: the same repo object and day get the
    same map; another day or another (even equal) repo object gets a new one."""
    repo = _load(ROOT / "org_example")
    first = DataMap.of(repo, AS_OF)
    assert DataMap.of(repo, AS_OF) is first
    other_day = DataMap.of(repo, AS_OF + dt.timedelta(days=1))
    assert other_day is not first and other_day.as_of == AS_OF + dt.timedelta(days=1)
    again = _load(ROOT / "org_example")
    assert DataMap.of(again, AS_OF + dt.timedelta(days=1)) is not other_day
    assert DataMap.of(again, AS_OF + dt.timedelta(days=1)).repo is again


def test_support_scopes_share_the_rules_map_and_keep_none_of_their_own() -> None:
    """A support answer after the rules (`transparency`) reads the facts of the rules' data map
    (its localized repo's map shares them); one without (`erasure-plan`) builds its own map and
    does not keep it as the map built last."""
    from policycheck.graph import _last
    from policycheck.support.scope import build_scope

    repo = _load(ROOT / "org_example")
    DataMap.forget()
    rules_map = DataMap.of(repo, AS_OF)
    held = rules_map.held
    scope = build_scope(repo.localized("sv"), AS_OF)
    assert scope.datamap is not rules_map and scope.datamap.held is held
    assert _last[0] is rules_map  # still the rules' map
    assert build_scope(repo, AS_OF).datamap is rules_map
    DataMap.forget()
    own = build_scope(repo, AS_OF).datamap
    assert _last[0] is None and own.held == held and own.held is not held
