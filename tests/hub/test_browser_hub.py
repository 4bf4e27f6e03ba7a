"""The staff pages in a real browser: Debian's Chromium, headless, driven by Playwright.

Log in, see the scorecard's charts drawn, download a CSV, be refused another province's pages
and CSV as a province analyst, use the pages at phone width, log out.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.hub.conftest import DEMO_GATES
from tests.hub.hubui_support import PASSWORD

pytestmark = pytest.mark.slow


def _page(browser: Browser, width: int = 1366, height: int = 900) -> Page:
    context = browser.new_context(
        viewport={"width": width, "height": height}, accept_downloads=True, locale="en-GB"
    )
    page = context.new_page()
    page.set_default_timeout(60_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.errors = errors  # type: ignore[attr-defined]
    return page


def _log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/lang/en?next=/scorecard")
    assert "/login" in page.url
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url("**/scorecard")


def test_log_in_see_the_charts_download_a_csv_and_log_out(
    browser: Browser, base_url: str, tmp_path: Path
) -> None:
    page = _page(browser)
    _log_in(page, base_url, "admin")
    page.wait_for_selector(".chart[data-figure='fig-ranking'][data-drawn] svg.main-svg")
    bars = page.locator(".chart[data-figure='fig-ranking'] .barlayer .point")
    assert bars.count() == len(DEMO_GATES)
    assert page.locator(".chart[data-drawn]").count() == 4
    with page.expect_download() as download:
        page.click("#table-gates a.csv")
    saved = tmp_path / "gates.csv"
    download.value.save_as(saved)
    rows = list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert rows[0][:2] == ["Gate", "Rank"]
    assert len(rows) == 1 + len(DEMO_GATES)
    assert page.errors == []  # type: ignore[attr-defined]
    page.click("form[action='/logout'] button")
    page.wait_for_url("**/login")
    page.goto(f"{base_url}/scorecard")
    assert "/login" in page.url
    page.context.close()


def test_a_province_analyst_is_refused_other_provinces(browser: Browser, base_url: str) -> None:
    page = _page(browser)
    _log_in(page, base_url, "quang-ninh")
    assert page.locator("#table-gates tbody tr").count() == 1
    refused = page.goto(f"{base_url}/gates/moc-bai")
    assert refused is not None and refused.status == 403
    assert page.locator("h1").inner_text() == "Not allowed"
    for path in ("/scorecard.csv?province=tay-ninh&table=gates", "/gates/moc-bai.csv?table=kiosks"):
        assert page.request.get(base_url + path).status == 403
    own = page.request.get(base_url + "/scorecard.csv?province=quang-ninh&table=gates")
    assert own.status == 200
    assert "Mong Cai" in own.text()
    page.context.close()


@pytest.mark.parametrize("path", ["/scorecard", "/fleet", "/demand"])
def test_pages_fit_a_phone(browser: Browser, base_url: str, path: str) -> None:
    page = _page(browser, 390, 844)
    _log_in(page, base_url, "analyst")
    page.goto(base_url + path)
    if page.locator(".chart").count():
        page.wait_for_selector(".chart[data-drawn]")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{path} is {overflow}px wider than the phone"
    assert page.errors == []  # type: ignore[attr-defined]
    page.context.close()
