"""The device API refuses, with a 422 or 415 and nothing stored, what once made it answer 500
or slipped through loosely: timestamps outside 2020-2099 or with an offset that overflows,
impossible dates, numbers for times, strings for numbers, a look-alike content type."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from hub.store import HubStore
from tests.usage_support import enrolled, hub_app, running


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, HubStore]]:
    app, store = hub_app(tmp_path_factory.mktemp("hub"))
    with running(app) as url:
        yield url, store


def beat(device_id: str, **overrides: Any) -> dict[str, Any]:
    return {
        "device_id": device_id,
        "sent_at": "2026-11-20T08:00:00+07:00",
        "uptime_s": 60.0,
        "disk_free_bytes": 10**9,
    } | overrides


def send(url: str, token: str, body: Any, path: str = "heartbeat", **kw: Any) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"} | kw.pop("headers", {})
    return requests.post(f"{url}/api/v1/{path}", json=body, headers=headers, timeout=10, **kw)


def test_a_plain_heartbeat_is_accepted(hub: tuple[str, HubStore]) -> None:
    url, store = hub
    device_id, token = enrolled(store)
    assert send(url, token, beat(device_id)).status_code == 200
    assert device_id in {b.device_id for b in store.latest_heartbeats().values()}


@pytest.mark.parametrize(
    "fields",
    [
        {"sent_at": "9999-12-31T23:59:59-23:59"},  # was a 500: overflows on the way to UTC
        {"sent_at": "0001-01-01T00:00:00+23:59"},  # was a 500
        {"last_sync": {"at": "0001-01-01T00:00:00+01:00"}},  # was a 500
        {"sent_at": "2026-02-30T08:00:00Z"},
        {"sent_at": "2019-12-31T23:00:00Z"},
        {"sent_at": "2026-11-20T08:00:00"},  # no offset
        {"sent_at": 1_700_000_000},
        {"uptime_s": "60"},
        {"disk_free_bytes": 1.5},
        {"last_upload": {"ok": "yes"}},
    ],
)
def test_a_bad_field_is_refused_and_nothing_stored(
    hub: tuple[str, HubStore], fields: dict[str, Any]
) -> None:
    url, store = hub
    device_id, token = enrolled(store)
    response = send(url, token, beat(device_id, **fields))
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "invalid_payload"
    assert device_id not in {b.device_id for b in store.latest_heartbeats().values()}


@pytest.mark.parametrize("media_type", ["text/jsonish", "application/json-seq", "text/plain"])
def test_only_application_json_is_read(hub: tuple[str, HubStore], media_type: str) -> None:
    url, store = hub
    device_id, token = enrolled(store)
    response = send(url, token, beat(device_id), headers={"Content-Type": media_type})
    assert response.status_code == 415
    assert device_id not in {b.device_id for b in store.latest_heartbeats().values()}


def test_a_dimension_number_beyond_exact_json_range_is_refused(hub: tuple[str, HubStore]) -> None:
    url, store = hub
    device_id, token = enrolled(store)
    row = {"hour": "2026-11-20T08:00:00Z", "kind": "k", "dims": {"n": 2**60}, "count": 1}
    response = send(url, token, {"device_id": device_id, "rows": [row | {"revision": 1}]}, "usage")
    assert response.status_code == 422


@pytest.mark.parametrize("code", ["ABCD\nEFGH", "ABCD\x00EFGH", ""])
def test_an_enrolment_code_with_strange_characters_is_refused(
    hub: tuple[str, HubStore], code: str
) -> None:
    url, _ = hub
    response = requests.post(f"{url}/api/v1/enrol", json={"code": code}, timeout=10)
    assert response.status_code == 422
