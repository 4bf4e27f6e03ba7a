"""A hub worker SIGKILLed while kiosks upload loses nothing: the kiosks' own upload code keeps
what was not acknowledged in its outbox and sends it again, uvicorn starts a new worker, and
every event is counted exactly once."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

from bench._hub_ingest import NO_JOBS, enrol_kiosks, hub_process
from cache.usage_store import UsageStore
from hub.store import HubStore
from tests.sync.test_upload_sigkill import T0, add_events
from tests.usage_support import (
    counted_events,
    device_config,
    device_totals,
    hub_data_dir,
    hub_totals,
    upload_until_done,
)

KIOSKS = 6
EVENTS = 2_000


def test_a_worker_killed_during_uploads_loses_nothing(tmp_path: Path):
    data_dir = hub_data_dir(tmp_path / "hub")
    kiosks = enrol_kiosks(data_dir, KIOSKS)
    with hub_process(data_dir, workers=2, extra=NO_JOBS) as hub:
        victim = min(hub.workers())
        stores, threads, outcomes = [], [], []
        for index, (device_id, token) in enumerate(kiosks):
            config = device_config(tmp_path / f"kiosk-{index}", hub.url, device_id, token)
            store = UsageStore(config.usage_db)
            add_events(store, T0, EVENTS)
            stores.append(store)
            outcomes.append([])
            threads.append(
                threading.Thread(target=upload_until_done, args=(config, store, outcomes[-1]))
            )
        for thread in threads:
            thread.start()
        while (before_kill := counted_events(data_dir)) == 0:  # uploads are under way ...
            time.sleep(0.01)
        os.kill(victim, signal.SIGKILL)  # ... when a worker dies
        assert before_kill < KIOSKS * EVENTS
        for thread in threads:
            thread.join(120)
        deadline = time.monotonic() + 60
        while len(hub.workers()) < 3:  # uvicorn replaces the dead worker
            assert time.monotonic() < deadline, hub.log.read_text()[-3000:]
            time.sleep(0.1)
    hub_store = HubStore(data_dir / "hub.db")
    try:
        for (device_id, _), store, tries in zip(kiosks, stores, outcomes, strict=True):
            assert tries[-1].ok, tries
            assert store.unsent_count() == 0
            assert hub_totals(hub_store, device_id) == device_totals(store)
        assert sum(t.count for t in hub_store.usage_totals(["device"])) == KIOSKS * EVENTS
    finally:
        hub_store.close()
        for store in stores:
            store.close()
