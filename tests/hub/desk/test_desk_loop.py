"""The whole loop in headless Chromium: an author writes an English article, a translator adds
Khmer, a reviewer approves both, a publisher publishes with one click (signed by the hub's
delegated key, the offline keys away); the kiosk's own sync pulls it from the hub on 127.0.0.1
and its cache holds the Khmer text. And authored script never runs in the desk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from hub.publishing.delegation import delegate
from hub.publishing.keys import DELEGATED_ROLE, ROLES, KeyStore
from hub.publishing.publish import repository_for
from sync.outcome import Outcome
from tests.hub.desk.desk_support import desk_data_dir
from tests.hub.hubui_support import PASSWORD, app_for, live_server
from tests.sync.hubkit import Device, enrol_device

pytestmark = pytest.mark.slow

KHMER_TITLE = "ជំនួយទិដ្ឋាការនៅច្រកព្រំដែន"


OFFLINE_ROLES = ("root", "targets", "snapshot")


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A hub whose content is delegated to its `desk` key; root and the top-level targets key
    are then taken away on a stick, as in production."""
    root = tmp_path_factory.mktemp("loop")
    data = desk_data_dir(root)
    keys = KeyStore(data / "keys")
    for role in ROLES:
        keys.generate(role)
    repository_for(data, keys).init()
    usb = root / "usb"
    usb.mkdir()
    for role in OFFLINE_ROLES:
        (data / "keys" / f"{role}.pem").rename(usb / f"{role}.pem")
    delegate(repository_for(data, KeyStore(data / "keys", usb)))
    held = {path.name for path in (data / "keys").glob("*.pem")}
    assert held == {"timestamp.pem", "snapshot.pem", f"{DELEGATED_ROLE}.pem"}
    with live_server(app_for(data)) as url:
        yield data, url


def _as(browser: Browser, url: str, username: str) -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(60_000)
    page.goto(f"{url}/lang/en?next=/desk")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url("**/desk")
    return page


def _write(page: Page, title: str, body: str) -> None:
    page.fill("[name=title]", title)
    page.fill("[name=summary]", "Who can get a visa at the gate.")
    page.fill("[name=source]", "Immigration Department")
    page.fill("[name=source_url]", "https://xuatnhapcanh.gov.vn")
    page.fill("[name=as_of]", "2026-11-01")
    page.fill("[name=body]", body)
    page.click("button[value=submit]")
    page.wait_for_load_state()


def _approve(page: Page, url: str, lang: str) -> None:
    page.goto(f"{url}/desk/articles/visa-help/{lang}")
    page.click("form[action$='/approve'] button")
    page.wait_for_load_state()
    assert "Approved." in page.content()


def test_an_article_goes_from_author_to_the_kiosk_cache_in_khmer(
    hub: tuple[Path, str], browser: Browser, tmp_path: Path
) -> None:
    data, url = hub
    author = _as(browser, url, "author")
    author.goto(f"{url}/desk/new")
    author.fill("[name=id]", "visa-help")
    author.select_option("[name=source_lang]", "en")
    author.check("input[name=gates][value=mong-cai]")
    author.click("form[action='/desk/new'] button[type=submit]")
    author.wait_for_url("**/desk/articles/visa-help/en")
    _write(author, "Visa help at the gate", "Bring your passport and one photo.")
    assert "Sent for review." in author.content()
    translator = _as(browser, url, "khmer")
    translator.goto(f"{url}/desk/articles/visa-help/km")
    _write(translator, KHMER_TITLE, "យកលិខិតឆ្លងដែនមកជាមួយ។")
    reviewer = _as(browser, url, "reviewer")
    _approve(reviewer, url, "en")
    _approve(reviewer, url, "km")
    repository = repository_for(data, KeyStore(data / "keys"))
    top_level = repository.targets().signed.version
    publisher = _as(browser, url, "publisher")
    publisher.click("form[action='/desk/publish'] button")
    publisher.wait_for_load_state()
    assert "mong-cai" in publisher.content()
    # signed by the hub's delegated key; the offline top-level targets were not touched
    assert repository.targets().signed.version == top_level
    assert "channels/mong-cai/catalog.json" in repository.role(DELEGATED_ROLE).signed.targets
    root = repository.root_bytes()
    device = Device(enrol_device(tmp_path / "kiosk", url, root))
    try:
        assert device.refresh().outcome is Outcome.UPDATED
        shown = device.content.article("visa-help", "km")
        assert shown is not None and not shown.fell_back
        assert shown.translation.title == KHMER_TITLE
    finally:
        device.close()


def test_authored_script_never_runs_in_the_desk(hub: tuple[Path, str], browser: Browser) -> None:
    _, url = hub
    page = _as(browser, url, "author")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{url}/desk/articles/driving-rules/vi")
    hostile = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">'
    page.fill("[name=title]", hostile)
    page.fill("[name=body]", f"{hostile}\n\n[tap](javascript:alert(1))")
    page.click("button[value=save]")
    page.wait_for_load_state()
    for path in ("/desk/articles/driving-rules/vi", "/desk/articles/driving-rules/km", "/desk"):
        page.goto(url + path)
        assert page.evaluate("window.pwned") is None
        assert "script-src 'self'" in (page.context.request.get(url + path).headers or {}).get(
            "content-security-policy", ""
        )
    assert dialogs == []
