"""SIGKILL during upload: the rows are sent again and counted once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from cache.usage_store import UsageEvent, UsageStore
from hub.store import HubStore
from hub.store.records import UsageRow
from sync.config import load_device_config, write_enrolment
from sync.upload import upload_usage
from tests.usage_support import FAKE_ROOT, device_totals, enrolled, hub_app, hub_totals, running

ROOT = Path(__file__).resolve().parents[2]
T0 = 1_790_000_000.0


def device_files(config_dir: Path, url: str, device_id: str, token: str) -> Path:
    config_dir.mkdir(parents=True, exist_ok=True)
    config = config_dir / "kiosk.toml"
    config.write_text(f'[sync]\ndata_dir = "{config_dir / "data"}"\n')
    write_enrolment(config_dir, device_id, token, "mong-cai", url, FAKE_ROOT)
    return config


def start_upload(config: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "sync", "--config", str(config), "upload"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def add_events(store: UsageStore, start: float, count: int) -> None:
    store.append(
        [
            UsageEvent(start + i * 37, "article_view", {"article": f"a{i % 200}", "lang": "km"}, i)
            for i in range(count)
        ]
    )


def hold_after_storing(hub_store: HubStore) -> tuple[threading.Event, threading.Event]:
    """Make the hub commit a batch, then wait before it answers."""
    stored, release = threading.Event(), threading.Event()
    upsert = hub_store.upsert_usage

    def upsert_then_hold(device_id: str, rows: Sequence[UsageRow]) -> int:
        accepted = upsert(device_id, rows)
        stored.set()
        release.wait(30)
        return accepted

    hub_store.upsert_usage = upsert_then_hold  # type: ignore[method-assign]
    return stored, release


def test_killed_after_the_hub_stored_but_before_the_answer(tmp_path: Path) -> None:
    app, hub_store = hub_app(tmp_path / "hub")
    device_id, token = enrolled(hub_store)
    stored, release = hold_after_storing(hub_store)
    with running(app) as url:
        config_path = device_files(tmp_path / "etc", url, device_id, token)
        config = load_device_config(config_path)
        store = UsageStore(config.usage_db)
        add_events(store, T0, 2_000)
        pending = store.unsent_count()
        child = start_upload(config_path)
        try:
            assert stored.wait(60)  # the hub has committed the first batch ...
            child.send_signal(signal.SIGKILL)  # ... and the uploader dies before the answer
            child.wait(30)
        finally:
            child.kill()
            release.set()
        assert store.unsent_count() == pending  # never acknowledged, so never marked sent
        assert hub_totals(hub_store, device_id)  # though the hub has some of it
        hub_store.upsert_usage = type(hub_store).upsert_usage.__get__(hub_store)  # type: ignore[method-assign]
        assert upload_usage(config, store=store).ok
        assert hub_totals(hub_store, device_id) == device_totals(store)
        store.close()


def test_killed_at_random_moments_the_hub_still_counts_everything_once(tmp_path: Path) -> None:
    app, hub_store = hub_app(tmp_path / "hub")
    device_id, token = enrolled(hub_store)
    chance = random.Random(5)
    with running(app) as url:
        config_path = device_files(tmp_path / "etc", url, device_id, token)
        config = load_device_config(config_path)
        store = UsageStore(config.usage_db)
        for round_ in range(6):
            add_events(store, T0 + round_ * 1800, 3_000)  # later rounds also touch sent hours
            child = start_upload(config_path)
            try:
                child.wait(chance.uniform(0.3, 1.2))
            except subprocess.TimeoutExpired:
                child.send_signal(signal.SIGKILL)
            child.wait(30)
        assert upload_usage(config, store=store).ok
        assert store.unsent_count() == 0
        assert hub_totals(hub_store, device_id) == device_totals(store)
        total = sum(count for count, _, _ in hub_totals(hub_store, device_id).values())
        assert total == 6 * 3_000
        store.close()
