"""The rule pack: rule files (YAML) -> validated specs -> compiled rules.

One file per rule, ``policies/<family>/<id>.yaml`` for the built-in pack and
``rules/<id>.yaml`` in a compliance repo for the organization's own. A rule
that does not validate or compile is an error when the pack loads (exit 2).
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, model_validator

from policycheck.errors import InvalidInput, Problem, did_you_mean
from policycheck.load.files import list_dir, read_text
from policycheck.load.repo import _freeze, translate
from policycheck.load.yamlread import read_yaml
from policycheck.model import Strict
from policycheck.model.types import Id, Severity
from policycheck.reference import pack_dir
from policycheck.rules.kinds import KINDS, Context
from policycheck.rules.language import RuleSyntaxError, Scope, compile_message
from policycheck.rules.operators import compile_condition
from policycheck.rules.params import PARAM_TYPES, resolve
from policycheck.rules.registry import register_facts

Area = Literal[
    "inventory",
    "erasure-security",
    "processors",
    "transfers",
    "readiness",
    "evidence",
    "impact-assessments",
    "registers",
    "waivers",
    "custom",
]
AREAS: tuple[str, ...] = typing.get_args(Area)


class RuleDocs(Strict):
    what: str
    why: str
    fix: str
    example: str | None = None
    references: tuple[str, ...] = ()


class RuleTranslation(Strict):
    """A rule's title and docs in another language (the message has its own `message.<lang>`)."""

    title: str
    what: str
    why: str
    fix: str


class RuleExample(Strict):
    name: str
    expect: Literal["fires", "passes"]
    #: the subject the finding must name, for `fires`
    subject: str | None = None
    #: files that replace (or add to) the example base repo, by path; YAML files as mappings
    files: dict[str, Any] = Field(default_factory=dict)
    #: mappings deep-merged into YAML files of the base repo (lists are replaced), by path
    patch: dict[str, Any] = Field(default_factory=dict)
    #: files of the base repo to delete
    remove: tuple[str, ...] = ()


