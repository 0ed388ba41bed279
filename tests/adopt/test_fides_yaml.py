"""`export fides` writes its YAML with libyaml's emitter only where that gives PyYAML's text byte for
byte (`adopt.fides.to_yaml`): the two emitters differ on characters outside the Basic Multilingual
Plane, NEL, the line and paragraph separators, the byte order mark, and on keys that are empty, hold
a line break or are long."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policycheck.adopt import fides
from policycheck.adopt.fides import export, libyaml_writes_alike, to_yaml
from policycheck.errors import InvalidInput
from policycheck.load.repo import load_repo
from policycheck.reports import beside
from tests.conftest import ORG_EXAMPLE

ORGS = Path(__file__).parents[1] / "fixtures" / "orgs"
OPTIONS: dict[str, Any] = {"sort_keys": False, "allow_unicode": True, "default_flow_style": False, "width": 120}

# text that reaches every style and escape of both emitters: quotes, indicators, line breaks, the
# characters libyaml writes otherwise, control characters and anything up to U+10FFFF
_SPECIAL = list(" \n\t:#-'\"abc{}[],&*!|>%@`?\r\x85\u2028\u2029\ufeff\x00\x7f\xa0\U0001f600")
TEXT = st.text(
    alphabet=st.one_of(st.sampled_from(_SPECIAL), st.characters(blacklist_categories=("Cs",))), max_size=300
)
_KEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}")
KEYS = st.one_of(
    TEXT,
    st.from_regex(_KEY, fullmatch=True),
    st.sampled_from(["true", "null", "yes", "No", "on", "~", "1e3", "0x1f", "1_000", "2026-01-01", ".inf", "-"]),
)
LEAVES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.dates(), TEXT)
TREES = st.recursive(
    LEAVES, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=4)),
    max_leaves=25,
)
DOCUMENTS = st.dictionaries(KEYS, TREES, max_size=5)


def _python_emitter(data: Any) -> str:
    return yaml.dump(data, Dumper=yaml.SafeDumper, **OPTIONS)


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
@given(DOCUMENTS)
def test_libyaml_is_used_only_where_it_writes_the_same_text(data: dict[str, Any]) -> None:
    if libyaml_writes_alike(data):
        assert yaml.dump(data, Dumper=yaml.CSafeDumper, **OPTIONS) == _python_emitter(data)
    assert to_yaml(data) == _python_emitter(data)


@pytest.mark.parametrize(
    "data",
    [
        {"name": "Kundtjänst 😀"},  # outside the BMP: libyaml writes "\U0001F600"
        {"name": "a\x85b"},
        {"name": "a\u2028b"},
        {"name": "\ufeffx"},
        {"": "empty key"},
        {"a\rb": 1},
        {"k" * 101: 1},
        {"nested": [{"fine": 1}, {"bad key": "x"}]},
        {"when": dt.datetime(2026, 1, 1, 12, 0)},  # not a type the check knows: the Python emitter
    ],
)
def test_what_libyaml_writes_otherwise_goes_to_the_python_emitter(data: dict[str, Any]) -> None:
    assert not libyaml_writes_alike(data)
    assert to_yaml(data) == _python_emitter(data)


def test_a_top_level_scalar_goes_to_the_python_emitter() -> None:
    assert not libyaml_writes_alike("text")  # PyYAML adds a document end marker ("...") here
    assert to_yaml("text") == _python_emitter("text")


@pytest.mark.parametrize(
    "org", [ORG_EXAMPLE, *sorted(p for p in ORGS.iterdir() if (p / "policycheck.yaml").is_file())], ids=lambda p: p.name
)
def test_the_manifests_of_every_organization_are_the_python_emitters_text(org: Path) -> None:
    try:
        repo = load_repo(org, use_cache=False)
    except InvalidInput:  # a broken fixture organization is not exported
        pytest.skip("the organization does not load")
    data = export(repo)
    assert to_yaml(data) == _python_emitter(data)


def test_org_example_takes_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    data = export(load_repo(ORG_EXAMPLE, use_cache=False))
    assert libyaml_writes_alike(data)
    calls: list[Any] = []
    original = yaml.dump

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs.get("Dumper"))
        return original(*args, **kwargs)

    monkeypatch.setattr(yaml, "dump", spy)
    assert fides.to_yaml(data) == _python_emitter(data)
    assert calls[0] is yaml.CSafeDumper


def _manifest(n: int) -> dict[str, Any]:
    """A manifest shaped like `export fides`' (mappings before and after a long list of systems)."""
    return {
        "organization": [{"fides_key": "default_organization", "name": "Org: one\nline two"}],
        "system": [
            {"fides_key": f"s-{i}", "name": f"System {i} 'quoted' #{i}", "tags": [], "meta": {"n": i, "x": None}}
            for i in range(n)
        ],
        "after": {"text": "a " * 100, "when": dt.date(2026, 11, 28)},
    }


def test_the_longest_list_is_written_on_two_cores_as_one_dump_would(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYCHECK_JOBS", "2")
    forks: list[Any] = []
    original = beside.fork_piped

    def counted() -> Any:
        forks.append(1)
        return original()

    monkeypatch.setattr(beside, "fork_piped", counted)
    for n in (fides.MIN_SPLIT, fides.MIN_SPLIT + 1, 2 * fides.MIN_SPLIT + 7):
        data = _manifest(n)
        assert to_yaml(data) == _python_emitter(data)
    assert len(forks) == 3


def test_short_lists_and_one_job_are_written_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> Any:
        raise AssertionError("forked")

    monkeypatch.setattr(beside, "fork_piped", no_fork)
    data = _manifest(fides.MIN_SPLIT - 1)
    assert to_yaml(data) == _python_emitter(data)
    monkeypatch.setenv("POLICYCHECK_JOBS", "1")
    data = _manifest(fides.MIN_SPLIT * 2)
    assert to_yaml(data) == _python_emitter(data)


def test_a_failing_worker_leaves_its_part_to_the_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYCHECK_JOBS", "2")

    def fail() -> None:  # the worker's first step: it exits 1 and sends nothing
        raise RuntimeError("worker failed")

    monkeypatch.setattr(beside, "silence", fail)
    data = _manifest(fides.MIN_SPLIT * 2)
    assert to_yaml(data) == _python_emitter(data)


def test_shared_containers_go_to_the_python_emitter() -> None:
    shared = {"a": 1}
    data = {"x": [shared, shared]}  # PyYAML writes an anchor and an alias
    assert not libyaml_writes_alike(data)
    assert to_yaml(data) == _python_emitter(data)
    assert "&id001" in to_yaml(data)
