"""Shared pieces for the usage tests: a real hub on 127.0.0.1, enrolled devices, device configs."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI

from cache.usage_store import UsageStore
from hub.devices.api import ApiLimits
from hub.devices.enrolment import exchange, issue_device
from hub.devices.setup import add_device_api
from hub.settings import HubSettings
from hub.store import HubStore
from hub.store.queries import UsageFilter
from sync.config import DeviceConfig
from sync.upload import upload_usage

FAKE_ROOT = json.dumps(
    {"signed": {"_type": "root", "version": 1, "spec_version": "1.0.31"}, "signatures": []}
).encode()
GENEROUS = ApiLimits(device_per_second=1000.0, device_burst=10_000, enrol_burst=1000)


def hub_data_dir(tmp: Path) -> Path:
    """A hub data folder whose repository holds a (test) TUF root."""
    metadata = tmp / "repository" / "metadata"
    metadata.mkdir(parents=True, exist_ok=True)
    (metadata / "1.root.json").write_bytes(FAKE_ROOT)
    return tmp


def hub_app(data_dir: Path, limits: ApiLimits | None = GENEROUS) -> tuple[FastAPI, HubStore]:
    """The device API alone, as hub.web.create_app mounts it."""
    settings = HubSettings(data_dir=hub_data_dir(data_dir))
    app = FastAPI()
    store = add_device_api(app, settings, limits)
    return app, store


@contextlib.contextmanager
def running(app: Any) -> Iterator[str]:
    """Serve an ASGI app with uvicorn on a free 127.0.0.1 port in a thread; yield its URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(1000):
        if server.started:
            break
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def enrolled(store: HubStore, gate: str = "mong-cai") -> tuple[str, str]:
    """A new active device at the hub: (device_id, token)."""
    _, code = issue_device(store, gate)
    device, token = exchange(store, code)
    return device.id, token


def device_config(
    data_dir: Path, hub_url: str, device_id: str | None, token: str | None, **overrides: Any
) -> DeviceConfig:
    data_dir.mkdir(parents=True, exist_ok=True)
    values: dict[str, Any] = {
        "config_path": data_dir / "kiosk.toml",
        "hub_url": hub_url,
        "channel": "mong-cai",
        "data_dir": data_dir,
        "interval_minutes": 15,
        "jitter_seconds": 0,
        "budget_seconds": 120,
        "socket_timeout_seconds": 10,
        "max_backoff_minutes": 60,
        "stale_after_days": 14,
        "device_id": device_id,
        "token": token,
        "root_bytes": FAKE_ROOT,
    }
    values.update(overrides)
    return DeviceConfig(**values)


Totals = dict[tuple[str, str, str], tuple[int, float, tuple[int, ...]]]


def hub_totals(store: HubStore, device_id: str) -> Totals:
    """The hub's rows for one device, keyed as the device keys them."""
    return {
        (
            r.hour,
            r.kind,
            json.dumps(dict(r.dims), sort_keys=True, separators=(",", ":"), ensure_ascii=False),
        ): (
            r.count,
            r.seconds,
            r.hist,
        )
        for r in store.usage(UsageFilter(devices=[device_id]))
    }


def device_totals(store: UsageStore) -> Totals:
    return {
        key: (count, round(seconds, 3), hist)
        for key, (count, seconds, hist) in store.totals().items()
    }


def upload_until_done(
    config: DeviceConfig, store: UsageStore, outcomes: list, pause_s: float = 0.0
) -> None:
    """What the sync daemon does on its schedule, with `pause_s` between tries instead of its
    back-off; every outcome is appended to `outcomes`."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        outcome = upload_usage(config, store=store, batch_rows=50)
        outcomes.append(outcome)
        if outcome.ok:
            return
        time.sleep(pause_s)


def counted_events(data_dir: Path) -> int:
    """Every event the hub of a data folder has counted."""
    store = HubStore(data_dir / "hub.db")
    try:
        return sum(t.count for t in store.usage_totals(["device"]))
    finally:
        store.close()
