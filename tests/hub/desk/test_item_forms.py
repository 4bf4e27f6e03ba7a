"""Per-field forms for topic tiles, contacts and a gate's languages: every rule checked on
save and named beside its field, what was typed kept on a refusal, roles and provinces."""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient

from tests.hub.desk.desk_support import desk_data_dir
from tests.hub.hubui_support import app_for, csrf_from, login


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return desk_data_dir(tmp_path_factory.mktemp("items"))


@pytest.fixture
def client(data: Path) -> Iterator[TestClient]:
    with TestClient(app_for(data)) as test_client:
        test_client.cookies.set("hub_lang", "en")
        login(test_client, "author")
        yield test_client


def _values(client: TestClient, path: str) -> dict[str, str]:
    """The form's fields as the page shows them, with its CSRF token."""
    page = client.get(path).text
    fields = {"csrf_token": csrf_from(page)}
    for chunk in page.split("<input ")[1:]:
        if 'name="' in chunk and 'value="' in chunk and 'type="hidden"' not in chunk:
            name = chunk.split('name="')[1].split('"')[0]
            fields[name] = html.unescape(chunk.split('value="')[1].split('"')[0])
    for chunk in page.split("<textarea ")[1:]:
        name = chunk.split('name="')[1].split('"')[0]
        fields[name] = html.unescape(chunk.split(">", 1)[1].split("</textarea>")[0])
    if "<option selected>" in page:
        fields["kind"] = page.split('name="kind"')[1].split("<option selected>")[1].split("<")[0]
    return fields


def _file(client: TestClient, name: str) -> list[dict]:
    page = client.get(f"/desk/files/{name}").text
    text = page.split('class="yaml"', 1)[1].split(">", 1)[1].split("</textarea>", 1)[0]
    return yaml.safe_load(html.unescape(text))


def _problem(page: str, field: str) -> str:
    assert f'id="p-{field}"' in page, f"no problem shown beside {field}"
    return page.split(f'id="p-{field}">')[1].split("<")[0]


def test_a_tiles_title_is_saved_field_by_field(client: TestClient) -> None:
    sent = {**_values(client, "/desk/topics/transport"), "title.km": "ការដឹកជញ្ជូន", "order": "5"}
    saved = client.post("/desk/topics/transport", data=sent)
    assert saved.status_code == 200 and "Sent for review" in saved.text
    tile = next(t for t in _file(client, "topics.yaml") if t["id"] == "transport")
    assert tile["title"]["km"] == "ការដឹកជញ្ជូន" and tile["order"] == 5
    audit = client.app.state.desk.store.audit_log(limit=1)[0]  # type: ignore[attr-defined]
    assert (audit.username, audit.action) == ("author", "propose")
    assert audit.detail == "topics.yaml: topic transport"


def test_a_bad_phone_number_is_named_beside_its_field_and_what_was_typed_stays(
    client: TestClient,
) -> None:
    before = _file(client, "contacts.yaml")
    sent = {**_values(client, "/desk/contacts/moc-bai-hospital"), "number": "12",
            "name.en": "Moc Bai clinic (typed)"}  # fmt: skip
    refused = client.post("/desk/contacts/moc-bai-hospital", data=sent)
    assert refused.status_code == 400
    assert "telephone number" in _problem(refused.text, "number")
    assert 'value="12"' in refused.text and 'value="Moc Bai clinic (typed)"' in refused.text
    assert _file(client, "contacts.yaml") == before


@pytest.mark.parametrize("number", ["call 113", "+84 12", "0000"])
def test_numbers_no_one_can_call_are_refused(client: TestClient, number: str) -> None:
    sent = {**_values(client, "/desk/contacts/police"), "number": number}
    assert client.post("/desk/contacts/police", data=sent).status_code == 400


def test_an_international_number_and_a_new_contact_are_saved(client: TestClient) -> None:
    sent = {**_values(client, "/desk/contacts/new"), "id": "cambodia-consulate",
            "kind": "consulate", "number": "+855 23 212 345", "gates": "moc-bai",
            "name.en": "Consulate", "name.vi": "Lãnh sự quán"}  # fmt: skip
    response = client.post("/desk/contacts/new", data=sent)
    assert response.url.path == "/desk/contacts/cambodia-consulate"
    found = next(c for c in _file(client, "contacts.yaml") if c["id"] == "cambodia-consulate")
    assert found["number"] == "+855 23 212 345" and found["gates"] == ["moc-bai"]


