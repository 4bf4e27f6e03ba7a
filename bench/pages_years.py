"""The staff pages on two years of data for 5,000 kiosks, on PostgreSQL: the scorecard (last 30
days), the fleet page and the monthly report of a province (the last whole month), each against
its floor: the store queries the page asks, timed alone on a fresh store in the same run.

A scratch PostgreSQL server is started in a temporary folder and HUB_DATABASE_URL points at it
while the hub folder is built and measured. The folder gets the demo's content (published), its
sixteen gates, their crossings and costs and an analyst account; its kiosks are spread over the
gates in the demo's proportions. The roll-ups the ingest keeps current are then loaded straight
with COPY, day by day (hour by hour) as the ingest writes them, each table's indexes built after
it and then ANALYZE: `usage_daily_kinds` and `usage_daily` (a few dims per kiosk-day) for every
day, `heartbeat_hours` since the start of the last whole month, and each kiosk's last day of raw
heartbeats (the fleet page reads each one's newest). Raw hourly usage stays empty: the pages read
the roll-ups. Each measure is the best of 3, every run on a new app (nothing cached), logged in
as the analyst; the floor's stores are opened before its clock starts, as the app's are before
the request.

`BENCH_YEARS_KIOSKS` (default 5,000) and `BENCH_YEARS_DAYS` (default 730) set the size.
Measured on the 2-core build machine, shared with other work (load average 5 to 8), 5,000
kiosks x 730 days: 22,994,136 rows of usage_daily_kinds, 30,294,136 of usage_daily, 4,219,447 of
heartbeat_hours, 120,000 raw heartbeats, no raw hourly usage; built in 330 s (one run,
2026-12-06):

    page                                          store queries (floor)  page     page / floor
    /scorecard?days=30 (all gates)                8.0 s                  10.4 s   1.29
    /fleet (5,000 kiosks)                         0.37 s                 1.40 s   3.75
    /reports/monthly/tay-ninh/2026-11 (833)       3.7 s                  5.8 s    1.57

Before revision hub_0002 (an index on usage_daily_kinds' day) the scorecard's counts per kiosk
and kind read all 23 million rows: floor 18.6 s and page 21.7 s, the monthly report 6.4 s and
8.9 s (the same build, another run). The seconds vary with the machine's other work; compare the
ratios.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import psycopg
from fastapi.testclient import TestClient

from hub.demo.content import write_demo_content
from hub.demo.gates import GATES, DemoGate
from hub.demo.seed import _compile_all, _publish
from hub.reports import demand, queries
from hub.reports import period as periods
from hub.reports.gates import province_slug
from hub.reports.period import Period, day_start, today
from hub.settings import HubSettings
from hub.staff.accounts import Accounts
from hub.staff.context import HUB_DB, StaffContext, build_context, open_staff_db
from hub.staff.figures import GateFigures
from hub.store import HubStore, backend
from hub.store.backend.local_server import running
from hub.store.records import HOUR_FORMAT, TIME_FORMAT
from hub.store.schema import HIST_BINS
from hub.web import create_app

logger = logging.getLogger(__name__)

Row = tuple[str, float, str]
KIOSKS = int(os.environ.get("BENCH_YEARS_KIOSKS", "5000"))
DAYS = int(os.environ.get("BENCH_YEARS_DAYS", "730"))
SCORECARD_DAYS = 30
RAW_HEARTBEAT_HOURS = 24
PROVINCE = "tay-ninh"
"""The monthly report's province: Xa Mat and Moc Bai, a sixth of the kiosks."""
REPEATS = 3
USERNAME = "analyst"
PASSWORD = "bench-password-1"
POOL = 1024
"""Device-days made in advance per kind; each kiosk's day picks one at random."""
ROLLUPS = ("usage_daily_kinds", "usage_daily", "heartbeat_hours", "heartbeats")
_LANGS = ("vi", "en", "zh", "lo", "km")
_TOPICS = ("entry-visa", "customs", "money", "connectivity", "transport", "health", "emergency")
_ARTICLES = tuple(f"article-{n:02d}" for n in range(40))
_QUERIES = ("visa on arrival", "bus to hanoi", "sim card", "exchange rate", "taxi", "pharmacy")


