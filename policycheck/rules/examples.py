"""Run a rule's examples: each materializes a repo (a base plus the example's files) and checks
that the rule fires (on the named subject) or stays silent.

Built-in rules use the base repo ``policies/examples/base``; an organization's
own rules use its compliance repo as the base, so its examples read like
"this repo, with this one change".
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policycheck.errors import InvalidInput
from policycheck.reference import pack_dir
from policycheck.rules.pack import Rule, RuleExample

#: the evaluation date of every example (dates in examples are relative to it)
EXAMPLE_AS_OF = dt.date(2026, 6, 1)


def builtin_base() -> Path:
    return pack_dir() / "examples" / "base"


@dataclass(frozen=True)
class Outcome:
    rule: str
    example: str
    ok: bool
    detail: str


def materialize(example: RuleExample, base: Path, dest: Path) -> None:
    import yaml

    shutil.copytree(base, dest, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".git"))
    for rel in example.remove:
        target = dest / rel
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    for rel, content in example.files.items():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            target.write_text(yaml.safe_dump(_thaw(content), sort_keys=False, allow_unicode=True), encoding="utf-8")
    for rel, content in example.patch.items():
        target = dest / rel
        current = yaml.safe_load(target.read_text(encoding="utf-8")) if target.exists() else {}
        merged = _merge(current or {}, _thaw(content))
        target.write_text(yaml.safe_dump(merged, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _merge(base: Any, patch: Any) -> Any:
    if isinstance(base, dict) and isinstance(patch, dict):
        out = dict(base)
        for k, v in patch.items():
            out[k] = _merge(base.get(k), v) if k in base else v
        return out
    return patch


def _thaw(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    if isinstance(value, dict):
        return {k: _thaw(v) for k, v in value.items()}
    return value


def run_example(
    rule: Rule, example: RuleExample, rules: list[Rule], base: Path | None = None, as_of: dt.date = EXAMPLE_AS_OF
) -> Outcome:
    from policycheck.load.repo import load_repo
    from policycheck.rules.engine import run

    base = base or builtin_base()
    with tempfile.TemporaryDirectory(prefix="policycheck-example-") as tmp:
        repo_dir = Path(tmp) / "repo"
        materialize(example, base, repo_dir)
        try:
            repo = load_repo(repo_dir)
            result = run(repo, rules, as_of)
        except InvalidInput as exc:
            return Outcome(rule.id, example.name, False, "the example repo is invalid: " + "; ".join(exc.lines()))
    own = [f for f in result.findings if f.rule == rule.id]
    if example.expect == "fires":
        if not own:
            return Outcome(rule.id, example.name, False, "expected a finding, got none")
        if example.subject and example.subject not in {f.subject for f in own}:
            got = ", ".join(sorted({f.subject for f in own}))
            return Outcome(rule.id, example.name, False, f"expected a finding on {example.subject}, got {got}")
        return Outcome(rule.id, example.name, True, own[0].message)
    if own:
        return Outcome(rule.id, example.name, False, "expected no finding, got: " + own[0].message)
    return Outcome(rule.id, example.name, True, "no finding")


def run_examples(rules: list[Rule], only: list[Rule] | None = None, base: Path | None = None) -> list[Outcome]:
    out = []
    for rule in only or rules:
        for example in rule.spec.examples:
            out.append(run_example(rule, example, rules, None if rule.builtin else base))
    return out