def test_a_contacts_notes_survive_a_change_of_its_number(client: TestClient) -> None:
    before = next(c for c in _file(client, "contacts.yaml") if c["id"] == "fire")
    sent = {**_values(client, "/desk/contacts/fire"), "number": "114"}
    assert client.post("/desk/contacts/fire", data=sent).status_code == 200
    after = next(c for c in _file(client, "contacts.yaml") if c["id"] == "fire")
    assert after["note"] == before["note"] and after["name"] == before["name"]


def test_a_gates_language_order_and_fallback_chain_are_saved(client: TestClient) -> None:
    sent = {**_values(client, "/desk/gates/moc-bai"), "order.km": "1", "order.vi": "2",
            "order.en": "3", "order.zh": "", "order.lo": "", "fallback.km": "en, vi",
            "fallback.vi": "en", "fallback.en": "vi"}  # fmt: skip
    assert client.post("/desk/gates/moc-bai", data=sent).status_code == 200
    gate = next(g for g in _file(client, "gates.yaml") if g["id"] == "moc-bai")
    assert gate["languages"] == [
        {"code": "km", "fallback": ["en", "vi"]}, {"code": "vi", "fallback": ["en"]},
        {"code": "en", "fallback": ["vi"]},
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "field", "said"),
    [
        ({"order.zh": "", "fallback.km": "zh"}, "fallback.km", "offered"),
        ({"order.km": "1", "order.vi": "1"}, "order.vi", "share"),
        ({"order.lo": "9"}, "order.lo", "position"),
        ({"fallback.en": "en"}, "fallback.en", "offered"),
    ],
)
def test_a_broken_language_chain_is_named_beside_its_field(
    client: TestClient, change: dict[str, str], field: str, said: str
) -> None:
    before = _file(client, "gates.yaml")
    sent = {**_values(client, "/desk/gates/moc-bai"), **change}
    refused = client.post("/desk/gates/moc-bai", data=sent)
    assert refused.status_code == 400 and said in _problem(refused.text, field)
    assert _file(client, "gates.yaml") == before


def test_a_rule_of_the_compiler_on_the_whole_content_refuses_the_save(client: TestClient) -> None:
    sent = {**_values(client, "/desk/topics/new"), "id": "transport", "order": "1",
            "icon": "bus", "title.en": "Again"}  # fmt: skip
    refused = client.post("/desk/topics/new", data=sent)
    assert refused.status_code == 400 and "taken" in _problem(refused.text, "id")
    sent = {**_values(client, "/desk/topics/new"), "id": "bad tile", "order": "x"}
    refused = client.post("/desk/topics/new", data=sent)
    assert refused.status_code == 400 and 'value="bad tile"' in refused.text
    assert _problem(refused.text, "order")


def test_a_translator_may_not_change_settings(data: Path) -> None:
    with TestClient(app_for(data)) as client:
        login(client, "khmer")
        sent = {**_values(client, "/desk/gates/moc-bai"), "order.lo": "4"}
        assert client.post("/desk/gates/moc-bai", data=sent).status_code == 403
        assert 'name="order.lo" type="number"' in client.get("/desk/gates/moc-bai").text
        assert "disabled" in client.get("/desk/gates/moc-bai").text


def test_province_staff_change_only_their_own_gates(data: Path) -> None:
    with TestClient(app_for(data)) as client:
        login(client, "ninh-author")  # Quảng Ninh: Móng Cái
        own = {**_values(client, "/desk/gates/mong-cai"), "fallback.lo": "vi"}
        assert client.post("/desk/gates/mong-cai", data=own).status_code == 200
        other = {**_values(client, "/desk/gates/moc-bai"), "fallback.lo": "vi"}
        assert client.post("/desk/gates/moc-bai", data=other).status_code == 403
        tile = {**_values(client, "/desk/topics/transport"), "order": "1"}
        assert client.post("/desk/topics/transport", data=tile).status_code == 403


def test_the_forms_speak_vietnamese(client: TestClient) -> None:
    client.cookies.set("hub_lang", "vi")
    page = client.get("/desk/contacts/police").text
    assert "Số điện thoại" in page and 'lang="km"' in page
