"""Thirty simulated days offline at a busy gate stay within the size cap and upload completely."""

from __future__ import annotations

import random
from pathlib import Path

from cache.usage_limits import DAY_S, UsageLimits
from cache.usage_store import UsageStore
from sync.upload import upload_usage
from tests.busy_gate import day_of_events
from tests.usage_support import device_config, device_totals, enrolled, hub_app, hub_totals, running

D0 = 1_790_000_000.0 - (1_790_000_000.0 % DAY_S)
CAP = 32 * 1024 * 1024  # tight enough that the oldest raw events must make room


def test_thirty_days_offline_stay_within_the_cap_and_upload_completely(tmp_path: Path) -> None:
    store = UsageStore(tmp_path / "device" / "usage.db", UsageLimits(size_cap_bytes=CAP))
    chance = random.Random(30)
    generated = 0
    last_week = 0
    for day in range(30):
        for batch in day_of_events(D0 + day * DAY_S, chance):
            generated += store.append(batch)
            last_week += len(batch) if day >= 23 else 0
            store.enforce_limits(now=batch[-1].ts)  # the writer's sweep
            assert store.used_bytes() <= CAP
    files = {path.name: path.stat().st_size for path in store.path.parent.glob("usage.db*")}
    assert files["usage.db"] <= CAP * 1.02, files
    assert files.get("usage.db-wal", 0) <= 16 * 1024 * 1024, files
    assert store.event_count() < last_week  # the cap, not only retention, removed raw events
    oldest = store.oldest_event_ts()
    assert oldest is not None and oldest >= D0 + 23 * DAY_S  # and never older than 7 days
    assert sum(count for count, _, _ in store.totals().values()) == generated  # no aggregate lost

    app, hub_store = hub_app(tmp_path / "hub")
    device_id, token = enrolled(hub_store)
    with running(app) as url:
        config = device_config(tmp_path / "device", url, device_id, token)
        outcome = upload_usage(config, store=store)
    assert outcome.ok, outcome
    assert outcome.remaining_rows == 0 and store.unsent_count() == 0
    assert hub_totals(hub_store, device_id) == device_totals(store)
    store.close()
