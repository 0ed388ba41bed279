"""`policycheck report`: the gap report in HTML and Markdown, English and Swedish."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from policycheck.cli import cli
from policycheck.findings import Finding
from policycheck.reports import gap
from policycheck.reports.i18n import texts

ROOT = Path(__file__).resolve().parents[2]
ORG = ROOT / "org_example"
AS_OF = "2026-11-28"


class HtmlSnapshot(SingleFileSnapshotExtension):
    _write_mode = WriteMode.TEXT
    file_extension = "html"


class MarkdownSnapshot(SingleFileSnapshotExtension):
    _write_mode = WriteMode.TEXT
    file_extension = "md"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def report(fmt: str, lang: str, directory: Path = ORG, as_of: str = AS_OF, extra: tuple[str, ...] = ()) -> str:
    result = run("report", str(directory), "--format", fmt, "--lang", lang, "--as-of", as_of, *extra)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_html_snapshot(lang: str, snapshot: SnapshotAssertion) -> None:
    assert report("html", lang) == snapshot(extension_class=HtmlSnapshot)


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_markdown_snapshot(lang: str, snapshot: SnapshotAssertion) -> None:
    assert report("markdown", lang) == snapshot(extension_class=MarkdownSnapshot)


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_byte_identical_for_identical_input(fmt: str) -> None:
    assert report(fmt, "en") == report(fmt, "en")


def test_written_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "gap.html"
    result = run("report", str(ORG), "--as-of", AS_OF, "-o", str(out))
    assert result.exit_code == 0 and result.output == ""
    assert out.read_text(encoding="utf-8") == report("html", "en")


def test_language_defaults_to_settings(tmp_path: Path) -> None:
    import shutil

    repo = tmp_path / "org"
    shutil.copytree(ORG, repo)
    config = repo / "policycheck.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: en", "language: sv"), encoding="utf-8")
    result = run("report", str(repo), "--format", "markdown", "--as-of", AS_OF)
    assert result.exit_code == 0
    assert result.output.startswith("# GDPR-gapanalys: Exempel Kundservice AB")


def test_invalid_repo_exits_2(tmp_path: Path) -> None:
    (tmp_path / "policycheck.yaml").write_text("organization: {name: X}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["report", str(tmp_path), "--as-of", AS_OF])
    assert result.exit_code == 2


class _Refs(HTMLParser):
    """Every URL an HTML document could load: src, href (not in-page anchors), url() in styles."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.csp: str | None = None
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp = a.get("content")
        for name in ("src", "href", "xlink:href", "srcset", "poster", "data", "action"):
            value = a.get(name)
            if value and not value.startswith("#"):
                self.urls.append(value)


def test_html_is_self_contained() -> None:
    html = report("html", "en")
    refs = _Refs()
    refs.feed(html)
    assert refs.urls == []
    assert refs.scripts == 0
    assert refs.csp == "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    assert re.findall(r"url\((?!#)", html) == []
    assert "@import" not in html


def test_html_answers_what_how_bad_where_and_what_first() -> None:
    html = report("html", "en").replace("<wbr>", "")  # break opportunities in long paths
    summary = html.split('id="policies"')[0]
    # how bad: the score, its formula and the counts by severity
    assert re.search(r'<div class="value">\d+<small>/100</small>', summary)
    assert "Per area: 100 × (1 − √(P ÷ N))" in summary
    # what first: the critical transfer leads the priorities, with where it is
    first = summary.split('<ol class="priorities">')[1].split("</li>")[0]
    assert "Personal data reaches a third country without a safeguard" in first
    assert "processors/kaveri-data.yaml:3" in first
    # every planted finding of org_example is in the report, with its evidence path
    for rule in ("processor-without-dpa", "system-without-erasure-routine", "inflow-not-inventoried",
                 "dpa-missing-clauses", "transfer-without-tia", "policy-review-overdue", "training-overdue"):
        assert f'id="rule-{rule}"' in html
    assert "Intercom Messenger (web chat) → Intercom, Inc. → Kaveri Data Services Pvt. Ltd." in html
    # the waived finding is listed with its reason and expiry, not counted
    waived = html.split('id="waived"')[1].split("</section>")[0]
    assert "Replaced by an EU vendor in Q1; contract signed" in waived and "2027-03-31" in waived


def test_html_escapes_declared_text(tmp_path: Path) -> None:
    import shutil

    repo = tmp_path / "org"
    shutil.copytree(ORG, repo)
    path = repo / "processors" / "telavox.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: Telavox AB", 'name: "Telavox <b>AB</b>"'),
                    encoding="utf-8")
    html = report("html", "en", repo)
    assert "Telavox <b>AB</b>" not in html
    assert "Telavox &lt;b&gt;AB&lt;/b&gt;" in html
    md = report("markdown", "en", repo)
    assert "Telavox <b>" not in md


