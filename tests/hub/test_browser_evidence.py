"""The answer first, on a laptop and a phone, and on paper: the scorecard and the monthly report
in Debian's Chromium (headless, Playwright), at 1366x768, at 390 px, and printed to A4 portrait
and landscape."""

from __future__ import annotations

from io import BytesIO

import pytest
from playwright.sync_api import Browser, Page
from pypdf import PdfReader

from hub.reports.period import today
from tests.hub.conftest import DEMO_GATES
from tests.hub.test_browser_hub import _log_in, _page

pytestmark = pytest.mark.slow

A4_PRINTABLE_PX = {False: 703, True: 1032}
"""CSS pixels across A4 less 12 mm margins: portrait (False) and landscape (True)."""
OVERFLOW = """() => {
  const limit = document.documentElement.clientWidth + 1;
  const wide = [];
  for (const el of document.querySelectorAll("main table, main .chart svg.main-svg, main .table-block, main .chart-block, main .cards")) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > limit) wide.push(`${el.tagName}.${el.className.baseVal ?? el.className} ${Math.round(box.right)}`);
  }
  for (const wrap of document.querySelectorAll("main .table-wrap")) {
    if (wrap.offsetParent && wrap.scrollWidth > wrap.clientWidth + 1) wide.push(`scrolling ${wrap.parentElement.id}`);
  }
  if (document.documentElement.scrollWidth > limit) wide.push(`page ${document.documentElement.scrollWidth}`);
  return wide;
}"""


def _report(base_url: str) -> str:
    return f"{base_url}/reports/monthly/tay-ninh/{today():%Y-%m}"


def _open(browser: Browser, base_url: str, path: str, width: int, height: int) -> Page:
    page = _page(browser, width, height)
    _log_in(page, base_url, "admin")
    page.goto(path if path.startswith("http") else base_url + path)
    page.wait_for_selector(".chart[data-drawn] svg.main-svg")
    return page


@pytest.mark.parametrize("path", ["/scorecard", "report"])
def test_the_answer_is_on_a_laptop_screen_without_scrolling_sideways(
    browser: Browser, base_url: str, path: str
) -> None:
    page = _open(browser, base_url, _report(base_url) if path == "report" else path, 1366, 768)
    answer = page.locator("#table-answer")
    box = answer.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 1366
    headers = answer.locator("thead th")
    assert headers.count() == 8
    for index in range(headers.count()):
        cell = headers.nth(index).bounding_box()
        assert cell is not None and cell["x"] + cell["width"] <= 1366, headers.nth(
            index
        ).inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    rows = answer.locator("tbody tr")
    assert rows.count() == (len(DEMO_GATES) if path != "report" else 2)
    assert page.locator("#table-answer td.verdict").first.is_visible()


@pytest.mark.parametrize("path", ["/scorecard", "report"])
def test_the_answer_reads_as_cards_on_a_phone(browser: Browser, base_url: str, path: str) -> None:
    page = _open(browser, base_url, _report(base_url) if path == "report" else path, 390, 844)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    card = page.locator("#table-answer tbody tr").first
    box = card.bounding_box()
    assert box is not None and box["width"] <= 390 and box["height"] > 80  # stacked, not a row
    assert "Verdict" in card.locator("td.verdict").evaluate(
        "el => getComputedStyle(el, '::before').content"
    )


def test_wide_detail_tables_keep_their_first_column_in_view(
    browser: Browser, base_url: str
) -> None:
    page = _open(browser, base_url, "/scorecard", 1366, 768)
    wrap = page.locator("#table-gates .table-wrap")
    first, later = (
        page.locator("#table-gates tbody tr").first.locator("td").nth(0),
        page.locator("#table-gates tbody tr").first.locator("td").nth(6),
    )
    before = (first.bounding_box(), later.bounding_box())
    wrap.evaluate("el => { el.scrollLeft = 600; }")
    after = (first.bounding_box(), later.bounding_box())
    assert before[0] and after[0] and before[1] and after[1]
    assert abs(after[0]["x"] - before[0]["x"]) < 1  # the gate stays
    assert after[1]["x"] < before[1]["x"] - 300  # the figures scrolled


@pytest.mark.parametrize("landscape", [False, True], ids=["portrait", "landscape"])
@pytest.mark.parametrize("path", ["/scorecard", "report"])
def test_printed_on_a4_nothing_is_cut_off(
    browser: Browser, base_url: str, path: str, landscape: bool
) -> None:
    page = _open(browser, base_url, _report(base_url) if path == "report" else path, 1366, 768)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": A4_PRINTABLE_PX[landscape], "height": 1000})
    page.wait_for_timeout(300)  # the charts redraw at the new width on the resize event
    assert page.evaluate(OVERFLOW) == []
    pdf = PdfReader(BytesIO(page.pdf(format="A4", landscape=landscape, print_background=True)))
    width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
    assert (width > height) == landscape
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert "The answer, gate by gate" in text and "Rules" in text
