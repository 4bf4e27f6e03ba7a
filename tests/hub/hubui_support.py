"""Shared helpers for the staff-page tests: a hub data folder, logins, a live server."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from hub.demo.content import write_demo_content
from hub.demo.gates import GATES
from hub.demo.live import live_server
from hub.devices.api import ApiLimits
from hub.devices.enrolment import code_hash, exchange, new_code
from hub.settings import HubSettings
from hub.staff.accounts import Accounts
from hub.staff.context import HUB_DB, open_staff_db
from hub.store import HubStore
from hub.web import close_app, create_app

__all__ = ["live_server"]  # and the helpers below

PASSWORD = "correct horse battery"
USERS = (
    ("admin", "admin", None),
    ("analyst", "analyst", None),
    ("quang-ninh", "analyst", "quang-ninh"),
    ("tay-ninh", "analyst", "tay-ninh"),
)
"""The same accounts as the demo's."""
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


SMALL_GATES = tuple(g for g in GATES if g.id in {"mong-cai", "moc-bai", "xa-mat", "bo-y"})
"""Quảng Ninh (one gate), Tây Ninh (two) and Quảng Ngãi (one)."""


def make_data_dir(root: Path) -> Path:
    """A hub data folder with four of the demo's gates, the sample articles, and accounts."""
    data = root / "hub"
    write_demo_content(data / "content", gates=SMALL_GATES)
    db = open_staff_db(data)
    accounts = Accounts(db)
    for username, role, province in USERS:
        accounts.add(username, PASSWORD, role, province)
    db.close()
    return data


def add_device(
    store: HubStore, device_id: str, gate: str, enrolled: datetime, revoked: datetime | None = None
) -> None:
    """An active (or revoked) kiosk with the given in-service dates."""
    code = new_code()
    store.create_device(device_id, gate, code_hash(code), enrolled + timedelta(days=1), enrolled)
    exchange(store, code, now=enrolled)
    if revoked is not None:
        store.revoke(device_id, now=revoked)


OPEN_APPS: list[FastAPI] = []
"""Apps made by `app_for`, closed after each test (tests/conftest.py) so their database
connections do not pile up over the suite."""


def app_for(data: Path, limits: ApiLimits | None = None) -> FastAPI:
    app = create_app(
        HubSettings(
            data,
            resign_timestamp_every_minutes=0,
            heartbeat_retention_days=0,
            heartbeat_rollup_retention_days=0,
            poll_feeds_every_minutes=0,
        ),
        limits,
    )
    OPEN_APPS.append(app)
    return app


def close_open_apps() -> None:
    while OPEN_APPS:
        close_app(OPEN_APPS.pop())


def store_of(data: Path) -> HubStore:
    return HubStore(data / HUB_DB)


def csrf_from(html: str) -> str:
    found = CSRF.search(html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def login(client: TestClient, username: str, password: str = PASSWORD) -> None:
    token = csrf_from(client.get("/login").text)
    response = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text[:300]


def page_token(client: TestClient, path: str = "/figures") -> str:
    return csrf_from(client.get(path).text)
