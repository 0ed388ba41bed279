"""The HTML report opened as a person would: in a real headless Chromium, driven over the DevTools protocol.

The report of org_example must load with no console error and no network
request (it is confidential and self-contained), draw the data map, and print
on A4. Screenshots are kept in ``test-artifacts/``. Skipped where Chromium (Debian's
``chromium``, installed by ``.ci/run``) or websocket-client is missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from policycheck.cli import cli
from tests.browser import ARTIFACTS, ROOT, Browser, needs_chromium

AS_OF = "2026-11-28"

pytestmark = needs_chromium




@pytest.fixture(scope="module")
def report_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = CliRunner().invoke(cli, ["report", str(ROOT / "org_example"), "--as-of", AS_OF, "-o", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


def test_harness_sees_console_errors_and_requests(browser: Browser, tmp_path: Path) -> None:
    """The checks below can fail: a page that logs an error and fetches an image is caught."""
    page = tmp_path / "leaky.html"
    page.write_text('<!DOCTYPE html><meta charset="utf-8"><img src="http://127.0.0.1:9/pixel.png">'
                    '<script>console.error("boom")</script>', encoding="utf-8")
    browser.open(page.as_uri(), 800, 600)
    assert any("127.0.0.1:9" in url for url in browser.requests())
    assert any("boom" in text for text in browser.console_errors())


def test_report_loads_offline_without_errors(browser: Browser, report_html: Path) -> None:
    browser.open(report_html.as_uri())
    external = [u for u in browser.requests() if u != report_html.as_uri() and not u.startswith("data:")]
    assert external == []
    assert browser.console_errors() == []
    assert browser.evaluate("document.title").startswith("GDPR gap report")
    browser.screenshot(ARTIFACTS / "report.png")


def test_report_draws_the_data_map(browser: Browser, report_html: Path) -> None:
    browser.open(report_html.as_uri())
    drawn = browser.evaluate("""(() => {
        const svg = document.querySelector('svg.datamap');
        const box = svg.getBoundingClientRect();
        const nodes = [...svg.querySelectorAll('g.node[data-id]')];
        return {
          width: box.width, height: box.height,
          nodes: nodes.length,
          visible: nodes.filter(n => n.getBBox().width > 0).length,
          edges: svg.querySelectorAll('path.edge').length,
          unsafe: svg.querySelectorAll('path.edge.unsafe').length,
          names: nodes.map(n => n.textContent),
          top: box.top + window.scrollY, left: box.left + window.scrollX,
        };
    })()""")
    assert drawn["width"] > 1000 and drawn["height"] > 400
    # 11 systems, 14 processors, 2 recipients and the countries they hold data in
    assert drawn["nodes"] >= 27 and drawn["visible"] == drawn["nodes"]
    assert drawn["edges"] > 30
    assert drawn["unsafe"] >= 3  # chat -> intercom -> kaveri-data -> IN, ticketing -> legacy-sms -> AU
    assert any("Kaveri Data Services" in n for n in drawn["names"])
    clip = {"x": drawn["left"], "y": drawn["top"], "width": drawn["width"], "height": drawn["height"]}
    browser.screenshot(ARTIFACTS / "report-datamap.png", clip)


def test_report_prints_on_a4(browser: Browser, report_html: Path) -> None:
    browser.open(report_html.as_uri())
    pdf = browser.pdf()
    assert pdf.startswith(b"%PDF")
    boxes = {tuple(round(float(v)) for v in m.groups())
             for m in re.finditer(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)}
    # portrait A4 for the text, landscape A4 for the data map (595 x 842 pt, give or take a point)
    assert boxes and all({w, h} in ({595, 842}, {596, 843}, {595, 843}, {596, 842}) for w, h in boxes)
    assert any(w < h for w, h in boxes) and any(w > h for w, h in boxes)
    (ARTIFACTS / "report.pdf").write_bytes(pdf)


# --- tables fit the page: on screen at 1280 px and in print on A4 ------------------------------

#: every table that is wider than its container, and every cell whose content spills out of it
OVERFLOW_JS = """(() => {
    const out = [];
    for (const table of document.querySelectorAll('table')) {
        const box = table.getBoundingClientRect();
        const parent = table.parentElement.getBoundingClientRect();
        const name = table.className || (table.closest('[id]') || {id: 'table'}).id;
        if (box.width > parent.width + 1 || box.right > parent.right + 1) {
            out.push(`table ${name}: ${box.width} > ${parent.width}`);
        }
        // ... nor wider than the page: its container may itself spill out of the page
        if (box.right > document.documentElement.clientWidth + 1) {
            out.push(`table ${name}: right edge ${box.right} beyond the page`);
        }
        for (const cell of table.querySelectorAll('td, th')) {
            if (cell.scrollWidth > cell.clientWidth + 1) {
                out.push(`cell of ${name}: ${cell.textContent.trim().slice(0, 40)}`);
            }
        }
    }
    return out;
})()"""

#: how many lines a text takes in the report (the first element whose text is exactly it)
LINES_JS = """((text) => {
    const el = [...document.querySelectorAll('code, td, li')].find(e => e.textContent.trim() === text);
    if (!el) return -1;
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
})"""

#: the page box of the processors section, for a screenshot
SECTION_BOX_JS = """(() => { const r = document.querySelector('#processors').getBoundingClientRect();
    return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: Math.min(r.height, 3000)}; })()"""

#: printable width of an A4 page at 96 px per inch, portrait and landscape, with 12 mm margins
A4_PORTRAIT = round((210 - 24) / 25.4 * 96)
A4_LANDSCAPE = round((297 - 24) / 25.4 * 96)
LONG_DPA = ("https://legal.hubspot.com/hubfs/Legal/Data-Processing-Agreement/"
            "HubSpot-Customer-Data-Processing-Agreement-2023-11-06-signed-version.pdf?hsLang=en&ref=procurement")


@pytest.fixture(scope="module")
def long_text_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """org_example with a long DPA URL and a TIA path of the kind that wrapped letter by letter,
    reported against a baseline."""
    base = tmp_path_factory.mktemp("long")
    repo = base / "org"
    shutil.copytree(ROOT / "org_example", repo)
    path = repo / "processors" / "hubspot.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  document: .*$", f"  document: {LONG_DPA}", text)
    text = text.replace("tia: docs/tia-hubspot.md", "tia: docs/tia-freshworks.md")
    path.write_text(text, encoding="utf-8")
    # with a baseline: the summary table then has its widest form (a baseline column)
    baseline = base / "baseline.json"
    assert CliRunner().invoke(cli, ["baseline", str(ROOT / "org_example"), "--as-of", AS_OF, "-o", str(baseline)],
                              catch_exceptions=False).exit_code == 0
    out = {}
    for lang in ("en", "sv"):
        out[lang] = base / f"report-{lang}.html"
        result = CliRunner().invoke(cli, ["report", str(repo), "--as-of", AS_OF, "--lang", lang, "-o", str(out[lang]),
                                          "--baseline", str(baseline)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        html = re.sub(r"<[^>]+>", "", out[lang].read_text(encoding="utf-8"))  # text without <wbr>, <span>
        assert "docs/tia-freshworks.md" in html and LONG_DPA.replace("&", "&amp;") in html
    return out



def test_the_overflow_check_can_fail(browser: Browser, tmp_path: Path) -> None:
    page = tmp_path / "wide.html"
    page.write_text('<!DOCTYPE html><meta charset="utf-8"><div style="width: 300px"><table><tr><td>'
                    + "x" * 200 + "</td><td>b</td></tr></table></div>", encoding="utf-8")
    browser.open(page.as_uri(), 800, 600)
    assert browser.evaluate(OVERFLOW_JS)


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_tables_fit_the_screen(browser: Browser, long_text_reports: dict[str, Path], lang: str) -> None:
    browser.media("screen")
    browser.open(long_text_reports[lang].as_uri(), 1280, 2000)
    assert browser.evaluate(OVERFLOW_JS) == []
    # the path wraps at its separators, not letter by letter; the gaps column is as wide as the others
    assert 1 <= browser.evaluate(f"{LINES_JS}('docs/tia-freshworks.md')") <= 2
    gaps = browser.evaluate("document.querySelector('table.processors th:last-child').getBoundingClientRect().width")
    assert gaps > 150
    browser.screenshot(ARTIFACTS / f"report-tables-1280-{lang}.png", browser.evaluate(SECTION_BOX_JS))


@pytest.mark.parametrize("width", [A4_PORTRAIT, A4_LANDSCAPE])
@pytest.mark.parametrize("lang", ["en", "sv"])
def test_tables_fit_the_a4_page_in_print(
    browser: Browser, long_text_reports: dict[str, Path], lang: str, width: int
) -> None:
    """In print emulation at the printable width of A4 (portrait; landscape, where the processor
    tables print) no table is wider than the page and the gaps column is there."""
    browser.media("print")
    try:
        browser.open(long_text_reports[lang].as_uri(), width, 2000)
        assert browser.evaluate(OVERFLOW_JS) == []
        last = browser.evaluate("""(() => {
            const th = document.querySelector('table.processors th:last-child').getBoundingClientRect();
            return {right: th.right, width: th.width, page: document.documentElement.clientWidth}; })()""")
        assert last["right"] <= last["page"] and last["width"] > 60
        assert 1 <= browser.evaluate(f"{LINES_JS}('docs/tia-freshworks.md')") <= 4
        if width == A4_LANDSCAPE:
            box = browser.evaluate(SECTION_BOX_JS)
            browser.screenshot(ARTIFACTS / f"report-print-a4-processors-{lang}.png", box)
        else:
            browser.screenshot(ARTIFACTS / f"report-print-a4-{lang}.png",
                               {"x": 0, "y": 0, "width": width, "height": 2000})
    finally:
        browser.media("screen")


@pytest.fixture(scope="module")
def report50_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("org50")
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate_org.py"), str(base / "org"), "--systems", "50",
                    "--processors", "20"], check=True, capture_output=True)
    out = base / "report.html"
    result = CliRunner().invoke(cli, ["report", str(base / "org"), "--as-of", AS_OF, "-o", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("which", ["org_example", "org50"])
def test_map_text_is_at_least_11px_and_names_stay_in_their_boxes(
    browser: Browser, report_html: Path, report50_html: Path, which: str
) -> None:
    """At 100 % zoom on a 1280 px window: every text of the data map at 11 px or more as drawn,
    and every line of a name inside its box."""
    browser.media("screen")
    page = report_html if which == "org_example" else report50_html
    browser.open(page.as_uri(), 1280, 2000)
    found = browser.evaluate("""(() => {
        const svg = document.querySelector('svg.datamap');
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        const sizes = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
            .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
        const outside = [];
        for (const node of svg.querySelectorAll('g.node[data-id]')) {
            const box = node.querySelector('rect.box').getBBox();
            for (const line of node.querySelectorAll('text.name tspan, text.sub')) {
                const b = line.getBBox();
                if (b.x < box.x || b.x + b.width > box.x + box.width) outside.push(line.textContent);
            }
        }
        return {scale, smallest: Math.min(...sizes), count: sizes.length, outside};
    })()""")
    assert found["count"] > 50
    assert found["scale"] >= 1
    assert found["smallest"] >= 11
    assert found["outside"] == []
    if which == "org50":
        browser.screenshot(ARTIFACTS / "report-datamap-50.png", browser.evaluate(
            """(() => { const r = document.querySelector('svg.datamap').getBoundingClientRect();
            return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height}; })()"""))
