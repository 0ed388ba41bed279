"""Parameter types: declared or known from the default and the uses, never guessed from a leading "P".

Overrides in policycheck.yaml are checked against the type, with a one-line error at file:line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policycheck.errors import InvalidInput
from policycheck.rules.pack import load_pack
from policycheck.rules.params import check, resolve
from tests.conftest import AS_OF, MakeRepo, run_cli

#: a custom rule with a parameter of each type the built-in pack has none of, declared or plain
TYPED_RULE = """\
id: typed-params
title: A rule with parameters of every type
severity: low
area: custom
for_each: system
params:
  ratio: 0.5                                   # a number, by its default
  strict: {type: bool, default: false}         # declared
  grace: {type: duration, default: P1M}        # declared: only a message uses it, so no use says so
  label: Product                               # text that starts with a P: still text
when:
  all:
    - equals: [name, $label]
    - equals: [{value: true}, $strict]
message:
  en: "{name}: {$ratio} {$grace} {$label}"
docs:
  what: A test rule.
  why: To test parameter types.
  fix: Nothing.
"""


def _config(repo: Path, overrides: str) -> None:
    path = repo / "policycheck.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "rules:\n" + overrides, encoding="utf-8")


def _check(repo: Path, fmt: str = "json") -> tuple[int, str, str]:
    result = run_cli("check", str(repo), "--as-of", AS_OF, "--format", fmt)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def typed_repo(make_repo: MakeRepo) -> Path:
    return make_repo({"rules/typed-params.yaml": TYPED_RULE})


def test_the_pack_types_its_parameters() -> None:
    types = {r.id: dict(r.param_types) for r in load_pack() if r.param_types}
    assert types["training-overdue"] == {"max_age": "duration"}  # `within:` reads it
    assert types["restore-test-overdue"] == {"max_age": "duration", "kinds": "list"}
    assert types["erasure-too-slow"] == {"max_days": "int"}
    assert types["customer-support-not-consulted"] == {"subject": "str", "team_function": "str"}
    assert types["dpa-missing-clauses"] == {"clauses": "list"}


def test_a_custom_rule_declares_or_shows_its_types(typed_repo: Path) -> None:
    (rule,) = [r for r in load_pack(typed_repo) if r.id == "typed-params"]
    assert dict(rule.param_types) == {"ratio": "number", "strict": "bool", "grace": "duration", "label": "str"}
    assert rule.spec.params == {"ratio": 0.5, "strict": False, "grace": "P1M", "label": "Product"}


GOOD = [
    "training-overdue: {params: {max_age: P6M}}",  # duration
    "erasure-too-slow: {params: {max_days: 14}}",  # int
    "customer-support-not-consulted: {params: {team_function: support}}",  # str
    "transfer-without-tia: {params: {mechanisms: [scc]}}",  # list
    "typed-params: {params: {ratio: 2}}",  # number (a whole number is a number)
    "typed-params: {params: {ratio: 0.25}}",  # number
    "typed-params: {params: {strict: true}}",  # bool
    "typed-params: {params: {grace: P2W}}",  # declared duration
    "typed-params: {params: {label: PR}}",  # text that starts like a duration is text
]


@pytest.mark.parametrize("override", GOOD)
def test_good_overrides_pass(typed_repo: Path, override: str) -> None:
    _config(typed_repo, f"  {override}\n")
    code, out, err = _check(typed_repo)
    assert code == 0, err
    assert err == ""
    rule_id = override.partition(":")[0]
    fired = {f["rule"] for f in json.loads(out)["findings"]}
    # the override is applied: the base repo erases in 30 days (> 14) and has no `support` team
    assert (rule_id in fired) is (rule_id in ("erasure-too-slow", "customer-support-not-consulted"))


BAD = [
    ("training-overdue: {params: {max_age: six months}}", "max_age: expected a duration such as P6M, got 'six months'"),
    ("training-overdue: {params: {max_age: 6}}", "max_age: expected a duration such as P6M, got 6"),
    ("training-overdue: {params: {max_age: P8000Y}}", "got 'P8000Y': 'P8000Y' is longer than"),
    ("erasure-too-slow: {params: {max_days: '14'}}", "max_days: expected a whole number such as 72, got '14'"),
    ("erasure-too-slow: {params: {max_days: 1.5}}", "max_days: expected a whole number such as 72, got 1.5"),
    ("erasure-too-slow: {params: {max_days: true}}", "max_days: expected a whole number such as 72, got true"),
    ("customer-support-not-consulted: {params: {team_function: 7}}", "expected text such as customer-support, got 7"),
    ("transfer-without-tia: {params: {mechanisms: scc}}", "expected a list of text such as [scc, bcr], got 'scc'"),
    ("typed-params: {params: {ratio: half}}", "ratio: expected a number such as 0.5, got 'half'"),
    ("typed-params: {params: {ratio: false}}", "ratio: expected a number such as 0.5, got false"),
    ("typed-params: {params: {strict: 'yes'}}", "strict: expected true or false, got 'yes'"),
    ("typed-params: {params: {grace: soon}}", "grace: expected a duration such as P6M, got 'soon'"),
    ("typed-params: {params: {label: [a]}}", "label: expected text such as customer-support, got [a]"),
]


@pytest.mark.parametrize(("override", "message"), BAD)
def test_bad_overrides_are_one_line_errors_at_file_and_line(typed_repo: Path, override: str, message: str) -> None:
    _config(typed_repo, f"  {override}\n")
    line = len((typed_repo / "policycheck.yaml").read_text(encoding="utf-8").splitlines())
    code, out, err = _check(typed_repo, "text")
    assert code == 2
    assert out == ""
    rule_id, _, rest = override.partition(":")
    name = rest.split("{params: {")[1].split(":")[0]
    error, summary = err.strip().splitlines()
    assert summary == "1 error; nothing was checked."
    assert error.startswith(f"policycheck.yaml:{line}:"), error
    assert f"rules.{rule_id}.params.{name}: " in error
    assert message in error
    assert "Traceback" not in err


def test_every_bad_override_is_reported_in_one_run(typed_repo: Path) -> None:
    _config(typed_repo, "  training-overdue: {params: {max_age: x}}\n  typed-params: {params: {strict: 1}}\n")
    code, _, err = _check(typed_repo, "text")
    assert code == 2
    assert len(err.strip().splitlines()) == 3  # two errors and the summary


# --- the rule itself: uses that disagree with the type are errors when the pack loads ----------


def _rule(params: str, when: str) -> str:
    head, _, tail = TYPED_RULE.partition("params:\n")
    _, _, rest = tail.partition("when:\n")
    rest = rest.split("message:", 1)[1]
    return f"{head}params:\n{params}when:\n{when}message:{rest}".replace("{$ratio} {$grace} {$label}", "x")


@pytest.mark.parametrize(
    ("params", "when", "message"),
    [
        (  # a number used as a duration
            "  age: 12\n",
            "  within: [org.as_of, $age]\n",
            "params.age: `within` at when.within uses $age as a duration, but it is written as a whole number",
        ),
        (  # declared text used as a duration
            "  age: {type: str, default: P12M}\n",
            "  older_than: [org.as_of, $age]\n",
            "params.age: `older_than` at when.older_than uses $age as a duration, but it is declared text",
        ),
        (  # text compared as a number
            "  limit: '30'\n",
            "  gt: [erasure.within_days, $limit]\n",
            "params.limit: `gt` at when.gt uses $limit as a number, but it is written as text",
        ),
        (  # text used as a list
            "  kinds: analytics\n",
            "  in: [kind, $kinds]\n",
            "params.kinds: `in` at when.in uses $kinds as a list, but it is written as text",
        ),
        (  # an unknown type
            "  age: {type: durration, default: P1Y}\n",
            "  within: [org.as_of, $age]\n",
            "params.age.type: unknown parameter type 'durration' (did you mean 'duration'?)",
        ),
        (  # no type at all
            "  age: {type: null, default: P1Y}\n",
            "  within: [org.as_of, $age]\n",
            "params.age.type: unknown parameter type None",
        ),
        (  # a type that is no name
            "  age: {type: {of: duration}, default: P1Y}\n",
            "  within: [org.as_of, $age]\n",
            "params.age.type: unknown parameter type {'of': 'duration'}",
        ),
        (  # a declared default of another type
            "  flag: {type: bool, default: 'no'}\n",
            "  equals: [name, $flag]\n",
            "params.flag: the default: expected true or false, got 'no'",
        ),
        (  # a mapping that is no declaration
            "  age: {kind: duration, default: P1Y}\n",
            "  present: name\n",
            "params.age: the default a mapping is not a parameter value",
        ),
    ],
)
def test_a_rule_whose_parameter_uses_disagree_does_not_load(
    make_repo: MakeRepo, params: str, when: str, message: str
) -> None:
    repo = make_repo({"rules/typed-params.yaml": _rule(params, when)})
    with pytest.raises(InvalidInput) as exc:
        load_pack(repo)
    (problem,) = exc.value.problems
    assert problem.file == "rules/typed-params.yaml"
    assert problem.line > 1
    assert message in problem.message


def test_a_duration_is_never_guessed_from_a_leading_p() -> None:
    assert resolve("label", "Product", None, ()) == ("str", None)
    assert resolve("age", "P12M", None, ()) == ("str", None)  # no use reads it as a duration: text
    assert resolve("age", "P12M", None, [("duration", "`within`", ("when", "within"))]) == ("duration", None)
    assert check("P6M", "str") is None
    assert check("Product", "duration") == "expected a duration such as P6M, got 'Product'"
