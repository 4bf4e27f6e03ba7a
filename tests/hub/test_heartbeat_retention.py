"""Heartbeats: rolled up by the hour as they arrive, so the raw ones can be pruned after their
retention without changing a single report figure; the roll-up itself goes after a longer one."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlite_utils import Database

from hub.__main__ import main
from hub.jobs import HubJobs
from hub.reports.period import Period, last_days
from hub.reports.queries import kiosk_counts, weekly_uptime
from hub.reports.ranking import build_scorecard
from hub.settings import HubSettings
from hub.staff.context import HUB_DB, open_staff_db
from hub.staff.figures import GateFigures
from hub.staff.qr_opens import QrOpens
from hub.store import HubStore
from hub.store.heartbeat_retention import prune_job, prune_old_heartbeat_hours, prune_old_heartbeats
from hub.store.records import Heartbeat, HeartbeatHour
from hub.store.schema import migrations
from tests.hub.conftest import DEMO_DAYS
from tests.hub.database_support import copy_data_dir
from tests.hub.hubui_support import app_for, login
from tests.usage_support import enrolled

DAY = datetime(2026, 11, 20, tzinfo=UTC)


def beat(device: str, minutes: float, day: datetime = DAY, **values: object) -> Heartbeat:
    moment = day + timedelta(minutes=minutes)
    fields: dict = {"uptime_s": 60.0, "disk_free_bytes": 10**9, "content_version": 3}
    fields.update(values)
    skew = fields.pop("skew", 0)
    return Heartbeat(device, moment + timedelta(seconds=skew), received_at=moment, **fields)


BEATS = [
    ("0", 5, {"skew": -40, "disk_free_bytes": 900, "errors": {"sync": 1, "usage": 2}}),
    ("0", 35, {"content_version": 4, "last_sync_ok": False, "skew": 12}),
    ("0", 20, {"content_version": 2}),  # arrives late, but is not the hour's newest
    ("1", 65, {"last_sync_ok": True, "errors": {"sync": 1}}),
    ("2", 200, {}),
]


def _record(store: HubStore, device: str, one_by_one: bool = True, day: datetime = DAY) -> None:
    beats = [beat(device, minutes, day, **values) for _, minutes, values in BEATS]
    if one_by_one:
        for item in beats:
            store.record_heartbeat(item)
    else:
        assert store.record_heartbeats(beats) == len(beats)


@pytest.fixture
def store(tmp_path: Path) -> HubStore:
    opened = HubStore(tmp_path / "hub.db")
    yield opened
    opened.close()


def test_each_hour_is_rolled_up_as_heartbeats_arrive(store: HubStore) -> None:
    kiosk, _ = enrolled(store)
    _record(store, kiosk)
    hours = store.heartbeat_hours(DAY, DAY + timedelta(days=1))
    assert hours[0] == HeartbeatHour(
        kiosk, "2026-11-20T00:00:00Z", beats=3, last_at=DAY + timedelta(minutes=35),
        content_version=4, disk_free_bytes=900, clock_skew_s=40, failed_syncs=1, errors=3,
    )  # fmt: skip
    assert [(h.hour, h.beats, h.errors) for h in hours[1:]] == [
        ("2026-11-20T01:00:00Z", 1, 1),
        ("2026-11-20T03:00:00Z", 1, 0),
    ]
    assert store.operating_hours(DAY, DAY + timedelta(days=1)) == {kiosk: 3}


def test_a_bulk_write_rolls_up_like_single_ones(store: HubStore) -> None:
    one, _ = enrolled(store)
    bulk, _ = enrolled(store)
    _record(store, one)
    _record(store, bulk, one_by_one=False)
    by_device = {
        device: [(h.hour, h.beats, h.content_version, h.errors) for h in rows]
        for device in (one, bulk)
        for rows in [store.heartbeat_hours(DAY, DAY + timedelta(days=1), [device])]
    }
    assert by_device[one] == by_device[bulk] and len(by_device[one]) == 3
    assert store.latest_heartbeats()[bulk] == store.latest_heartbeats()[one].__class__(
        **{**store.latest_heartbeats()[one].__dict__, "device_id": bulk}
    )


def test_pruning_keeps_the_roll_up_and_each_kiosks_newest(store: HubStore) -> None:
    kiosk, _ = enrolled(store)
    quiet, _ = enrolled(store, "bo-y")  # never sent a heartbeat
    _record(store, kiosk)
    before = store.heartbeat_hours(DAY, DAY + timedelta(days=1))
    newest = store.latest_heartbeats()
    assert prune_old_heartbeats(store, 30, now=DAY + timedelta(days=31)) == 4
    assert prune_old_heartbeats(store, 0, now=DAY + timedelta(days=99)) == 0  # 0: keep all
    assert store.heartbeat_hours(DAY, DAY + timedelta(days=1)) == before
    assert store.latest_heartbeats() == newest and quiet not in newest
    assert len(store.heartbeats(kiosk, DAY, DAY + timedelta(days=1))) == 1


def test_pruning_goes_in_batches(store: HubStore, monkeypatch: pytest.MonkeyPatch) -> None:
    from hub.store import heartbeats as store_heartbeats

    monkeypatch.setattr(store_heartbeats, "PRUNE_BATCH", 2)
    kiosk, _ = enrolled(store)
    _record(store, kiosk)
    assert store.prune_heartbeats(DAY + timedelta(days=1)) == 4


@pytest.mark.sqlite_only
def test_an_older_hub_gets_its_roll_up_from_the_heartbeats_it_kept(tmp_path: Path) -> None:
    live = HubStore(tmp_path / "live.db")
    kiosk, _ = enrolled(live)
    _record(live, kiosk)
    expected = live.heartbeat_hours(DAY, DAY + timedelta(days=1))
    live.close()
    old = tmp_path / "old.db"
    db = Database(old)
    migrations.apply(db, stop_before="heartbeat_hours")
    with sqlite3.connect(tmp_path / "live.db") as source:
        for table in ("devices", "heartbeats"):
            rows = source.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
            marks = ", ".join("?" * len(rows[0]))
            db.conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
    db.conn.commit()
    db.close()
    upgraded = HubStore(old)
    assert upgraded.heartbeat_hours(DAY, DAY + timedelta(days=1)) == expected
    upgraded.close()


def test_the_service_schedules_pruning_beside_the_timestamp(tmp_path: Path) -> None:
    store = HubStore(tmp_path / "hub.db")
    jobs = HubJobs(HubSettings(tmp_path, heartbeat_retention_days=7), store)
    jobs.start()
    try:
        assert jobs.scheduler is not None
        assert {job.id for job in jobs.scheduler.get_jobs()} == {
            "resign-timestamp",
            "prune-heartbeats",
            "poll-feeds",
        }
    finally:
        jobs.stop()
    idle = HubJobs(
        HubSettings(
            tmp_path,
            0,
            heartbeat_retention_days=0,
            heartbeat_rollup_retention_days=0,
            poll_feeds_every_minutes=0,
        ),
        store,
    )
    idle.start()
    assert idle.scheduler is None
    store.close()


def test_the_roll_up_retention_alone_schedules_pruning(tmp_path: Path) -> None:
    store = HubStore(tmp_path / "hub.db")
    jobs = HubJobs(
        HubSettings(tmp_path, 0, heartbeat_retention_days=0, poll_feeds_every_minutes=0), store
    )
    jobs.start()
    try:
        assert jobs.scheduler is not None
        assert {job.id for job in jobs.scheduler.get_jobs()} == {"prune-heartbeats"}
    finally:
        jobs.stop()
        store.close()


def test_roll_up_hours_older_than_the_retention_go_and_newer_stay(store: HubStore) -> None:
    kiosk, _ = enrolled(store)
    _record(store, kiosk)  # hours 00, 01 and 03 of DAY
    year_later = DAY + timedelta(days=365)
    _record(store, kiosk, day=year_later)
    raw = store.heartbeats(kiosk, DAY, year_later + timedelta(days=1))
    cutoff = DAY + timedelta(hours=1, minutes=30)  # in hour 01: hours starting before it go
    now = cutoff + timedelta(days=400)
    assert prune_old_heartbeat_hours(store, 400, now=now) == 1
    kept = store.heartbeat_hours(DAY, year_later + timedelta(days=1))
    assert [h.hour for h in kept] == [
        "2026-11-20T01:00:00Z",
        "2026-11-20T03:00:00Z",
        "2027-11-20T00:00:00Z",
        "2027-11-20T01:00:00Z",
        "2027-11-20T03:00:00Z",
    ]
    assert store.heartbeats(kiosk, DAY, year_later + timedelta(days=1)) == raw  # raw untouched


def test_a_roll_up_retention_of_0_keeps_every_hour(store: HubStore) -> None:
    kiosk, _ = enrolled(store)
    _record(store, kiosk)
    assert prune_old_heartbeat_hours(store, 0, now=DAY + timedelta(days=9999)) == 0
    assert len(store.heartbeat_hours(DAY, DAY + timedelta(days=1))) == 3


def test_roll_up_pruning_goes_in_batches(store: HubStore, monkeypatch: pytest.MonkeyPatch) -> None:
    from hub.store import heartbeats as store_heartbeats

    monkeypatch.setattr(store_heartbeats, "PRUNE_BATCH", 2)
    kiosk, _ = enrolled(store)
    _record(store, kiosk)
    assert store.prune_heartbeat_hours(DAY + timedelta(days=1)) == 3
    assert store.heartbeat_hours(DAY, DAY + timedelta(days=1)) == []


def test_the_scheduled_run_prunes_raw_heartbeats_and_the_roll_up(store: HubStore) -> None:
    kiosk, _ = enrolled(store)
    now = datetime.now(UTC)
    old, recent = now - timedelta(days=500), now - timedelta(days=2)
    _record(store, kiosk, day=old)
    _record(store, kiosk, day=recent)
    prune_job(store, 30, 400)
    assert store.heartbeat_hours(old, old + timedelta(days=1)) == []
    assert len(store.heartbeat_hours(recent, recent + timedelta(days=1))) == 3
    assert store.heartbeats(kiosk, old, old + timedelta(days=1)) == []
    assert len(store.heartbeats(kiosk, recent, recent + timedelta(days=1))) == len(BEATS)


def test_prune_heartbeats_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = HubStore(tmp_path / HUB_DB)
    kiosk, _ = enrolled(store)
    _record(store, kiosk, day=datetime.now(UTC) - timedelta(days=3))
    store.close()
    command = ["devices", "prune-heartbeats", "--data-dir", str(tmp_path), "--keep-days"]
    assert main([*command, "30"]) == 0
    assert "pruned 0 heartbeats" in capsys.readouterr().out
    assert main([*command, "2"]) == 0
    assert "pruned 4 heartbeats" in capsys.readouterr().out
    assert main([*command, "0"]) == 2


def test_prune_heartbeats_command_prunes_the_roll_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = HubStore(tmp_path / HUB_DB)
    kiosk, _ = enrolled(store)
    _record(store, kiosk, day=datetime.now(UTC) - timedelta(days=10))
    store.close()
    command = ["devices", "prune-heartbeats", "--data-dir", str(tmp_path), "--keep-days", "30"]
    assert main([*command, "--keep-rollup-days", "0"]) == 0
    assert "roll-up" not in capsys.readouterr().out
    assert main(command) == 0
    assert "pruned 0 roll-up hours older than 400 days" in capsys.readouterr().out
    assert main([*command, "--keep-rollup-days", "5"]) == 0
    assert "pruned 3 roll-up hours older than 5 days" in capsys.readouterr().out
    assert main([*command, "--keep-rollup-days", "-1"]) == 2


def _figures(data: Path, period: Period) -> tuple[object, ...]:
    store = HubStore(data / HUB_DB)
    db = open_staff_db(data)
    try:
        figures = GateFigures(db)
        kiosks = kiosk_counts(store, QrOpens(db), period, None, figures.yearly_costs())
        card = build_scorecard(period, kiosks, figures.crossings())
        uptime = weekly_uptime(store, period, [k.device for k in kiosks])
        return card, uptime, store.latest_heartbeats()
    finally:
        store.close()
        db.close()


def _csv(data: Path, period: Period) -> list[str]:
    client = TestClient(app_for(data))
    login(client, "analyst")
    return [
        client.get(f"{path}?table={table}&{period.query()}").text
        for path in ("/scorecard.csv", "/gates/lao-bao.csv")
        for table in ("gates", "kiosks", "languages", "weekly")
    ]


def test_scorecard_figures_are_identical_before_and_after_pruning(
    demo_hub: Path, tmp_path: Path
) -> None:
    data = tmp_path / "hub"
    copy_data_dir(demo_hub, data)
    period = last_days(DEMO_DAYS - 1)  # days that have ended: the figures cannot move on
    figures, tables = _figures(data, period), _csv(data, period)
    store = HubStore(data / HUB_DB)
    pruned = store.prune_heartbeats(datetime.now(UTC) + timedelta(hours=1))  # all but the newest
    store.close()
    assert pruned > 1000
    assert _figures(data, period) == figures
    assert _csv(data, period) == tables
    assert "lao-bao-2" in tables[1]  # the tables hold kiosks, not only headers


def test_fleet_pages_still_work_once_the_roll_up_is_pruned(demo_hub: Path, tmp_path: Path) -> None:
    data = tmp_path / "hub"
    copy_data_dir(demo_hub, data)
    store = HubStore(data / HUB_DB)
    assert store.prune_heartbeat_hours(datetime.now(UTC) + timedelta(hours=1)) > 1000  # all of it
    store.close()
    client = TestClient(app_for(data))
    login(client, "analyst")
    fleet = client.get("/fleet")
    assert fleet.status_code == 200 and "lao-bao-2" in fleet.text
    kiosks = client.get("/fleet.csv?table=kiosks")
    assert kiosks.status_code == 200 and "lao-bao-2" in kiosks.text
    assert client.get("/scorecard").status_code == 200
    assert client.get("/gates/lao-bao").status_code == 200


def test_stopping_the_jobs_waits_for_a_prune_still_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = HubStore(tmp_path / "hub.db")
    started, release, finished = threading.Event(), threading.Event(), threading.Event()

    def slow_prune(*_args: object) -> None:
        started.set()
        release.wait(30)
        finished.set()

    monkeypatch.setattr("hub.jobs.prune_job", slow_prune)
    jobs = HubJobs(HubSettings(tmp_path, 0, heartbeat_retention_days=30), store)
    jobs.start()
    assert started.wait(30)
    stopper = threading.Thread(target=jobs.stop)
    stopper.start()
    stopper.join(0.5)
    assert stopper.is_alive()  # still waiting: the store must not be closed under the job
    release.set()
    stopper.join(30)
    assert finished.is_set() and not stopper.is_alive()
    store.close()
