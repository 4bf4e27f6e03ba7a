"""Shared pieces of the schemathesis passes: how many examples, one loop over the operations.

`make test` runs EXAMPLES generated requests per device operation and mode; `make soak` sets
HUB_FUZZ_EXAMPLES much higher and runs the same tests.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.generation.modes import GenerationMode

from tests.hub.database_support import queries
from tests.hub.hubui_support import PASSWORD, csrf_from

EXAMPLES = int(os.environ.get("HUB_FUZZ_EXAMPLES", "40"))
STAFF_EXAMPLES = max(8, EXAMPLES // 3)
"""Staff pages are many and slower to render; a third as many examples each."""

Hook = Callable[[schemathesis.Case], None]
Check = Callable[[schemathesis.Case, requests.Response], str | None]


def fuzz_operations(
    url: str,
    schema: schemathesis.BaseSchema,
    session: requests.Session,
    prepare: Hook,
    check: Check,
    skip: Callable[[str, str], bool] = lambda method, path: False,
    examples: int = EXAMPLES,
) -> list[str]:
    """Run every operation in both generation modes; the problems `check` named, one a line."""
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if skip(operation.method.upper(), operation.path):
            continue
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(
                max_examples=examples,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case: schemathesis.Case) -> None:
                prepare(case)
                response = case.call(
                    base_url=url, session=session, timeout=60, allow_redirects=False
                )
                problem = check(case, response)
                if problem:
                    failures.append(f"{problem}: {case.as_curl_command()}"[:2000])

            try:
                run()
            except Exception as error:  # generation can be unsatisfiable for a negative mode
                if "Unsatisfiable" not in type(error).__name__:
                    raise
    return failures


def server_error(case: schemathesis.Case, response: requests.Response) -> str | None:
    if response.status_code >= 500:
        return f"{case.method} {case.formatted_path} -> {response.status_code}"
    return None


STORED = (
    "SELECT count(*), sum(count), sum(revision), sum(seconds) FROM usage_hourly",
    "SELECT count(*), max(id) FROM heartbeats",
    "SELECT count(*), sum(beats) FROM heartbeat_hours",
    "SELECT id, status, token_hash FROM devices ORDER BY id",
    "SELECT count(*), count(used_at) FROM enrolment_codes",
)


def stored_state(database: Path) -> tuple[object, ...]:
    """A fingerprint of everything the device API can write (on SQLite or PostgreSQL)."""
    return tuple(tuple(found) for found in queries(database, STORED))


def staff_session(url: str, username: str | None) -> tuple[requests.Session, str | None]:
    """A browser-like session, logged in as `username` (or anonymous), and its CSRF token."""
    session = requests.Session()
    token = csrf_from(session.get(f"{url}/login", timeout=30).text)
    if username is None:
        return session, token
    answer = session.post(
        f"{url}/login",
        data={"username": username, "password": PASSWORD, "csrf_token": token},
        timeout=30,
        allow_redirects=False,
    )
    assert answer.status_code == 303
    return session, csrf_from(session.get(f"{url}/help", timeout=30).text)
