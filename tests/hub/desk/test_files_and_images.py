"""Topics, contacts and gates edited on the desk, and pictures uploaded: every compiler rule on
save, and hostile images refused with a clear reason."""

from __future__ import annotations

import html
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from hub.desk.images import ImageRefusedError, check_image
from tests.hub.desk.desk_support import desk_data_dir
from tests.hub.hubui_support import app_for, csrf_from, login


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return desk_data_dir(tmp_path_factory.mktemp("files"))


@pytest.fixture
def client(data: Path) -> Iterator[TestClient]:
    with TestClient(app_for(data)) as client:
        login(client, "author")
        yield client


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, "PNG")
    return out.getvalue()


def _post_file(client: TestClient, name: str, text: str) -> object:
    token = csrf_from(client.get(f"/desk/files/{name}").text)
    return client.post(f"/desk/files/{name}", data={"csrf_token": token, "text": text})


def test_a_contact_with_a_bad_phone_number_is_refused_and_kept_as_typed(
    client: TestClient,
) -> None:
    text = client.get("/desk/files/contacts.yaml").text
    assert "number: &#34;113&#34;" in text
    original = (Path(__file__).parents[3] / "assets/content/contacts.yaml").read_text()
    bad = original.replace('number: "113"', 'number: "call 113 now"', 1)
    response = _post_file(client, "contacts.yaml", bad)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "contacts.yaml:7" in response.text and "call 113 now" in response.text  # type: ignore[attr-defined]


def test_a_gate_falling_back_to_an_unknown_language_is_refused(client: TestClient) -> None:
    current = client.get("/desk/files/gates.yaml")
    text = html.unescape(current.text.split('class="yaml">', 1)[1].split("</textarea>", 1)[0])
    bad = text.replace("fallback: [en, vi]", "fallback: [xx]", 1)
    response = _post_file(client, "gates.yaml", bad)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "fallback" in response.text  # type: ignore[attr-defined]


def test_a_translator_may_not_edit_topics(data: Path) -> None:
    with TestClient(app_for(data)) as client:
        login(client, "khmer")
        assert _post_file(client, "topics.yaml", "[]\n").status_code == 403  # type: ignore[attr-defined]


def test_a_picture_is_uploaded_and_waits_for_a_second_person(client: TestClient) -> None:
    token = csrf_from(client.get("/desk/articles/driving-rules/vi").text)
    response = client.post(
        "/desk/articles/driving-rules/image",
        data={"csrf_token": token},
        files={"image": ("road.png", _png(40, 30), "image/png")},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert "images/" not in client.get("/desk/articles/driving-rules/vi").text
    waiting = client.get("/desk/changes").text
    assert "articles/driving-rules/article.yaml" in waiting and "image: images/" in waiting


def test_a_mislabelled_upload_is_refused_with_its_reason(client: TestClient) -> None:
    token = csrf_from(client.get("/desk/articles/driving-rules/vi").text)
    response = client.post(
        "/desk/articles/driving-rules/image",
        data={"csrf_token": token},
        files={"image": ("road.jpg", _png(40, 30), "image/jpeg")},
    )
    assert response.status_code == 400
    assert "is image/png" in response.text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"GIF89a" + bytes(100), "not a PNG or JPEG"),
        (_png(40, 30)[:60], "damaged"),
        (b"x" * (9 * 1024 * 1024), "bytes; at most"),
    ],
)
def test_bad_images_are_refused(data: bytes, reason: str) -> None:
    with pytest.raises(ImageRefusedError, match=reason):
        check_image(data)


def test_a_decompression_bomb_is_refused() -> None:
    bomb = _png(20_000, 20_000)
    assert len(bomb) < 2 * 1024 * 1024
    with pytest.raises(ImageRefusedError, match="decompression bomb"):
        check_image(bomb)
