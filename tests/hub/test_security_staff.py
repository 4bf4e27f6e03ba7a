"""Security of the staff pages: CSRF on every form, login rate limit, cookies, hashes, CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from hub.staff.context import STAFF_DB
from hub.staff.tables import Column, Table, to_csv
from tests.hub.database_support import rows, write
from tests.hub.hubui_support import PASSWORD, app_for, csrf_from, login, make_data_dir

# A plausible body for each form, so only the CSRF token is missing.
FORMS = {
    "/login": {"username": "admin", "password": PASSWORD},
    "/logout": {},
    "/figures/crossings": {"gate": "mong-cai", "month": "2026-10", "crossings": "5"},
    "/figures/cost": {"gate": "mong-cai", "yearly_cost": "5"},
    "/users": {"username": "mallory", "password": "a long passphrase", "role": "admin"},
    "/users/1/active": {"active": "false"},
    "/users/1/password": {"password": "another long passphrase"},
    "/devices": {"gate": "mong-cai"},
    "/devices/none/revoke": {},
    "/publishing/publish": {},
    "/desk/new": {"id": "new-one", "topic": "transport", "source_lang": "en"},
    "/desk/publish": {},
    "/desk/articles/{article}/{lang}": {"title": "x", "based_on": "1"},
    "/desk/articles/{article}/{lang}/{step}": {"reason": "x"},
    "/desk/articles/{article}/image": {},
    "/desk/files/{name}": {"text": "[]"},
    "/desk/topics/{item_id}": {"order": "1", "icon": "x"},
    "/desk/contacts/{item_id}": {"number": "113"},
    "/desk/gates/{item_id}": {"order.vi": "1"},
    "/desk/changes/{change_id}/{step}": {"reason": "x"},
    "/desk/feeds": {"url": "https://example.org/feed", "name": "x"},
    "/desk/feeds/{feed_id}/check": {},
    "/desk/feeds/{feed_id}/items": {"guid": "x", "action": "dismiss"},
    "/events": {"gate": "mong-cai", "kind": "moved", "day": "2026-01-05"},
    "/rules": {
        "low_reach_per_1000": "1",
        "expand_reach_per_1000": "2",
        "min_uptime_pct": "1",
        "min_engaged_pct": "1",
        "min_helpful_pct": "1",
        "max_cost_per_engaged": "1",
    },
}


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_data_dir(tmp_path_factory.mktemp("security"))


def _form_routes(client: TestClient) -> set[str]:
    """Every POST the staff pages take, from the app's own OpenAPI description."""
    paths = {
        path.replace("{user_id}", "1").replace("{device_id}", "none")
        for path, operations in client.app.openapi()["paths"].items()
        if "post" in operations
    }
    return {p for p in paths if not p.startswith(("/api/", "/tuf/"))}


def test_every_form_is_listed_here(hub: Path) -> None:
    assert _form_routes(TestClient(app_for(hub))) == set(FORMS)


@pytest.mark.parametrize("path", sorted(FORMS))
def test_each_form_is_refused_without_a_csrf_token(hub: Path, path: str) -> None:
    client = TestClient(app_for(hub))
    if path != "/login":
        login(client, "admin")
    for token in (None, "", "0" * 64):
        data = dict(FORMS[path])
        if token is not None:
            data["csrf_token"] = token
        response = client.post(path, data=data, follow_redirects=False)
        assert response.status_code == 403, (path, token, response.status_code)
    assert client.get("/users" if path != "/login" else "/login").status_code == 200
    staff = hub / STAFF_DB
    assert rows(staff, "SELECT count(*) FROM users WHERE username = 'mallory'", "staff") == [(0,)]
    assert rows(staff, "SELECT count(*) FROM gate_crossings", "staff") == [(0,)]


def test_a_form_from_another_site_is_refused_even_with_a_token(hub: Path) -> None:
    client = TestClient(app_for(hub))
    login(client, "admin")
    token = csrf_from(client.get("/figures").text)
    data = {**FORMS["/figures/cost"], "csrf_token": token}
    refused = client.post("/figures/cost", data=data, headers={"origin": "https://evil.example"})
    assert refused.status_code == 403
    accepted = client.post(
        "/figures/cost", data=data, headers={"origin": "http://testserver"}, follow_redirects=False
    )
    assert accepted.status_code == 303


