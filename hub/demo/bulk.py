"""Demo-only bulk writes into hub.db for what the hub store has no bulk method for.

The store records one heartbeat per transaction (right for a live hub) and stamps devices with
the current time. Seeding 90 days for 30 kiosks needs ~65,000 heartbeats and back-dated
enrolments, so the demo writes them here in one transaction, into the store's own tables.
Uses `store.record_heartbeats(beats)` instead when the store offers it.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path

from hub.store import HubStore
from hub.store_records import Heartbeat, time_text


def _opt(moment: datetime | None) -> str | None:
    return time_text(moment) if moment is not None else None


def insert_heartbeats(store: HubStore, beats: Sequence[Heartbeat]) -> None:
    bulk = getattr(store, "record_heartbeats", None)
    if callable(bulk):
        bulk(beats)
        return
    rows = [
        (
            b.device_id, _opt(b.received_at), time_text(b.device_time), b.content_version,
            _opt(b.last_sync_at), b.last_sync_ok, b.last_sync_error, _opt(b.last_upload_at),
            b.last_upload_ok, b.uptime_s, b.disk_free_bytes, json.dumps(dict(b.errors), sort_keys=True),
            b.pending_rows,
        )
        for b in beats
    ]  # fmt: skip
    with _connect(store.path) as conn, conn:
        conn.executemany(
            "INSERT INTO heartbeats (device_id, received_at, device_time, content_version,"
            " last_sync_at, last_sync_ok, last_sync_error, last_upload_at, last_upload_ok,"
            " uptime_s, disk_free_bytes, errors, pending_rows)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def backdate_enrolment(store: HubStore, enrolled: Mapping[str, datetime]) -> None:
    with _connect(store.path) as conn, conn:
        conn.executemany(
            "UPDATE devices SET created_at = ?, enrolled_at = ? WHERE id = ?",
            [(time_text(when), time_text(when), device) for device, when in enrolled.items()],
        )


def _connect(path: Path) -> contextlib.closing[sqlite3.Connection]:
    conn = sqlite3.connect(path, timeout=30)
    conn.execute("PRAGMA synchronous=NORMAL")
    return contextlib.closing(conn)
