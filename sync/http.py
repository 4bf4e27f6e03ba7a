"""HTTP to the hub for usage, heartbeat and enrolment: one requests session, explicit timeouts.

Transient faults (connection refused, 502/503/504) are retried a little by urllib3's Retry;
anything longer waits for the next scheduled run. Usage uploads are safe to retry because the
hub upserts; enrolment is not (a code is spent once), so it never retries a sent request.
"""

from __future__ import annotations

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

CONNECT_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 20.0
MAX_ERROR_CHARS = 300


def hub_session(*, idempotent: bool = True) -> requests.Session:
    retry = Retry(
        total=3,
        connect=2,
        read=1 if idempotent else 0,
        status=2 if idempotent else 0,
        other=0,
        status_forcelist=(502, 503, 504),
        allowed_methods=frozenset({"GET", "POST"}) if idempotent else frozenset({"GET"}),
        backoff_factor=0.5,
        backoff_max=5.0,
        raise_on_status=False,
        respect_retry_after_header=False,
    )
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["User-Agent"] = "border-kiosk-sync"
    return session


def api_url(hub_url: str, path: str) -> str:
    return hub_url.rstrip("/") + "/api/v1/" + path


def describe_refusal(response: requests.Response) -> str:
    """The hub's JSON error as one line ('invalid_token: ...'), or the status if not JSON."""
    try:
        error = response.json()["error"]
        text = f"{error['code']}: {error['message']}"
    except (ValueError, KeyError, TypeError):
        text = f"HTTP {response.status_code}"
    return text[:MAX_ERROR_CHARS]
