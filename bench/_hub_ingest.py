"""Shared pieces of the hub ingest benchmarks (bench/usage.py, bench/ingest.py): enrolled kiosks,
a day of hourly rows, a real hub served by `python -m hub serve` in its own process group, and
the floor: the same rows inserted straight into the hub's own database, a SQLite file or a
PostgreSQL database."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg

from hub.devices.enrolment import code_hash, exchange, new_code
from hub.store import HubStore, backend
from hub.store.schema import HIST_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
WORKER_LINE = re.compile(r"worker (\d+) serving with loop=(\w+) http=(\w+)")
NO_JOBS = (
    "--resign-timestamp-every-minutes", "0", "--prune-every-minutes", "0",
    "--poll-feeds-every-minutes", "0",
)  # fmt: skip


@dataclass
class ServedHub:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def workers(self) -> dict[int, tuple[str, str]]:
        """Every worker that started so far: {pid: (event loop, HTTP parser)}."""
        text = self.log.read_text(errors="replace")
        return {int(pid): (loop, http) for pid, loop, http in WORKER_LINE.findall(text)}


def enrol_kiosks(data_dir: Path, count: int, gate: str = "mong-cai") -> list[tuple[str, str]]:
    """`count` enrolled kiosks of a new hub data folder: [(device_id, token)]."""
    store = HubStore(data_dir / "hub.db")
    expires = datetime.now(UTC) + timedelta(days=1)
    kiosks = []
    try:
        for index in range(count):  # as issue_device does, without its check of every id
            code = new_code()
            store.create_device(f"{gate}-{index:06x}", gate, code_hash(code), expires)
            device, token = exchange(store, code)
            kiosks.append((device.id, token))
    finally:
        store.close()
    return kiosks


def day_of_rows(hours: int, dims: int, day: str = "2026-11-20") -> list[dict[str, object]]:
    """A kiosk's day: `dims` article views in each of `hours` hours (from 23:00 UTC on)."""
    return [
        {
            "hour": f"{day}T{(hour + 23) % 24:02d}:00:00Z",
            "kind": "article_view",
            "dims": {"article": f"article-{dim}", "lang": "en", "topic": "entry"},
            "count": 5,
            "seconds": 120.5,
            "hist": [1, 1, 1, 0, 2, 0, 0, 0, 0],
            "revision": 3,
        }
        for hour in range(hours)
        for dim in range(dims)
    ]


FLOOR_COLUMNS = ["device_id", "hour", "kind", "dims", "count", "seconds", *HIST_COLUMNS, "revision"]
_FLOOR_SELECT = f"SELECT {', '.join(FLOOR_COLUMNS)} FROM usage_hourly"


def floor_rows(bodies: list[tuple[str, bytes]]) -> list[list[tuple[object, ...]]]:
    """Each kiosk's upload as plain rows of the floor table, in FLOOR_COLUMNS order."""
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
    return per_kiosk


def _floor_insert(marker: str) -> str:
    markers = ", ".join([marker] * len(FLOOR_COLUMNS))
    return f"INSERT INTO floor ({', '.join(FLOOR_COLUMNS)}) VALUES ({markers})"


def raw_insert_floor(path: Path, bodies: list[tuple[str, bytes]]) -> tuple[float, float]:
    """Plain INSERTs of the same rows into a copy of the usage table in the same file: seconds
    with one transaction per kiosk, and with one transaction in all."""
    per_kiosk = floor_rows(bodies)
    sql = _floor_insert("?")
    timings = []
    for one_transaction in (False, True):
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("DROP TABLE IF EXISTS floor")
        conn.execute(f"CREATE TABLE floor AS {_FLOOR_SELECT} WHERE 0")
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
        conn.execute("DROP TABLE floor")
        conn.close()
    return timings[0], timings[1]


def raw_insert_floor_postgresql(url: str, bodies: list[tuple[str, bytes]]) -> tuple[float, float]:
    """The same floor in a PostgreSQL database (the hub's, at `url`): plain INSERTs with
    psycopg's executemany into a copy of the usage table, durable commits as the hub's; seconds
    with one transaction per kiosk, and with one transaction in all."""
    per_kiosk = floor_rows(bodies)
    sql = _floor_insert("%s")
    timings = []
    with psycopg.connect(url, autocommit=True) as conn:
        for one_transaction in (False, True):
            conn.execute("DROP TABLE IF EXISTS floor")
            conn.execute(f"CREATE TABLE floor AS {_FLOOR_SELECT} WHERE false")
            conn.execute("CREATE UNIQUE INDEX floor_key ON floor(device_id, hour, kind, dims)")
            started = time.perf_counter()
            if one_transaction:
                with conn.transaction(), conn.cursor() as cursor:
                    for rows in per_kiosk:
                        cursor.executemany(sql, rows)
            else:
                for rows in per_kiosk:
                    with conn.transaction(), conn.cursor() as cursor:
                        cursor.executemany(sql, rows)
            timings.append(time.perf_counter() - started)
            conn.execute("DROP TABLE floor")
    return timings[0], timings[1]


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of processes (Linux /proc), in seconds; gone ones count 0."""
    total = 0.0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def hub_process(
    data_dir: Path, workers: int = 1, extra: tuple[str, ...] = NO_JOBS
) -> Iterator[ServedHub]:
    """`python -m hub serve --workers N` on a free 127.0.0.1 port, its log in data_dir/serve.log;
    yields once every worker has started and the port answers. Stopped with SIGTERM (all of
    its processes with SIGKILL if that takes long)."""
    port = free_port()
    log = data_dir / "serve.log"
    command = [sys.executable, "-m", "hub", "serve", "--data-dir", str(data_dir),
               "--port", str(port), "--workers", str(workers), *extra]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    database = backend.route(data_dir / "hub.db")
    if backend.is_postgresql(database):
        env[backend.DATABASE_URL_ENV] = str(database)
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
            env=env,
        )  # fmt: skip
    served = ServedHub(f"http://127.0.0.1:{port}", process, log)
    try:
        deadline = time.monotonic() + 120
        while len(served.workers()) < workers or not _answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the hub did not start: {log.read_text()[-2000:]}")
            time.sleep(0.1)
        yield served
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), 1):
            return True
    except OSError:
        return False
