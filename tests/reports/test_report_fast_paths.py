"""The report's fast paths give what the plain ones give: the findings' occurrences written in
Python against the Jinja loop they replace, the soft breaks found by a regular expression against
the character loop, and a report built for one format against one built for both."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from jinja2 import Environment
from markupsafe import Markup

from policycheck.api import check
from policycheck.reports import gap, templating
from policycheck.reports.i18n import texts
from tests.forked import messy_org

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
    return messy_org(tmp_path_factory, 60)


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


#: the loops of datamap.svg.j2 that datamap.edges_svg, nodes_svg and labels_svg replace, as they were
SVG_LOOPS = {
    "edges": """\
{% for e in p.edges %}
<path class="edge {{ e.cls }}" d="{{ e.d }}" marker-end="url(#{{ e.marker }})"><title>{{ e.title }}</title></path>
{% endfor %}
""",
    "nodes": """\
{% for n in p.nodes %}
<g class="node {{ n.cls }}" data-id="{{ n.id }}">
<title>{{ n.title }}</title>
<rect class="box" x="{{ '%.1f' % n.x }}" y="{{ '%.1f' % n.y }}" width="{{ '%.0f' % n.w }}" \
height="{{ '%.0f' % n.h }}" rx="6"/>
{% set ys = n.baselines() %}
<text class="name">{% for line in n.lines %}{% if not loop.first %} {% endif %}<tspan x="{{ '%.1f' % (n.x + 8) }}" \
y="{{ '%.1f' % ys[loop.index0] }}">{{ line }}</tspan>{% endfor %}</text>
{% if n.sub %}
<text class="sub" x="{{ '%.1f' % (n.x + 8) }}" y="{{ '%.1f' % ys[-1] }}">{% for text, third in n.sub %}\
{% if third %}<tspan class="third">{{ text }}</tspan>{% else %}{{ text }}{% endif %}{% endfor %}</text>
{% endif %}
{% if n.badge %}
<g class="badge {{ n.badge[1] }}"><circle cx="{{ '%.1f' % (n.x + n.w - 11) }}" cy="{{ '%.1f' % (n.y + 11) }}" \
r="8.5"/><text x="{{ '%.1f' % (n.x + n.w - 11) }}" y="{{ '%.1f' % (n.y + 14.5) }}" text-anchor="middle">\
{{ n.badge[0] }}</text></g>
{% endif %}
</g>
{% endfor %}
""",
    "labels": """\
{% for e in p.edges if e.label %}
{% set l = e.label %}
<g class="label"><rect x="{{ '%.1f' % l.x }}" y="{{ '%.1f' % (l.y - 7.5) }}" width="{{ '%.1f' % l.w }}" \
height="15" rx="3"/><text x="{{ '%.1f' % (l.x + l.w / 2) }}" y="{{ '%.1f' % (l.y + 4) }}" text-anchor="middle">\
{% for text, special in l.parts %}{% if not loop.first %} {% endif %}{% if special %}<tspan class="special">\
{{ text }}</tspan>{% else %}{{ text }}{% endif %}{% endfor %}</text></g>
{% endfor %}
""",
}


@pytest.mark.parametrize("where", ["org_example", "messy"])
def test_the_pictures_parts_are_the_template_loops(where: str, messy: Path) -> None:
    from policycheck.reports import datamap

    directory = ROOT / "org_example" if where == "org_example" else messy
    c = check(directory, as_of=AS_OF, lang="sv")
    t = texts("sv")
    model = gap._localized(datamap.build(c.repo, c.datamap), t)
    pic = datamap.picture(model, t, gap._node_findings(c.result))
    assert pic.edges and pic.nodes and any(e.label for e in pic.edges)
    assert any(n.badge for n in pic.nodes) and any(n.sub for n in pic.nodes)
    env = _loop_environment()
    for name, write in (("edges", datamap.edges_svg), ("nodes", datamap.nodes_svg), ("labels", datamap.labels_svg)):
        assert str(write(pic)) == env.from_string(SVG_LOOPS[name]).render(p=pic), name


def test_the_pictures_parts_escape_names() -> None:
    from policycheck.reports import datamap

    node = datamap.SvgNode("a<b", 1.0, 2.0, 155.0, 40.0, "system", ('Sys "<x>"', "& co"),
                           (("crm · ", False), ("US<", True)), "T <t>", (3, "high"))
    edge = datamap.SvgEdge("M1,2", "flow", "dm-arrow-flow", "A <b> → C",
                           datamap.SvgLabel(1.0, 2.0, 30.0, (("<N>", True), ("E&", False))))
    pic = datamap.SvgPicture(800.0, 600.0, "", (), None, (), (edge,), (node,), 0.0, "", (), "", 0.0, ())
    env = _loop_environment()
    for name, write in (("edges", datamap.edges_svg), ("nodes", datamap.nodes_svg), ("labels", datamap.labels_svg)):
        html = str(write(pic))
        assert html == env.from_string(SVG_LOOPS[name]).render(p=pic), name
        assert "<b>" not in html and "<x>" not in html and "<N>" not in html


def test_labels_are_placed_as_without_the_early_stop(messy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A spot whose cost reaches the best one's stops being counted: the labels land where the full
    count puts them."""
    from policycheck.reports import datamap

    c = check(messy, as_of=AS_OF, lang="en")
    t = texts("en")
    model = gap._localized(datamap.build(c.repo, c.datamap), t)
    stopped = datamap.picture(model, t)
    full_cost = datamap._LabelPlacer._cost
    calls: list[float] = []

    def counted_in_full(self: datamap._LabelPlacer, r: tuple[float, float, float, float],
                        limit: float = float("inf")) -> float:
        calls.append(limit)
        return full_cost(self, r)

    monkeypatch.setattr(datamap._LabelPlacer, "_cost", counted_in_full)
    full = datamap.picture(model, t)
    assert any(limit != float("inf") for limit in calls)  # the early stop had its chance
    assert [e.label for e in stopped.edges] == [e.label for e in full.edges]
    assert sum(1 for e in full.edges if e.label) > 50
