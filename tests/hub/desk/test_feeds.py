"""Official feeds: a feed served on 127.0.0.1 fills the moderation queue; an item becomes a draft,
never a published article; a bad feed is refused with its reason."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from hub.desk.feeds import FeedError, parse
from hub.desk.folder import export_folder
from tests.hub.desk.desk_support import desk_data_dir
from tests.hub.hubui_support import app_for, csrf_from, login

DATA = Path(__file__).parent / "data"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture(scope="module")
def feed_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=DATA))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(app_for(desk_data_dir(tmp_path))) as client:
        login(client, "admin")
        client.cookies.set("hub_lang", "en")
        yield client


def _register_and_check(client: TestClient, url: str) -> str:
    token = csrf_from(client.get("/desk/feeds").text)
    client.post("/desk/feeds", data={"csrf_token": token, "url": url, "name": "Xuất nhập cảnh"})
    return client.post("/desk/feeds/1/check", data={"csrf_token": token}).text


def test_new_feed_items_land_in_the_moderation_queue_as_plain_text(
    client: TestClient, feed_url: str
) -> None:
    html = _register_and_check(client, f"{feed_url}/feed.xml")
    assert "2 new items." in html
    assert "Mở rộng thị thực điện tử" in html and "Giờ làm việc dịp Tết" in html
    assert "<script>alert" not in html and "&lt;script" not in html
    assert "1 new items." not in _register_and_check(client, f"{feed_url}/feed.xml")


def test_an_item_becomes_a_draft_and_is_not_published(
    client: TestClient, feed_url: str, tmp_path: Path
) -> None:
    _register_and_check(client, f"{feed_url}/feed.xml")
    token = csrf_from(client.get("/desk/feeds").text)
    form = {"csrf_token": token, "guid": "tin-1", "id": "evisa-news", "topic": "entry-visa"}
    client.post("/desk/feeds/1/items", data={**form, "lang": "vi", "action": "draft"})
    editor = client.get("/desk/articles/evisa-news/vi").text
    assert "Mở rộng thị thực điện tử" in editor and "https://xuatnhapcanh.gov.vn/tin/1" in editor
    listing = client.get("/desk?status=draft").text
    assert "evisa-news" in listing
    export_folder(client.app.state.desk.store, tmp_path / "published")  # type: ignore[attr-defined]
    assert not (tmp_path / "published/articles/evisa-news/vi.md").exists()
    assert "Mở rộng thị thực" not in client.get("/desk/feeds").text


def test_a_feed_that_is_not_there_is_refused_with_its_reason(
    client: TestClient, feed_url: str
) -> None:
    html = _register_and_check(client, f"{feed_url}/missing.xml")
    assert "could not be read" in html and "HTTPError" in html


def test_text_that_is_not_a_feed_is_refused() -> None:
    with pytest.raises(FeedError, match="not an RSS or Atom feed"):
        parse(b"\xff\xfe not xml at all <")


def test_only_a_translator_or_author_role_sees_the_queue(tmp_path: Path) -> None:
    with TestClient(app_for(desk_data_dir(tmp_path))) as client:
        login(client, "khmer")
        assert client.get("/desk/feeds").status_code == 403
