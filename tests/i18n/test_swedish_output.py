"""Swedish output is Swedish: every command and format, rendered with `--lang sv` on org_example
and the fixture organizations, holds no word of the English denylist below and no raw id
(category, clause, topic, data-subject kind, retention start) where a name exists. The English
output holds no word of the Swedish denylist.

What the organization wrote (names, descriptions, procedures: any string in its files) is
taken out first: names are theirs, in their language. So are code spans (ids, paths, fields
shown on purpose as code) and the machine parts of a finding line (location, severity code,
rule id), which tools parse.

The rule about ids: prose names things. An id may appear only as code (in backticks), where
the text says what to write in a file ("add `classification:` to the category"), or in a
machine field. For the machine formats (JSON, SARIF, JUnit, GitLab Code Quality) only the
human-text fields are checked; they are listed in ``HUMAN_FIELDS``. Ids in `rule`,
`fingerprint`, `subject`, `path`, `file`, evidence and the other machine fields are for tools.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from policycheck.errors import InvalidInput
from policycheck.load.repo import load_repo
from policycheck.model import ALL_CLAUSES, Repo
from policycheck.reference import reference
from policycheck.support.scope import declared_subjects
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = sorted(p for p in (ROOT / "tests/fixtures/orgs").iterdir() if p.is_dir())
ORGS = [ROOT / "org_example", *FIXTURES]

#: English words and phrases of the product's own wording that must not reach Swedish output
ENGLISH = [
    "Last training", "Access control", "Consulted", "case closed", "not declared", "Data subjects",
    "Recipients", "Categories", "Countries", "Purposes", "Missing", "Summary", "findings", "finding",
    "waived", "critical", "medium", "high", "years", "months", "weeks", "days", "after the",
    "sub-processor", "processor", "the customer", "customers", "customer", "no safeguard", "NO SAFEGUARD",
    "unverified", "Where", "Why", "Fix", "Owner", "none",
    # found in the machine formats, the gap report's evidence and the DPIA draft (issue 9)
    "What it finds", "Why it matters", "How to fix it", "References", "waived by", "approved by", "expires",
    "disabled in", "Placeholders", "Words", "category", "purpose", "recipient", "clauses", "subjects",
]
#: Swedish terms the product does not use: one term per thing ("integritetsmeddelande" for the privacy notice)
AVOIDED_SV = ["integritetspolicy", "integritetspolicyn", "integritetspolicyns"]
#: Swedish words of the product's own wording that must not reach English output
SWEDISH = [
    "avvikelse", "avvikelser", "kritisk", "kritiska", "hög", "höga", "medel", "låg", "låga",
    "biträde", "underbiträde", "mottagare", "ändamål", "registrerade", "kunder", "kunden",
    "efter att", "år", "månader", "dagar", "veckor", "och", "saknas", "ej verifierad",
    "klausuler", "undantagen", "undantag", "Så åtgärdar du", "kategori", "kategorin",
]


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@cache
def user_text(org: Path) -> tuple[str, ...]:
    """Every string the organization wrote in its files (YAML values, Markdown front matter and text)."""
    found: set[str] = set()
    for path in org.rglob("*"):
        if path.suffix in (".yaml", ".yml"):
            try:
                found.update(_strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
            except yaml.YAMLError:
                continue
        elif path.suffix == ".md":
            text = path.read_text(encoding="utf-8")
            m = re.match(r"---\n(.*?)\n---\n", text, re.S)
            if m:
                with contextlib.suppress(yaml.YAMLError):
                    found.update(_strings(yaml.safe_load(m.group(1))))
            found.update(line.strip("# ").strip() for line in text.splitlines() if line.strip())
    return tuple(sorted((s for s in found if len(s) > 1), key=len, reverse=True))


@cache
def _user_pattern(org: Path) -> re.Pattern[str]:
    ids = _raw_ids(load_repo(org))  # ids are no names: they stay, and must not show
    words = [re.escape(s) for s in user_text(org) if len(s) > 2 and s not in ids]
    return re.compile(rf"(?<![\w-])(?:{'|'.join(words)})(?![\w-])")


#: a block given in the other language on purpose (breach-impact's texts come in both)
_OTHER = {
    "sv": re.compile(r"^(?:--- Engelska ---|### Engelska)\n.*?(?=^--- |^#|\Z)", re.M | re.S),
    "en": re.compile(r"^(?:--- Swedish ---|### Swedish)\n.*?(?=^--- |^#|^[A-Z][A-Z ]+$|\Z)", re.M | re.S),
}


def _clean(text: str, org: Path, rule_ids: tuple[str, ...], lang: str = "sv") -> str:
    text = _OTHER[lang].sub(" ", text)
    text = html.unescape(re.sub(r"<style.*?</style>|<script.*?</script>", " ", text, flags=re.S))
    text = re.sub(r"^```.*?^```", " ", text, flags=re.M | re.S)  # fenced code (the Mermaid data map)
    text = re.sub(r"<code>.*?</code>|`[^`\n]*`|<[^>]+>", " ", text)  # code spans, then markup
    text = re.sub(r"\]\([^)\s]*\)", "]", text)  # Markdown link targets (anchors, paths)
    text = re.sub(r"\[[a-z-]+:[^\]\s]*\]", " ", text)  # subject refs `[processor:zendesk]` (machine ids)
    text = text.replace("\\", "")
    text = re.sub(r"\S+\.(?:yaml|md|csv|json)(?::\d+)*:?", " ", text)  # file:line locations
    text = re.sub(r"^(\s*)(?:critical|high|medium|low|info) ", r"\1", text, flags=re.M)  # severity codes
    text = _user_pattern(org).sub(" ", text)
    for rid in rule_ids:
        text = text.replace(rid, " ")
    return text


#: the human-text fields of each machine format of `check`; every other field is for tools
HUMAN_FIELDS: dict[str, tuple[str, ...]] = {
    "json": ("findings[].message", "findings[].title", "waived[].message", "waived[].title"),
    "sarif": (
        "runs[].tool.driver.rules[].shortDescription.text",
        "runs[].tool.driver.rules[].fullDescription.text",
        "runs[].tool.driver.rules[].help.text",
        "runs[].tool.driver.rules[].help.markdown",
        "runs[].results[].message.text",
        "runs[].results[].suppressions[].justification",
        "runs[].originalUriBaseIds.*.description.text",
    ),
    "codequality": ("[].description",),
    # a failure's text is the finding line, `key: value` lines for tools, then how to fix it
    "junit": ("failure@message", "failure: first and last paragraph", "skipped@message", "skipped"),
}


#: a rule's references in SARIF help: titles of documents, cited as they are published
_CITATIONS = re.compile(r"^(?:## )?(?:References|Referenser)(?::|\n).*?(?=\n\n|\Z)", re.M | re.S)


def _fields(value: Any, path: str) -> list[str]:
    """The strings at ``path`` (``a[].b.*.c``: ``[]`` every element of a list, ``*`` every value)."""
    values = [value]
    for step in re.findall(r"\[\]|\*|[^.\[\]*]+", path):
        if step == "[]":
            values = [x for v in values if isinstance(v, list) for x in v]
        elif step == "*":
            values = [x for v in values if isinstance(v, dict) for x in v.values()]
        else:
            values = [v[step] for v in values if isinstance(v, dict) and step in v]
    return [v for v in values if isinstance(v, str)]


def human_text(fmt: str, text: str) -> str:
    """The human-text fields (``HUMAN_FIELDS``) of a machine format's output, one per line."""
    if fmt == "junit":
        root = ET.fromstring(text)
        out = []
        for failure in root.iter("failure"):
            paragraphs = (failure.text or "").split("\n\n")
            out += [failure.get("message", ""), paragraphs[0]]
            out += paragraphs[-1:] if len(paragraphs) > 2 else []
        for skipped in root.iter("skipped"):
            out += [skipped.get("message", ""), skipped.text or ""]
        return "\n".join(out)
    data = json.loads(text)
    found = [_CITATIONS.sub("", s) for path in HUMAN_FIELDS[fmt] for s in _fields(data, path)]
    assert found or fmt != "sarif", "sarif: no human-text field found; has the format changed?"
    return "\n".join(found)


