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
import json
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from bench._hub_ingest import cpu_seconds, day_of_rows, enrol_kiosks, hub_process, raw_insert_floor
from kiosk.usage import NullRecorder, open_recorder

CALLS = 50_000
REPEATS = 5
KIOSKS = 500
OPEN_HOURS = 16
DIMS_PER_HOUR = 64  # a typical gate's distinct (kind, dims) per open hour

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
        devices = enrol_kiosks(data_dir, KIOSKS)
        bodies = [
            (
                token,
                json.dumps(
                    {"device_id": device_id, "rows": day_of_rows(OPEN_HOURS, DIMS_PER_HOUR)}
                ).encode(),
            )
            for device_id, token in devices
        ]
        rows = sum(len(json.loads(body)["rows"]) for _, body in bodies)
        with hub_process(data_dir) as hub:
            pids = [hub.process.pid, *hub.workers()]
            cpu_before = cpu_seconds(pids)
            started = time.perf_counter()
            statuses = asyncio.run(upload_all(hub.url, bodies))
            ingest_s = time.perf_counter() - started
            hub_cpu_s = cpu_seconds(pids) - cpu_before
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


if __name__ == "__main__":
    for label, value, unit in run():
        print(f"{label:<50} {value:>14,.3f} {unit}")
