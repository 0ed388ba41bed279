"""Shared fixtures: scenario repos built from the examples' clean base repo."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from policycheck.cli import cli
from tests.browser import Browser

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "policies" / "examples" / "base"
ORG_EXAMPLE = ROOT / "org_example"
AS_OF = "2026-06-01"

MakeRepo = Callable[..., Path]


@pytest.fixture
def make_repo(tmp_path: Path) -> MakeRepo:
    """A copy of the clean base repo with `files` written over it (text or bytes) and `remove` deleted."""

    def make(files: dict[str, str | bytes] | None = None, remove: tuple[str, ...] = ()) -> Path:
        repo = tmp_path / "repo"
        if not repo.exists():
            shutil.copytree(BASE, repo)
        for rel in remove:
            (repo / rel).unlink()
        for rel, content in (files or {}).items():
            target = repo / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        return repo

    return make


def run_cli(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


# The cache is off in the tests (a test that patches policycheck must not get an earlier run's
# output); tests/load/test_cache.py switches it on. `POLICYCHECK_NO_CACHE=0 pytest` runs everything with it.
os.environ.setdefault("POLICYCHECK_NO_CACHE", "1")
os.environ.setdefault("POLICYCHECK_CACHE_DIR", tempfile.mkdtemp(prefix="policycheck-test-cache-"))


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """One headless Chromium per test module (tests/browser.py); its tests skip where there is none."""
    b = Browser(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield b
    finally:
        b.close()


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The cache switched on, in a directory of its own."""
    from policycheck import cache

    where = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(where))
    monkeypatch.delenv(cache.NO_CACHE_ENV, raising=False)
    return where


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the loader actually parses (not served by a cache), in order."""
    from policycheck.load import repo as repo_module

    parsed: list[str] = []
    real = repo_module.read_yaml

    def spy(text: str, file: str, line_offset: int = 0, tuples: bool = False):  # type: ignore[no-untyped-def]
        parsed.append(file)
        return real(text, file, line_offset, tuples)

    monkeypatch.setattr(repo_module, "read_yaml", spy)
    return parsed
