"""The desk's pages through HTTP: lists, the editor, review, conflicts, roles and the audit log."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.hub.desk.desk_support import desk_data_dir
from tests.hub.hubui_support import app_for, csrf_from, login

ARTICLE = "driving-rules"


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return desk_data_dir(tmp_path_factory.mktemp("desk"))


@pytest.fixture
def client(data: Path) -> Iterator[TestClient]:
    with TestClient(app_for(data)) as client:
        yield client


def _as(client: TestClient, username: str) -> TestClient:
    client.cookies.clear()
    login(client, username)
    return client


def _form(client: TestClient, path: str, **values: str) -> dict[str, str]:
    html = client.get(path).text
    revision = html.split('name="based_on" value="')[1].split('"')[0] if "based_on" in html else "0"
    return {"csrf_token": csrf_from(html), "based_on": revision, **values}


def _fields(title: str, **more: str) -> dict[str, str]:
    return {
        "title": title, "summary": "Short.", "source": "Ministry", "as_of": "2026-11-20",
        "source_url": "https://example.gov.vn", "body": "Drive on the right.", **more,
    }  # fmt: skip


def test_the_list_shows_every_article_with_its_language_statuses(client: TestClient) -> None:
    html = _as(client, "analyst").get("/desk").text
    assert "Driving in Viet Nam" in html or "Lái xe" in html
    assert "Content-Security-Policy" in client.get("/desk").headers


def test_the_list_filters_by_topic(client: TestClient) -> None:
    html = _as(client, "analyst").get("/desk?topic=transport").text
    assert f"/desk/articles/{ARTICLE}/" in html
    assert "/desk/articles/cau-treo-about/" not in html


def test_a_failed_save_keeps_what_was_typed_and_names_the_field(client: TestClient) -> None:
    _as(client, "khmer")
    path = f"/desk/articles/{ARTICLE}/km"
    sent = _form(client, path, **_fields("ច្បាប់បើកបរ", source_url="javascript:alert(1)"))
    response = client.post(path, data=sent)
    assert response.status_code == 400
    assert "ច្បាប់បើកបរ" in response.text
    assert 'name="source_url" value="javascript:alert(1)" lang="km" aria-invalid="true"' in (
        response.text
    )


def test_a_translator_saves_and_a_reviewer_approves(client: TestClient) -> None:
    _as(client, "khmer")
    path = f"/desk/articles/{ARTICLE}/km"
    sent = _form(client, path, **_fields("ច្បាប់បើកបរ ថ្មី"), action="submit")
    assert client.post(path, data=sent, follow_redirects=False).status_code == 303
    _as(client, "reviewer")
    token = csrf_from(client.get(path).text)
    approved = client.post(f"{path}/approve", data={"csrf_token": token}, follow_redirects=False)
    assert approved.status_code == 303
    assert "ច្បាប់បើកបរ ថ្មី" in client.get(path).text


def test_the_second_of_two_saves_gets_a_conflict_page_with_both_texts(
    client: TestClient,
) -> None:
    _as(client, "khmer")
    path = f"/desk/articles/{ARTICLE}/km"
    first = _form(client, path, **_fields("ទីមួយ"))
    second = dict(first, title="ទីពីរ")
    assert client.post(path, data=first, follow_redirects=False).status_code == 303
    response = client.post(path, data=second)
    assert response.status_code == 409
    assert "ទីមួយ" in response.text and "ទីពីរ" in response.text


@pytest.mark.parametrize(
    ("username", "path", "values"),
    [
        ("khmer", f"/desk/articles/{ARTICLE}/lo", _fields("x")),
        ("analyst", f"/desk/articles/{ARTICLE}/en", _fields("x")),
        ("ninh-author", f"/desk/articles/{ARTICLE}/zh", _fields("x")),
        ("author", f"/desk/articles/{ARTICLE}/en/approve", {}),
        ("khmer", "/desk/publish", {}),
        ("analyst", "/desk/new", {"id": "new-one", "topic": "transport", "source_lang": "en"}),
    ],
)
def test_each_role_violation_is_refused_and_changes_nothing(
    client: TestClient, username: str, path: str, values: dict[str, str]
) -> None:
    _as(client, "admin")
    before = client.get("/desk/audit.csv").text
    _as(client, username)
    sent = _form(client, "/desk", **values)
    response = client.post(path, data=sent)
    assert response.status_code == 403
    _as(client, "admin")
    assert client.get("/desk/audit.csv").text == before


def test_the_audit_log_is_for_admins_and_exports_csv(client: TestClient) -> None:
    assert _as(client, "reviewer").get("/desk/audit").status_code == 403
    csv = _as(client, "admin").get("/desk/audit.csv")
    assert csv.status_code == 200 and "import" in csv.text


def test_an_overdue_article_is_flagged_on_the_desk_and_in_the_fleet_alerts(
    client: TestClient,
) -> None:
    _as(client, "author")
    path = "/desk/articles/currency-vnd/vi"
    sent = _form(client, path, **_fields("Đồng Việt Nam", review_by="2020-01-31"))
    assert client.post(path, data=sent, follow_redirects=False).status_code == 303
    overdue = client.get("/desk?due=true").text
    assert "/desk/articles/currency-vnd/" in overdue and "2020-01-31" in overdue
    assert "/desk/articles/driving-rules/" not in overdue
    fleet = _as(client, "analyst").get("/fleet?lang=en").text
    assert "currency-vnd" in fleet and "2020-01-31" in fleet


def test_invalid_utf8_in_a_form_is_refused_with_a_message(client: TestClient) -> None:
    _as(client, "khmer")
    path = f"/desk/articles/{ARTICLE}/km"
    sent = _form(client, path, **_fields("x"))
    body = "&".join(f"{key}={value}" for key, value in sent.items() if key != "title")
    response = client.post(
        path,
        content=f"{body}&title=%FF%FEbad".encode(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 400
    assert "not valid UTF-8" in response.text
