"""Article previews drawn by the kiosk's own code, for the desk: hub wrapper and staff route."""

from __future__ import annotations

import json
import struct
import subprocess
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import catalog
from hub.preview.render import PreviewError, render_preview
from tests.hub.hubui_support import app_for, login, make_data_dir
from tests.kiosk.catalogs import kiosk_document

ARTICLE = "entry-procedure"


@pytest.fixture(scope="module")
def fonts(pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The kiosk's built fonts, shared with its own tests so they are built once."""
    cache = getattr(pytestconfig, "cache", None)
    return cache.mkdir("kiosk-fonts") if cache else tmp_path_factory.mktemp("fonts")


@pytest.fixture(autouse=True)
def shared_fonts(monkeypatch: pytest.MonkeyPatch, fonts: Path) -> None:
    monkeypatch.setenv("KIOSK_FONT_DIR", str(fonts))


@pytest.fixture(scope="module")
def document() -> bytes:
    return catalog.dump(catalog.Catalog.model_validate(kiosk_document()))


def png_size(image: bytes) -> tuple[int, int]:
    assert image.startswith(b"\x89PNG\r\n\x1a\n")
    return struct.unpack(">II", image[16:24])


@pytest.mark.parametrize(
    ("lang", "orientation", "size"),
    [("km", "portrait", (1080, 1920)), ("lo", "landscape", (1920, 1080))],
)
def test_khmer_and_lao_articles_are_drawn_at_the_kiosk_screen_size(
    document, tmp_path, lang, orientation, size
):
    image = render_preview(document, ARTICLE, lang, orientation, cache_dir=tmp_path)
    assert png_size(image) == size
    (tmp_path / f"seen-{lang}-{orientation}.png").write_bytes(image)


def test_the_same_request_is_drawn_once(document, tmp_path, monkeypatch):
    first = render_preview(document, ARTICLE, "en", "portrait", cache_dir=tmp_path)

    def no_subprocess(*_args, **_kwargs):
        raise AssertionError("drawn again")

    monkeypatch.setattr(subprocess, "run", no_subprocess)
    assert render_preview(document, ARTICLE, "en", "portrait", cache_dir=tmp_path) == first
    changed = document.replace(b"Entry procedure", b"Entry steps")
    with pytest.raises(AssertionError, match="drawn again"):
        render_preview(changed, ARTICLE, "en", "portrait", cache_dir=tmp_path)


@pytest.mark.parametrize(
    ("document_bytes", "article", "lang", "reason"),
    [
        (b'{"channel": "mong-cai"', ARTICLE, "km", "the catalog is not valid"),
        (b'{"channel": "mong-cai"}', ARTICLE, "km", "the catalog is not valid"),
        (None, "no-such-article", "km", "no article 'no-such-article'"),
    ],
)
def test_a_broken_catalog_or_unknown_article_gives_a_clear_error(
    document, tmp_path, document_bytes, article, lang, reason
):
    with pytest.raises(PreviewError, match=reason):
        render_preview(document_bytes or document, article, lang, "portrait", cache_dir=tmp_path)
    assert not list(tmp_path.glob("*.png"))


def test_a_language_the_catalog_does_not_offer_is_named(tmp_path):
    one_language = kiosk_document()
    one_language["languages"] = [o for o in one_language["languages"] if o["code"] == "vi"]
    data = json.dumps(one_language).encode()
    with pytest.raises(PreviewError):
        render_preview(data, ARTICLE, "km", "portrait", cache_dir=tmp_path)


def test_unknown_languages_and_orientations_never_start_the_kiosk(document, tmp_path):
    with pytest.raises(PreviewError, match="unknown language"):
        render_preview(document, ARTICLE, "xx", "portrait", cache_dir=tmp_path)
    with pytest.raises(PreviewError, match="orientation"):
        render_preview(document, ARTICLE, "km", "sideways", cache_dir=tmp_path)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    data = make_data_dir(tmp_path_factory.mktemp("preview"))
    with TestClient(app_for(data)) as test_client:
        yield test_client


def test_the_preview_route_needs_a_login(client):
    client.cookies.clear()
    response = client.get("/desk/preview/mong-cai/visa-on-arrival.png", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")


def test_province_staff_cannot_preview_another_province(client):
    login(client, "tay-ninh")
    response = client.get("/desk/preview/mong-cai/visa-on-arrival.png?lang=km")
    assert response.status_code == 403


def test_staff_see_the_authoring_folders_article_as_a_png(client):
    login(client, "admin")
    response = client.get("/desk/preview/moc-bai/moc-bai-about.png?lang=km&orientation=landscape")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "image/png"
    assert png_size(response.content) == (1920, 1080)


def test_the_route_explains_what_it_cannot_draw(client):
    login(client, "admin")
    missing = client.get("/desk/preview/moc-bai/no-such-article.png?lang=km")
    assert missing.status_code == 422 and "no article" in missing.text
    assert client.get("/desk/preview/nowhere/moc-bai-about.png").status_code == 404
    unknown_language = client.get("/desk/preview/moc-bai/moc-bai-about.png?lang=xx")
    assert unknown_language.status_code == 400  # the staff error page, in the staff's language
    assert "text/html" in unknown_language.headers["content-type"]
