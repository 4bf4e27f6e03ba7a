"""The short QR take-away link: what a kiosk prints opens on the hub, and nothing else does."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from catalog.qrlink import short_code
from hub import compiler
from hub.compiler import compile_channel
from hub.devices import enrolment
from hub.devices.enrolment import issue_device
from hub.sourcefile import ContentError
from hub.staff.context import open_staff_db
from hub.staff.qr_opens import QrOpens
from hub.store import HubStore
from kiosk.takeaway import takeaway_url
from tests.hub.hubui_support import add_device, app_for, make_data_dir, store_of

BASE = "https://hub.example.gov.vn"


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Shared by the tests below: each counts opens of its own (kiosk, article, language)."""
    data = make_data_dir(tmp_path_factory.mktemp("qr"))
    store = store_of(data)
    add_device(store, "mong-cai-1", "mong-cai", datetime.now(UTC) - timedelta(days=3))
    add_device(store, "moc-bai-1", "moc-bai", datetime.now(UTC) - timedelta(days=3))
    store.close()
    return data


@pytest.fixture(scope="module")
def client(hub: Path) -> TestClient:
    return TestClient(app_for(hub))


def _opens(data: Path) -> dict[tuple, int]:
    db = open_staff_db(data)
    now = datetime.now(UTC)
    try:
        return QrOpens(db).totals(
            now - timedelta(hours=2), now + timedelta(hours=2), ("device_id", "article", "lang")
        )
    finally:
        db.close()


def _path(url: str) -> str:
    assert url.startswith(BASE + "/q/")
    return url.removeprefix(BASE)


def test_the_link_a_kiosk_prints_opens_the_article_and_counts_once(
    hub: Path, client: TestClient
) -> None:
    url = takeaway_url(BASE, "mong-cai-1", "zh", "e-visa", None, "https://source")
    assert len(url) == len(BASE) + len("/q/") + 14
    response = client.get(_path(url))
    assert response.status_code == 200
    assert '<html lang="zh">' in response.text and "信息截至" in response.text
    assert "set-cookie" not in response.headers
    typed = "/q/" + _path(url).removeprefix("/q/").upper().replace("0", "O")
    assert client.get(typed).status_code == 200  # typed from the screen
    assert _opens(hub)[("mong-cai-1", "e-visa", "zh")] == 2


def test_a_short_link_to_a_missing_translation_falls_back(hub: Path, client: TestClient) -> None:
    response = client.get(f"/q/{short_code('mong-cai-1', 'lo', 'mong-cai-about')}")
    assert response.status_code == 200
    assert _opens(hub)[("mong-cai-1", "mong-cai-about", "lo")] == 1


def test_an_unknown_kiosk_still_gets_its_article_but_is_not_counted(
    hub: Path, client: TestClient
) -> None:
    before = _opens(hub)
    url = takeaway_url(BASE, None, "en", "e-visa", None, "https://source")
    assert client.get(_path(url)).status_code == 200
    assert _opens(hub) == before


@pytest.mark.parametrize(
    "path",
    [
        "/q/0000000000000",  # too short
        "/q/" + "z" * 500,
        "/q/%00%ff%fe",
        "/q/",
        "/q/mong-cai-1/en",
        "/q/a/b/c/d",
        "/q/mong-cai-1",
        "/q/" + short_code("mong-cai-1", "en", "no-such-article"),
        "/q/" + short_code("moc-bai-1", "km", "mong-cai-about"),  # another gate's article
        "/q/" + short_code("mong-cai-1", "en", "e-visa")[:6] + "z" + "0" * 7,  # no language
        "/q/mong-cai-1/en/..%2F..%2Fetc",
        "/q/mong-cai-1/en/no-such-article",
        "/q/mong-cai-1/" + "x" * 300 + "/e-visa",
    ],
)
def test_codes_that_name_nothing_get_a_friendly_page(
    hub: Path, client: TestClient, path: str
) -> None:
    before = _opens(hub)
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert 'class="takeaway"><h1>' in response.text  # the phone page, in the code's language
    assert _opens(hub) == before


def test_the_long_form_printed_before_keeps_working(hub: Path, client: TestClient) -> None:
    assert client.get("/q/mong-cai-1/km/e-visa").status_code == 200
    assert _opens(hub)[("mong-cai-1", "e-visa", "km")] == 1


def test_a_missing_code_page_speaks_the_codes_language(client: TestClient) -> None:
    response = client.get(f"/q/{short_code('mong-cai-1', 'zh', 'gone')}")
    assert response.status_code == 404 and "未找到文章" in response.text


def test_new_kiosks_get_ids_whose_codes_are_free(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = HubStore(tmp_path / "hub.db")
    first, _ = issue_device(store, "mong-cai")
    keys = iter(["same", "same", "same", "other"])  # the new kiosk's first two ids collide
    monkeypatch.setattr(enrolment, "device_key", lambda device_id: next(keys))
    second, _ = issue_device(store, "mong-cai")
    assert second.id != first.id and next(keys, None) is None
    store.close()


def test_two_articles_sharing_a_code_are_refused_at_build(
    hub: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = hub / "content"
    compile_channel(content, "mong-cai")
    monkeypatch.setattr(compiler, "article_key", lambda article_id: "0000000")
    with pytest.raises(ContentError) as caught:
        compile_channel(content, "mong-cai")
    assert any("shares its QR code" in problem for problem in caught.value.problems)
