"""Package metadata fit for a release: classifiers, project URLs, a py.typed marker, a changelog, and a
rule pack version that `--version` shows."""

from __future__ import annotations

import re
import tomllib

from policycheck import __version__
from tests.conftest import ROOT


def test_pyproject_metadata() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == __version__
    classifiers = project["classifiers"]
    assert "Typing :: Typed" in classifiers
    assert any(c.startswith("Programming Language :: Python :: 3.11") for c in classifiers)
    assert any(c.startswith("Development Status :: ") for c in classifiers)
    assert {"Homepage", "Source", "Issues", "Changelog", "Documentation"} <= set(project["urls"])
    assert all(url.startswith("https://") for url in project["urls"].values())
    assert any(d.startswith("openpyxl") for d in project["dependencies"])


def test_typed_marker_changelog_and_pack_version() -> None:
    assert (ROOT / "policycheck" / "py.typed").is_file()
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in changelog and f"## [{__version__}]" in changelog
    assert re.fullmatch(r"\d{4}\.\d{1,2}\.\d+\n", (ROOT / "policies" / "VERSION").read_text(encoding="utf-8"))
