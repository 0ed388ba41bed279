"""The customers' transparency page opened in a real headless Chromium (as tests/reports/test_report_browser.py
does for the gap report): it loads offline without errors, nothing is wider than the page on
screen or in print on A4 and on Letter, and it prints to PDF on both. Screenshots and PDFs are
kept in ``test-artifacts/``. Skipped where Chromium or websocket-client is missing.
"""

from __future__ import annotations

import base64
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from policycheck.cli import cli
from tests.browser import ARTIFACTS, ROOT, Browser, needs_chromium
from tests.reports.test_report_browser import AS_OF

pytestmark = needs_chromium

#: printable width at 96 px per inch with the page's 15 mm side margins
A4_WIDTH = round((210 - 30) / 25.4 * 96)
LETTER_WIDTH = round((215.9 - 30) / 25.4 * 96)
#: paper sizes in inches for Page.printToPDF
PAPER = {"a4": (8.27, 11.69), "letter": (8.5, 11.0)}

#: elements whose right edge passes the page's width (text cut off or a horizontal scroll)
OVERFLOW_JS = """(() => {
    const page = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')].filter(e => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.right > page + 1;
    }).map(e => e.tagName + ': ' + (e.textContent || '').slice(0, 60));
    if (document.documentElement.scrollWidth > page + 1) wide.push('page scrolls sideways');
    return wide;
})()"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """org_example's page in both languages, with a long public name and notice address (long
    words must wrap, not widen the page)."""
    base = tmp_path_factory.mktemp("transparency")
    repo = base / "org"
    shutil.copytree(ROOT / "org_example", repo)
    chat = repo / "systems" / "chat.yaml"
    chat.write_text(
        chat.read_text(encoding="utf-8") + "public_name: Chatten-på-exempel.se-kundtjänst-och-beställningshjälp\n",
        encoding="utf-8",
    )
    out = {}
    for lang in ("en", "sv"):
        out[lang] = base / f"transparency-{lang}.html"
        result = CliRunner().invoke(
            cli,
            ["transparency", str(repo), "--as-of", AS_OF, "--lang", lang, "-o", str(out[lang]), "--allow-findings"],
            catch_exceptions=False,
        )
        assert result.exit_code == 0, result.output
    return out



def test_the_overflow_check_can_fail(browser: Browser, tmp_path: Path) -> None:
    page = tmp_path / "wide.html"
    page.write_text('<!DOCTYPE html><meta charset="utf-8"><p style="white-space: nowrap">' + "x " * 400 + "</p>",
                    encoding="utf-8")
    browser.open(page.as_uri(), 600, 400)
    assert browser.evaluate(OVERFLOW_JS) != []


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_the_page_loads_offline_and_fits_the_screen(browser: Browser, pages: dict[str, Path], lang: str) -> None:
    browser.open(pages[lang].as_uri(), 1280, 2000)
    external = [u for u in browser.requests() if u != pages[lang].as_uri() and not u.startswith("data:")]
    assert external == [] and browser.console_errors() == []
    assert browser.evaluate(OVERFLOW_JS) == []
    links = browser.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
    assert any(h.startswith("mailto:") for h in links) and "https://www.imy.se" in links
    browser.screenshot(ARTIFACTS / f"transparency-{lang}.png", {"x": 0, "y": 0, "width": 1280, "height": 2000})


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("lang", ["en", "sv"])
def test_the_page_prints_on_a4_and_letter(browser: Browser, pages: dict[str, Path], lang: str, paper: str) -> None:
    width = A4_WIDTH if paper == "a4" else LETTER_WIDTH
    browser.media("print")
    try:
        browser.open(pages[lang].as_uri(), width, 2000)
        assert browser.evaluate(OVERFLOW_JS) == []
        assert browser.evaluate("getComputedStyle(document.querySelector('nav')).display") == "none"
        browser.screenshot(ARTIFACTS / f"transparency-print-{paper}-{lang}.png",
                           {"x": 0, "y": 0, "width": width, "height": 2000})
        w, h = PAPER[paper]
        data = browser.call("Page.printToPDF", session=True, paperWidth=w, paperHeight=h, printBackground=True)["data"]
    finally:
        browser.media("screen")
    pdf = base64.b64decode(data)
    assert pdf.startswith(b"%PDF")
    boxes = {(round(float(a)), round(float(b)))
             for a, b in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)}
    assert len(boxes) == 1
    (bw, bh), = boxes
    assert abs(bw - w * 72) <= 1 and abs(bh - h * 72) <= 1
    (ARTIFACTS / f"transparency-{paper}-{lang}.pdf").write_bytes(pdf)
