"""Heartbeat SQL of the hub store: raw heartbeats and their hourly roll-up. HubStore calls these;
nothing else does.

Every heartbeat is written twice in one transaction: as a raw row, and into its (device, hour)
row of `heartbeat_hours` (beats, newest arrival, the content version it reported, lowest free
disk, largest clock skew, failed syncs, most errors). Reports read only the roll-up and each
device's newest raw heartbeat, so raw heartbeats can be pruned without changing any figure.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime

from hub.store.records import (
    Heartbeat,
    HeartbeatHour,
    hour_text,
    parse_time,
    time_text,
    utc_now,
)
from hub.store.schema import ERROR_TOTAL, HOUR, SKEW_S

PRUNE_BATCH = 20_000
"""Raw heartbeats (or roll-up rows) deleted per write transaction, so uploads wait at most a
moment."""

_INSERT = (
    "INSERT INTO heartbeats (device_id, received_at, device_time, content_version,"
    " last_sync_at, last_sync_ok, last_sync_error, last_upload_at, last_upload_ok,"
    " uptime_s, disk_free_bytes, errors, pending_rows)"
    " VALUES (:device_id, :received_at, :device_time, :content_version, :last_sync_at,"
    " :last_sync_ok, :last_sync_error, :last_upload_at, :last_upload_ok, :uptime_s,"
    " :disk_free_bytes, :errors, :pending_rows)"
)
_ROLL_UP = f"""
    INSERT INTO heartbeat_hours (device_id, hour, beats, last_at, content_version,
        disk_free_bytes, clock_skew_s, failed_syncs, errors)
    VALUES (:device_id, {HOUR.format(received_at=":received_at")}, 1, :received_at,
        :content_version, :disk_free_bytes,
        {SKEW_S.format(device_time=":device_time", received_at=":received_at")},
        CASE WHEN :last_sync_ok = 0 THEN 1 ELSE 0 END, {ERROR_TOTAL.format(errors=":errors")})
    ON CONFLICT (device_id, hour) DO UPDATE SET
        beats = beats + 1,
        last_at = max(last_at, excluded.last_at),
        content_version = CASE WHEN excluded.last_at >= last_at
            THEN excluded.content_version ELSE content_version END,
        disk_free_bytes = min(disk_free_bytes, excluded.disk_free_bytes),
        clock_skew_s = max(clock_skew_s, excluded.clock_skew_s),
        failed_syncs = failed_syncs + excluded.failed_syncs,
        errors = max(errors, excluded.errors)
"""  # noqa: S608 (constant SQL)
_NEWEST_IDS = "SELECT max(m.id) FROM heartbeats m WHERE m.device_id = d.id"
_LATEST = f"SELECT h.* FROM devices d JOIN heartbeats h ON h.id = ({_NEWEST_IDS})"  # noqa: S608
_PRUNE = f"""
    DELETE FROM heartbeats WHERE id IN (
        SELECT id FROM heartbeats WHERE received_at < ? AND id NOT IN (
            SELECT newest FROM (SELECT ({_NEWEST_IDS}) AS newest FROM devices d)
            WHERE newest IS NOT NULL)
        LIMIT ?)
"""  # noqa: S608 (constant SQL)
_PRUNE_HOURS = """
    DELETE FROM heartbeat_hours WHERE (device_id, hour) IN (
        SELECT device_id, hour FROM heartbeat_hours WHERE hour < ? LIMIT ?)
"""


def write(conn: sqlite3.Connection, beats: Iterable[Heartbeat]) -> int:
    """Store heartbeats and roll them up, in the caller's transaction. Returns how many."""
    values = [_values(beat) for beat in beats]
    conn.executemany(_INSERT, values)
    conn.executemany(_ROLL_UP, values)
    return len(values)


def latest(conn: sqlite3.Connection, gates: Sequence[str] | None) -> dict[str, Heartbeat]:
    """Each device's newest heartbeat: one index look-up per device, however many are kept."""
    sql, params = _LATEST, list(gates or [])
    if gates is not None:
        sql += f" WHERE d.gate IN ({', '.join('?' * len(params))})"
    return {beat.device_id: beat for beat in map(_heartbeat, conn.execute(sql, params))}


