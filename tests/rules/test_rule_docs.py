"""docs/rule-language.md's operator and fact sections are generated from the code's tables."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import yaml

from policycheck import docs_gen
from policycheck.rules import docs, operators, registry
from policycheck.rules.language import RuleSyntaxError, Scope
from policycheck.rules.operators import OPERATORS, compile_condition
from policycheck.rules.pack import load_pack
from tests.conftest import ROOT

DOC = ROOT / "docs" / "rule-language.md"
load_pack()  # registers the facts


def _block(text: str, name: str) -> str:
    begin, end = docs.MARKERS[name]
    return text.split(begin, 1)[1].split(end, 1)[0].strip("\n")


@pytest.mark.parametrize("name", ["operators", "facts"])
def test_the_committed_block_matches_the_table(name: str) -> None:
    wanted = docs.operators_markdown() if name == "operators" else docs.facts_markdown()
    assert _block(DOC.read_text(encoding="utf-8"), name) == wanted, (
        f"the {name} section of docs/rule-language.md is stale; run `{docs.COMMAND}` and commit the result"
    )


def test_a_changed_operator_makes_the_doc_stale(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "rule-language.md").write_text(DOC.read_text(encoding="utf-8"), encoding="utf-8")
    wanted = docs_gen.pages(load_pack(), DOC.read_text(encoding="utf-8"))
    assert "docs/rule-language.md" not in docs_gen.stale(root, wanted)
    changed = dataclasses.replace(OPERATORS["within"], example="within: [date, P1Y]")
    monkeypatch.setitem(operators.OPERATORS, "within", changed)
    wanted = docs_gen.pages(load_pack(), DOC.read_text(encoding="utf-8"))
    assert "docs/rule-language.md" in docs_gen.stale(root, wanted)


def test_every_operator_is_documented_with_a_docstring() -> None:
    text = DOC.read_text(encoding="utf-8")
    for op in OPERATORS.values():
        assert op.compile.__doc__, op.name
        assert op.form.startswith(f"{op.name}:") and op.operands and op.returns
        assert f'<a id="op-{op.name}"></a>' in text
        assert op.group in docs.GROUPS


PARAMS = {"max_days": 30, "deadline_hours": 72, "min_words": 150, "max_age": "P12M"}
TYPES = ["system", "stored-item", "processor", "team", "exercise", "policy", "organization"]


def _compiles_somewhere(cond: object) -> bool:
    for type_name in TYPES:
        try:
            compile_condition(cond, Scope(type_name, dict(PARAMS)))
            return True
        except RuleSyntaxError:
            continue
    return False


def test_each_operators_example_is_that_operator_and_compiles() -> None:
    for op in OPERATORS.values():
        cond = yaml.safe_load(op.example)
        assert isinstance(cond, dict) and op.name in cond, op.name
        assert _compiles_somewhere(cond), f"the example of '{op.name}' compiles on none of {TYPES}"
    assert not _compiles_somewhere({"within": ["no_such_date", "P1Y"]})


def test_dispatch_is_by_the_table_not_by_name() -> None:
    source = Path(operators.__file__).read_text(encoding="utf-8")
    body = source.split("def compile_condition", 1)[1]
    assert not re.search(r"\bop (==|in) ", body)
    assert "OPERATORS.get(op)" in body


def test_an_unknown_operator_suggests_one() -> None:
    with pytest.raises(RuleSyntaxError, match=r"unknown operator 'witin' \(did you mean 'within'\?\)"):
        compile_condition({"witin": ["date", "P1Y"]}, Scope("exercise", {}))


def test_every_fact_is_listed_once_per_type() -> None:
    block = _block(DOC.read_text(encoding="utf-8"), "facts")
    rows = block.splitlines()[2:]
    facts = [(f.name, f.type) for m in registry.MODULES for f in m.FACTS]
    assert len(rows) == len(facts) == len(set(facts))
    for name, type_name in facts:
        assert any(row.startswith(f"| `{name}` | [`{type_name}`]") for row in rows), name
