"""The report's data map drawn by a forked worker (policycheck.reports.beside): the same report
byte for byte as drawn in one process, whatever the worker does, and no worker where none may run."""

from __future__ import annotations

import datetime as dt
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from policycheck.api import Checked, check
from policycheck.reports import beside, gap
from tests.conftest import ORG_EXAMPLE, run_cli
from tests.forked import force_beside, messy_org

AS_OF = dt.date(2026, 11, 28)


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return messy_org(tmp_path_factory, 80)


@pytest.fixture(scope="module")
def checked(messy: Path) -> dict[str, Checked]:
    return {
        "org_example": check(ORG_EXAMPLE, as_of=AS_OF, lang="en", release=True, keep_map=True),
        "messy": check(messy, as_of=AS_OF, lang="sv", release=True, keep_map=True),
    }


@pytest.fixture
def forced(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    return force_beside(monkeypatch)


def _html(c: Checked, *, beside_: bool) -> tuple[str, gap.GapReport]:
    lang = c.lang or "en"
    report = gap.build(c.repo, c.datamap, c.result, c.rules, lang, fmt="html", beside=beside_)
    try:
        return gap.to_html(report), report
    finally:
        report.close()


@pytest.mark.parametrize("where", ["org_example", "messy"])
def test_a_worker_draws_the_same_report(where: str, checked: dict[str, Checked], forced: list[object]) -> None:
    c = checked[where]
    serial, plain = _html(c, beside_=False)
    assert plain.drawing is None and plain.datamap_svg
    drawn, report = _html(c, beside_=True)
    assert report.datamap_svg == "" and report.drawing is not None
    assert len(forced) == 1 and forced[0] is not None  # the worker's picture was used
    assert drawn == serial
    assert report.picture() == plain.datamap_svg


def _raise() -> None:
    raise ValueError("damaged")


class _Damaged:
    """Pickles, but does not unpickle."""

    def __reduce__(self) -> tuple[Callable[[], None], tuple[()]]:
        return _raise, ()


def _killed(make: Callable[[], object]) -> object:
    os.kill(os.getpid(), signal.SIGKILL)
    return make()


def _raises(make: Callable[[], object]) -> object:
    raise RuntimeError("worker failed")


def _exits(make: Callable[[], object]) -> object:
    os._exit(0)


@pytest.mark.parametrize(
    "work",
    [
        _raises,
        _killed,
        _exits,  # exits 0 without an answer
        lambda make: b"not a picture",  # not the type asked for
        lambda make: _Damaged(),
        lambda make: None,
    ],
    ids=["raises", "killed", "exits", "wrong-type", "damaged", "none"],
)
def test_a_failed_worker_is_drawn_here(
    work: Callable[[Callable[[], object]], object], checked: dict[str, Checked], forced: list[object],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    c = checked["org_example"]
    serial, _ = _html(c, beside_=False)
    monkeypatch.setattr(beside, "_work", work)
    drawn, _ = _html(c, beside_=True)
    assert forced == [None]  # the worker's answer was refused
    assert drawn == serial


def _no_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(os, "fork")


@pytest.mark.parametrize(
    "setting",
    [
        lambda mp: mp.setenv("POLICYCHECK_JOBS", "1"),
        lambda mp: mp.setattr(beside, "MIN_NODES", 10_000),
        lambda mp: mp.setattr(beside, "_other_threads", lambda: True),
        _no_fork,
    ],
    ids=["jobs-1", "small", "threads", "no-fork"],
)
def test_no_worker(
    setting: Callable[[pytest.MonkeyPatch], None], checked: dict[str, Checked], forced: list[object],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    c = checked["org_example"]
    serial, _ = _html(c, beside_=False)
    setting(monkeypatch)
    report = gap.build(c.repo, c.datamap, c.result, c.rules, "en", fmt="html", beside=True)
    assert report.drawing is not None and not report.drawing.forked
    assert gap.to_html(report) == serial
    assert forced == []


def test_markdown_draws_no_picture(checked: dict[str, Checked], forced: list[object]) -> None:
    c = checked["org_example"]
    report = gap.build(c.repo, c.datamap, c.result, c.rules, "en", fmt="markdown", beside=True)
    assert report.drawing is None and report.picture() == ""
    plain = gap.build(c.repo, c.datamap, c.result, c.rules, "en", fmt="markdown")
    assert gap.to_markdown(report) == gap.to_markdown(plain)


def test_close_stops_a_worker_still_drawing(forced: list[object], monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(make: Callable[[], object]) -> object:
        time.sleep(60)
        return make()

    monkeypatch.setattr(beside, "_work", slow)
    drawing: beside.Beside[str] = beside.Beside(lambda: "x", str, True)
    assert drawing.forked
    worker = drawing._worker
    assert worker is not None
    drawing.cancel()
    assert not drawing.forked
    with pytest.raises(ChildProcessError):  # killed and reaped
        os.waitpid(worker[0], os.WNOHANG)
    assert drawing.result() == "x"  # computed here after all


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_the_command_with_a_worker(
    lang: str, messy: Path, forced: list[object], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    args: Any = ["report", str(messy), "--as-of", AS_OF.isoformat(), "--lang", lang]
    drawn = run_cli(*args)
    assert drawn.exit_code == 0 and len(forced) == 1 and forced[0] is not None
    monkeypatch.setenv("POLICYCHECK_JOBS", "1")
    serial = run_cli(*args)
    assert len(forced) == 1  # no second worker
    assert drawn.output == serial.output
