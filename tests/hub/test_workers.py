"""`python -m hub serve --workers 3`: background jobs run once per interval across the workers,
every worker runs on uvloop and httptools, and uploads through all of them add up exactly."""

from __future__ import annotations

import itertools
import json
import re
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

import httpx
import pytest

from bench._hub_ingest import day_of_rows, enrol_kiosks, hub_process
from hub.store import HubStore
from tests.usage_support import hub_data_dir

INTERVAL_MINUTES = 0.05  # 3 s
JOBS = ("resign-timestamp", "prune-heartbeats", "poll-feeds")
SHORT_JOBS = tuple(
    part
    for name in ("resign-timestamp", "prune", "poll-feeds")
    for part in (f"--{name}-every-minutes", str(INTERVAL_MINUTES))
)
RUN_LINE = re.compile(r"job ([\w-]+): running interval (\S+) in (\S+)")


def job_runs(log: Path) -> dict[str, list[tuple[str, str]]]:
    runs: dict[str, list[tuple[str, str]]] = {}
    for job, interval, worker in RUN_LINE.findall(log.read_text()):
        runs.setdefault(job, []).append((interval, worker))
    return runs


def upload(url: str, device_id: str, token: str, rows: list[dict[str, object]]) -> int:
    """One upload on a new connection, so the workers take turns accepting them."""
    body = json.dumps({"device_id": device_id, "rows": rows})
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    response = httpx.post(f"{url}/api/v1/usage", content=body, headers=headers, timeout=60)
    return response.status_code


@pytest.fixture(scope="module")
def three_workers(tmp_path_factory: pytest.TempPathFactory):
    data_dir = hub_data_dir(tmp_path_factory.mktemp("workers") / "hub")
    kiosks = enrol_kiosks(data_dir, 12)
    with hub_process(data_dir, workers=3, extra=SHORT_JOBS) as hub:
        yield hub, kiosks, data_dir


def test_each_job_runs_once_per_interval_across_three_workers(three_workers):
    hub, _, _ = three_workers
    deadline = time.monotonic() + 60
    while min(len(job_runs(hub.log).get(job, [])) for job in JOBS) < 4:
        assert time.monotonic() < deadline, hub.log.read_text()[-3000:]
        time.sleep(0.2)
    runs = job_runs(hub.log)
    for job in JOBS:
        intervals = [datetime.fromisoformat(interval) for interval, _ in runs[job]]
        assert Counter(intervals).most_common(1)[0][1] == 1, f"{job} ran twice in an interval"
        ordered = sorted(intervals)
        steps = {round((b - a).total_seconds(), 1) for a, b in itertools.pairwise(ordered)}
        assert steps == {INTERVAL_MINUTES * 60}, f"{job} skipped an interval: {ordered}"


def test_every_worker_runs_on_uvloop_and_httptools(three_workers):
    hub, _, _ = three_workers
    assert sorted(hub.workers().values()) == [("uvloop", "httptools")] * 3


def test_uploads_through_all_workers_add_up_exactly(three_workers):
    hub, kiosks, data_dir = three_workers
    days = ("2026-11-18", "2026-11-19", "2026-11-20")
    work = [(device_id, token, day) for device_id, token in kiosks for day in days]
    work += work[::5]  # some uploads sent again, as after a lost answer
    with ThreadPoolExecutor(8) as pool:
        statuses = list(
            pool.map(lambda w: upload(hub.url, w[0], w[1], day_of_rows(4, 5, w[2])), work)
        )
    assert statuses == [200] * len(work)
    store = HubStore(data_dir / "hub.db")
    try:
        totals = {t.group["device"]: t.count for t in store.usage_totals(["device"])}
    finally:
        store.close()
    assert totals == {device_id: len(days) * 4 * 5 * 5 for device_id, _ in kiosks}