def test_a_token_belongs_to_its_session(hub: Path) -> None:
    first, second = TestClient(app_for(hub)), TestClient(app_for(hub))
    login(first, "admin")
    login(second, "analyst")
    stolen = csrf_from(first.get("/figures").text)
    data = {**FORMS["/figures/crossings"], "csrf_token": stolen}
    assert second.post("/figures/crossings", data=data).status_code == 403


def test_login_is_locked_after_repeated_failures(tmp_path: Path) -> None:
    hub = make_data_dir(tmp_path)
    client = TestClient(app_for(hub))
    for _ in range(5):
        token = csrf_from(client.get("/login").text)
        failed = client.post(
            "/login",
            data={"username": "analyst", "password": "wrong password", "csrf_token": token},
        )
        assert failed.status_code == 401
    token = csrf_from(client.get("/login").text)
    locked = client.post(
        "/login",
        data={"username": "analyst", "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert locked.status_code == 429
    assert "hub_session" not in locked.headers.get("set-cookie", "")
    assert client.get("/scorecard", follow_redirects=False).status_code == 303
    login(client, "admin")  # another account is not locked by them
    # once the failures are older than the window, the right password works again
    write(hub / STAFF_DB, "UPDATE login_failures SET at = '2000-01-01T00:00:00Z'", "staff")
    login(TestClient(app_for(hub)), "analyst")


def test_one_address_trying_many_accounts_is_locked(tmp_path: Path) -> None:
    hub = make_data_dir(tmp_path)
    client = TestClient(app_for(hub))
    for index in range(20):
        token = csrf_from(client.get("/login").text)
        client.post(
            "/login", data={"username": f"guess{index}", "password": "x", "csrf_token": token}
        )
    token = csrf_from(client.get("/login").text)
    locked = client.post(
        "/login", data={"username": "admin", "password": PASSWORD, "csrf_token": token}
    )
    assert locked.status_code == 429


def test_cookies_are_http_only_same_site_and_secure_over_https(hub: Path) -> None:
    client = TestClient(app_for(hub), base_url="https://testserver")
    page = client.get("/login")
    assert "httponly" in page.headers["set-cookie"].lower()
    token = csrf_from(page.text)
    response = client.post(
        "/login",
        data={"username": "admin", "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    cookie = next(
        c for c in response.headers.get_list("set-cookie") if c.startswith("hub_session=")
    )
    flags = {part.strip().lower() for part in cookie.split(";")}
    assert {"httponly", "secure", "samesite=strict"} <= flags


def test_only_hashes_are_stored(hub: Path) -> None:
    client = TestClient(app_for(hub))
    login(client, "admin")
    session = client.cookies["hub_session"]
    hashes = [row[0] for row in rows(hub / STAFF_DB, "SELECT password_hash FROM users", "staff")]
    tokens = [
        row[0] for row in rows(hub / STAFF_DB, "SELECT token_hash FROM login_sessions", "staff")
    ]
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)
    assert session not in tokens and all(len(t) == 64 for t in tokens)


def test_logging_out_ends_the_session(hub: Path) -> None:
    client = TestClient(app_for(hub))
    login(client, "admin")
    session = client.cookies["hub_session"]
    token = csrf_from(client.get("/figures").text)
    assert (
        client.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code
        == 303
    )
    replay = TestClient(app_for(hub), cookies={"hub_session": session})
    assert replay.get("/scorecard", follow_redirects=False).status_code == 303


def test_csv_cells_never_run_as_formulas() -> None:
    table = Table(
        "t",
        "t",
        [Column("query"), Column("n", "int")],
        [['=HYPERLINK("x")', -3], ["+1", 2], ["@a", 0]],
    )
    rows = list(csv.reader(io.StringIO(to_csv(table).lstrip("\ufeff"))))
    assert rows[1:] == [['\'=HYPERLINK("x")', "-3"], ["'+1", "2"], ["'@a", "0"]]
