"""A period still running is counted up to now, on known data, with "now" injected.

One kiosk at Móng Cái since 1 November 2026 has one session and one heartbeat every hour;
the gate has 1,000 crossings a day (30,000 in November, 31,000 in December). Now is
6 December 12:30 Viet Nam time, so December counts up to 12:00: 5.5 days, 132 sessions and
5,500 crossings. Reach is 24 per 1,000 in both months; padding December to 31 days would
make it 4.3.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from hub.reports.period import PeriodError, month, parse
from hub.store.records import Heartbeat, UsageRow, hour_text
from tests.hub.hubui_support import add_device, app_for, login, make_data_dir, store_of

NOW = datetime(2026, 12, 6, 5, 30, tzinfo=UTC)  # 12:30 in Viet Nam
START = datetime(2026, 10, 31, 17, tzinfo=UTC)  # 1 November 00:00 in Viet Nam


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    data = make_data_dir(tmp_path_factory.mktemp("running"))
    store = store_of(data)
    add_device(store, "mc-1", "mong-cai", START)
    hours = [START + timedelta(hours=n) for n in range(int((NOW - START) / timedelta(hours=1)))]
    store.upsert_usage(
        "mc-1", [UsageRow(hour_text(h), "session_end", {"engaged": True}, 1) for h in hours]
    )
    store.record_heartbeats(
        Heartbeat(
            "mc-1", h + timedelta(minutes=5), 1.0, 10**10, received_at=h + timedelta(minutes=5)
        )
        for h in hours
    )
    store.close()
    with TestClient(app_for(data)) as test_client:
        test_client.app.state.staff.clock = lambda: NOW  # type: ignore[attr-defined]
        login(test_client, "admin")
        test_client.cookies.set("hub_lang", "en")
        ctx = test_client.app.state.staff  # type: ignore[attr-defined]
        ctx.figures.set_crossings("mong-cai", "2026-11", 30_000, "test")
        ctx.figures.set_crossings("mong-cai", "2026-12", 31_000, "test")
        ctx.figures.set_yearly_cost("mong-cai", 8_760_000, "test")  # 1,000 đồng an hour
        yield test_client


def _csv(client: TestClient, path: str) -> list[dict[str, str]]:
    response = client.get(path)
    assert response.status_code == 200, response.text[:300]
    return list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))


def _gate(rows: list[dict[str, str]]) -> dict[str, str]:
    return next(row for row in rows if row["Gate"] == "Mong Cai")


def test_the_running_month_counts_sessions_and_crossings_over_the_same_days(
    client: TestClient,
) -> None:
    december = _gate(_csv(client, "/reports/monthly/quang-ninh/2026-12.csv?table=gates"))
    assert int(december["Sessions"]) == 132
    assert int(december["Crossings"]) == 5_500
    assert float(december["Sessions / 1,000 crossings"]) == pytest.approx(24.0)
    november = _gate(_csv(client, "/reports/monthly/quang-ninh/2026-11.csv?table=gates"))
    assert float(november["Sessions / 1,000 crossings"]) == pytest.approx(24.0)


def test_the_running_month_counts_operating_hours_and_cost_up_to_now(client: TestClient) -> None:
    december = _gate(_csv(client, "/reports/monthly/quang-ninh/2026-12.csv?table=gates"))
    assert int(december["Operating hours"]) == 132
    assert float(december["Uptime"]) == pytest.approx(100.0)
    # 132 in-service hours at 1,000 đồng, over 132 engaged sessions
    assert float(december["Cost / engaged session"]) == pytest.approx(1000.0)


def test_the_running_month_is_labelled_month_to_date(client: TestClient) -> None:
    page = client.get("/reports/monthly/quang-ninh/2026-12").text
    assert "Month to date" in page
    assert "06/12/2026 12:00" in page
    assert "31 days" not in page


def test_no_week_after_today_and_part_weeks_are_per_day(client: TestClient) -> None:
    weeks = _csv(client, "/reports/monthly/quang-ninh/2026-12.csv?table=weekly")
    assert [row["Week (Monday)"] for row in weeks] == ["2026-11-30"]  # nothing for the days to come
    assert float(weeks[0]["Days counted"]) == pytest.approx(5.5)
    assert float(weeks[0]["Sessions / day"]) == pytest.approx(24.0)
    first = _csv(client, "/reports/monthly/quang-ninh/2026-11.csv?table=weekly")[0]
    assert first["Week (Monday)"] == "2026-10-26" and float(first["Days counted"]) == pytest.approx(
        1.0
    )
    assert float(first["Sessions / day"]) == pytest.approx(24.0)  # a Sunday, not a drop


def test_the_scorecard_up_to_today_runs_to_date(client: TestClient) -> None:
    answer = _gate(_csv(client, "/scorecard.csv?table=answer&since=2026-12-01&until=2026-12-06"))
    assert float(answer["Sessions / 1,000 crossings"]) == pytest.approx(24.0)
    for path in ("/scorecard", "/demand", "/gates/mong-cai"):
        page = client.get(f"{path}?since=2026-12-01&until=2026-12-06").text
        assert "From 01/12/2026 to 06/12/2026 12:00 (5.5 days" in page, path
        assert "the period is still running" in page, path


@pytest.mark.parametrize(
    "path",
    [
        "/scorecard?since=2026-12-01&until=2026-12-07",
        "/scorecard?since=2026-12-08&until=2026-12-09",
        "/scorecard.csv?table=gates&since=2026-12-01&until=2027-01-01",
        "/reports/monthly/quang-ninh/2027-01",
        "/gates/mong-cai?since=2026-12-07",
    ],
)
def test_future_dates_are_refused_with_a_clear_message(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 400
    assert "in the future" in response.text


def test_the_future_is_refused_in_the_pages_language(client: TestClient) -> None:
    client.cookies.set("hub_lang", "vi")
    try:
        response = client.get("/scorecard?since=2026-12-01&until=2026-12-07")
    finally:
        client.cookies.set("hub_lang", "en")
    assert response.status_code == 400
    assert "nằm trong tương lai" in response.text and "in the future" not in response.text


def test_periods_on_plain_dates() -> None:
    running = month("2026-12", NOW)
    assert running.running and running.last.day == 6 and running.elapsed_days == 5.5
    assert running.month_days() == {"2026-12": (5.5, 31)}
    assert not month("2026-11", NOW).running
    with pytest.raises(PeriodError, match="future"):
        parse("2026-12-01", "2026-12-07", now=NOW)
    assert parse(None, None, 7, now=NOW).last.day == 5  # the default ends yesterday


def test_every_rate_on_the_scorecard_carries_its_interval(client: TestClient) -> None:
    page = client.get("/scorecard?since=2026-11-01&until=2026-11-30").text
    assert page.count("95 % interval: ") == 6  # engaged, uptime, QR, helpful, reach, cost cards
    response = client.get("/scorecard.csv?table=gates&since=2026-11-01&until=2026-11-30")
    header, *rows = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff"))))
    assert header.count("95 % interval") == 5  # uptime, engaged, QR, helpful, reach
    mong_cai = dict(zip(header, rows[0], strict=False))
    assert mong_cai["Gate"] == "Mong Cai"
    reach = rows[0][header.index("Sessions / 1,000 crossings") + 1]
    low, high = (float(x) for x in reach.split("–"))
    assert low < 24.0 < high  # 720 sessions over 30,000 crossings: 22.3-25.8
