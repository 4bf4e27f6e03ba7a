"""Schemathesis against the hub's own OpenAPI description: no request may cause a server error.

Three passes over every operation, each with a bounded number of generated requests: as an
anonymous visitor, as a logged-in admin, and as that admin with a valid CSRF token added to
every form (so form handlers run on generated input, not only the CSRF check).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.generation.modes import GenerationMode

from hub.store_records import Heartbeat, UsageRow
from tests.hub.hubui_support import (
    PASSWORD,
    add_device,
    app_for,
    csrf_from,
    live_server,
    make_data_dir,
    store_of,
)

pytestmark = pytest.mark.slow

MAX_EXAMPLES = 8
ENDS_THE_SESSION = {
    ("POST", "/logout"),
    ("POST", "/users/{user_id}/password"),
    ("POST", "/users/{user_id}/active"),
    ("POST", "/publishing/publish"),
}


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, schemathesis.BaseSchema]]:
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
    with live_server(app) as url:
        yield url, schemathesis.openapi.from_dict(app.openapi())


def _session(url: str, log_in: bool) -> tuple[requests.Session, str | None]:
    session = requests.Session()
    token = csrf_from(session.get(f"{url}/login", timeout=30).text)
    if not log_in:
        return session, None
    answer = session.post(
        f"{url}/login",
        data={"username": "admin", "password": PASSWORD, "csrf_token": token},
        timeout=30,
        allow_redirects=False,
    )
    assert answer.status_code == 303
    return session, csrf_from(session.get(f"{url}/figures", timeout=30).text)


def _fuzz(
    url: str, schema: schemathesis.BaseSchema, session: requests.Session, token: str | None
) -> list[str]:
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if token and (operation.method.upper(), operation.path) in ENDS_THE_SESSION:
            continue
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(
                max_examples=MAX_EXAMPLES,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case: schemathesis.Case) -> None:
                if token and isinstance(case.body, dict):
                    case.body["csrf_token"] = token
                response = case.call(
                    base_url=url, session=session, timeout=60, allow_redirects=False
                )
                if response.status_code >= 500:
                    failures.append(
                        f"{case.method} {case.formatted_path} -> {response.status_code}: {case.as_curl_command()}"
                    )

            try:
                run()
            except Exception as error:  # generation can be unsatisfiable for a negative mode
                if "Unsatisfiable" not in type(error).__name__:
                    raise
    return failures


@pytest.mark.parametrize("who", ["anonymous", "admin", "admin-with-csrf"])
def test_no_request_causes_a_server_error(
    hub: tuple[str, schemathesis.BaseSchema], who: str
) -> None:
    url, schema = hub
    session, token = _session(url, log_in=who != "anonymous")
    failures = _fuzz(url, schema, session, token if who == "admin-with-csrf" else None)
    assert failures == []
