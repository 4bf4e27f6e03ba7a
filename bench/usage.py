"""Usage measurement: the cost of `record()` on the UI thread, and hub ingestion at fleet scale.

1. `recorder.record(...)` against a no-op call with the same arguments (NullRecorder), for a
   view event and for a search (which runs the privacy scrubber before queueing). Best of
   several repeats, the writer thread running and flushed between repeats.
2. 500 simulated kiosks each upload one day of hourly aggregates at once to a real hub (uvicorn
   in its own process, the hub's own app), against the floor: the same rows inserted straight
   into the same SQLite file with the same settings, one transaction per kiosk.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx

from hub.devices.enrolment import exchange, issue_device
from hub.store import HubStore
from hub.store.schema import HIST_COLUMNS
from kiosk.usage import NullRecorder, open_recorder

ROOT = Path(__file__).resolve().parents[1]
CALLS = 50_000
REPEATS = 5
KIOSKS = 500
OPEN_HOURS = 16
DIMS_PER_HOUR = 64  # a typical gate's distinct (kind, dims) per open hour
HUB = """
import sys
from pathlib import Path
import uvicorn
from hub.settings import HubSettings
from hub.web import create_app
app = create_app(HubSettings(Path(sys.argv[1]), resign_timestamp_every_minutes=0))
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning", backlog=2048)
"""

Row = tuple[str, float, str]


def run() -> list[Row]:
    return record_cost() + ingestion()


def record_cost() -> list[Row]:
    with tempfile.TemporaryDirectory() as folder:
        recorder = open_recorder(Path(folder) / "usage.db")
        null = NullRecorder()
        view = {"article": "visa", "topic": "entry", "lang": "en", "dwell_s": 12.5}
        search = {"query": "visa +84 912 345 678", "script": "Latn", "results": 0, "lang": "en"}
        noop_ns = _per_call(lambda: null.record("article_view", **view), recorder.flush)
        view_ns = _per_call(lambda: recorder.record("article_view", **view), recorder.flush)
        search_ns = _per_call(lambda: recorder.record("search", **search), recorder.flush)
        recorder.close()
    return [
        ("record(): no-op call (NullRecorder)", noop_ns, "ns/call"),
        ("record(): article_view", view_ns, "ns/call"),
        ("record(): search, scrubbed before queueing", search_ns, "ns/call"),
        ("record() article_view / no-op", view_ns / noop_ns, "x"),
        ("record() search / no-op", search_ns / noop_ns, "x"),
    ]


def _per_call(call: Callable[[], None], settle: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(REPEATS):
        settle()
        started = time.perf_counter_ns()
        for _ in range(CALLS):
            call()
        best = min(best, (time.perf_counter_ns() - started) / CALLS)
    return best


def ingestion() -> list[Row]:
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        store = HubStore(data_dir / "hub.db")
        devices = [exchange(store, issue_device(store, "mong-cai")[1]) for _ in range(KIOSKS)]
        store.close()
        bodies = [
            (token, json.dumps({"device_id": device.id, "rows": day_of_rows()}).encode())
            for device, token in devices
        ]
        rows = sum(len(json.loads(body)["rows"]) for _, body in bodies)
        with hub_process(data_dir) as (url, pid):
            cpu_before = _cpu_seconds(pid)
            started = time.perf_counter()
            statuses = asyncio.run(upload_all(url, bodies))
            ingest_s = time.perf_counter() - started
            hub_cpu_s = _cpu_seconds(pid) - cpu_before
        if statuses != {200: KIOSKS}:
            raise RuntimeError(f"uploads failed: {statuses}")
        stored = (
            sqlite3.connect(data_dir / "hub.db")
            .execute("SELECT count(*) FROM usage_hourly")
            .fetchone()[0]
        )
        if stored != rows:
            raise RuntimeError(f"{stored} rows stored, {rows} sent")
        floor_s, floor_one_s = raw_insert_floor(data_dir / "hub.db", bodies)
    return [
        ("ingest: kiosks uploading at once", KIOSKS, "kiosks"),
        ("ingest: rows (one day each)", rows, "rows"),
        ("ingest: through the hub", ingest_s, "s"),
        ("ingest: rows per second", rows / ingest_s, "rows/s"),
        ("ingest: hub process CPU time", hub_cpu_s, "s"),
        ("floor: raw inserts, one transaction per kiosk", floor_s, "s"),
        ("floor: raw inserts, one transaction in all", floor_one_s, "s"),
        ("ingest / floor (per-kiosk transactions)", ingest_s / floor_s, "x"),
        ("ingest / floor (one transaction)", ingest_s / floor_one_s, "x"),
    ]


def day_of_rows() -> list[dict[str, object]]:
    rows = []
    for hour in range(OPEN_HOURS):
        for dim in range(DIMS_PER_HOUR):
            rows.append(
                {
                    "hour": f"2026-11-20T{(hour + 23) % 24:02d}:00:00Z",
                    "kind": "article_view",
                    "dims": {"article": f"article-{dim}", "lang": "en", "topic": "entry"},
                    "count": 5,
                    "seconds": 120.5,
                    "hist": [1, 1, 1, 0, 2, 0, 0, 0, 0],
                    "revision": 3,
                }
            )
    return rows


async def upload_all(url: str, bodies: list[tuple[str, bytes]]) -> dict[int, int]:
    limits = httpx.Limits(max_connections=KIOSKS, max_keepalive_connections=KIOSKS)
    async with httpx.AsyncClient(limits=limits, timeout=600) as client:

        async def one(token: str, body: bytes) -> int:
            headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
            response = await client.post(f"{url}/api/v1/usage", content=body, headers=headers)
            return response.status_code

        codes = await asyncio.gather(*(one(token, body) for token, body in bodies))
    counted: dict[int, int] = {}
    for code in codes:
        counted[code] = counted.get(code, 0) + 1
    return counted


def raw_insert_floor(path: Path, bodies: list[tuple[str, bytes]]) -> tuple[float, float]:
    """Plain INSERTs of the same rows into a copy of the usage table in the same file."""
    columns = ["device_id", "hour", "kind", "dims", "count", "seconds", *HIST_COLUMNS, "revision"]
    per_kiosk = []
    for index, (_, body) in enumerate(bodies):
        rows = json.loads(body)["rows"]
        per_kiosk.append(
            [
                (
                    f"k{index}",
                    r["hour"],
                    r["kind"],
                    json.dumps(r["dims"], sort_keys=True),
                    r["count"],
                    r["seconds"],
                    *r["hist"],
                    r["revision"],
                )
                for r in rows
            ]
        )
    sql = f"INSERT INTO floor ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    timings = []
    for one_transaction in (False, True):
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("DROP TABLE IF EXISTS floor")
        conn.execute(
            "CREATE TABLE floor AS SELECT device_id, hour, kind, dims, count, seconds, "
            f"{', '.join(HIST_COLUMNS)}, revision FROM usage_hourly WHERE 0"
        )
        conn.execute("CREATE UNIQUE INDEX floor_key ON floor(device_id, hour, kind, dims)")
        started = time.perf_counter()
        if one_transaction:
            conn.execute("BEGIN")
        for rows in per_kiosk:
            if not one_transaction:
                conn.execute("BEGIN")
            conn.executemany(sql, rows)
            if not one_transaction:
                conn.execute("COMMIT")
        if one_transaction:
            conn.execute("COMMIT")
        timings.append(time.perf_counter() - started)
        conn.close()
    return timings[0], timings[1]


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def hub_process(data_dir: Path) -> Iterator[tuple[str, int]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    hub = subprocess.Popen(
        [sys.executable, "-c", HUB, str(data_dir), str(port)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}", hub.pid
    finally:
        hub.terminate()
        hub.wait(30)


if __name__ == "__main__":
    for label, value, unit in run():
        print(f"{label:<50} {value:>14,.3f} {unit}")
