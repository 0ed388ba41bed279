"""Derived facts: registered explicitly (no import side effects), and one fact per meaning.

`held_categories` (what a system or processor keeps) and `transfer_categories` (all that reaches
a node, what it only passes on included) are two meanings; a processor's `received_categories` was
the first meaning under another name and is now `held_categories`.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from policycheck.errors import InvalidInput
from policycheck.graph import DataMap
from policycheck.load.repo import load_repo
from policycheck.rules import registry
from policycheck.rules.kinds import ATTRS, Context, holder_item
from policycheck.rules.pack import load_pack
from tests.conftest import AS_OF, ROOT, MakeRepo

RULES_DIR = ROOT / "policycheck" / "rules"


def test_importing_the_facts_modules_registers_nothing() -> None:
    script = (
        "from policycheck.rules import facts, facts_evidence, facts_inventory, facts_processors, facts_registers\n"
        "from policycheck.rules.kinds import ATTRS, KINDS\n"
        "before = ('held_categories' in ATTRS['system'], 'document-reference' in KINDS)\n"
        "from policycheck.rules.registry import register_facts\n"
        "register_facts()\n"
        "n = sum(map(len, ATTRS.values()))\n"
        "register_facts()\n"
        "after = ('held_categories' in ATTRS['system'], 'document-reference' in KINDS)\n"
        "print(before, *after, n == sum(map(len, ATTRS.values())))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["(False,", "False)", "True", "True", "True"]


def test_the_registry_lists_every_facts_module() -> None:
    on_disk = {p.stem for p in RULES_DIR.glob("facts*.py")}
    assert {m.__name__.rpartition(".")[2] for m in registry.MODULES} == on_disk
    for module in registry.MODULES:
        assert all(f.get.__module__ == module.__name__ for f in module.FACTS)
        assert "@fact" not in Path(module.__file__ or "").read_text(encoding="utf-8")


def test_every_fact_is_in_the_attribute_table() -> None:
    load_pack()
    for module in registry.MODULES:
        for f in module.FACTS:
            attr = ATTRS[f.type][f.name]
            assert (attr.get, attr.type, attr.doc) == (f.get, f.result, f.doc)


# --- one fact per meaning ----------------------------------------------------------------------


@pytest.fixture
def anonymized_relay(make_repo: MakeRepo) -> Path:
    """Ticketing sends contact details anonymized to `stats`, which stores them (anonymous there)
    and sends them on, not anonymized, to a processor."""
    ticketing = yaml.safe_load((make_repo() / "systems" / "ticketing.yaml").read_text(encoding="utf-8"))
    ticketing["flows"] = [
        {"to": "stats", "categories": ["contact-details"], "purpose": "customer-support", "transform": "anonymized"}
    ]
    stats = {
        "name": "Statistics",
        "kind": "analytics",
        "owner": "customer-support",
        "location": ["SE"],
        "stores": [{"categories": ["contact-details"], "purpose": "customer-support"}],
        "flows": [{"to": "vendor", "categories": ["contact-details"], "purpose": "customer-support"}],
    }
    return make_repo(
        {
            "systems/ticketing.yaml": yaml.safe_dump(ticketing),
            "systems/stats.yaml": yaml.safe_dump(stats),
            "processors/vendor.yaml": yaml.safe_dump({"name": "Vendor AB", "country": "SE"}),
        }
    )


def test_held_and_transfer_categories_differ_for_a_system_that_receives_data_only_anonymized(
    anonymized_relay: Path,
) -> None:
    load_pack()
    repo = load_repo(anonymized_relay)
    dmap = DataMap(repo, dt.date.fromisoformat(AS_OF))
    ctx = Context(dmap, {}, {})
    held = ATTRS["system"]["held_categories"].get
    processor_held = ATTRS["processor"]["held_categories"].get
    transfer = ATTRS["holder"]["transfer_categories"].get

    stats = repo.systems["stats"]
    # `stats` keeps no personal data (its store is anonymous) but passes contact details on
    assert dmap.held.forwarded["stats"] == ("contact-details",)
    assert held(stats, ctx) == ()
    assert ATTRS["system"]["holds_personal_data"].get(stats, ctx) is False
    assert transfer(holder_item(repo, "stats"), ctx) == ("contact-details",)
    # where nothing is only passed on, the two agree
    ticketing = repo.systems["ticketing"]
    assert held(ticketing, ctx) == transfer(holder_item(repo, "ticketing"), ctx)
    assert held(ticketing, ctx) == ("case-history", "contact-details", "order-history")
    # a processor keeps what reaches it: its held and transfer categories are one value
    vendor = repo.processors["vendor"]
    assert processor_held(vendor, ctx) == transfer(holder_item(repo, "vendor"), ctx) == ("contact-details",)


def test_each_fact_is_a_read_of_the_holdings_parts(anonymized_relay: Path) -> None:
    load_pack()
    repo = load_repo(anonymized_relay)
    dmap = DataMap(repo, dt.date.fromisoformat(AS_OF))
    ctx = Context(dmap, {}, {})
    h = dmap.held
    for sid, system in repo.systems.items():
        kept = (h.stored.get(sid, frozenset()) | h.received.get(sid, frozenset())) - set(h.forwarded.get(sid, ()))
        assert ATTRS["system"]["held_categories"].get(system, ctx) == tuple(sorted(kept))
        # the same value as the data map's own "kept" (what the support commands read)
        assert set(kept) == set(h.kept(sid, h.of(sid)))
    for node in [*repo.systems, *repo.processors, *repo.recipients]:
        assert ATTRS["holder"]["transfer_categories"].get(holder_item(repo, node), ctx) == tuple(sorted(h.of(node)))


def test_the_old_name_of_a_processors_held_categories_says_the_new_one(make_repo: MakeRepo) -> None:
    rule = """\
id: old-fact-name
title: Uses received_categories
severity: low
area: custom
for_each: processor
when:
  present: received_categories
message:
  en: "{name}"
docs: {what: x, why: x, fix: x}
"""
    repo = make_repo({"rules/old-fact-name.yaml": rule})
    with pytest.raises(InvalidInput) as exc:
        load_pack(repo)
    (problem,) = exc.value.problems
    assert (problem.file, problem.line) == ("rules/old-fact-name.yaml", 7)
    assert "'received_categories' of processor is now 'held_categories' (the same value)" in problem.message
