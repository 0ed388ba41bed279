"""Names per language (FORMAT.md: ``name: {sv: ..., en: ...}``): read for teams, categories,
purposes, systems, processors and recipients; every output shows the ``--lang`` text (else the
first one given); a bad shape is a located load error.

The repo under test is org_example with every such name turned into a mapping whose texts are
marked ``Qen ...`` and ``Qsv ...`` (and one category given in Swedish only, ``Qfb ...``), so a
name in the wrong language, or a mapping's repr, is found in any output by searching for a marker.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
import yaml

from policycheck.errors import InvalidInput
from policycheck.i18n import name_of
from policycheck.load.repo import load_repo
from policycheck.model.types import Name
from tests.conftest import run_cli
from tests.support_repos import ORG_EXAMPLE, copy_fixture

DATE = "2026-11-28"
_NAME_LINE = re.compile(r"^(\s*(?:- )?)name: (.+?)(\s+#.*)?$")
_TOP_KEY = re.compile(r"^[a-z_]+:")


def _mapping(text: str, n: int) -> str:
    en, sv = json.dumps(f"Qen {text}", ensure_ascii=False), json.dumps(f"Qsv {text}", ensure_ascii=False)
    return f"{{sv: {sv}, en: {en}}}" if n % 2 else f"{{en: {en}, sv: {sv}}}"


def _rewrite(path: Path, only_teams: bool = False) -> None:
    out, in_teams, n = [], False, 0
    # org_example's own names per language, in block style, to one line (their English text)
    text = re.sub(r"(?m)^name:[^\n]*\n  en: (.*)\n  sv: .*$", r"name: \1", path.read_text(encoding="utf-8"))
    for line in text.splitlines():
        if _TOP_KEY.match(line):
            in_teams = line.startswith("teams:")
        m = _NAME_LINE.match(line)
        if m and (in_teams or not only_teams):
            text = yaml.safe_load(m.group(2))
            text = text["en"] if isinstance(text, dict) else text
            if path.name == "categories.yaml" and n == 0:
                value = "{sv: " + json.dumps(f"Qfb {text}", ensure_ascii=False) + "}"  # the fallback
            else:
                value = _mapping(text, n + len(path.stem))
            line = f"{m.group(1)}name: {value}"
            n += 1
        out.append(line)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def named(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_fixture("org_example", tmp_path_factory.mktemp("names"))
    for rel in ("categories.yaml", "purposes.yaml"):
        _rewrite(root / rel)
    for folder in ("systems", "processors", "recipients"):
        for path in sorted((root / folder).glob("*.yaml")):
            _rewrite(path)
    _rewrite(root / "policycheck.yaml", only_teams=True)
    return root


def test_the_rewritten_repo_has_mapping_names_of_every_kind(named: Path) -> None:
    repo = load_repo(named)
    kinds = {
        "team": repo.teams,
        "category": repo.categories,
        "purpose": repo.purposes,
        "system": repo.systems,
        "processor": repo.processors,
        "recipient": repo.recipients,
    }
    for kind, table in kinds.items():
        assert table, kind
        for obj in table.values():
            assert isinstance(obj.name, Name) and obj.name.texts, (kind, obj.id)
    # the string value of a name is its first text; `--lang` picks its own; a missing one falls back
    first = repo.categories["contact-details"].name
    assert first.texts == (("sv", "Qfb Contact details"),)
    assert name_of(first, "en") == "Qfb Contact details" == first.in_lang("en")
    some = next(o.name for o in repo.systems.values() if o.name.texts[0][0] == "sv")
    assert str(some).startswith("Qsv ") and some.in_lang("en").startswith("Qen ")
    assert name_of(some, "en").startswith("Qen ") and name_of(some, "sv").startswith("Qsv ")
    en = repo.localized("en")
    assert all(type(s.name) is str and s.name.startswith("Qen ") for s in en.systems.values())
    assert all(t.name.startswith("Qen ") for t in en.config.teams)
    assert en.systems.keys() == repo.systems.keys() and en.positions == repo.positions


def _commands(root: str, lang: str, tmp: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    common = ["--lang", lang]
    for fmt in ("text", "json", "sarif", "junit", "github", "markdown", "codequality"):
        out[f"check-{fmt}"] = ["check", root, "--as-of", DATE, "--format", fmt, "--no-color", *common]
    for fmt in ("html", "markdown"):
        out[f"report-{fmt}"] = ["report", root, "--as-of", DATE, "--format", fmt, *common]
    for fmt in ("dot", "mermaid", "graphml", "json"):
        out[f"graph-{fmt}"] = ["graph", root, "--as-of", DATE, "--format", fmt, *common]
    for fmt in ("csv", "markdown", "json"):
        out[f"ropa-{fmt}"] = ["ropa", root, "--as-of", DATE, "--format", fmt, *common]
    out["ropa-xlsx"] = [
        "ropa",
        root,
        "--as-of",
        DATE,
        "--format",
        "xlsx",
        "-o",
        str(tmp / f"ropa-{lang}.xlsx"),
        *common,
    ]
    for fmt in ("text", "markdown", "json"):
        out[f"erasure-{fmt}"] = [
            "erasure-plan",
            root,
            "--subject",
            "customer",
            "--as-of",
            DATE,
            "--format",
            fmt,
            *common,
        ]
        out[f"access-{fmt}"] = ["access-plan", root, "--subject", "customer", "--as-of", DATE, "--format", fmt, *common]
        for node in ("ticketing", "intercom"):
            out[f"breach-{node}-{fmt}"] = [
                "breach-impact",
                root,
                node,
                "--as-of",
                f"{DATE}T09:00",
                "--format",
                fmt,
                *common,
            ]
    for fmt in ("html", "markdown", "json"):
        for audience in ("customers", "agents"):
            out[f"transparency-{audience}-{fmt}"] = [
                "transparency",
                root,
                "--format",
                fmt,
                "--audience",
                audience,
                "--allow-findings",  # the customers' page is otherwise held back by the fixture's findings
                "--as-of",
                DATE,
                *common,
            ]
    for fmt in ("text", "markdown", "json", "html"):
        out[f"dpia-{fmt}"] = ["dpia", root, "--as-of", DATE, "--format", fmt, *common]
        out[f"dpia-draft-{fmt}"] = [
            "dpia",
            root,
            "--purpose",
            "call-quality",
            "--as-of",
            DATE,
            "--format",
            fmt,
            *common,
        ]
    if lang == "en":  # no --lang: the repo's settings.language (en)
        out["export-fides"] = ["export", "fides", root]
    return out


def _text_of(name: str, stdout: str, tmp: Path, lang: str) -> str:
    if name == "ropa-xlsx":
        with zipfile.ZipFile(tmp / f"ropa-{lang}.xlsx") as z:
            return "\n".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    return stdout


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_every_output_shows_the_names_in_its_language(named: Path, tmp_path: Path, lang: str) -> None:
    other = "sv" if lang == "en" else "en"
    fallback_seen = False
    for name, args in _commands(str(named), lang, tmp_path).items():
        result = run_cli(*args)
        assert result.exit_code in (0, 1), (name, result.output)
        text = _text_of(name, result.stdout, tmp_path, lang)
        assert f"Q{lang}" in text, f"{name}: no name in {lang}"
        # a breach's customer message and script come in both languages; the Fides export keeps every
        # text of a name in `meta.policycheck` (test_fides: it imports back unchanged)
        if not name.startswith(("breach-", "export-")):
            assert f"Q{other}" not in text and f"q{other}" not in text.lower(), f"{name}: a name in {other}"
        for leak in ("{'", "sv':", "'sv'", '"sv": "Q', '"en": "Q', "sv&apos;", "sv&#39;", "texts="):
            assert leak not in text, f"{name}: {leak!r} leaks"
        fallback_seen |= "Qfb Contact details" in text
    assert fallback_seen  # the category given only in Swedish is shown in that text


def test_a_breach_s_texts_in_both_languages_name_things_in_their_own(named: Path) -> None:
    for lang in ("en", "sv"):
        result = run_cli(
            "breach-impact", str(named), "intercom", "--as-of", f"{DATE}T09:00", "--format", "json", "--lang", lang
        )
        impact = json.loads(result.stdout)
        assert f"Q{lang} " in impact["name"]
        for lg, other in (("en", "sv"), ("sv", "en")):
            texts = [impact["customer_message"][lg], *impact["agent_script"][lg]]
            assert any(f"Q{lg} " in t for t in texts) and not any(f"Q{other}" in t for t in texts), (lang, lg)
        rest = {k: v for k, v in impact.items() if k not in ("customer_message", "agent_script")}
        assert f"Q{'sv' if lang == 'en' else 'en'}" not in json.dumps(rest, ensure_ascii=False)


def test_findings_keep_their_ids_and_fingerprints_across_languages(named: Path) -> None:
    runs = {}
    for lang in ("en", "sv"):
        result = run_cli("check", str(named), "--as-of", DATE, "--format", "json", "--lang", lang)
        runs[lang] = json.loads(result.stdout)["findings"]
    keys = [[(f["rule"], f["subject"], f["fingerprint"]) for f in runs[lang]] for lang in ("en", "sv")]
    assert keys[0] == keys[1] and keys[0]
    plain = run_cli("check", str(ORG_EXAMPLE), "--as-of", DATE, "--format", "json")
    assert [(f["rule"], f["subject"], f["fingerprint"]) for f in json.loads(plain.stdout)["findings"]] == keys[0]
    assert all(isinstance(f["message"], str) for f in runs["sv"])
    named_messages = [f["message"] for f in runs["sv"] if "Qsv" in f["message"]]
    assert named_messages  # the rule messages' {name} is in the requested language


def _broken(tmp_path: Path, old: str, new: str) -> list[str]:
    root = copy_fixture("org_example", tmp_path, {"systems/ticketing.yaml": (old, new)})
    with pytest.raises(InvalidInput) as exc:
        load_repo(root)
    return exc.value.lines()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("{}", "systems/ticketing.yaml:1:7: name: an empty mapping; give the name as text, or as {en: ..., sv: ...}"),
        (
            "{se: Zendesk}",
            "systems/ticketing.yaml:1:7: name: 'se' is not a language a name can be given in "
            "(did you mean 'sv'?); use en or sv",
        ),
        ("{EN: Zendesk}", "(did you mean 'en'?)"),
        ("{en: Zendesk, sv: ''}", "name: the sv text must be non-empty text, got ''"),
        ("{en: Zendesk, sv: }", "name: the sv text must be non-empty text, got nothing"),
        ("{en: [Zendesk]}", "name: the en text must be non-empty text"),
        ("[Zendesk]", "name: expected text or a mapping of language to text ({en: ..., sv: ...}), got a list"),
        ("42", "got 42 (put it in quotes)"),
    ],
)
def test_a_bad_name_is_one_located_line_with_the_fix(tmp_path: Path, value: str, expected: str) -> None:
    lines = _broken(tmp_path, "name: Zendesk Support", f"name: {value}")
    assert len(lines) == 1 and "\n" not in lines[0]
    assert lines[0].startswith("systems/ticketing.yaml:1:")
    assert expected in lines[0]


def test_a_bad_name_exits_2_without_a_traceback(tmp_path: Path) -> None:
    root = copy_fixture("org_example", tmp_path, {"categories.yaml": ("name: Case history", "name: {sw: Ärenden}")})
    result = run_cli("check", str(root), "--as-of", DATE)
    assert result.exit_code == 2
    assert "categories.yaml:9:" in result.output and "'sw' is not a language" in result.output
    assert "(did you mean 'sv'?)" in result.output and "Traceback" not in result.output


def test_the_organization_name_stays_one_text(tmp_path: Path) -> None:
    root = copy_fixture(
        "org_example", tmp_path, {"policycheck.yaml": ("name: Exempel Kundservice AB", "name: {sv: Exempel AB}")}
    )
    with pytest.raises(InvalidInput) as exc:
        load_repo(root)
    assert exc.value.lines() == [
        "policycheck.yaml:3:9: organization.name: expected text, got a mapping; this name is one text "
        "(names per language are for teams and the declarations)"
    ]


def test_names_pickle_and_compare_with_their_texts() -> None:
    import pickle

    a = Name("Kontakt", (("sv", "Kontakt"), ("en", "Contact")))
    b = Name("Kontakt", (("sv", "Kontakt"), ("en", "Contacts")))
    assert pickle.loads(pickle.dumps(a)) == a and pickle.loads(pickle.dumps(a)).texts == a.texts
    assert a != b and a == "Kontakt" and hash(a) == hash("Kontakt")


def test_diff_names_what_a_change_introduces_in_its_language(named: Path, tmp_path: Path) -> None:
    import shutil

    from tests.ci_sample import commit_all, git, git_init

    work = git_init(tmp_path / "work")
    shutil.copytree(named, work / "compliance")
    commit_all(work, "named")
    git(work, "tag", "base")
    (work / "compliance" / "systems" / "wiki.yaml").write_text(
        "name: {sv: Qsv Wiki, en: Qen Wiki}\nkind: knowledge-base\nowner: customer-support\nlocation: [SE]\n"
        "stores:\n  - categories: [case-history]\n    purpose: customer-support\n",
        encoding="utf-8",
    )
    commit_all(work, "a wiki")
    for lang, other, fmt in (("en", "sv", "json"), ("sv", "en", "markdown")):
        result = run_cli(
            "diff", "base", "HEAD", "-C", str(work / "compliance"), "--as-of", DATE, "--format", fmt, "--lang", lang
        )
        assert result.exit_code in (0, 1), result.output
        assert f"Q{lang} Wiki" in result.stdout and f"Q{other}" not in result.stdout, (lang, fmt)
        assert "{'" not in result.stdout and "sv':" not in result.stdout
