"""The scorecard's first (uncached) load for 90 days on the demo fleet (16 gates), against its
floor: the report queries it runs, timed alone on a fresh store.

The demo is seeded into a temporary folder (a few minutes), or read from BENCH_HUB_DIR if that
names a folder `python -m hub demo --data-dir` seeded (BENCH_HUB_PASSWORD: its password). Each measure is the best of a few runs,
every run on a new app (so nothing is cached). The target: the page within 1 s on SQLite.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from hub.reports import period as periods
from hub.reports import queries
from hub.settings import HubSettings
from hub.staff.context import build_context
from hub.web import create_app

DAYS = 90
REPEATS = 3
PASSWORD = os.environ.get("BENCH_HUB_PASSWORD", "bench-password-1")
Row = tuple[str, float, str]


def _best(run: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def _queries(data: Path) -> None:
    ctx = build_context(data)
    try:
        period = periods.last_days(DAYS)
        costs = ctx.figures.yearly_costs(None)
        kiosks = queries.kiosk_counts(ctx.store, ctx.qr, period, None, costs)
        queries.weekly_sessions(ctx.store, period, None)
        queries.weekly_uptime(ctx.store, period, [k.device for k in kiosks])
    finally:
        ctx.close()


def _page(data: Path) -> None:
    settings = HubSettings(data, resign_timestamp_every_minutes=0)
    with TestClient(create_app(settings)) as client:
        token = client.get("/login").text.split('name="csrf_token" value="')[1].split('"')[0]
        client.post("/login", data={"username": "admin", "password": PASSWORD, "csrf_token": token})
        started = time.perf_counter()
        response = client.get(f"/scorecard?days={DAYS}")
        _page.seconds = time.perf_counter() - started  # type: ignore[attr-defined]
        assert response.status_code == 200, response.status_code


def _timed_page(data: Path) -> float:
    times = []
    for _ in range(REPEATS):
        _page(data)
        times.append(_page.seconds)  # type: ignore[attr-defined]
    return min(times)


def run() -> list[Row]:
    given = os.environ.get("BENCH_HUB_DIR")
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(given) if given else Path(scratch) / "hub"
        if not given:
            from hub.demo.seed import seed_demo

            seed_demo(data, PASSWORD, days=DAYS)
        floor = _best(lambda: _queries(data))
        page = _timed_page(data)
    return [
        ("report queries alone, 90 days, 16 gates (floor)", floor, "s"),
        ("scorecard first load, 90 days", page, "s"),
        ("scorecard / floor", page / floor, "x"),
        ("scorecard within 1 s", 1.0 if page <= 1.0 else 0.0, "yes=1"),
    ]
