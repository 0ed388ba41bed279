"""The transparency page's channels described on two cores (``build(..., beside=True)``): the
same page as one process makes, whatever the worker does."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from policycheck.load.repo import load_repo
from policycheck.model import Repo
from policycheck.reports import beside
from policycheck.support import transparency
from tests.conftest import run_cli
from tests.forked import force_beside, messy_org
from tests.support_repos import AS_OF, ORG_EXAMPLE


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return messy_org(tmp_path_factory, 80)


@pytest.fixture(scope="module")
def repos(messy: Path) -> dict[str, Repo]:
    return {"org_example": load_repo(ORG_EXAMPLE), "messy": load_repo(messy)}


@pytest.fixture
def forced(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    return force_beside(monkeypatch)


def _pages(repo: Repo, lang: str, subject: str | None) -> tuple[transparency.TransparencyPage, ...]:
    return tuple(transparency.build(repo, AS_OF, lang, subject, beside=b) for b in (False, True))


@pytest.mark.parametrize("subject", [None, "customer"])
@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("where", ["org_example", "messy"])
def test_two_cores_make_the_same_page(
    where: str, lang: str, subject: str | None, repos: dict[str, Repo], forced: list[object]
) -> None:
    plain, split = _pages(repos[where], lang, subject)
    assert forced and forced[0] is not None  # the worker's channels were used
    assert split == plain
    for fmt in ("html", "markdown", "json"):
        for audience in ("customers", "agents"):
            assert transparency.render(split, fmt, audience) == transparency.render(plain, fmt, audience)


def _reversed(make: Callable[[], object]) -> object:
    made = make()
    assert isinstance(made, tuple)
    return made[::-1]


def _killed(make: Callable[[], object]) -> object:
    os.kill(os.getpid(), signal.SIGKILL)
    return make()


def _raises(make: Callable[[], object]) -> object:
    raise RuntimeError("worker failed")


@pytest.mark.parametrize(
    "work",
    [_raises, _killed, _reversed, lambda make: (), lambda make: ("not", "channels"), lambda make: []],
    ids=["raises", "killed", "other-order", "none", "not-channels", "a-list"],
)
def test_a_failed_worker_leaves_the_channels_to_this_process(
    work: Callable[[Callable[[], object]], object], repos: dict[str, Repo], forced: list[object],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plain = transparency.build(repos["messy"], AS_OF, "en")
    monkeypatch.setattr(beside, "_work", work)
    assert transparency.build(repos["messy"], AS_OF, "en", beside=True) == plain


def test_no_worker_below_the_size(repos: dict[str, Repo], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(beside, "_start", lambda make: pytest.fail("forked"))
    monkeypatch.setenv("POLICYCHECK_JOBS", "2")
    assert transparency.build(repos["messy"], AS_OF, "en", beside=True) == transparency.build(repos["messy"], AS_OF)


def test_the_command_with_a_worker(messy: Path, forced: list[object], monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["transparency", str(messy), "--as-of", AS_OF.isoformat(), "--allow-findings"]
    split = run_cli(*args)
    assert split.exit_code == 0 and forced and all(got is not None for got in forced)
    monkeypatch.setenv("POLICYCHECK_JOBS", "1")
    plain = run_cli(*args)
    assert (split.stdout, split.stderr) == (plain.stdout, plain.stderr)