def _outputs(org: Path, repo: Repo, lang: str) -> dict[str, str]:
    runs: dict[str, list[str]] = {
        "check text": ["check", str(org), "--no-color"],
        "check markdown": ["check", str(org), "--format", "markdown"],
        "check github": ["check", str(org), "--format", "github"],
        "report html": ["report", str(org), "--format", "html"],
        "report markdown": ["report", str(org), "--format", "markdown"],
        "ropa csv": ["ropa", str(org), "--format", "csv"],
        "ropa markdown": ["ropa", str(org), "--format", "markdown"],
        "transparency html": ["transparency", str(org), "--format", "html", "--allow-findings"],
        "transparency markdown": ["transparency", str(org), "--format", "markdown", "--allow-findings"],
        "transparency agents": ["transparency", str(org), "--format", "markdown", "--audience", "agents"],
        "dpia text": ["dpia", str(org)],
        "dpia markdown": ["dpia", str(org), "--format", "markdown"],
        "dpia html": ["dpia", str(org), "--format", "html"],
        **{f"check {fmt}": ["check", str(org), "--format", fmt] for fmt in HUMAN_FIELDS},
    }
    for purpose in sorted(repo.purposes)[:1]:
        runs["dpia draft markdown"] = ["dpia", str(org), "--purpose", purpose, "--format", "markdown"]
    for subject in declared_subjects(repo)[:1]:
        for fmt in ("text", "markdown"):
            runs[f"erasure-plan {fmt}"] = ["erasure-plan", str(org), "--subject", subject, "--format", fmt]
            runs[f"access-plan {fmt}"] = ["access-plan", str(org), "--subject", subject, "--format", fmt]
    nodes = [*sorted(repo.processors)[:1], *sorted(repo.systems)[:1]]
    for node in nodes:
        for fmt in ("text", "markdown"):
            runs[f"breach-impact {node} {fmt}"] = [
                "breach-impact", str(org), node, "--as-of", "2026-11-28T09:00", "--format", fmt
            ]
    out = {}
    for name, args in runs.items():
        as_of = [] if "--as-of" in args else ["--as-of", "2026-11-28"]
        result = run_cli(*args, *as_of, "--lang", lang)
        assert result.exit_code in (0, 1), f"{name}: {result.output}"
        fmt = name.removeprefix("check ")
        if fmt in HUMAN_FIELDS:
            out[name] = human_text(fmt, result.stdout)
        else:
            # the customers' page: what is published (its stderr lists check findings for staff)
            out[name] = result.stdout if name.startswith("transparency") else result.output
    return out


