"""Accessibility: axe-core (pinned, shipped by a PyPI package) in headless Chromium over every
staff page, in Vietnamese and English, on a 1366x768 laptop and a 390-px phone: no serious or
critical violation. Charts are drawn first, so their toolbars are checked too; on Vietnamese
pages their axes read Vietnamese numbers."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from tests.hub.hubui_support import PASSWORD
from tests.hub.staff_pages import staff_pages

pytestmark = pytest.mark.slow

SIZES = {"laptop": (1366, 768), "phone": (390, 844)}
BLOCKING = {"serious", "critical"}


def _logged_in(browser: Browser, base_url: str, lang: str, size: tuple[int, int]) -> Page:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(f"{base_url}/lang/{lang}?next=/help")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url("**/help")
    return page


def _open(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_function(
        "document.querySelectorAll('.chart').length"
        " === document.querySelectorAll('.chart[data-drawn]').length"
    )


def _blocking(page: Page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {node['target']}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
        for node in violation["nodes"][:3]
    ]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_page_has_a_serious_accessibility_violation(
    browser: Browser, base_url: str, lang: str, size: str
) -> None:
    page = _logged_in(browser, base_url, lang, SIZES[size])
    found = {}
    for path in staff_pages():
        _open(page, base_url + path)
        problems = _blocking(page)
        if problems:
            found[path] = problems
    page.context.clear_cookies()
    _open(page, f"{base_url}/login")
    found["/login"] = _blocking(page)
    page.context.close()
    assert {path: problems for path, problems in found.items() if problems} == {}


def test_vietnamese_chart_axes_use_a_decimal_comma(browser: Browser, base_url: str) -> None:
    page = _logged_in(browser, base_url, "vi", SIZES["laptop"])
    _open(page, f"{base_url}/scorecard")
    ticks = page.locator(".chart .ytick text, .chart .xtick text").all_text_contents()
    page.context.close()
    assert ticks
    assert not [tick for tick in ticks if re.fullmatch(r"-?\d+\.\d{1,2}", tick.strip())]
    assert not [tick for tick in ticks if re.search(r"[A-Z][a-z]{2} \d", tick)]  # "Nov 3"
