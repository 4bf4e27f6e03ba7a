"""PostgreSQL stopped while kiosks upload: the hub answers 503 with Retry-After
(`store_unavailable`), each kiosk keeps what was not acknowledged in its outbox, and once the
database is back every event is counted exactly once."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from bench._hub_ingest import NO_JOBS, enrol_kiosks, hub_process
from cache.usage_store import UsageStore
from hub.store import HubStore, backend
from hub.store.backend.local_server import running
from sync.upload import upload_usage
from tests.sync.test_upload_sigkill import T0, add_events
from tests.usage_support import (
    counted_events,
    device_config,
    device_totals,
    hub_data_dir,
    hub_totals,
    upload_until_done,
)

pytestmark = pytest.mark.own_postgresql

KIOSKS = 4
EVENTS = 2_000


def test_kiosks_keep_their_outbox_while_postgresql_is_down_and_nothing_counts_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with running(tmp_path / "postgresql") as server:
        monkeypatch.setenv(backend.DATABASE_URL_ENV, server.create_database("hub"))
        data_dir = hub_data_dir(tmp_path / "hub")
        kiosks = enrol_kiosks(data_dir, KIOSKS)
        with hub_process(data_dir, workers=2, extra=NO_JOBS) as hub:
            stores, outcomes, threads, configs = [], [], [], []
            for index, (device_id, token) in enumerate(kiosks):
                config = device_config(tmp_path / f"kiosk-{index}", hub.url, device_id, token)
                store = UsageStore(config.usage_db)
                add_events(store, T0, EVENTS)
                stores.append(store)
                configs.append(config)
                outcomes.append([])
                threads.append(
                    threading.Thread(
                        target=upload_until_done, args=(config, store, outcomes[-1], 0.2)
                    )
                )
            assert upload_usage(configs[0], store=stores[0], batch_rows=50).ok  # before
            add_events(stores[0], T0 + 86_400, EVENTS)
            server.stop("immediate")  # the database goes away; kiosks keep uploading
            for thread in threads:
                thread.start()
            deadline = time.monotonic() + 60
            while not all(any(not o.ok for o in tries) for tries in outcomes):
                assert time.monotonic() < deadline, outcomes
                time.sleep(0.1)
            unsent_while_down = [store.unsent_count() for store in stores]
            server.start()
            for thread in threads:
                thread.join(150)
        hub_store = HubStore(data_dir / "hub.db")
        try:
            for (device_id, _), store in zip(kiosks, stores, strict=True):
                assert store.unsent_count() == 0
                assert hub_totals(hub_store, device_id) == device_totals(store)
            assert counted_events(data_dir) == (KIOSKS + 1) * EVENTS
        finally:
            hub_store.close()
            for store in stores:
                store.close()
    failed = [o for tries in outcomes for o in tries if not o.ok]
    assert any("store_unavailable" in (o.error or "") for o in failed), failed[:3]
    assert "answering 503" in hub.log.read_text()
    assert all(unsent_while_down)  # every outbox kept what was not acknowledged
    assert all(tries[-1].ok for tries in outcomes)
