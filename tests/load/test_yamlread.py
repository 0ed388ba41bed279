"""The YAML reader's two builders give the same values, positions and problems.

A document without aliases is built by :meth:`_Builder.tree` (one loop per list or mapping,
paths found in a shared tree); one with aliases by the general :meth:`_Builder.build`, which
counts repeats and refuses cycles. Both must give the same result for any alias-free document,
and ``tuples=True`` only changes lists into tuples.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policycheck.load import yamlread
from policycheck.load.yamlread import read_yaml
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parents[2]

#: the characters of YAML's structure, scalars of every type, tags and keys that repeat; no '*' (no alias)
yaml_text = st.text(alphabet=st.sampled_from(list("abc: -[]{},&!|>'\"\n#%@`?~0123456789.NOyestrufl")), max_size=200)


def general(text: str, tuples: bool = False) -> tuple[Any, dict[Any, Any], dict[Any, Any], list[Any]] | None:
    """What the general builder (the one for documents with aliases) makes of ``text``; None when it
    does not compose, or the builder stops (too deep)."""
    builder = yamlread._Builder("x.yaml", 10**6, 0, aliases=True, tuples=tuples)
    loader = yamlread._Loader(text)
    try:
        node = loader.get_single_node()
    except Exception:
        return None
    finally:
        loader.dispose()
    if node is None:
        return None
    try:
        data = builder.build(node, ())
    except (yamlread._TooDeep, yamlread._Cycle, yamlread._Budget):
        return None
    return data, builder.positions, builder.key_positions, builder.problems


def thaw(value: Any) -> Any:
    if isinstance(value, tuple):
        return [thaw(v) for v in value]
    if isinstance(value, dict):
        return {k: thaw(v) for k, v in value.items()}
    return value


def assert_same_as_general(text: str, tuples: bool) -> bool:
    expected = general(text, tuples)
    if expected is None:
        return False
    doc, problems = read_yaml(text, "x.yaml", tuples=tuples)
    data, positions, key_positions, general_problems = expected
    assert repr(doc.data) == repr(data)  # repr: the types too (1 vs 1.0 vs True, list vs tuple)
    assert doc.positions == positions
    assert list(doc.positions) == list(positions)
    assert doc.key_positions == key_positions
    assert problems == general_problems
    return True


@settings(max_examples=400, deadline=None)
@given(yaml_text, st.booleans())
def test_alias_free_documents_read_as_the_general_builder_reads_them(text: str, tuples: bool) -> None:
    assert_same_as_general(text, tuples)


@pytest.mark.parametrize("tuples", [False, True])
def test_every_fixture_file_reads_as_the_general_builder_reads_it(tuples: bool) -> None:
    files = sorted(
        p
        for folder in (ROOT / "org_example", ROOT / "tests" / "fixtures")
        for p in folder.rglob("*.yaml")
        if "*" not in p.read_text(encoding="utf-8", errors="replace")
    )
    assert len(files) > 100
    compared = sum(assert_same_as_general(p.read_text(encoding="utf-8", errors="replace"), tuples) for p in files)
    assert compared > 100


def test_problems_of_an_alias_free_document_are_the_general_builders() -> None:
    text = (
        "a: 1\nb: [x, !!int y, !foo z]\na: 2\n? [k]\n: v\n<<: {m: 1}\nn: !!map {p: [1, 2.5, 2026-02-30, ~, '7']}\n"
        f"big: {'9' * 120}\n"
    )
    assert assert_same_as_general(text, False)
    _, problems = read_yaml(text, "x.yaml")
    assert [p.message.split(" ")[0] for p in problems] == ["'y'", "YAML", "duplicate", "a", "YAML", "a"]


def test_tuples_change_only_the_sequences() -> None:
    text = "a: [1, [b, {c: [d]}]]\ne: {f: []}\ng: 2026-01-02\nh: [NO, 'yes', 1.5]\n"
    as_lists, _ = read_yaml(text, "x.yaml")
    as_tuples, _ = read_yaml(text, "x.yaml", tuples=True)
    expected = {"a": (1, ("b", {"c": ("d",)})), "e": {"f": ()}, "g": as_lists.data["g"], "h": ("NO", "yes", 1.5)}
    assert as_tuples.data == expected
    assert thaw(as_tuples.data) == as_lists.data
    assert as_tuples.positions == as_lists.positions


def test_too_deep_is_refused_by_both_builders() -> None:
    deep = "[" * (yamlread.MAX_DEPTH + 1) + "]" * (yamlread.MAX_DEPTH + 1)
    for text in (deep, deep + "\n# *\n"):
        doc, problems = read_yaml(text, "x.yaml")
        assert doc.data is None
        assert [p.message for p in problems] == [yamlread._TOO_DEEP]


def test_a_wrong_id_that_is_a_list_is_shown_as_written(make_repo: Any) -> None:
    """Entity files are read with tuples; the message shows the value as a list, as before."""
    system = "id: [chat, [x]]\nname: Chat\nkind: chat\nowner: customer-support\n"
    repo = make_repo({"systems/chat.yaml": system})
    result = run_cli("check", str(repo))
    assert result.exit_code == 2
    assert "systems/chat.yaml:1:5: id '['chat', ['x']]' differs from the file name" in result.stderr


def test_an_invalid_file_read_with_tuples_still_reports_its_references(make_repo: Any) -> None:
    """The data of an invalid entity file holds tuples: its lists of references are still checked."""
    system = (
        "name: Chat\nkind: chat\nowner: ghost\nbogus: 1\nstores:\n  - categories: [nope]\n"
        "    purpose: customer-support\nflows:\n  - to: nowhere\n    categories: [contact-details, nada]\n"
        "    purpose: customer-support\n"
    )
    processor = "name: P\ncountry: SE\nsubprocessors: [ghost-processor]\nbogus: 1\n"
    repo = make_repo({"systems/chat.yaml": system, "processors/p.yaml": processor})
    result = run_cli("check", str(repo))
    assert result.exit_code == 2
    for expected in (
        "systems/chat.yaml:4:1: unknown field 'bogus'",
        "systems/chat.yaml:3:8: owner: unknown team 'ghost'",
        "systems/chat.yaml:6:18: stores[0].categories[0]: unknown category 'nope'",
        "systems/chat.yaml:9:9: flows[0].to: unknown system, processor or recipient 'nowhere'",
        "systems/chat.yaml:10:35: flows[0].categories[1]: unknown category 'nada'",
        "processors/p.yaml:3:17: subprocessors[0]: unknown processor 'ghost-processor'",
    ):
        assert expected in result.stderr


def test_equal_texts_are_one_object() -> None:
    """Ids and kinds repeat in every file: the loaded values share one str per distinct text (memory)."""
    one, _ = read_yaml("id: crm-eu\nkinds: [crm-eu, 'quoted text']\nnote: |\n  block text\n", "a.yaml")
    two, _ = read_yaml("id: crm-eu\nother: ['quoted text', block text]\n", "b.yaml")
    assert one.data["id"] == "crm-eu" and one.data["id"] is two.data["id"] is one.data["kinds"][0]
    assert one.data["kinds"][1] is two.data["other"][0]
    assert one.data["note"] == "block text\n" and two.data["other"][1] == "block text"
