"""Ingest at national scale: 5,000 simulated kiosks upload a day of hourly usage and a heartbeat
at once to a real hub (`python -m hub serve --workers N`), every 20th one giving up on its
first upload after a few milliseconds and sending the same upload again, as a kiosk does after a
client timeout. Reported per configuration (database, workers): throughput as a ratio to the
floor (the same rows inserted straight into the same database, one transaction per kiosk,
measured in the same run), p50 and p99 upload latency, the event loop and HTTP parser the
workers ran, and checked totals: the hub's count and seconds per kiosk equal the kiosk's exactly
(a lost or twice-counted upload fails the benchmark).

The configurations are SQLite with one worker and PostgreSQL with 1, 2 and 4 workers. The
PostgreSQL ones share one scratch server for the run (hub.store.backend.local_server): the
kiosks are enrolled once into a template database and each configuration runs on a fresh
database made from it, its hub pointed there by HUB_DATABASE_URL. A request the hub answers 503
(it waited too long for a pooled database connection) is sent again after its Retry-After, as a
kiosk's outbox is at its next sync, and counted.

`BENCH_INGEST_KIOSKS` sets the kiosk count (default 5,000). Measured on the 2-core build machine,
shared with other work (load average 1.4 to 4.5) and with this benchmark's own client, 5,000
kiosks x 96 rows, every worker on uvloop and httptools, totals exact in every row, none answered
503 (one run, 2026-12-06; p50 and p99 of the upload latency):

    configuration  through hub  floor   throughput/floor  p50     p99     hub CPU
    SQLite, 1      124 s        3.6 s   0.029             10.2 s  47.4 s  67.6 s
    PostgreSQL, 1  162 s        15.4 s  0.095             12.8 s  62.1 s  103 s
    PostgreSQL, 2  118 s        9.7 s   0.083             10.3 s  44.8 s  48.4 s
    PostgreSQL, 4  116 s        10.8 s  0.093             9.3 s   42.5 s  56.7 s

The aim of 0.3 is not reached in any row; docs/hub.md says why and what several workers bring.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench._hub_ingest import (
    NO_JOBS,
    cpu_seconds,
    day_of_rows,
    enrol_kiosks,
    hub_process,
    raw_insert_floor,
    raw_insert_floor_postgresql,
)
from hub.store import HubStore, backend
from hub.store.backend import postgres
from hub.store.backend.local_server import LocalServer, running

Row = tuple[str, float, str]
KIOSKS = int(os.environ.get("BENCH_INGEST_KIOSKS", "5000"))
HOURS = 24
DIMS_PER_HOUR = 4
GIVES_UP_EVERY = 20
"""Every 20th kiosk's first upload times out on the client side (after 1 to 50 ms) and is sent again."""
CONNECTIONS = 1_000
TRIES = 3
BUSY_TRIES = 10
CONFIGURATIONS = (("SQLite", 1), ("PostgreSQL", 1), ("PostgreSQL", 2), ("PostgreSQL", 4))
"""(database, workers): the issue asks for SQLite with one worker, PostgreSQL with 1, 2 and 4."""
TEMPLATE_DATABASE = "ingest_template"


class TotalsError(RuntimeError):
    """The hub's totals differ from the kiosks': an upload was lost or counted twice."""


@dataclass
class Ingest:
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    gave_up: int = 0
    retried: int = 0
    busy: int = 0
    engines: set[tuple[str, str]] = field(default_factory=set)
    hub_cpu_s: float = 0.0


def run() -> list[Row]:
    with tempfile.TemporaryDirectory() as folder:
        results: list[Row] = [("kiosks uploading at once", KIOSKS, "kiosks"),
                              ("rows (a day each)", KIOSKS * HOURS * DIMS_PER_HOUR, "rows")]  # fmt: skip
        sqlite = [workers for name, workers in CONFIGURATIONS if name == "SQLite"]
        postgresql = [workers for name, workers in CONFIGURATIONS if name == "PostgreSQL"]
        if sqlite:
            results += run_sqlite(Path(folder), sqlite)
        if postgresql:
            with running(Path(folder) / "postgresql") as server:
                results += run_postgresql(Path(folder), server, postgresql)
    return results


