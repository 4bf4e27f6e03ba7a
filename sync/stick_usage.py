"""Usage home by stick: the device's unsent usage aggregates and a heartbeat, written to the stick.

One file per device, `usage/<device id>.json`: `{"body": "<JSON text>", "hmac_sha256": "<hex>"}`.
The body is what the network upload and heartbeat would send (docs/usage-data.md): `device_id`,
`rows`, `heartbeat`, `written_at`. It is authenticated with the device's own credential, the
token it uses online: the HMAC key is the token's sha256 (hex), which is what the hub stores
for the device, so the hub can check which enrolled device wrote the file and nobody can write
one for a device without its token. The rows stay "unsent" on the device: the hub upserts every
row by (device, hour, dimension) and revision, so the same rows imported from a stick, imported
again, or uploaded later online are counted once.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

from cache import UsageStore
from sync.config import DeviceConfig
from sync.heartbeat import heartbeat_document, sync_status
from sync.upload import row_document

logger = logging.getLogger(__name__)

USAGE_FOLDER = "usage"
MAX_ROWS = 200_000
"""At most this many unsent rows go onto one stick (months of a busy kiosk)."""


def stick_key(token: str) -> bytes:
    """The HMAC key of a device's stick files: its token's sha256, as the hub stores it."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest().encode("ascii")


def sign(body: bytes, token: str) -> str:
    return hmac.new(stick_key(token), body, hashlib.sha256).hexdigest()


def write_usage(config: DeviceConfig, stick: Path, clock: Callable[[], float] = time.time) -> int:
    """Write the unsent rows and a heartbeat to the stick; how many rows. Nothing for a device
    that is not enrolled. The file appears whole or not at all."""
    if not config.device_id or not config.token:
        logger.info("not enrolled: no usage written to the stick")
        return 0
    status = sync_status(config)
    store = UsageStore(config.usage_db, config.usage_limits)
    try:
        rows = store.unsent(MAX_ROWS)
        body = {
            "device_id": config.device_id,
            "written_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(clock())),
            "rows": [row_document(row) for row in rows],
            "heartbeat": heartbeat_document(config, status, store, clock),
        }
    finally:
        store.close()
    data = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    signed = json.dumps({"body": data.decode(), "hmac_sha256": sign(data, config.token)})
    folder = stick / USAGE_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{config.device_id}.json"
    partial = folder / f".{config.device_id}.json.partial"
    with partial.open("w", encoding="utf-8") as out:
        out.write(signed)
        out.flush()
        os.fsync(out.fileno())
    partial.replace(target)
    logger.info("%d usage rows and a heartbeat written to %s", len(rows), target)
    return len(rows)