@dataclass(frozen=True)
class Kind:
    """An event kind the reports read: how often a kiosk's day has it, and its dims."""

    name: str
    per_day: int
    """Events in a typical kiosk-day."""
    share: float
    """Share of kiosk-days with any."""
    dims: Callable[[random.Random], list[dict[str, object]]]
    """The dims rows of one kiosk-day (their counts split the day's total)."""


KINDS = (
    Kind("session_start", 60, 1.0, lambda r: [{"lang": lang} for lang in r.sample(_LANGS, 2)]),
    Kind("session_end", 60, 1.0, lambda r: [{"engaged": True}, {"engaged": False}]),
    Kind("topic_view", 90, 1.0, lambda r: [{"lang": r.choice(_LANGS), "topic": r.choice(_TOPICS)}]),
    Kind("article_view", 70, 1.0, lambda r: [{"article": r.choice(_ARTICLES), "lang": r.choice(_LANGS)}]),
    Kind("search", 12, 1.0, lambda r: [{"lang": r.choice(_LANGS), "query": r.choice(_QUERIES),
                                        "results": r.choice(("0", "3", "8")), "script": "latn"}]),
    Kind("qr_shown", 8, 0.5, lambda r: [{"article": r.choice(_ARTICLES), "lang": r.choice(_LANGS)}]),
    Kind("helpful", 5, 0.5, lambda r: [{"article": r.choice(_ARTICLES), "helpful": r.random() < 0.7,
                                        "lang": r.choice(_LANGS)}]),
    Kind("fallback_shown", 3, 0.3, lambda r: [{"article": r.choice(_ARTICLES), "lang": "en",
                                               "requested_lang": r.choice(("lo", "km"))}]),
)  # fmt: skip
"""What the scorecard and the demand tables read: kinds from `usage_daily_kinds`, dims from
`usage_daily` (language, engaged, topic, article, query, results, helpful, requested_lang)."""


@dataclass
class Loaded:
    devices: int = 0
    usage_daily_kinds: int = 0
    usage_daily: int = 0
    heartbeat_hours: int = 0
    heartbeats: int = 0
    usage_hourly: int = 0
    seconds: float = 0.0


def run() -> list[Row]:
    month = _last_month()
    report = f"/reports/monthly/{PROVINCE}/{month}"
    with tempfile.TemporaryDirectory() as folder, running(Path(folder) / "pg") as server:
        url = server.create_database("pages")
        with _database_url(url):
            data = Path(folder) / "hub"
            loaded = build(data, url, datetime.now(UTC))
            return [
                *_loaded_rows(loaded),
                *_measure("scorecard, last 30 days", data, "/scorecard?days=30", _scorecard_floor),
                *_measure("fleet", data, "/fleet", _fleet_floor),
                *_measure(f"monthly report, {PROVINCE}, {month}", data, report, _monthly_floor),
            ]


@contextlib.contextmanager
def _database_url(url: str) -> Iterator[None]:
    """Every store the hub opens for a data folder uses `url` meanwhile."""
    before = os.environ.get(backend.DATABASE_URL_ENV)
    os.environ[backend.DATABASE_URL_ENV] = url
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(backend.DATABASE_URL_ENV, None)
        else:
            os.environ[backend.DATABASE_URL_ENV] = before


# -- the hub folder -----------------------------------------------------------------------------


def build(data: Path, url: str, now: datetime) -> Loaded:
    """A hub folder with KIOSKS kiosks and DAYS days of roll-ups in the database at `url`."""
    started = time.perf_counter()
    content = write_demo_content(data / "content")
    _publish(content, data, _compile_all(content, GATES))
    HubStore(data / HUB_DB).close()  # the hub's tables
    staff_db = open_staff_db(data)  # and the staff side's
    try:
        Accounts(staff_db).add(USERNAME, PASSWORD, "analyst")
        _figures(GateFigures(staff_db), now)
    finally:
        staff_db.close()
    first = today(now) - timedelta(days=DAYS - 1)
    devices = _devices(first)
    loaded = Loaded(devices=len(devices))
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET maintenance_work_mem = '512MB'")
        _copy_devices(conn, devices, first)
        _load(conn, "usage_daily_kinds", _usage_lines(devices, first, now, dims=False), loaded)
        _load(conn, "usage_daily", _usage_lines(devices, first, now, dims=True), loaded)
        _load(conn, "heartbeat_hours", _hour_lines(devices, now), loaded)
        _load(conn, "heartbeats", _beat_lines(devices, now), loaded)
        conn.execute(f"ANALYZE devices, {', '.join(ROLLUPS)}")
        loaded.usage_hourly = conn.execute("SELECT count(*) FROM usage_hourly").fetchone()[0]  # type: ignore[index]
    loaded.seconds = time.perf_counter() - started
    logger.info("built %s", loaded)
    return loaded