def test_policy_table_shows_missing_documents(tmp_path: Path) -> None:
    import shutil

    repo = tmp_path / "org"
    shutil.copytree(ORG, repo)
    (repo / "policies" / "incident-response.md").unlink()
    md = report("markdown", "en", repo)
    row = next(line for line in md.splitlines() if line.startswith("| **Incident and personal data breach"))
    assert "❌ missing" in row


def _finding(severity: str) -> Finding:
    return Finding("r", severity, "system:x", "f", 1, "m")


def test_score_formula() -> None:
    """Per area 100 × (1 − √(P ÷ N)); P: per subject the weights of its findings, at most 1 each."""
    s = gap.Scored
    ten = {"processors": frozenset(f"processor:p{i}" for i in range(10))}
    assert gap.area_scores([], ten, ["processors"]) == {"processors": 100}
    # one critical in ten processors: √0.1
    assert gap.area_scores([s("processors", "processor:p0", "critical")], ten, ["processors"]) == {"processors": 68}
    # a subject counts at most once, however many findings it has
    many = [s("processors", "processor:p0", sev) for sev in ("critical", "critical", "high")]
    assert gap.area_scores(many, ten, ["processors"]) == {"processors": 68}
    # severity weights: high 0.6, medium 0.3, low 0.1, info 0
    assert gap.area_scores([s("processors", "processor:p0", "high")], ten, ["processors"]) == {
        "processors": round(100 * (1 - 0.06**0.5))}
    assert gap.area_scores([s("processors", "processor:p0", "info")], ten, ["processors"]) == {"processors": 100}
    # a subject that is not declared but has a finding counts too: left out is not better
    assert gap.area_scores([s("processors", "processor:ghost", "critical")], ten, ["processors"]) == {
        "processors": round(100 * (1 - (1 / 11) ** 0.5))}
    # an area with nothing to check has no score; the mean leaves it out; nothing at all scores 0
    assert gap.area_scores([], {}, ["processors"]) == {"processors": None}
    assert gap.score({"a": 80, "b": None, "c": 61}) == 70 and gap.score({"a": None}) == 0
    assert [gap.band(v) for v in (100, 85, 84, 60, 59, 0)] == [
        "good", "good", "attention", "attention", "serious", "serious"]
    # an open critical finding makes it serious, a high one at best "needs attention"
    assert gap.band(95, ["critical"]) == "serious" and gap.band(95, ["high"]) == "attention"
    assert gap.band(70, ["high"]) == "attention" and gap.band(40, ["low"]) == "serious"


def _summary_score(md: str) -> int:
    m = re.search(r"\*\*(?:Compliance score|Efterlevnadspoäng): (\d+)/100", md)
    assert m is not None
    return int(m.group(1))


def test_score_is_informative_across_the_range(tmp_path: Path) -> None:
    """The former score was 0/100 on any real organization. Now more gaps score lower, step by
    step, and none of these saturates at either end."""
    import subprocess
    import sys

    scores = []
    for noise in ("0.02", "0.1", "0.3", "0.6"):
        out = tmp_path / f"org-{noise}"
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate_org.py"), str(out), "--systems", "50",
                        "--processors", "15", "--noise", noise], check=True, capture_output=True)
        scores.append(_summary_score(report("markdown", "en", out)))
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == len(scores), scores
    assert scores[-1] > 5 and scores[0] < 100
    org = _summary_score(report("markdown", "en"))
    assert 40 <= org <= 90  # org_example: 13 open findings, one of them critical


def test_score_never_rewards_leaving_a_policy_document_out(tmp_path: Path) -> None:
    import shutil

    repo = tmp_path / "org"
    shutil.copytree(ORG, repo)
    before = _summary_score(report("markdown", "en", repo))
    (repo / "policies" / "incident-response.md").unlink()
    assert _summary_score(report("markdown", "en", repo)) < before


