"""Screenshots of the staff pages for the docs: `python -m hub.demo.screenshots --out DIR`.

Serves the demo hub (`python -m hub demo` first), logs in as the demo admin and photographs
pages in headless Chromium (Debian's, driven by Playwright: a development dependency).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from hub.cli_staff import DEMO_DATA_DIR, DEMO_PASSWORD
from hub.demo.browser import chromium
from hub.demo.live import live_server
from hub.reports.period import today

logger = logging.getLogger(__name__)

SHOTS = (
    # (file name, path, language, width, height)
    ("hub-scorecard.png", "/scorecard", "en", 1366, 768),
    ("hub-scorecard-phone.png", "/scorecard", "vi", 390, 844),
    ("hub-report.png", "/reports/monthly/quang-tri/{month}", "vi", 1366, 768),
    ("hub-events.png", "/events", "en", 1280, 900),
    ("hub-fleet.png", "/fleet", "vi", 1280, 820),
    ("hub-demand-phone.png", "/demand", "vi", 390, 844),
)
"""{month} in a path is the current month (a report still running: month to date)."""


def take(base_url: str, out: Path, password: str = DEMO_PASSWORD) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with chromium() as browser:
        for name, path, lang, width, height in SHOTS:
            context = browser.new_context(
                viewport={"width": width, "height": height},
                locale="vi-VN" if lang == "vi" else "en-GB",
            )
            page = context.new_page()
            page.goto(f"{base_url}/lang/{lang}?next=/login")
            page.fill("input[name=username]", "admin")
            page.fill("input[name=password]", password)
            page.click("form[action='/login'] button[type=submit]")
            page.wait_for_url("**/scorecard")
            page.goto(base_url + path.format(month=f"{today():%Y-%m}"))
            if page.locator(".chart").count():
                page.wait_for_selector(".chart[data-drawn]")
            page.screenshot(path=out / name)
            written.append(out / name)
            context.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hub.demo.screenshots", description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=Path(DEMO_DATA_DIR))
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args(argv)
    from hub.settings import HubSettings
    from hub.web import create_app

    app = create_app(HubSettings(args.data_dir, resign_timestamp_every_minutes=0))
    with live_server(app) as url:
        for path in take(url, args.out):
            sys.stdout.write(f"{path}\n")
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    sys.exit(main())