def _figures(figures: GateFigures, now: datetime) -> None:
    """Monthly crossings for every month of the period, and each gate's yearly cost."""
    month = (today(now) - timedelta(days=DAYS + 31)).replace(day=1)
    rng = random.Random(2)
    while month <= today(now):
        for gate in GATES:
            crossings = round(gate.monthly_crossings * rng.uniform(0.9, 1.1))
            figures.set_crossings(gate.id, month.strftime("%Y-%m"), crossings, "bench")
        month = (month + timedelta(days=32)).replace(day=1)
    for gate in GATES:
        figures.set_yearly_cost(gate.id, gate.yearly_cost, "bench")


def _devices(first: date) -> list[tuple[str, str]]:
    """(device id, gate), spread over the gates as the demo's kiosks are, in id order."""
    weights = sum(gate.kiosks for gate in GATES)
    shares = _spread(KIOSKS, [gate.kiosks / weights for gate in GATES])
    found = [
        (f"{gate.id}-{index:05d}", gate.id)
        for gate, count in zip(GATES, shares, strict=True)
        for index in range(count)
    ]
    return sorted(found)


def _spread(total: int, shares: list[float]) -> list[int]:
    counts = [int(total * share) for share in shares]
    for index in range(total - sum(counts)):
        counts[index % len(counts)] += 1
    return counts


def _copy_devices(conn: psycopg.Connection, devices: list[tuple[str, str]], first: date) -> None:
    enrolled = day_start(first).strftime(TIME_FORMAT)
    with conn.cursor().copy(
        "COPY devices (id, gate, status, created_at, enrolled_at, token_hash) FROM STDIN"
    ) as copy:
        for device_id, gate in devices:
            copy.write(f"{device_id}\t{gate}\tactive\t{enrolled}\t{enrolled}\tbench-{device_id}\n")


def _load(conn: psycopg.Connection, table: str, lines: Iterator[str], loaded: Loaded) -> None:
    """COPY into an emptied table in one transaction (FREEZE: no vacuum pass needed after), its
    foreign keys not checked row by row (the devices were loaded first), its indexes dropped
    meanwhile and built again after, as a restore does."""
    started = time.perf_counter()
    count = 0
    with conn.transaction():
        conn.execute("SET LOCAL session_replication_role = replica")
        conn.execute(f"TRUNCATE {table}")
        rebuild = _drop_indexes(conn, table)
        columns = conn.execute(f"SELECT * FROM {table} LIMIT 0").description or []
        names = [c.name for c in columns if c.name != "id"]
        with conn.cursor().copy(
            f"COPY {table} ({', '.join(names)}) FROM STDIN WITH (FREEZE)"
        ) as copy:
            batch: list[str] = []
            for line in lines:
                batch.append(line)
                if len(batch) >= 20_000:
                    copy.write("".join(batch))
                    count += len(batch)
                    batch.clear()
            copy.write("".join(batch))
            count += len(batch)
        for statement in rebuild:
            conn.execute(statement)
    setattr(loaded, table, count)
    logger.info("%s: %d rows in %.1f s", table, count, time.perf_counter() - started)


def _drop_indexes(conn: psycopg.Connection, table: str) -> list[str]:
    """Drop a table's primary key and indexes (none of the loaded tables is referenced by a
    foreign key); returns the statements that make them again, as the schema has them."""
    keys = conn.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE conrelid = %s::regclass AND contype IN ('p', 'u')",
        [table],
    ).fetchall()
    indexes = conn.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = %s",
        [table],
    ).fetchall()
    by_constraint = {name for name, _ in keys}
    rebuild = [f"ALTER TABLE {table} ADD CONSTRAINT {name} {text}" for name, text in keys]
    for name, _ in keys:
        conn.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
    for name, text in indexes:
        if name not in by_constraint:
            conn.execute(f"DROP INDEX {name}")
            rebuild.append(text)
    return rebuild


# -- the rows -----------------------------------------------------------------------------------