def test_score_trend_against_a_baseline(tmp_path: Path) -> None:
    import shutil

    repo = tmp_path / "org"
    shutil.copytree(ORG, repo)
    base = tmp_path / "baseline.json"
    assert run("baseline", str(repo), "--as-of", AS_OF, "-o", str(base)).exit_code == 0
    same = report("markdown", "en", repo, extra=("--baseline", str(base)))
    now = _summary_score(same)
    assert f"Baseline {now} → now {now} (±0)" in same and "| Baseline |" in same
    # fix the missing DPA of Telavox (and the DPIA below): the score rises, and the report says by how much
    path = repo / "processors" / "telavox.yaml"
    text = path.read_text(encoding="utf-8")
    dpa = ("dpa:\n  signed: 2024-01-10\n  document: contracts/telavox-dpa.pdf\n"
           "  categories: [call-recordings, case-history, contact-details]\n"
           "  purposes: [call-quality, customer-support]\n"
           "  clauses: [instructions, confidentiality, security, subprocessors, assistance, deletion-or-return, "
           "audits, breach-notification]\n  breach_notification_hours: 24\n")
    path.write_text(text + ("\n" if not text.endswith("\n") else "") + dpa, encoding="utf-8")
    # and the DPIA of the call recordings: one fix alone may move the mean of the areas by less than a point
    purposes = repo / "purposes.yaml"
    purposes.write_text(purposes.read_text(encoding="utf-8").replace(
        "    dpia_criteria: [monitoring, scoring]",
        "    dpia_criteria: [scoring, monitoring, large-scale, vulnerable]\n"
        "    dpia: https://docs.exempel.se/dpia/call-quality.pdf\n    dpia_reviewed: 2026-11-01"), encoding="utf-8")
    fixed = report("markdown", "sv", repo, extra=("--baseline", str(base)))
    later = _summary_score(fixed)
    assert later > now
    assert f"Baslinje {now} → nu {later} (+{later - now})" in fixed
    html = report("html", "en", repo, extra=("--baseline", str(base)))
    assert f'<div class="trend up">Baseline {now} → now {later} (+{later - now})</div>' in html
    # without a baseline, no trend
    assert "Baseline" not in report("markdown", "en", repo).split("## ")[1]


def test_a_bad_baseline_file_is_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "b.json"
    bad.write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(cli, ["report", str(ORG), "--as-of", AS_OF, "--baseline", str(bad)])
    assert result.exit_code == 2
    assert "not a baseline file" in result.output and "Traceback" not in result.output


def test_first_sentence_keeps_abbreviations() -> None:
    text = "Art. 28(3) requires a contract, e.g. a DPA. Without it nothing binds the vendor."
    assert gap.first_sentence(text) == "Art. 28(3) requires a contract, e.g. a DPA."
    assert gap.first_sentence("One sentence only") == "One sentence only"


def test_report_words_come_from_the_one_catalogue() -> None:
    """Both languages, every key used: tests/i18n/test_i18n_catalogue.py; the report looks its words up there."""
    assert texts("sv")("report.title") == "GDPR-gapanalys"
    assert texts("en").plural("findings.count", 1) == "1 finding"
    with pytest.raises(KeyError):
        texts("en")("report.no-such-text")


def test_swedish_article_notation() -> None:
    sv = texts("sv")
    assert sv.article("Art. 28(3)(a)-(h)") == "art. 28.3 a–h"
    assert sv.article("Art. 5(1)(e)") == "art. 5.1 e"
    assert texts("en").article("Art. 5(1)(e)") == "Art. 5(1)(e)"


def test_readable_with_fifty_systems(tmp_path: Path) -> None:
    """The benchmark generator's 50-system org renders, and its data map keeps boxes apart."""
    import subprocess
    import sys

    out = tmp_path / "org50"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate_org.py"), str(out), "--systems", "50",
                    "--processors", "20"], check=True, capture_output=True)
    html = report("html", "en", out)
    svg = html.split('<svg xmlns="http://www.w3.org/2000/svg" class="datamap"')[1].split("</svg>")[0]
    boxes = [tuple(float(v) for v in m.groups()) for m in re.finditer(
        r'<rect class="box" x="([\d.]+)" y="([\d.]+)" width="(\d+)" height="(\d+)"', svg)]
    nodes = re.findall(r'<g class="node [^"]*" data-id="', svg)
    assert len(nodes) >= 70  # 50 systems, 20 processors, recipients, countries
    drawn = boxes[: len(nodes)]
    for i, (x, y, w, h) in enumerate(drawn):
        for x2, y2, w2, h2 in drawn[i + 1:]:
            assert x + w <= x2 or x2 + w2 <= x or y + h <= y2 or y2 + h2 <= y, "boxes overlap"
    # flow labels sit beside the boxes, not on them
    labels = [tuple(float(v) for v in m.groups()) for m in re.finditer(
        r'<g class="label"><rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="(\d+)"', svg)]
    assert len(labels) >= 50
    covering = [lb for lb in labels if any(
        lb[0] < x + w and x < lb[0] + lb[2] and lb[1] < y + h and y < lb[1] + lb[3] for x, y, w, h in drawn)]
    assert len(covering) <= len(labels) // 10


