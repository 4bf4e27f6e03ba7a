"""The two-person rule for settings and pictures: a change takes effect only when a reviewer
other than its editor approves it; a rejection needs a reason; every step is in the audit log."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from PIL import Image

from hub.desk.access import DeskContext
from tests.hub.desk.desk_support import desk_data_dir
from tests.hub.hubui_support import app_for, csrf_from, login


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(app_for(desk_data_dir(tmp_path))) as test_client:
        test_client.cookies.set("hub_lang", "en")
        yield test_client


def _desk(client: TestClient) -> DeskContext:
    return client.app.state.desk  # type: ignore[attr-defined]


def _as(client: TestClient, username: str) -> TestClient:
    client.cookies.clear()
    client.cookies.set("hub_lang", "en")
    login(client, username)
    return client


def _rename_tile(client: TestClient, title: str) -> None:
    page = client.get("/desk/topics/transport").text
    values = {"csrf_token": csrf_from(page), "order": "5", "icon": "bus", "title.en": title}
    assert client.post("/desk/topics/transport", data=values).status_code == 200


def _approved_tile(client: TestClient) -> str:
    topics = yaml.safe_load(_desk(client).store.file("topics.yaml") or b"")
    return next(t for t in topics if t["id"] == "transport")["title"]["en"]


def _decide(client: TestClient, step: str, reason: str = "") -> object:
    change = _desk(client).changes.pending()[-1]
    token = csrf_from(client.get("/desk/changes").text)
    return client.post(
        f"/desk/changes/{change.id}/{step}", data={"csrf_token": token, "reason": reason}
    )


def test_a_settings_change_takes_effect_only_when_another_person_approves(
    client: TestClient,
) -> None:
    before = _approved_tile(_as(client, "author"))
    _rename_tile(client, "Buses and taxis")
    assert _approved_tile(client) == before  # published content still has the old tile
    assert "Buses and taxis" in client.get("/desk/topics/transport").text  # the working copy
    approved = _decide(_as(client, "reviewer"), "approve")
    assert approved.status_code == 200 and "Approved." in approved.text  # type: ignore[attr-defined]
    assert _approved_tile(client) == "Buses and taxis"


def test_nobody_approves_their_own_settings_change(client: TestClient) -> None:
    before = _approved_tile(_as(client, "admin"))
    _rename_tile(client, "Admin's own tile")
    refused = _decide(client, "approve")
    assert refused.status_code == 400 and "cannot approve" in refused.text  # type: ignore[attr-defined]
    assert _approved_tile(client) == before


def test_a_translator_may_not_decide_a_change(client: TestClient) -> None:
    _rename_tile(_as(client, "author"), "Buses")
    assert _decide(_as(client, "khmer"), "approve").status_code == 403  # type: ignore[attr-defined]
    assert len(_desk(client).changes.pending()) == 1


def test_a_rejection_needs_a_reason_and_leaves_the_approved_file(client: TestClient) -> None:
    before = _approved_tile(_as(client, "author"))
    _rename_tile(client, "Wrong name")
    _as(client, "reviewer")
    assert _decide(client, "reject", "").status_code == 400  # type: ignore[attr-defined]
    assert _decide(client, "reject", "the ministry calls it Transport").status_code == 200  # type: ignore[attr-defined]
    assert _approved_tile(client) == before and not _desk(client).changes.pending()


def test_a_picture_reaches_the_article_only_after_approval_and_all_is_audited(
    client: TestClient,
) -> None:
    _as(client, "author")
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, "PNG")
    token = csrf_from(client.get("/desk/articles/driving-rules/vi").text)
    client.post(
        "/desk/articles/driving-rules/image", data={"csrf_token": token},
        files={"image": ("road.png", out.getvalue(), "image/png")},
    )  # fmt: skip
    meta = _desk(client).store.file("articles/driving-rules/article.yaml") or b""
    assert b"image:" not in meta
    assert _decide(_as(client, "reviewer"), "approve").status_code == 200  # type: ignore[attr-defined]
    meta = _desk(client).store.file("articles/driving-rules/article.yaml") or b""
    assert b"image: images/" in meta
    audit = _as(client, "admin").get("/desk/audit.csv").text
    assert "author,propose" in audit and "reviewer,approve" in audit
    assert "articles/driving-rules/article.yaml: picture images/" in audit