def _raw_ids(repo: Repo) -> set[str]:
    """Ids that have a name, and so must not appear as such in prose."""
    ref = reference()
    ids = {c for c in repo.categories if "-" in c}
    ids |= {c for c in ALL_CLAUSES if "-" in c}
    ids |= {t for pt in ref.policy_types.values() for t in pt.must_cover if "-" in t}
    ids |= {s for s in declared_subjects(repo) if "-" in s}
    ids |= {p.retention_from for p in repo.purposes.values() if p.retention_from and "-" in p.retention_from}
    return ids


def _load(org: Path) -> Repo:
    try:
        return load_repo(org)
    except InvalidInput:
        pytest.skip(f"{org.name} does not load (a fixture of invalid input)")


#: outputs that show finding messages, which the rule engine words (rules/language.py)
_MESSAGES = ("check", "report")


@cache
def _swedish_problems(org: Path) -> tuple[list[str], list[str]]:
    """(problems, raw ids inside finding messages) of every Swedish output of ``org``."""
    repo = load_repo(org)
    rule_ids = tuple(sorted(set(re.findall(r"^id: (\S+)", _pack_text(), re.M)), key=len, reverse=True))
    raw = _raw_ids(repo)
    problems, in_messages = [], []
    for name, text in _outputs(org, repo, "sv").items():
        clean = _clean(text, org, rule_ids)
        for w in ENGLISH:
            if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", clean):
                problems.append(f"{name}: English '{w}': …{_around(clean, w)}…")
        for w in AVOIDED_SV:
            if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", clean, re.I):
                problems.append(f"{name}: inconsistent term '{w}' (say integritetsmeddelande)")
        for m in re.finditer(r"(?<![\d.])(?:[02-9]|\d\d+) (kritisk|hög|låg)(?!\w)", clean):
            problems.append(f"{name}: singular severity after a plural count: '{m.group(0)}'")
        for rid in raw:
            if re.search(rf"(?<![\w-]){re.escape(rid)}(?![\w-])", clean):
                where = in_messages if name.startswith(_MESSAGES) else problems
                where.append(f"{name}: raw id '{rid}': …{_around(clean, rid)}…")
    return problems, in_messages


@pytest.mark.parametrize("org", ORGS, ids=lambda p: p.name)
def test_swedish_output_has_no_english_and_no_raw_ids(org: Path) -> None:
    _load(org)
    problems, _ = _swedish_problems(org)
    assert not problems, "\n".join(problems)


def test_finding_messages_name_categories_in_swedish() -> None:
    found = []
    for org in ORGS:
        try:
            load_repo(org)
        except InvalidInput:
            continue
        found += _swedish_problems(org)[1]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("org", ORGS, ids=lambda p: p.name)
def test_english_output_has_no_swedish(org: Path) -> None:
    repo = _load(org)
    rule_ids = tuple(sorted(set(re.findall(r"^id: (\S+)", _pack_text(), re.M)), key=len, reverse=True))
    problems = []
    for name, text in _outputs(org, repo, "en").items():
        clean = _clean(text, org, rule_ids, "en")
        for w in SWEDISH:
            if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", clean):
                problems.append(f"{name}: Swedish '{w}': …{_around(clean, w)}…")
    assert not problems, "\n".join(problems)


@cache
def _pack_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "policies").rglob("*.yaml")))


def _around(text: str, word: str) -> str:
    i = text.find(word)
    return " ".join(text[max(0, i - 60) : i + len(word) + 60].split())


def test_every_evidence_key_of_the_pack_has_a_label_in_each_language() -> None:
    """The gap report labels a finding's evidence by its key: a key without a label would show
    in English ("Placeholders") in a Swedish report."""
    from policycheck.reports.i18n import texts
    from policycheck.rules.pack import load_pack

    keys = sorted({k for rule in load_pack() for k in rule.spec.evidence})
    missing = [f"{lang}: {k}" for lang in ("en", "sv") for k in keys if texts(lang).get(f"evidence.{k}", "") == ""]
    assert not missing, missing


def test_named_clauses_and_topics_in_both_languages() -> None:
    """Every Art. 28(3) clause and every required topic has a name in each language, so a
    message never falls back to the id."""
    from policycheck.i18n import word

    for lang in ("en", "sv"):
        for clause in ALL_CLAUSES:
            assert word(f"clause.{clause}", lang, default="") not in ("", clause), (lang, clause)
        for pt in reference().policy_types.values():
            for topic in pt.must_cover:
                label = pt.topics[topic].get(lang, topic)
                assert label != topic, (lang, topic)
