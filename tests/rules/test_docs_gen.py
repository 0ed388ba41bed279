"""docs/rules/ and the generated part of docs/rule-language.md are up to date with the pack."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from policycheck import docs_gen
from policycheck.rules.pack import load_pack
from tests.conftest import ROOT

RULES = load_pack()


def wanted() -> dict[str, str]:
    return docs_gen.pages(RULES, (ROOT / docs_gen.LANGUAGE_DOC).read_text(encoding="utf-8"))


def test_committed_docs_are_up_to_date() -> None:
    stale = docs_gen.stale(ROOT, wanted())
    assert not stale, f"stale docs: {stale}; run `python -m policycheck.docs_gen` and commit the result"


def test_a_page_per_rule_and_an_index() -> None:
    pages = wanted()
    assert {f"docs/rules/{r.id}.md" for r in RULES} | {"docs/rules/index.md", "docs/rule-language.md"} == set(pages)
    index = pages["docs/rules/index.md"]
    for rule in RULES:
        assert f"[`{rule.id}`]({rule.id}.md)" in index


def test_generation_is_deterministic() -> None:
    assert wanted() == wanted()


def test_rule_language_lists_every_kind_and_attribute() -> None:
    from policycheck.rules.kinds import ATTRS, KINDS

    text = wanted()["docs/rule-language.md"]
    for kind in KINDS:
        assert f"| `{kind}` |" in text
    for type_name, attrs in ATTRS.items():
        if attrs:
            assert f"#### `{type_name}`" in text
    assert "| `third_countries` | list of country |" in text


def copy_docs(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    return tmp_path


def test_check_fails_on_a_stale_page_and_writing_fixes_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_docs(tmp_path)
    page = root / "docs" / "rules" / "dpa-scope-gap.md"
    page.write_text(page.read_text(encoding="utf-8") + "hand edit\n", encoding="utf-8")
    (root / "docs" / "rules" / "removed-rule.md").write_text("# gone\n", encoding="utf-8")
    assert docs_gen.main(["--check", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert "stale: docs/rules/dpa-scope-gap.md" in err
    assert "stale: docs/rules/removed-rule.md" in err
    assert docs_gen.main(["--root", str(root)]) == 0
    assert docs_gen.main(["--check", "--root", str(root)]) == 0
    assert not (root / "docs" / "rules" / "removed-rule.md").exists()


def test_check_fails_on_a_stale_attribute_table(tmp_path: Path) -> None:
    root = copy_docs(tmp_path)
    doc = root / docs_gen.LANGUAGE_DOC
    doc.write_text(doc.read_text(encoding="utf-8").replace("| `third_countries` |", "| `old_name` |"), "utf-8")
    assert docs_gen.main(["--check", "--root", str(root)]) == 1


def test_the_language_doc_needs_its_markers() -> None:
    with pytest.raises(ValueError, match="BEGIN GENERATED"):
        docs_gen.splice("# no markers\n", "block")


def test_script_entry_point_checks() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "policycheck.docs_gen", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
