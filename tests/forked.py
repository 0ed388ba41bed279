"""Helpers of the tests of work done beside the parent in a forked worker (policycheck.reports.beside)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from policycheck.reports import beside

ROOT = Path(__file__).resolve().parents[1]


def messy_org(tmp_path_factory: pytest.TempPathFactory, systems: int) -> Path:
    """A small organization of ``benchmarks/generate_messy_org.py`` (many findings, a dense flow graph)."""
    out = tmp_path_factory.mktemp("messy") / "org"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate_messy_org.py"), str(out), "--systems", str(systems)],
        check=True,
        capture_output=True,
    )
    return out


def force_beside(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """A worker for every organization; the list records what the parent took from each worker."""
    monkeypatch.setattr(beside, "MIN_NODES", 0)
    monkeypatch.setenv("POLICYCHECK_JOBS", "2")
    monkeypatch.setattr(beside, "_other_threads", lambda: False)
    taken: list[object] = []
    collect = beside._collect

    def spy(worker: tuple[int, int], kind: type) -> tuple[object] | None:
        got = collect(worker, kind)
        taken.append(got)
        return got

    monkeypatch.setattr(beside, "_collect", spy)
    return taken