class RuleSpec(Strict):
    id: Id
    title: str
    severity: Severity
    area: Area
    articles: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    for_each: str
    where: Any = None
    when: Any = None
    subject: Literal["privacy-notice"] | None = None
    #: the field the finding points at, e.g. `review_by` (its line), when the item has it
    at: str | None = None
    message: dict[Literal["en", "sv"], str]
    evidence: dict[str, str] = Field(default_factory=dict)
    #: further texts of a rule the engine implements (the waiver checks), by code, then language
    texts: dict[str, dict[Literal["en", "sv"], str]] = Field(default_factory=dict)
    #: each parameter's default, by name (written plainly or as `{type: T, default: V}`)
    params: dict[str, Any] = Field(default_factory=dict)
    #: the types declared with `{type: T, default: V}`, by name (checked when the rule compiles)
    declared_param_types: dict[str, Any] = Field(default_factory=dict, exclude=True)
    docs: RuleDocs
    #: title and docs in other languages, by language code (English is `title` and `docs`)
    translations: dict[Literal["sv"], RuleTranslation] = Field(default_factory=dict)
    examples: tuple[RuleExample, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _declared_params(cls, data: Any) -> Any:
        """``params: {name: {type: T, default: V}}``: the default under ``params``, the type apart."""
        if not isinstance(data, dict) or "declared_param_types" in data or not isinstance(data.get("params"), dict):
            return data
        params: dict[str, Any] = {}
        types: dict[str, Any] = {}
        for name, value in data["params"].items():
            if isinstance(value, dict) and set(value) == {"type", "default"}:
                types[name] = value["type"]
                params[name] = value["default"]
            else:  # a mapping of another shape stays, and is refused when the rule compiles
                params[name] = value
        return {**data, "params": params, "declared_param_types": types}

    def title_in(self, lang: str) -> str:
        t = self.translations.get(lang)  # type: ignore[call-overload]
        return t.title if t else self.title

    def docs_in(self, lang: str) -> RuleDocs:
        """The docs in ``lang`` where translated (the example stays as written)."""
        t = self.translations.get(lang)  # type: ignore[call-overload]
        if t is None:
            return self.docs
        return RuleDocs(what=t.what, why=t.why, fix=t.fix, example=self.docs.example, references=self.docs.references)


@dataclass(frozen=True)
class Rule:
    spec: RuleSpec
    file: str  # where the rule is defined (for messages and `rules` listing)
    builtin: bool
    where: Callable[[Any, Context], bool] | None
    when: Callable[[Any, Context], bool] | None
    messages: dict[Any, Callable[[Any, Context], str]]
    evidence: dict[str, Callable[[Any, Context], str]]
    #: each parameter's type (see :mod:`policycheck.rules.params`), by name
    param_types: Mapping[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.spec.id


#: rules the engine itself implements (the waiver checks); they have a spec but no condition
ENGINE_RULES = ("waiver-expired", "waiver-unused", "waiver-invalid")


def _located(problems: list[Problem], file: str, doc: Any, where: tuple[str | int, ...], message: str) -> None:
    line, col = doc.where(where) if doc is not None else (0, 0)
    problems.append(Problem(file, line, col, message))


def compile_rule(spec: RuleSpec, file: str, builtin: bool, doc: Any, problems: list[Problem]) -> Rule | None:
    register_facts()
    if spec.for_each not in KINDS:
        from policycheck.errors import did_you_mean

        _located(
            problems,
            file,
            doc,
            ("for_each",),
            f"for_each: unknown kind '{spec.for_each}'{did_you_mean(spec.for_each, KINDS)}; kinds: {', '.join(KINDS)}",
        )
        return None
    if "en" not in spec.message:
        _located(problems, file, doc, ("message",), "message: an English (`en`) message is required")
    if spec.when is None and spec.id not in ENGINE_RULES:
        _located(problems, file, doc, (), "missing required field 'when' (the condition that makes a finding)")
        return None
    if spec.texts and spec.id not in ENGINE_RULES:
        _located(problems, file, doc, ("texts",), "texts: only the rules the engine implements take `texts`")
        return None
    if spec.id in ENGINE_RULES:
        return Rule(spec, file, builtin, None, None, {}, {})
    scope = Scope(KINDS[spec.for_each].type, dict(spec.params))
    try:
        where, bound_w = (
            compile_condition(spec.where, scope, ("where",)) if spec.where is not None else (None, frozenset())
        )
        when, bound = compile_condition(spec.when, scope, ("when",)) if spec.when is not None else (None, frozenset())
        mscope = Scope(scope.type, scope.params, bound | bound_w, scope.bound_types)
        messages = {lang: compile_message(text, mscope, ("message", lang)) for lang, text in spec.message.items()}
        evidence = {k: compile_message(v, mscope, ("evidence", k), names=False) for k, v in spec.evidence.items()}
    except RuleSyntaxError as exc:
        _located(problems, file, doc, exc.where, str(exc))
        return None
    param_types = _param_types(spec, scope, file, doc, problems)
    if param_types is None:
        return None
    return Rule(spec, file, builtin, where, when, messages, evidence, param_types)


def _param_types(spec: RuleSpec, scope: Scope, file: str, doc: Any, problems: list[Problem]) -> dict[str, str] | None:
    """Each parameter's type, declared or known from its default and its uses; None after an error."""
    out: dict[str, str] = {}
    ok = True
    for name, default in spec.params.items():
        declared = spec.declared_param_types.get(name)
        if name in spec.declared_param_types and (not isinstance(declared, str) or declared not in PARAM_TYPES):
            _located(
                problems,
                file,
                doc,
                ("params", name, "type"),
                f"params.{name}.type: unknown parameter type {declared!r}{did_you_mean(str(declared), PARAM_TYPES)}; "
                f"types: {', '.join(PARAM_TYPES)}",
            )
            ok = False
            continue
        type_name, problem = resolve(name, default, declared, scope.param_uses.get(name, ()))
        if problem is not None:
            _located(problems, file, doc, ("params", name), problem)
            ok = False
        elif type_name is not None:
            out[name] = type_name
    return out if ok else None


def _rule_files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*.yaml")
        if "reference" not in p.relative_to(folder).parts and "examples" not in p.relative_to(folder).parts
    )


def load_rule_file(path: Path, label: str, builtin: bool, problems: list[Problem], root: Path) -> Rule | None:
    src = read_text(root, path, problems)
    if src is None:
        return None
    doc, yproblems = read_yaml(src.text, label)
    if yproblems:
        problems.extend(yproblems)
        return None
    if not isinstance(doc.data, dict):
        problems.append(Problem(label, 1, 1, "a rule file is a mapping (id, title, severity, ...)"))
        return None
    try:
        spec = RuleSpec.model_validate(_freeze(doc.data))
    except ValidationError as exc:
        problems.extend(translate(exc, RuleSpec, doc, label))
        return None
    if path.stem != spec.id:
        line, col = doc.where(("id",))
        problems.append(Problem(label, line, col, f"id '{spec.id}' differs from the file name '{path.stem}'"))
        return None
    return compile_rule(spec, label, builtin, doc, problems)


def load_pack(repo_root: Path | None = None, custom: Iterable[Path] | None = None) -> list[Rule]:
    """The built-in rules plus, when ``repo_root`` is given, the repo's ``rules/*.yaml``."""
    register_facts()
    problems: list[Problem] = []
    base = pack_dir()
    rules: dict[str, Rule] = {}
    for path in _rule_files(base):
        rule = load_rule_file(path, f"policies/{path.relative_to(base).as_posix()}", True, problems, base)
        if rule is not None:
            if rule.id in rules:
                problems.append(Problem(rule.file, 1, 1, f"duplicate rule id '{rule.id}' (also {rules[rule.id].file})"))
            rules[rule.id] = rule
    paths: list[tuple[Path, Path]] = []
    if repo_root is not None:  # every file in rules/ is read or refused, none skipped in silence
        paths += [(repo_root, p) for p in list_dir(repo_root, "rules", (".yaml",), problems)]
    for p in custom or ():
        paths.append((p.parent, p))
    for root, path in paths:
        label = path.relative_to(root).as_posix()
        rule = load_rule_file(path, label, False, problems, root)
        if rule is not None:
            if rule.id in rules:
                problems.append(
                    Problem(
                        label,
                        1,
                        1,
                        f"rule id '{rule.id}' is already a {'built-in' if rules[rule.id].builtin else 'custom'} "
                        "rule; choose another id",
                    )
                )
                continue
            rules[rule.id] = rule
    if problems:
        raise InvalidInput(problems)
    return [rules[k] for k in sorted(rules)]
