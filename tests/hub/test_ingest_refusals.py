"""Usage ingestion refuses, with a clear JSON error and nothing stored: a wrong, missing or
revoked token, rows for another device, an oversized payload, a malformed payload."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from hub.devices.api import ApiLimits
from hub.devices.models import MAX_BODY_BYTES
from hub.store import HubStore
from hub.store.queries import UsageFilter
from tests.usage_support import enrolled, hub_app, running

HOUR = "2026-11-20T08:00:00Z"


def row(**overrides: Any) -> dict[str, Any]:
    value: dict[str, Any] = {
        "hour": HOUR,
        "kind": "article_view",
        "dims": {"article": "visa", "lang": "en", "topic": "entry"},
        "count": 3,
        "seconds": 40.0,
        "hist": [0, 1, 1, 0, 1, 0, 0, 0, 0],
        "revision": 1,
    }
    value.update(overrides)
    return value


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, HubStore]]:
    app, store = hub_app(tmp_path_factory.mktemp("hub"))
    with running(app) as url:
        yield url, store


def post(url: str, token: str | None, body: Any, **kwargs: Any) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return requests.post(f"{url}/api/v1/usage", json=body, headers=headers, timeout=10, **kwargs)


def assert_refused(response: requests.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["details"], list)


def nothing_stored(store: HubStore, device_id: str) -> bool:
    return store.usage(UsageFilter(devices=[device_id])) == []


def test_a_good_upload_is_acknowledged(hub: tuple[str, HubStore]) -> None:
    url, store = hub
    device_id, token = enrolled(store)
    response = post(url, token, {"device_id": device_id, "rows": [row()]})
    assert response.status_code == 200
    assert response.json() == {"accepted": 1}
    [stored] = store.usage(UsageFilter(devices=[device_id]))
    assert (stored.count, stored.hist) == (3, (0, 1, 1, 0, 1, 0, 0, 0, 0))


def test_a_wrong_token_is_refused_and_nothing_stored(hub: tuple[str, HubStore]) -> None:
    url, store = hub
    device_id, _ = enrolled(store)
    response = post(url, "not-the-token-at-all", {"device_id": device_id, "rows": [row()]})
    assert_refused(response, 401, "invalid_token")
    assert nothing_stored(store, device_id)


def test_a_missing_token_is_refused_and_nothing_stored(hub: tuple[str, HubStore]) -> None:
    url, store = hub
    device_id, _ = enrolled(store)
    assert_refused(post(url, None, {"device_id": device_id, "rows": [row()]}), 401, "missing_token")
    assert nothing_stored(store, device_id)


def test_a_revoked_token_is_refused_and_nothing_stored(hub: tuple[str, HubStore]) -> None:
    url, store = hub
    device_id, token = enrolled(store)
    store.revoke(device_id)
    response = post(url, token, {"device_id": device_id, "rows": [row()]})
    assert_refused(response, 403, "device_revoked")
    assert nothing_stored(store, device_id)


def test_rows_for_another_device_are_refused_and_nothing_stored(
    hub: tuple[str, HubStore],
) -> None:
    url, store = hub
    mine, token = enrolled(store)
    theirs, _ = enrolled(store, gate="lao-bao")
    response = post(url, token, {"device_id": theirs, "rows": [row()]})
    assert_refused(response, 403, "wrong_device")
    assert nothing_stored(store, theirs) and nothing_stored(store, mine)


def test_an_oversized_payload_is_refused_and_nothing_stored(hub: tuple[str, HubStore]) -> None:
    url, store = hub
    device_id, token = enrolled(store)
    padding = "x" * (MAX_BODY_BYTES + 10)
    body = {"device_id": device_id, "rows": [row()], "padding": padding}
    assert_refused(post(url, token, body), 413, "payload_too_large")

    def chunks() -> Iterator[bytes]:  # no Content-Length: the hub counts as it reads
        yield b'{"device_id": "' + device_id.encode() + b'", "rows": ['
        for _ in range(MAX_BODY_BYTES // 1000 + 10):
            yield b" " * 1000
        yield b"]}"

    response = requests.post(
        f"{url}/api/v1/usage",
        data=chunks(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        timeout=10,
    )
    assert_refused(response, 413, "payload_too_large")
    too_many_rows = [
        row(hour=f"2026-11-{1 + i // 24:02d}T{i % 24:02d}:00:00Z") for i in range(2001)
    ]
    response = post(url, token, {"device_id": device_id, "rows": too_many_rows})
    assert_refused(response, 422, "invalid_payload")
    assert nothing_stored(store, device_id)


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b'{"device_id": "x", "rows": [', 400, "malformed_json"),
        (b"<html>not json</html>", 400, "malformed_json"),
        ({"device_id": None, "rows": [row()]}, 422, "invalid_payload"),
        ({"rows": [row(count=-1)]}, 422, "invalid_payload"),
        ({"rows": [row(count="3")]}, 422, "invalid_payload"),
        ({"rows": [row(hour="2026-11-20T08:30:00Z")]}, 422, "invalid_payload"),
        ({"rows": [row(hour="2026-02-30T08:00:00Z")]}, 422, "invalid_payload"),
        ({"rows": [row(hist=[1, 2, 3])]}, 422, "invalid_payload"),
        ({"rows": [row(hist=[9, 0, 0, 0, 0, 0, 0, 0, 0])]}, 422, "invalid_payload"),
        ({"rows": [row(kind="DROP TABLE")]}, 422, "invalid_payload"),
        ({"rows": [row(dims={"query": "b1234567"})]}, 422, "invalid_payload"),
        ({"rows": [row(dims={"article": "x" * 65})]}, 422, "invalid_payload"),
        ({"rows": [row(), row()]}, 422, "invalid_payload"),
        ({"rows": [row(extra=1)]}, 422, "invalid_payload"),
        ({"rows": []}, 422, "invalid_payload"),
    ],
)
def test_a_malformed_payload_is_refused_and_nothing_stored(
    hub: tuple[str, HubStore], body: Any, status: int, code: str
) -> None:
    url, store = hub
    device_id, token = enrolled(store)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    data = json.dumps({"device_id": device_id, **body}).encode() if isinstance(body, dict) else body
    response = requests.post(f"{url}/api/v1/usage", data=data, headers=headers, timeout=10)
    assert_refused(response, status, code)
    assert "b1234567" not in response.text  # refused values are never echoed
    assert nothing_stored(store, device_id)


def test_a_body_that_is_not_json_is_refused(hub: tuple[str, HubStore]) -> None:
    url, store = hub
    device_id, token = enrolled(store)
    response = requests.post(
        f"{url}/api/v1/usage",
        data=b"device_id=x",
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert_refused(response, 415, "unsupported_media_type")
    assert nothing_stored(store, device_id)


def test_each_device_has_a_rate_limit(tmp_path: Path) -> None:
    app, store = hub_app(tmp_path, ApiLimits(device_per_second=0.01, device_burst=3))
    busy, busy_token = enrolled(store)
    calm, calm_token = enrolled(store)
    with running(app) as url:
        answers = [post(url, busy_token, {"device_id": busy, "rows": [row()]}) for _ in range(4)]
        assert [a.status_code for a in answers] == [200, 200, 200, 429]
        assert_refused(answers[-1], 429, "rate_limited")
        assert int(answers[-1].headers["Retry-After"]) >= 1
        assert post(url, calm_token, {"device_id": calm, "rows": [row()]}).status_code == 200