def _figures_text(rng: random.Random, count: int) -> str:
    """count, seconds and the histogram of `count` events, as COPY text."""
    hist = [0] * HIST_BINS
    for _ in range(min(count, 40)):
        hist[min(int(rng.expovariate(0.6)), HIST_BINS - 1)] += 1
    scale = count / max(sum(hist), 1)
    hist = [round(n * scale) for n in hist]
    hist[0] += count - sum(hist)
    seconds = round(count * rng.uniform(20, 90), 3)
    return "\t".join(str(v) for v in (count, seconds, *hist))


def _day_pool(kind: Kind, rng: random.Random) -> list[tuple[str, list[str]]]:
    """POOL kiosk-days of one kind: (its usage_daily_kinds figures, its usage_daily rows as
    'kind\\tdims\\tfigures'), the dims rows adding up to the day's figures."""
    pool = []
    for _ in range(POOL):
        dims = kind.dims(rng)
        counts = [max(1, round(kind.per_day * rng.uniform(0.3, 1.7) / len(dims))) for _ in dims]
        parts = [_figures_text(rng, count) for count in counts]
        total = [
            sum(float(v) for v in column)
            for column in zip(*(p.split("\t") for p in parts), strict=True)
        ]
        whole = "\t".join(
            str(round(v, 3)) if index == 1 else str(int(v)) for index, v in enumerate(total)
        )
        rows = [
            f"{kind.name}\t{json.dumps(d, sort_keys=True, separators=(',', ':'))}\t{p}"
            for d, p in zip(dims, parts, strict=True)
        ]
        pool.append((f"{kind.name}\t{whole}", rows))
    return pool


def _usage_lines(
    devices: list[tuple[str, str]], first: date, now: datetime, dims: bool
) -> Iterator[str]:
    """usage_daily_kinds (or usage_daily) rows of every kiosk-day."""
    rng = random.Random(15)
    pools = [(kind, _day_pool(kind, rng)) for kind in sorted(KINDS, key=lambda k: k.name)]
    days = [(first + timedelta(days=n)).isoformat() for n in range(DAYS)]
    pick = random.Random(16)
    for day in days:  # in the order the ingest writes them: day by day
        for device_id, _ in devices:
            for kind, pool in pools:
                if kind.share < 1.0 and pick.random() >= kind.share:
                    continue
                kinds_row, dims_rows = pool[pick.getrandbits(10)]
                if dims:
                    for row in sorted(dims_rows):
                        yield f"{device_id}\t{day}\t{row}\n"
                else:
                    yield f"{device_id}\t{day}\t{kinds_row}\n"


def _hours_from(now: datetime) -> datetime:
    """The first hour of heartbeat_hours loaded: the start of the last whole month (Viet Nam
    time) or SCORECARD_DAYS + 1 days ago, whichever is earlier."""
    start = day_start(_month_start(today(now), back=1))
    return min(start, day_start(today(now) - timedelta(days=SCORECARD_DAYS + 1)))


def _hour_lines(devices: list[tuple[str, str]], now: datetime) -> Iterator[str]:
    """heartbeat_hours of every kiosk from _hours_from(now) to now: up 97% of hours."""
    start, end = _hours_from(now), now.replace(minute=0, second=0, microsecond=0)
    hours = []
    moment = start
    while moment <= end:
        hours.append(
            (moment.strftime(HOUR_FORMAT), (moment + timedelta(minutes=57)).strftime(TIME_FORMAT))
        )
        moment += timedelta(hours=1)
    rng = random.Random(17)
    disk = 18 * 1024**3
    for hour, last_at in hours:  # hour by hour, as heartbeats arrive
        for device_id, _ in devices:
            if rng.random() < 0.03:
                continue
            yield f"{device_id}\t{hour}\t12\t{last_at}\t2\t{disk + rng.getrandbits(28)}\t1\t0\t0\n"


def _beat_lines(devices: list[tuple[str, str]], now: datetime) -> Iterator[str]:
    """Raw heartbeats, one an hour for RAW_HEARTBEAT_HOURS, the newest minutes ago."""
    rng = random.Random(18)
    for back in range(RAW_HEARTBEAT_HOURS - 1, -1, -1):  # as they arrive
        for device_id, _ in devices:
            received = now - timedelta(hours=back, seconds=rng.randint(30, 240))
            at = received.strftime(TIME_FORMAT)
            yield (
                f"{device_id}\t{at}\t{at}\t2\t{at}\t1\t\\N\t{at}\t1\t{3600.0 * (back + 1)}"
                f"\t{18 * 1024**3 + rng.getrandbits(28)}\t{{}}\t0\n"
            )


