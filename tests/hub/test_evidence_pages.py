"""Events and verdict rules recorded by staff on their pages: roles, CSRF, bad input, and the
before/after comparison of an event on known data (now injected)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from hub.store import HubStore
from hub.store.records import UsageRow, hour_text
from tests.hub.hubui_support import add_device, app_for, login, make_data_dir, page_token, store_of

NOW = datetime(2026, 12, 6, 5, 30, tzinfo=UTC)
START = datetime(2026, 9, 30, 17, tzinfo=UTC)  # 1 October, Viet Nam time
MOVED = datetime(2026, 11, 14, 17, tzinfo=UTC)  # 15 November: the kiosk moved


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Móng Cái: one session an hour until the kiosk moved on 15 November, two after it;
    Mộc Bài: one session an hour throughout. Crossings are flat (30,000 a month)."""
    folder = make_data_dir(tmp_path_factory.mktemp("events"))
    store = store_of(folder)
    add_device(store, "mc-1", "mong-cai", START)
    add_device(store, "mb-1", "moc-bai", START)
    hours = [START + timedelta(hours=n) for n in range(int((NOW - START) / timedelta(hours=1)))]
    store.upsert_usage(
        "mc-1",
        [
            UsageRow(hour_text(h), "session_end", {"engaged": True}, 2 if h >= MOVED else 1)
            for h in hours
        ],
    )
    store.upsert_usage(
        "mb-1", [UsageRow(hour_text(h), "session_end", {"engaged": True}, 1) for h in hours]
    )
    store.close()
    return folder


@pytest.fixture
def client(data: Path) -> Iterator[TestClient]:
    with TestClient(app_for(data)) as test_client:
        ctx = test_client.app.state.staff  # type: ignore[attr-defined]
        ctx.clock = lambda: NOW
        for gate in ("mong-cai", "moc-bai"):
            for month in ("2026-10", "2026-11", "2026-12"):
                ctx.figures.set_crossings(gate, month, 30_000, "test")
        test_client.cookies.set("hub_lang", "en")
        yield test_client


def _post_event(client: TestClient, **fields: str) -> object:
    form = {"gate": "mong-cai", "kind": "moved", "day": "2026-11-15", "device": "", "note": ""}
    form.update(fields)
    form["csrf_token"] = page_token(client, "/events")
    return client.post("/events", data=form, follow_redirects=False)


def test_an_event_is_recorded_and_its_effect_found(client: TestClient) -> None:
    login(client, "admin")
    response = _post_event(client, note="to the arrival hall")
    assert response.status_code == 303  # type: ignore[attr-defined]
    assert _post_event(client, gate="moc-bai", kind="campaign").status_code == 303  # type: ignore[attr-defined]
    page = client.get("/events").text
    assert "to the arrival hall" in page
    assert page.count("Clearly higher after the event") == 1  # Móng Cái doubled
    assert page.count("No clear change") == 1  # Mộc Bài did not move
    # 672 sessions over 27,548 crossings before; 984 over 20,323 after (to date): x 1.98
    assert "× 1.98" in page and "× 0.99" in page


def test_events_are_marked_on_the_gate_charts(client: TestClient) -> None:
    login(client, "admin")
    page = client.get("/gates/mong-cai?since=2026-11-01&until=2026-11-30").text
    assert '"x0": "2026-11-15"' in page or '"x0":"2026-11-15"' in page


@pytest.mark.parametrize(
    ("fields", "status", "text"),
    [
        ({"kind": "party"}, 400, "Unknown kind of event"),
        ({"day": "15/11/2026"}, 400, "YYYY-MM-DD"),
        ({"day": "1999-12-31"}, 400, "YYYY-MM-DD"),
        ({"day": "2026-12-07"}, 400, "in the future"),
        ({"device": "mb-1"}, 400, "not at the chosen gate"),
        ({"note": "x" * 201}, 400, "at most 200"),
        ({"gate": "atlantis"}, 404, ""),
    ],
)
def test_bad_events_are_refused(
    client: TestClient, fields: dict[str, str], status: int, text: str
) -> None:
    login(client, "admin")
    before = client.get("/events").text.count("<tr>")
    response = _post_event(client, **fields)
    assert response.status_code == status  # type: ignore[attr-defined]
    assert text in response.text  # type: ignore[attr-defined]
    assert client.get("/events").text.count("<tr>") == before


def test_a_province_analyst_records_events_only_for_their_gates(client: TestClient) -> None:
    login(client, "quang-ninh")
    assert _post_event(client, gate="moc-bai").status_code == 403  # type: ignore[attr-defined]
    assert "Moc Bai" not in client.get("/events").text


def test_an_event_needs_the_form_token(client: TestClient) -> None:
    login(client, "admin")
    form = {"gate": "mong-cai", "kind": "moved", "day": "2026-11-15"}
    assert client.post("/events", data=form).status_code == 403


def _post_rules(client: TestClient, **changes: str) -> object:
    form = {
        "low_reach_per_1000": "8", "expand_reach_per_1000": "30", "min_uptime_pct": "90",
        "min_engaged_pct": "40", "min_helpful_pct": "50", "max_cost_per_engaged": "60000",
        "note": "", **changes,
    }  # fmt: skip
    form["csrf_token"] = page_token(client, "/rules")
    return client.post("/rules", data=form, follow_redirects=False)


def test_new_rules_make_a_new_version_that_verdicts_name(client: TestClient) -> None:
    login(client, "admin")
    assert (
        _post_rules(client, low_reach_per_1000="50", expand_reach_per_1000="90").status_code == 303
    )  # type: ignore[attr-defined]
    versions = store_of_app(client).rules_versions()
    newest = versions[0]
    assert newest.version == versions[1].version + 1 and versions[-1].version == 1
    assert newest.rules.low_reach_per_1000 == 50 and versions[-1].rules.low_reach_per_1000 == 8
    rows = client.get("/scorecard.csv?table=answer&since=2026-11-01&until=2026-11-30").text
    assert rows.count(f",{newest.version}\r\n") == 4  # every gate's verdict names it
    assert "Rules" in rows.splitlines()[0]


@pytest.mark.parametrize(
    ("changes", "text"),
    [
        ({"min_uptime_pct": "ninety"}, "enter a number"),
        ({"min_uptime_pct": "120"}, "between 0 and 100"),
        ({"low_reach_per_1000": "-1"}, "0 or more"),
        ({"expand_reach_per_1000": "5"}, "must be above"),
        ({"note": "x" * 201}, "at most 200"),
    ],
)
def test_bad_rules_are_refused(client: TestClient, changes: dict[str, str], text: str) -> None:
    login(client, "admin")
    count = len(store_of_app(client).rules_versions())
    response = _post_rules(client, **changes)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert text in response.text  # type: ignore[attr-defined]
    assert len(store_of_app(client).rules_versions()) == count


def test_analysts_read_the_rules_but_cannot_change_them(client: TestClient) -> None:
    login(client, "analyst")
    assert "Versions" in client.get("/rules").text
    assert _post_rules(client).status_code == 403  # type: ignore[attr-defined]


def store_of_app(client: TestClient) -> HubStore:
    return client.app.state.staff.store  # type: ignore[attr-defined]
