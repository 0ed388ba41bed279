"""The library entry point: ``policycheck.check(path, as_of=...)`` returns the result object
that every command renders. Nothing here prints or exits; only :mod:`policycheck.cli` does.

>>> import policycheck
>>> checked = policycheck.check("org_example", as_of=datetime.date(2026, 11, 28))  # doctest: +SKIP
>>> checked.exit_code()  # doctest: +SKIP
1
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from policycheck.errors import EXIT_FINDINGS, EXIT_OK, InvalidInput, Problem, did_you_mean
from policycheck.findings import CheckResult
from policycheck.graph import DataMap
from policycheck.load.files import find_root
from policycheck.load.repo import load_repo
from policycheck.load.yamlread import read_yaml
from policycheck.model import Repo
from policycheck.rules.engine import configure, run
from policycheck.rules.pack import Rule, load_pack


@dataclass(frozen=True)
class Checked:
    """One checked compliance repo: its declarations, the rule pack, the findings."""

    root: Path
    repo: Repo
    rules: list[Rule]
    result: CheckResult
    as_of: dt.date
    lang: str | None = None

    @cached_property
    def datamap(self) -> DataMap:
        """The data map and its derived facts (:mod:`policycheck.graph`), as the rules saw them."""
        return DataMap.of(self.repo, self.as_of)

    def exit_code(self, fail_on: str | None = None) -> int:
        """1 when a finding is at or above ``fail_on`` (default: the repo's settings), else 0."""
        threshold = fail_on or self.repo.config.settings.fail_on
        return EXIT_FINDINGS if self.result.failing(threshold) else EXIT_OK


def today() -> dt.date:
    """The only place the clock is read; every output gets its date through --as-of."""
    return dt.date.today()


def load(directory: str | Path | None = None, *, use_cache: bool | None = None) -> tuple[Path, Repo]:
    """The compliance repo's root and its declarations (InvalidInput when they cannot be read).

    Unchanged files come from the file cache unless ``use_cache`` is False (see policycheck.cache).
    """
    directory = Path(directory) if directory is not None else None
    root = find_root(directory)
    return root, load_repo(root, use_cache)


def read(directory: str | Path | None = None, *, use_cache: bool | None = None) -> tuple[Path, Repo, list[Rule]]:
    """The compliance repo's root, its declarations and the rule pack with the repo's own rules
    (``rules/``), configured by policycheck.yaml's ``rules:``. Every command reads the repo here,
    also those that evaluate no rule, so that none passes on a file it could not read (a broken
    custom rule, an override of an unknown rule or parameter).

    Raises :class:`policycheck.errors.InvalidInput` with every problem of all three.
    """
    directory = Path(directory) if directory is not None else None
    root, repo = None, None
    problems = []
    try:
        root, repo = load(directory, use_cache=use_cache)
    except InvalidInput as exc:
        problems += exc.problems
    rules: list[Rule] = []
    try:
        rules = load_pack(root or find_root(directory))
    except InvalidInput as exc:
        problems += exc.problems
    if repo is None and rules:  # the declarations are broken: still report unknown rule overrides
        problems += _override_problems(root or find_root(directory), rules)
    elif repo is not None and rules:
        try:
            configure(rules, repo)
        except InvalidInput as exc:
            problems += exc.problems
    if problems or repo is None or root is None:
        raise InvalidInput(problems)
    return root, repo, rules


def _override_problems(root: Path, rules: list[Rule]) -> list[Problem]:
    """Unknown rule ids in policycheck.yaml's `rules:`, read from the raw file (the model did not load)."""
    try:
        text = (root / "policycheck.yaml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    doc, _ = read_yaml(text, "policycheck.yaml")
    overrides = doc.data.get("rules") if isinstance(doc.data, dict) else None
    if not isinstance(overrides, dict):
        return []
    ids = {r.id for r in rules}
    out = []
    for rule_id in overrides:
        if rule_id not in ids:
            line, col = doc.where(("rules", rule_id))
            hint = did_you_mean(rule_id, ids)
            out.append(
                Problem(
                    "policycheck.yaml",
                    line,
                    col,
                    f"rules: unknown rule '{rule_id}'{hint}; `policycheck rules` lists them",
                )
            )
    return out


def check(
    directory: str | Path | None = None,
    *,
    as_of: dt.date | None = None,
    lang: str | None = None,
    use_cache: bool | None = None,
    release: bool = False,
    keep_map: bool = False,
    only: Collection[str] | None = None,
) -> Checked:
    """Load the compliance repo at ``directory`` (default: the nearest one holding
    policycheck.yaml) and the pack (with the repo's own rules), and run every rule.

    With ``release``, the findings hold their message in the output's language (``lang``, else
    the repo's) and nothing of the evaluation, and the data map is let go: ``check``'s outputs ask
    for that language only, and a large organization's findings then outlive no graph or fact.
    ``keep_map`` (with ``release``) keeps the data map for a caller that renders from it in that
    one language (``report``, ``transparency``); such findings are what lets the rules run on
    both cores (:mod:`policycheck.rules.parallel`). ``only`` (with ``release``): evaluate only the
    rules of those ids (every rule is still configured; see :func:`policycheck.rules.engine.run`),
    for a caller that reads only their findings (``transparency``).

    Raises :class:`policycheck.errors.InvalidInput` with every problem found when the
    declarations or a rule cannot be read; never prints and never exits.
    """
    root, repo, rules = read(directory, use_cache=use_cache)
    day = as_of or today()
    # the rules see the names as declared (every language); the outputs see the one of ``lang``
    if release:
        langs = (lang or repo.config.settings.language,)
        result = run(repo, rules, day, lang, langs=langs, only=only, keep_map=keep_map)
        if not keep_map:
            DataMap.forget()
    else:
        result = run(repo, rules, day, lang)
    return Checked(root, repo.localized(lang or repo.config.settings.language), rules, result, day, lang)