def between(
    conn: sqlite3.Connection, device_id: str, since: datetime, until: datetime
) -> list[Heartbeat]:
    rows = conn.execute(
        "SELECT * FROM heartbeats WHERE device_id = ? AND received_at >= ?"
        " AND received_at < ? ORDER BY received_at, id",
        [device_id, time_text(since), time_text(until)],
    )
    return [_heartbeat(row) for row in rows]


def operating_hours(conn: sqlite3.Connection, since: datetime, until: datetime) -> dict[str, int]:
    rows = conn.execute(
        "SELECT device_id, count(*) FROM heartbeat_hours WHERE hour >= ? AND hour < ?"
        " GROUP BY device_id",
        [hour_text(since), hour_text(until)],
    )
    return {device_id: hours for device_id, hours in rows}


def hours(
    conn: sqlite3.Connection, since: datetime, until: datetime, devices: Sequence[str] | None
) -> list[HeartbeatHour]:
    sql = (
        "SELECT device_id, hour, beats, last_at, content_version, disk_free_bytes, clock_skew_s,"
        " failed_syncs, errors FROM heartbeat_hours WHERE hour >= ? AND hour < ?"
    )
    params = [hour_text(since), hour_text(until), *(devices or [])]
    if devices is not None:
        sql += f" AND device_id IN ({', '.join('?' * len(devices))})"
    rows = conn.execute(sql + " ORDER BY device_id, hour", params)
    return [
        HeartbeatHour(row[0], row[1], row[2], parse_time(row[3]) or utc_now(), *row[4:])
        for row in rows
    ]


def prune_batch(conn: sqlite3.Connection, before: datetime) -> int:
    """Delete up to PRUNE_BATCH raw heartbeats older than `before`, never a device's newest."""
    return conn.execute(_PRUNE, [time_text(before), PRUNE_BATCH]).rowcount


def prune_hours_batch(conn: sqlite3.Connection, before: datetime) -> int:
    """Delete up to PRUNE_BATCH roll-up rows of hours that started before the hour of `before`."""
    return conn.execute(_PRUNE_HOURS, [hour_text(before), PRUNE_BATCH]).rowcount


def _values(beat: Heartbeat) -> dict[str, object]:
    return {
        "device_id": beat.device_id,
        "received_at": time_text(beat.received_at or utc_now()),
        "device_time": time_text(beat.device_time),
        "content_version": beat.content_version,
        "last_sync_at": _opt_time(beat.last_sync_at),
        "last_sync_ok": beat.last_sync_ok,
        "last_sync_error": beat.last_sync_error,
        "last_upload_at": _opt_time(beat.last_upload_at),
        "last_upload_ok": beat.last_upload_ok,
        "uptime_s": beat.uptime_s,
        "disk_free_bytes": beat.disk_free_bytes,
        "errors": json.dumps(dict(beat.errors), sort_keys=True),
        "pending_rows": beat.pending_rows,
    }


def _heartbeat(row: Sequence[object]) -> Heartbeat:
    (_, device_id, received, device_time, version, sync_at, sync_ok, sync_error) = row[:8]
    (upload_at, upload_ok, uptime, disk_free, errors, pending) = row[8:14]
    return Heartbeat(
        device_id=str(device_id),
        received_at=parse_time(str(received)),
        device_time=parse_time(str(device_time)) or utc_now(),
        content_version=version,  # type: ignore[arg-type]
        last_sync_at=parse_time(sync_at),  # type: ignore[arg-type]
        last_sync_ok=None if sync_ok is None else bool(sync_ok),
        last_sync_error=sync_error,  # type: ignore[arg-type]
        last_upload_at=parse_time(upload_at),  # type: ignore[arg-type]
        last_upload_ok=None if upload_ok is None else bool(upload_ok),
        uptime_s=float(uptime),  # type: ignore[arg-type]
        disk_free_bytes=int(disk_free),  # type: ignore[call-overload]
        errors=json.loads(str(errors)),
        pending_rows=pending,  # type: ignore[arg-type]
    )


def _opt_time(moment: datetime | None) -> str | None:
    return time_text(moment) if moment is not None else None
