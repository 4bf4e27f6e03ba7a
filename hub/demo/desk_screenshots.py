"""Screenshots of the content desk for docs/content-desk.md:
`python -m hub.demo.desk_screenshots --out docs/screenshots` (after `python -m hub demo`)."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from hub.cli_staff import DEMO_DATA_DIR, DEMO_PASSWORD
from hub.demo.browser import chromium
from hub.demo.live import live_server

logger = logging.getLogger(__name__)

SHOTS = (
    # (file name, user, path, language, width, height)
    ("desk-list.png", "bien-tap", "/desk", "en", 1280, 1100),
    ("desk-list-phone.png", "bien-tap", "/desk?due=true", "vi", 390, 844),
    ("desk-editor-stale.png", "dich-km", "/desk/articles/{stale}/km", "en", 1280, 1300),
    ("desk-review.png", "duyet", "/desk/articles/{review}/km", "vi", 1280, 1500),
    ("desk-queue.png", "dich-km", "/desk/queue/km", "en", 1280, 900),
    ("desk-history.png", "bien-tap", "/desk/articles/{stale}/vi/history", "en", 1280, 900),
    ("desk-new.png", "bien-tap", "/desk/new", "vi", 1280, 900),
    ("desk-audit.png", "admin", "/desk/audit", "en", 1280, 800),
    ("desk-contacts.png", "bien-tap", "/desk/files/contacts.yaml", "en", 1280, 900),
    ("desk-feeds.png", "admin", "/desk/feeds", "vi", 1280, 1000),
    ("desk-topic.png", "bien-tap", "/desk/topics/transport", "vi", 1280, 1250),
    ("desk-gate-languages.png", "bien-tap", "/desk/gates/mong-cai", "en", 1280, 800),
    ("desk-contact-phone.png", "bien-tap", "/desk/contacts/police", "vi", 390, 844),
    ("desk-changes.png", "duyet", "/desk/changes", "en", 1280, 1300),
    ("desk-evidence.png", "bien-tap", "/desk/evidence", "en", 1280, 650),
    ("desk-preview.png", "dich-km", "/desk/articles/{review}/km/preview", "en", 1280, 1250),
)


def take(base_url: str, out: Path, articles: dict[str, str], password: str) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with chromium() as browser:
        for name, user, path, lang, width, height in SHOTS:
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            page.goto(f"{base_url}/lang/{lang}?next=/login")
            page.fill("input[name=username]", user)
            page.fill("input[name=password]", password)
            page.click("form[action='/login'] button[type=submit]")
            page.wait_for_load_state()
            page.set_default_timeout(180_000)  # a first preview builds the kiosk's fonts
            page.goto(base_url + path.format(**articles))
            page.wait_for_load_state("networkidle")
            page.screenshot(path=out / name, full_page=width < 500)
            written.append(out / name)
            context.close()
        written.append(_conflict(browser, base_url, out, articles, password))
        written.append(_refused_contact(browser, base_url, out, password))
        written.append(_answered_terms(browser, base_url, out, password))
    return written


def _conflict(browser, base_url: str, out: Path, articles: dict[str, str], password: str) -> Path:
    """Two translators open the same text; the second to save sees the conflict page."""
    pages = []
    for _ in range(2):
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        page = context.new_page()
        page.goto(f"{base_url}/lang/en?next=/login")
        page.fill("input[name=username]", "dich-km")
        page.fill("input[name=password]", password)
        page.click("form[action='/login'] button[type=submit]")
        page.wait_for_load_state()
        page.goto(f"{base_url}/desk/articles/{articles['rejected']}/km")
        pages.append(page)
    for number, page in enumerate(pages):
        page.fill("[name=summary]", f"ការកែប្រែទី {number + 1}")
        page.click("button[value=save]")
        page.wait_for_load_state()
    path = out / "desk-conflict.png"
    pages[1].screenshot(path=path)
    return path


def _login(browser, base_url: str, user: str, password: str, width: int, height: int):
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    page.goto(f"{base_url}/lang/en?next=/login")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", password)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_load_state()
    return page


def _refused_contact(browser, base_url: str, out: Path, password: str) -> Path:
    """A contact saved with a number no one can call: refused, the problem beside the field."""
    page = _login(browser, base_url, "bien-tap", password, 1280, 900)
    page.goto(f"{base_url}/desk/contacts/mong-cai-hospital")
    page.fill("[name=number]", "12")
    page.click("form.item-form button[type=submit]")
    page.wait_for_load_state()
    path = out / "desk-contact-refused.png"
    page.screenshot(path=path)
    return path


def _answered_terms(browser, base_url: str, out: Path, password: str) -> Path:
    """The scorecard's table of searched-for terms answered since, before and after."""
    page = _login(browser, base_url, "admin", password, 1400, 900)
    page.goto(f"{base_url}/scorecard")
    path = out / "scorecard-answered-terms.png"
    page.locator("#table-answered").screenshot(path=path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m hub.demo.desk_screenshots", description=__doc__
    )
    parser.add_argument("--data-dir", type=Path, default=Path(DEMO_DATA_DIR))
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args(argv)
    from hub.desk.store import DeskStore
    from hub.settings import HubSettings
    from hub.staff.context import HUB_DB
    from hub.web import create_app

    store = DeskStore(args.data_dir / HUB_DB)
    stale, review, rejected = sorted(store.articles())[:3]
    store.close()
    articles = {"stale": stale, "review": review, "rejected": rejected}
    app = create_app(HubSettings(args.data_dir, resign_timestamp_every_minutes=0))
    with live_server(app) as url:
        for path in take(url, args.out, articles, DEMO_PASSWORD):
            sys.stdout.write(f"{path}\n")
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    sys.exit(main())