def run_sqlite(folder: Path, worker_counts: list[int]) -> list[Row]:
    """Kiosks enrolled once into a template data folder; each configuration a copy of it."""
    template = folder / "sqlite-template"
    kiosks = enrol_kiosks(template, KIOSKS)
    bodies = [(token, upload_body(device_id)) for device_id, token in kiosks]
    results: list[Row] = []
    for workers in worker_counts:
        data_dir = folder / f"sqlite-{workers}"
        shutil.copytree(template, data_dir)
        floor_s, _ = raw_insert_floor(data_dir / "hub.db", bodies)
        ingest = scenario(data_dir, kiosks, workers)
        results += report(f"SQLite, {workers} worker(s)", ingest, floor_s)
        shutil.rmtree(data_dir)
    return results


def run_postgresql(folder: Path, server: LocalServer, worker_counts: list[int]) -> list[Row]:
    """Kiosks enrolled once into a template database; each configuration a fresh database made
    from it, its hub and its floor in that database, and the database dropped after."""
    template = folder / "postgresql-template"
    template.mkdir()
    template_url = server.create_database(TEMPLATE_DATABASE)
    with database_url(template_url):
        kiosks = enrol_kiosks(template, KIOSKS)
    postgres.close_pool(template_url)  # a template database must have no open connections
    bodies = [(token, upload_body(device_id)) for device_id, token in kiosks]
    results: list[Row] = []
    for workers in worker_counts:
        name = f"ingest_{workers}_workers"
        url = server.create_database(name, TEMPLATE_DATABASE)
        data_dir = folder / f"postgresql-{workers}"
        shutil.copytree(template, data_dir)
        floor_s, _ = raw_insert_floor_postgresql(url, bodies)
        with database_url(url):
            ingest = scenario(data_dir, kiosks, workers)
        postgres.close_pool(url)
        server.drop_database(name)
        results += report(f"PostgreSQL, {workers} worker(s)", ingest, floor_s)
        shutil.rmtree(data_dir)
    return results


@contextlib.contextmanager
def database_url(url: str) -> Iterator[None]:
    """HUB_DATABASE_URL set to `url` for this process and the hubs it starts; restored after."""
    before = os.environ.get(backend.DATABASE_URL_ENV)
    os.environ[backend.DATABASE_URL_ENV] = url
    try:
        yield
    finally:
        if before is None:
            del os.environ[backend.DATABASE_URL_ENV]
        else:
            os.environ[backend.DATABASE_URL_ENV] = before


def report(name: str, ingest: Ingest, floor_s: float) -> list[Row]:
    rows = KIOSKS * HOURS * DIMS_PER_HOUR
    cuts = statistics.quantiles(ingest.latencies, n=100)
    engines = ", ".join(f"{loop}+{http}" for loop, http in sorted(ingest.engines))
    return [
        (f"{name}: through the hub", ingest.seconds, "s"),
        (f"{name}: rows per second", rows / ingest.seconds, "rows/s"),
        (f"{name}: floor (raw inserts, a transaction per kiosk)", floor_s, "s"),
        (f"{name}: throughput / floor's", floor_s / ingest.seconds, "x"),
        (f"{name}: upload latency p50", cuts[49], "s"),
        (f"{name}: upload latency p99", cuts[98], "s"),
        (f"{name}: first uploads given up and sent again", ingest.gave_up, "uploads"),
        (f"{name}: requests sent again after a dropped connection", ingest.retried, "requests"),
        (
            f"{name}: requests answered 503 and sent again after Retry-After",
            ingest.busy,
            "requests",
        ),
        (f"{name}: hub CPU time (all processes)", ingest.hub_cpu_s, "s"),
        (f"{name}: totals equal the kiosks' ({engines})", 1.0, "checked"),
    ]


def upload_body(device_id: str) -> bytes:
    return json.dumps({"device_id": device_id, "rows": day_of_rows(HOURS, DIMS_PER_HOUR)}).encode()


def scenario(data_dir: Path, kiosks: list[tuple[str, str]], workers: int) -> Ingest:
    """Every kiosk uploads its day and a heartbeat through a hub of `workers` workers; raises
    TotalsError unless the hub counted every kiosk's rows exactly once."""
    ingest = Ingest()
    with hub_process(data_dir, workers, NO_JOBS) as hub:
        ingest.engines = set(hub.workers().values())
        pids = [hub.process.pid, *hub.workers()]
        cpu_before = cpu_seconds(pids)
        started = time.perf_counter()
        asyncio.run(upload_all(hub.url, kiosks, ingest))
        ingest.seconds = time.perf_counter() - started
        ingest.hub_cpu_s = cpu_seconds(pids) - cpu_before
    check_totals(data_dir, kiosks)
    return ingest


