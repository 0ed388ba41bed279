"""The report's fast paths give what the plain ones give: the findings' occurrences written in
Python against the Jinja loop they replace, the soft breaks found by a regular expression against
the character loop, and a report built for one format against one built for both."""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys
from pathlib import Path

import pytest
from jinja2 import Environment
from markupsafe import Markup

from policycheck.api import check
from policycheck.reports import gap, templating
from policycheck.reports.i18n import texts

ROOT = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 11, 28)

#: the loop of report.html.j2 that gap.occurrences_html replaces, as it was written there
LOOP = """\
{% for f in g.findings %}
  <div class="occurrence" id="{{ f.anchor }}">
    <div><span class="subj">{{ f.subject_label | wrap }}</span>{% if f.severity != g.severity %} \
<span class="sev {{ f.severity }}">{{ f.severity_label }}</span>{% endif %}</div>
    <div class="msg">{{ f.message | code }}</div>
    <dl class="evidence">
      <dt>{{ t("findings.where") }}</dt><dd><code>{{ f.location | wrap }}</code></dd>
{% for label, value in f.evidence %}
      <dt>{{ label }}</dt><dd>{{ value | wrap }}</dd>
{% endfor %}
    </dl>
  </div>
{% endfor %}
"""


def _loop_environment() -> Environment:
    env = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update({"wrap": templating.wrap, "code": templating.inline_code})
    return env


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("messy") / "org"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate_messy_org.py"), str(out), "--systems", "60"],
                   check=True, capture_output=True)
    return out


@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("where", ["org_example", "messy"])
def test_occurrences_are_the_template_loop(where: str, lang: str, messy: Path) -> None:
    directory = ROOT / "org_example" if where == "org_example" else messy
    c = check(directory, as_of=AS_OF, lang=lang)
    report = gap.build(c.repo, c.datamap, c.result, c.rules, lang, fmt="html")
    t = texts(lang)
    loop = _loop_environment().from_string(LOOP)
    groups = [g for a in report.areas for g in a.groups]
    assert sum(len(g.findings) for g in groups) >= 10
    memo: dict[str, Markup] = {}
    for g in groups:
        expected = loop.render(g=g, t=t)
        assert str(gap.occurrences_html(g, t("findings.where"))) == expected
        assert str(gap.occurrences_html(g, t("findings.where"), memo)) == expected


def test_occurrences_escape_what_they_print() -> None:
    view = gap.FindingView(
        rule="r", severity="high", severity_label="<b>High</b>", subject="system:x",
        subject_label='Sys "<x>" & co', location="systems/x.yaml:3", message="Uses `a<b>` on 2024-01-05",
        evidence=(("Path & <more>", "a → b <script>"),), anchor='finding-"1"')
    group = gap.RuleGroup("r", "R", "critical", "Critical", "", "", "", "", (view,), "rule-r")
    html = str(gap.occurrences_html(group, "Where <here>"))
    assert html == _loop_environment().from_string(LOOP).render(g=group, t=lambda key: "Where <here>")
    assert "<script>" not in html and "<b>High</b>" not in html and "&lt;b&gt;High&lt;/b&gt;" in html


def test_soft_breaks_by_expression_are_the_character_loop() -> None:
    rng = random.Random(12)
    alphabet = "ab1:/-._9?&=#@+~,;\\xyzXY0 "
    words = ["systems/sys-004856.yaml:12", "https://example.com/a-b?c=d&e=f#g", "2024-01-05/2024-02-06",
             "x" * 31, "x" * 30, "x" * 29 + ".y", "a:1b:c", "tia-" + "y" * 40]
    for _ in range(20000):
        word = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 80))).replace(" ", "")
        if rng.random() < 0.3:
            word = word[:8] + "2025-12-31" + word[8:]
        if rng.random() < 0.2:
            word = "q" * rng.randint(20, 70) + word
        words.append(word)
    for word in words:
        if word:
            assert templating._soften.__wrapped__(word) == templating._soften_slow(word), word


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_a_report_built_for_one_format_renders_as_one_built_for_both(fmt: str, messy: Path) -> None:
    c = check(messy, as_of=AS_OF, lang="en")
    both = gap.build(c.repo, c.datamap, c.result, c.rules, "en")
    one = gap.build(c.repo, c.datamap, c.result, c.rules, "en", fmt=fmt)
    render = gap.to_html if fmt == "html" else gap.to_markdown
    assert render(one) == render(both)
    assert (one.mermaid == "") == (fmt == "html") and (one.datamap_svg == "") == (fmt == "markdown")