# -- the measures -------------------------------------------------------------------------------


def _measure(
    name: str, data: Path, path: str, floor: Callable[[StaffContext], object]
) -> list[Row]:
    floor_s = min(_queries_alone(data, floor) for _ in range(REPEATS))
    page_s = min(_page(data, path) for _ in range(REPEATS))
    return [
        (f"{name}: store queries alone (floor)", floor_s, "s"),
        (f"{name}: page {path}", page_s, "s"),
        (f"{name}: page / floor", page_s / floor_s, "x"),
    ]


def _queries_alone(data: Path, queries_of: Callable[[StaffContext], object]) -> float:
    """Seconds for the page's store queries on a fresh store (opened before the clock starts,
    as the app's is before the request)."""
    ctx = build_context(data)
    try:
        started = time.perf_counter()
        queries_of(ctx)
        return time.perf_counter() - started
    finally:
        ctx.store.close()
        ctx.close()


def _page(data: Path, path: str) -> float:
    """Seconds for one GET of `path` on a new app, logged in as the analyst."""
    settings = HubSettings(
        data, resign_timestamp_every_minutes=0, heartbeat_retention_days=0,
        heartbeat_rollup_retention_days=0, poll_feeds_every_minutes=0,
    )  # fmt: skip
    with TestClient(create_app(settings)) as client:
        token = client.get("/login").text.split('name="csrf_token" value="')[1].split('"')[0]
        client.post(
            "/login", data={"username": USERNAME, "password": PASSWORD, "csrf_token": token}
        )
        started = time.perf_counter()
        response = client.get(path)
        seconds = time.perf_counter() - started
    assert response.status_code == 200, (path, response.status_code)
    return seconds


def _report_queries(ctx: StaffContext, period: Period, gates: list[str] | None) -> None:
    """What the scorecard asks of the store for a period and gates."""
    costs = ctx.figures.yearly_costs(gates)
    kiosks = queries.kiosk_counts(ctx.store, ctx.qr, period, gates, costs)
    queries.weekly_sessions(ctx.store, period, gates)
    queries.weekly_uptime(ctx.store, period, [k.device for k in kiosks])


def _scorecard_floor(ctx: StaffContext) -> None:
    _report_queries(ctx, periods.last_days(SCORECARD_DAYS), None)


def _fleet_floor(ctx: StaffContext) -> None:
    ctx.store.devices(None)
    ctx.store.latest_heartbeats(None)


def _monthly_floor(ctx: StaffContext) -> None:
    period = periods.month(_last_month())
    gates = _province_gates()
    _report_queries(ctx, period, gates)
    for item in ("topic", "article"):
        demand.views_by_language(ctx.store, period, gates, item)
    demand.zero_results(ctx.store, period, gates, ctx.settings.min_kiosks_per_query)
    demand.helpfulness(ctx.store, period, gates)
    demand.coverage(ctx.store, period, gates, {})


def _province_gates(gates: tuple[DemoGate, ...] = GATES) -> list[str]:
    return [gate.id for gate in gates if province_slug(gate.province_vi) == PROVINCE]


def _month_start(day: date, back: int) -> date:
    month = day.replace(day=1)
    for _ in range(back):
        month = (month - timedelta(days=1)).replace(day=1)
    return month


def _last_month() -> str:
    return _month_start(today(datetime.now(UTC)), back=1).strftime("%Y-%m")


def _loaded_rows(loaded: Loaded) -> list[Row]:
    return [
        ("kiosks", loaded.devices, "kiosks"),
        ("days of usage roll-ups", DAYS, "days"),
        ("usage_daily_kinds rows loaded", loaded.usage_daily_kinds, "rows"),
        ("usage_daily rows loaded", loaded.usage_daily, "rows"),
        ("heartbeat_hours rows loaded", loaded.heartbeat_hours, "rows"),
        ("raw heartbeats loaded (the last day)", loaded.heartbeats, "rows"),
        ("usage_hourly rows (raw usage: the pages read roll-ups)", loaded.usage_hourly, "rows"),
        ("build time (content, accounts, COPY, indexes, ANALYZE)", loaded.seconds, "s"),
    ]