async def upload_all(url: str, kiosks: list[tuple[str, str]], ingest: Ingest) -> None:
    limits = httpx.Limits(max_connections=CONNECTIONS, max_keepalive_connections=CONNECTIONS)
    gate = asyncio.Semaphore(CONNECTIONS)
    chance = random.Random(15)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=600) as client:

        async def kiosk(index: int, device_id: str, token: str) -> None:
            headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
            body = upload_body(device_id)
            give_up_after = chance.uniform(0.001, 0.05) if index % GIVES_UP_EVERY == 0 else None
            async with gate:
                if give_up_after is not None:
                    try:  # the client gives up before the answer ...
                        await asyncio.wait_for(
                            _post(client, "usage", body, headers, ingest), give_up_after
                        )
                    except TimeoutError:
                        ingest.gave_up += 1
                started = time.perf_counter()  # ... and sends the same upload again
                accepted = await _post(client, "usage", body, headers, ingest)
                ingest.latencies.append(time.perf_counter() - started)
                if accepted.get("accepted") != HOURS * DIMS_PER_HOUR:
                    raise TotalsError(f"{device_id}: usage answer {accepted}")
                await _post(client, "heartbeat", heartbeat_body(device_id), headers, ingest)

        await asyncio.gather(*(kiosk(i, d, t) for i, (d, t) in enumerate(kiosks)))


async def _post(
    client: httpx.AsyncClient, path: str, body: bytes, headers: dict[str, str], ingest: Ingest
) -> dict:
    """POST as a kiosk does: a connection the hub closed under it (an idle keep-alive one) is
    retried, up to TRIES times; a 503 (the hub waited too long for its database) is sent again
    after its Retry-After, up to BUSY_TRIES times, as the kiosk's outbox is at its next sync.
    The upload is the same, so the hub counts it once."""
    for _ in range(BUSY_TRIES):
        response = await _send(client, path, body, headers, ingest)
        if response.status_code != 503:
            break
        ingest.busy += 1
        await asyncio.sleep(_retry_after(response))
    if response.status_code != 200:
        raise TotalsError(f"{path}: HTTP {response.status_code} {response.text[:200]}")
    return response.json()


async def _send(
    client: httpx.AsyncClient, path: str, body: bytes, headers: dict[str, str], ingest: Ingest
) -> httpx.Response:
    for attempt in range(TRIES):
        try:
            return await client.post(f"/api/v1/{path}", content=body, headers=headers)
        except httpx.TransportError:
            ingest.retried += 1
            if attempt == TRIES - 1:
                raise
    raise AssertionError("unreachable")


def _retry_after(response: httpx.Response) -> float:
    try:
        return min(max(float(response.headers.get("Retry-After", "5")), 0.0), 300.0)
    except ValueError:
        return 5.0


def heartbeat_body(device_id: str) -> bytes:
    beat = {"device_id": device_id, "sent_at": "2026-11-20T12:00:00Z", "uptime_s": 3600.0,
            "disk_free_bytes": 10**9, "content_version": 7}  # fmt: skip
    return json.dumps(beat).encode()


def check_totals(data_dir: Path, kiosks: list[tuple[str, str]]) -> None:
    """The hub's per-kiosk count and seconds equal each kiosk's day, and every kiosk's
    heartbeat arrived; else TotalsError naming the first difference."""
    rows = day_of_rows(HOURS, DIMS_PER_HOUR)
    expected = (sum(int(r["count"]) for r in rows), sum(float(r["seconds"]) for r in rows))
    store = HubStore(data_dir / "hub.db")
    try:
        totals = {t.group["device"]: (t.count, t.seconds) for t in store.usage_totals(["device"])}
        beats = store.latest_heartbeats()
    finally:
        store.close()
    for device_id, _ in kiosks:
        if totals.get(device_id) != expected:
            raise TotalsError(f"{device_id}: hub has {totals.get(device_id)}, kiosk {expected}")
        if device_id not in beats:
            raise TotalsError(f"{device_id}: heartbeat lost")
    if len(totals) != len(kiosks):
        raise TotalsError(f"the hub has usage of {len(totals)} kiosks, {len(kiosks)} uploaded")


if __name__ == "__main__":
    for label, value, unit in run():
        print(f"{label:<60} {value:>14,.3f} {unit}")