# --- QA findings: number agreement, unverified retention laws ----------------------------------

LAW = ROOT / "tests" / "fixtures" / "support" / "law"


def test_counts_agree_in_number() -> None:
    md = report("markdown", "en", LAW)
    assert "· 1 recipient ·" in md and "· 0 waived findings" in md and "· 0 third countries ·" in md
    assert "### Processors (0 findings)" in md and "finding(s)" not in md and "1 recipients" not in md
    assert "all 1 systems" not in md
    sv = report("markdown", "sv", LAW)
    assert "· 1 mottagare ·" in sv and "· 0 undantagna avvikelser" in sv and "avvikelse(r)" not in sv
    assert "### Personuppgiftsbiträden (0 avvikelser)" in sv
    # org_example: one waived finding, areas with one finding, purposes handled in one system
    full = report("markdown", "en")
    assert "· 1 waived finding" in full and "1 waived findings" not in full
    assert "Role-based access control: in place in the one system" in full
    assert "Rollbaserad behörighetsstyrning: på plats i det enda systemet" in report("markdown", "sv")


def test_headline_agrees_in_number() -> None:
    import datetime as dt

    from policycheck.findings import CheckResult
    from policycheck.graph import DataMap
    from policycheck.load.repo import load_repo

    repo = load_repo(LAW)
    dmap = DataMap(repo, dt.date(2026, 11, 28))

    def headline(*severities: str, lang: str = "en") -> str:
        return gap._summary(CheckResult(tuple(_finding(s) for s in severities)), repo, dmap, texts(lang)).headline

    assert headline("high") == "The only open finding is critical or high: fix it first."
    assert headline("high", "low") == "1 of 2 open findings is critical or high: fix it first."
    assert headline("high", "critical", "low") == "2 of 3 open findings are critical or high: fix those first."
    assert headline("low") == "1 open finding, not critical or high."
    assert headline("low", "info") == "2 open findings, none critical or high."
    assert headline("low", lang="sv") == "1 öppen avvikelse, inte kritisk eller hög."


def test_unverified_retention_laws_are_marked() -> None:
    md = report("markdown", "en", LAW)
    assert "required by: Bokföringslagen (1999:1078) 7 kap. 2 § [unverified]" in md
    assert "Reference facts marked “unverified” come from secondary sources" in md
    html = report("html", "sv", LAW)
    assert "krävs enligt: Bokföringslagen (1999:1078) 7 kap. 2 § [ej verifierad]" in html


def test_long_words_break_at_separators_and_stay_escaped() -> None:
    from policycheck.reports.templating import inline_code, wrap

    assert str(wrap("docs/tia-freshworks.md")) == "docs/<wbr>tia-<wbr>freshworks.<wbr>md"
    assert str(wrap("short-ish words stay")) == "short-ish words stay"
    # dates keep together; markup in the text stays text; a NUL in the text cannot forge a break
    assert str(wrap("signed 2023-11-06")) == 'signed <span class="nowrap">2023-11-06</span>'
    assert "<b>" not in str(wrap("<b>https://example.com/a/very/long/path</b>"))
    assert str(wrap("a\x00b")) == "ab"
    # a run with no separator is cut, so it cannot widen a table
    assert max(len(part) for part in str(wrap("x" * 100)).split("<wbr>")) <= 30
    assert str(inline_code("see `docs/tia-freshworks.md`")) == "see <code>docs/<wbr>tia-<wbr>freshworks.<wbr>md</code>"


# --- the data map at 50 systems: crossings, font sizes, full names ----------------------------------


@pytest.fixture(scope="module")
def org50(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("org50") / "org"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate_org.py"), str(out), "--systems", "50",
                    "--processors", "20"], check=True, capture_output=True)
    return out


def _model(directory: Path) -> object:
    import datetime as dt

    from policycheck.graph import DataMap
    from policycheck.load.repo import load_repo
    from policycheck.reports import datamap

    repo = load_repo(directory)
    return datamap.build(repo, DataMap(repo, dt.date(2026, 11, 28)))


def test_crossings_counts_what_a_picture_shows() -> None:
    from policycheck.reports.datamap import crossings

    # a -> x and b -> y straight: none; swapped: one; an edge over two columns is cut at the middle one
    assert crossings([["a", "b"], ["x", "y"]], [("a", "x", 0, 1), ("b", "y", 0, 1)]) == 0
    assert crossings([["a", "b"], ["y", "x"]], [("a", "x", 0, 1), ("b", "y", 0, 1)]) == 1
    assert crossings([["a", "b"], ["m"], ["x", "y"]], [("a", "y", 0, 2), ("b", "x", 0, 2)]) == 1
    # edges sharing an end do not cross
    assert crossings([["a"], ["x", "y"]], [("a", "x", 0, 1), ("a", "y", 0, 1)]) == 0


