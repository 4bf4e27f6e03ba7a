"""An article's picture appears in the preview the kiosk's own code draws, from the desk's
drafts (a picture waiting for review included)."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image

import catalog
from hub.preview.render import render_preview
from tests.hub.desk.desk_support import desk_data_dir
from tests.hub.hubui_support import app_for, csrf_from, login
from tests.kiosk.catalogs import kiosk_document

ARTICLE = "entry-procedure"
MAGENTA = (255, 0, 255)


@pytest.fixture(autouse=True)
def shared_fonts(
    monkeypatch: pytest.MonkeyPatch, pytestconfig: pytest.Config, tmp_path_factory
) -> None:
    """The kiosk's built fonts, shared with its own tests so they are built once."""
    cache = getattr(pytestconfig, "cache", None)
    fonts = cache.mkdir("kiosk-fonts") if cache else tmp_path_factory.mktemp("fonts")
    monkeypatch.setenv("KIOSK_FONT_DIR", str(fonts))


def _picture() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (400, 300), MAGENTA).save(out, "PNG")
    return out.getvalue()


def _magenta_pixels(png: bytes) -> int:
    image = Image.open(io.BytesIO(png)).convert("RGB").reduce(4)
    return sum(1 for pixel in image.get_flattened_data() if pixel == MAGENTA)


def test_the_preview_draws_the_articles_picture(tmp_path: Path) -> None:
    picture = _picture()
    sha256 = hashlib.sha256(picture).hexdigest()
    document = kiosk_document()
    document["assets"] = [{"sha256": sha256, "media_type": "image/png", "size": len(picture)}]
    for article in document["articles"]:
        if article["id"] == ARTICLE:
            article["image"] = sha256
    data = catalog.dump(catalog.Catalog.model_validate(document))
    drawn = render_preview(
        data, ARTICLE, "km", "portrait", cache_dir=tmp_path, images={sha256: picture}
    )
    missing = render_preview(
        data, ARTICLE, "km", "portrait", cache_dir=tmp_path / "without", images={}
    )
    assert _magenta_pixels(drawn) > 1000
    assert _magenta_pixels(missing) == 0  # no file: the kiosk leaves the picture out


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(app_for(desk_data_dir(tmp_path))) as test_client:
        test_client.cookies.set("hub_lang", "en")
        login(test_client, "author")
        yield test_client


def test_the_desk_preview_shows_a_picture_waiting_for_review(client: TestClient) -> None:
    token = csrf_from(client.get("/desk/articles/driving-rules/vi").text)
    client.post(
        "/desk/articles/driving-rules/image", data={"csrf_token": token},
        files={"image": ("red.png", _picture(), "image/png")},
    )  # fmt: skip
    page = client.get("/desk/articles/driving-rules/vi/preview").text
    source = page.split('<img src="')[1].split('"')[0].replace("&amp;", "&")
    assert source.startswith("/desk/preview/") and "orientation=portrait" in source
    drawn = client.get(source)
    assert drawn.status_code == 200, drawn.text
    assert _magenta_pixels(drawn.content) > 1000


def test_the_preview_page_names_only_the_articles_gates(client: TestClient) -> None:
    page = client.get("/desk/articles/driving-rules/km/preview").text
    assert "landscape" in page and 'lang="' in page
    assert client.get("/desk/articles/no-such/km/preview").status_code == 404
