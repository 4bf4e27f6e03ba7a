"""Schemathesis against the device API's published OpenAPI document (GET /api/v1/openapi.json).

Every operation, with generated bodies, as an enrolled kiosk, as each staff role and anonymously:
no request causes a server error, every answer matches the document, and a refused request
stores nothing. HUB_FUZZ_EXAMPLES (see `make soak`) sets how many requests per operation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from hub.devices.api import ApiLimits
from hub.devices.enrolment import code_hash, exchange, new_code
from hub.staff.context import HUB_DB
from tests.hub.fuzz_support import fuzz_operations, staff_session, stored_state
from tests.hub.hubui_support import app_for, live_server, make_data_dir, store_of
from tests.usage_support import FAKE_ROOT

pytestmark = pytest.mark.slow

DEVICE = "mong-cai-1"
UNLIMITED = ApiLimits(1e9, 10**9, 1e9, 10**9)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@dataclass(frozen=True)
class Hub:
    url: str
    schema: schemathesis.BaseSchema
    token: str
    database: Path


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    data = make_data_dir(tmp_path_factory.mktemp("fuzz"))
    store = store_of(data)
    now = datetime.now(UTC)
    code = new_code()
    store.create_device(DEVICE, "mong-cai", code_hash(code), now + timedelta(days=1), now)
    _, token = exchange(store, code)
    store.create_device("moc-bai-1", "moc-bai", code_hash(new_code()), now + timedelta(days=1), now)
    store.close()
    metadata = data / "repository" / "metadata"
    metadata.mkdir(parents=True, exist_ok=True)
    (metadata / "1.root.json").write_bytes(FAKE_ROOT)  # enrolment hands out the hub's root
    with live_server(app_for(data, UNLIMITED)) as url:
        schema = schemathesis.openapi.from_url(f"{url}/api/v1/openapi.json")
        yield Hub(url, schema, token, data / HUB_DB)


def _fuzz(hub: Hub, session: requests.Session, as_kiosk: bool) -> list[str]:
    before: list[tuple[object, ...]] = []

    def prepare(case: schemathesis.Case) -> None:
        body = case.body
        claimed = body.get("device_id") if isinstance(body, dict) else None
        if as_kiosk and isinstance(claimed, str) and re.fullmatch(r"[\w-]{1,64}", claimed):
            body["device_id"] = DEVICE  # its own rows, so valid bodies reach the store
        before[:] = [stored_state(hub.database)]

    def check(case: schemathesis.Case, response: requests.Response) -> str | None:
        label = f"{case.method} {case.formatted_path} -> {response.status_code}"
        try:
            case.validate_response(response, checks=CHECKS)
        except BaseException as failure:  # schemathesis raises one group naming every failure
            return f"{label}: {str(failure).splitlines()[0]}"
        if response.status_code >= 400 and stored_state(hub.database) != before[0]:
            return f"{label}: a refused request changed what is stored"
        return None

    return fuzz_operations(hub.url, hub.schema, session, prepare, check)


def test_the_document_describes_every_body(hub: Hub) -> None:
    document = requests.get(f"{hub.url}/api/v1/openapi.json", timeout=30).json()
    operations = [op for path in document["paths"].values() for op in path.values()]
    assert {"/api/v1/enrol", "/api/v1/usage", "/api/v1/heartbeat"} <= set(document["paths"])
    assert all(op["requestBody"]["content"].keys() == {"application/json"} for op in operations)


def test_a_kiosk_cannot_break_or_slip_past_the_api(hub: Hub) -> None:
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {hub.token}"
    assert _fuzz(hub, session, as_kiosk=True) == []


@pytest.mark.parametrize("who", [None, "admin", "analyst", "quang-ninh"])
def test_staff_and_strangers_cannot_break_the_api(hub: Hub, who: str | None) -> None:
    session, _ = staff_session(hub.url, who)
    assert _fuzz(hub, session, as_kiosk=False) == []
