"""Each interval of a background job is claimed once, whichever process asks first; the staff
key is the same for workers that start at once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from hub.jobs import HubJobs
from hub.settings import HubSettings
from hub.staff.context import load_secret
from hub.store import HubStore

NOON = datetime(2026, 12, 6, 12, tzinfo=UTC)


def test_an_interval_is_won_by_the_first_claim_only(tmp_path: Path):
    first, second = HubStore(tmp_path / "hub.db"), HubStore(tmp_path / "hub.db")
    try:
        assert first.claim_job_run("prune-heartbeats", NOON, "a:1")
        assert not second.claim_job_run("prune-heartbeats", NOON, "b:2")
        assert second.claim_job_run("poll-feeds", NOON, "b:2")
        assert [run.worker for run in first.job_runs("prune-heartbeats")] == ["a:1"]
    finally:
        first.close()
        second.close()


def test_two_workers_run_a_job_once(tmp_path: Path):
    store = HubStore(tmp_path / "hub.db")
    ran: list[str] = []
    workers = [HubJobs(HubSettings(tmp_path), store) for _ in range(2)]
    try:
        outcomes = [w.run_once("poll-feeds", 60, ran.append, w.worker) for w in workers]
    finally:
        store.close()
    assert outcomes == [True, False]
    assert len(ran) == 1


def test_workers_starting_at_once_share_one_staff_key(tmp_path: Path):
    path = tmp_path / "staff-secret"
    with ThreadPoolExecutor(8) as pool:
        keys = set(pool.map(lambda _: load_secret(path), range(16)))
    assert len(keys) == 1 and path.read_bytes() in keys
    assert [p.name for p in tmp_path.iterdir()] == ["staff-secret"]