@pytest.mark.parametrize(("directory", "bound"), [(ORG, 28), (None, 380)], ids=["org_example", "org50"])
def test_the_layout_orders_columns_to_cut_crossings(org50: Path, directory: Path | None, bound: int) -> None:
    """Measured on the generated 50-system org: 1706 crossings in id order, 489 with the former
    barycentre sweeps alone, 367 with the best of mean and median sweeps plus adjacent swaps
    (org_example: 175, 32, 27)."""
    from policycheck.reports import datamap

    model = _model(directory or org50)
    lay = datamap.layout(model)  # type: ignore[arg-type]
    present = [c for c, _, _ in lay.columns]
    index = {nid: present.index(b.node.column) for nid, b in lay.boxes.items()}
    spans = datamap._spans(lay.edges, index)
    placed = [sorted((nid for nid, b in lay.boxes.items() if b.node.column == c), key=lambda n: lay.boxes[n].y)
              for c in present]
    by_id = [sorted(nid for nid in lay.boxes if lay.boxes[nid].node.column == c) for c in present]
    after, before = datamap.crossings(placed, spans), datamap.crossings(by_id, spans)
    assert after <= bound
    assert after * 4 < before


def _svg(html: str) -> str:
    return html.split('<svg xmlns="http://www.w3.org/2000/svg" class="datamap"')[1].split("</svg>")[0]


def test_no_text_on_the_map_is_smaller_than_11px(org50: Path) -> None:
    for directory in (ORG, org50):
        svg = _svg(report("html", "en", directory))
        sizes = [float(v) for v in re.findall(r'font-size[:=]\s*"?([\d.]+)', svg)]
        assert sizes and min(sizes) >= 11
        # drawn at least at its own size: the picture is never shrunk to fit the page
        width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))  # type: ignore[union-attr]
        assert f"width: max(100%, {width:.0f}px)" in svg
        assert width <= 1160  # ... and at that size it fits the report's page at 1280 px


def test_every_box_is_in_the_table_by_full_name_with_categories_named(org50: Path) -> None:
    from policycheck.reports import datamap

    html = report("html", "en", org50)
    table = html.split('<table class="maprows">')[1].split("</table>")[0].replace("<wbr>", "")
    model = _model(org50)
    for n in model.nodes:  # type: ignore[attr-defined]
        if n.kind != "country":
            assert f"<b>{n.name}</b>" in table
    assert "Health information" in table and "Contact details" in table
    # the legend names every category in full
    legend = _svg(html).split('class="legend"')[1]
    for _, name, _ in model.categories.values():  # type: ignore[attr-defined]
        assert f"</tspan> {name}</text>" in legend
    # a name too long for three lines is cut in the box, and whole in its tooltip and the table
    long = "Nordic Customer Communications Platform Operations and Archiving Services Aktiebolag"
    lines = datamap.name_lines(long, datamap.NODE_W - 16)
    assert len(lines) == datamap.MAX_NAME_LINES and lines[-1].endswith("…")
    assert all(datamap._text_width(line, datamap.NAME_SIZE, True) <= datamap.NODE_W - 16 for line in lines)


def test_fixing_a_finding_never_lowers_the_score() -> None:
    """Monotone: org_example without any one of its findings scores at least as well, and
    the areas the mean is taken over stay the same."""
    import dataclasses
    import datetime as dt

    from policycheck.graph import DataMap
    from policycheck.load.repo import load_repo
    from policycheck.rules.engine import run
    from policycheck.rules.pack import load_pack

    repo = load_repo(ORG)
    day = dt.date(2026, 11, 28)
    dmap = DataMap(repo, day)
    rules = load_pack(ORG)
    result = run(repo, rules, day)
    ruled = gap._enabled_areas(rules, repo)
    full = gap._summary(result, repo, dmap, texts("en"), ruled=ruled)
    assert len(result.findings) > 10
    for i in range(len(result.findings)):
        fewer = dataclasses.replace(result, findings=result.findings[:i] + result.findings[i + 1:])
        less = gap._summary(fewer, repo, dmap, texts("en"), ruled=ruled)
        assert less.score >= full.score
        assert [a.area for a in less.areas] == [a.area for a in full.areas]
