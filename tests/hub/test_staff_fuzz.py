"""Schemathesis over the staff pages and forms: no request causes a server error.

Every staff operation (login included) as an anonymous visitor and as each staff role, each
logged-in pass also with a valid CSRF token in every form, so form handlers run on generated
input and not only the CSRF check. HUB_FUZZ_EXAMPLES (see `make soak`) sets the count.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
import requests
import schemathesis

from hub.store.records import Heartbeat, UsageRow
from tests.hub.fuzz_support import fuzz_operations, server_error, staff_session
from tests.hub.hubui_support import add_device, app_for, live_server, make_data_dir, store_of

pytestmark = pytest.mark.slow

ENDS_THE_SESSION = {
    ("POST", "/logout"),
    ("POST", "/users/{user_id}/password"),
    ("POST", "/users/{user_id}/active"),
    ("POST", "/publishing/publish"),
}


WHO = (None, "admin", "analyst", "quang-ninh")


@dataclass(frozen=True)
class Hub:
    url: str
    schema: schemathesis.BaseSchema
    sessions: dict[str | None, tuple[requests.Session, str | None]]


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    data = make_data_dir(tmp_path_factory.mktemp("fuzz"))
    store = store_of(data)
    now = datetime.now(UTC)
    add_device(store, "mong-cai-1", "mong-cai", now - timedelta(days=5))
    hour = (now - timedelta(days=1)).strftime("%Y-%m-%dT%H:00:00Z")
    store.upsert_usage(
        "mong-cai-1",
        [
            UsageRow(hour, "session_end", {"engaged": True}, 3, 90.0, (0, 0, 1, 1, 1, 0, 0, 0, 0)),
            UsageRow(hour, "session_start", {"lang": "zh"}, 3),
            UsageRow(
                hour, "article_view", {"article": "e-visa", "topic": "entry-visa", "lang": "zh"}, 2
            ),
        ],
    )
    store.record_heartbeat(Heartbeat("mong-cai-1", now, 5.0, 10**10, 1, received_at=now))
    store.close()
    app = app_for(data)
    staff_only = {
        path: item for path, item in app.openapi()["paths"].items() if not path.startswith("/api/")
    }
    with live_server(app) as url:
        # every login before any fuzzing: fuzzed logins lock accounts, as they should
        sessions = {who: staff_session(url, who) for who in WHO}
        yield Hub(
            url, schemathesis.openapi.from_dict({**app.openapi(), "paths": staff_only}), sessions
        )


@pytest.mark.parametrize(
    ("who", "with_csrf"),
    [
        (None, True),
        ("admin", False),
        ("admin", True),
        ("analyst", True),
        ("quang-ninh", True),
    ],
)
def test_no_staff_request_causes_a_server_error(hub: Hub, who: str | None, with_csrf: bool) -> None:
    session, token = hub.sessions[who]

    def prepare(case: schemathesis.Case) -> None:
        if with_csrf and isinstance(case.body, dict):
            case.body["csrf_token"] = token

    def ends_the_session(method: str, path: str) -> bool:
        return who is not None and (method, path) in ENDS_THE_SESSION

    failures = fuzz_operations(
        hub.url, hub.schema, session, prepare, server_error, ends_the_session
    )
    assert failures == []
