"""Heartbeat SQL of the hub store: raw heartbeats and their hourly roll-up. HubStore calls these;
nothing else does.

Every heartbeat is written twice in one transaction: as a raw row, and into its (device, hour)
row of `heartbeat_hours` (beats, newest arrival, the content version it reported, lowest free
disk, largest clock skew, failed syncs, most errors). Reports read only the roll-up and each
device's newest raw heartbeat, so raw heartbeats can be pruned without changing any figure.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime

from hub.store.backend.protocol import SqlConnection
from hub.store.records import (
    Heartbeat,
    HeartbeatHour,
    hour_text,
    parse_time,
    time_text,
    utc_now,
)

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
_ROLL_UP = """
    INSERT INTO heartbeat_hours AS h (device_id, hour, beats, last_at, content_version,
        disk_free_bytes, clock_skew_s, failed_syncs, errors)
    VALUES (:device_id, :hour, 1, :received_at, :content_version, :disk_free_bytes,
        :clock_skew_s, :failed_sync, :error_total)
    ON CONFLICT (device_id, hour) DO UPDATE SET
        beats = h.beats + 1,
        last_at = CASE WHEN excluded.last_at > h.last_at THEN excluded.last_at ELSE h.last_at END,
        content_version = CASE WHEN excluded.last_at >= h.last_at
            THEN excluded.content_version ELSE h.content_version END,
        disk_free_bytes = CASE WHEN excluded.disk_free_bytes < h.disk_free_bytes
            THEN excluded.disk_free_bytes ELSE h.disk_free_bytes END,
        clock_skew_s = CASE WHEN excluded.clock_skew_s > h.clock_skew_s
            THEN excluded.clock_skew_s ELSE h.clock_skew_s END,
        failed_syncs = h.failed_syncs + excluded.failed_syncs,
        errors = CASE WHEN excluded.errors > h.errors THEN excluded.errors ELSE h.errors END
"""
_NEWEST_IDS = "SELECT max(m.id) FROM heartbeats m WHERE m.device_id = d.id"
_LATEST = f"SELECT h.* FROM devices d JOIN heartbeats h ON h.id = ({_NEWEST_IDS})"  # noqa: S608
_PRUNE = f"""
    DELETE FROM heartbeats WHERE id IN (
        SELECT id FROM heartbeats WHERE received_at < ? AND id NOT IN (
            SELECT newest FROM (SELECT ({_NEWEST_IDS}) AS newest FROM devices d) AS newest_ids
            WHERE newest IS NOT NULL)
        LIMIT ?)
"""  # noqa: S608 (constant SQL)
_PRUNE_HOURS = """
    DELETE FROM heartbeat_hours WHERE (device_id, hour) IN (
        SELECT device_id, hour FROM heartbeat_hours WHERE hour < ? LIMIT ?)
"""


def write(conn: SqlConnection, beats: Iterable[Heartbeat]) -> int:
    """Store heartbeats and roll them up, in the caller's transaction. Returns how many."""
    values = [_values(beat) for beat in beats]
    conn.executemany(_INSERT, values)
    conn.executemany(_ROLL_UP, values)
    return len(values)


def latest(conn: SqlConnection, gates: Sequence[str] | None) -> dict[str, Heartbeat]:
    """Each device's newest heartbeat: one index look-up per device, however many are kept."""
    sql, params = _LATEST, list(gates or [])
    if gates is not None and not params:
        return {}
    if gates is not None:
        sql += f" WHERE d.gate IN ({', '.join('?' * len(params))})"
    return {beat.device_id: beat for beat in map(_heartbeat, conn.execute(sql, params))}


def between(
    conn: SqlConnection, device_id: str, since: datetime, until: datetime
) -> list[Heartbeat]:
    rows = conn.execute(
        "SELECT * FROM heartbeats WHERE device_id = ? AND received_at >= ?"
        " AND received_at < ? ORDER BY received_at, id",
        [device_id, time_text(since), time_text(until)],
    )
    return [_heartbeat(row) for row in rows]


def operating_hours(conn: SqlConnection, since: datetime, until: datetime) -> dict[str, int]:
    rows = conn.execute(
        "SELECT device_id, count(*) FROM heartbeat_hours WHERE hour >= ? AND hour < ?"
        " GROUP BY device_id",
        [hour_text(since), hour_text(until)],
    )
    return {device_id: hours for device_id, hours in rows}


def hours(
    conn: SqlConnection, since: datetime, until: datetime, devices: Sequence[str] | None
) -> list[HeartbeatHour]:
    sql = (
        "SELECT device_id, hour, beats, last_at, content_version, disk_free_bytes, clock_skew_s,"
        " failed_syncs, errors FROM heartbeat_hours WHERE hour >= ? AND hour < ?"
    )
    params = [hour_text(since), hour_text(until), *(devices or [])]
    if devices is not None and not devices:
        return []
    if devices is not None:
        sql += f" AND device_id IN ({', '.join('?' * len(devices))})"
    rows = conn.execute(sql + " ORDER BY device_id, hour", params)
    return [
        HeartbeatHour(row[0], row[1], row[2], parse_time(row[3]) or utc_now(), *row[4:])
        for row in rows
    ]


def prune_batch(conn: SqlConnection, before: datetime) -> int:
    """Delete up to PRUNE_BATCH raw heartbeats older than `before`, never a device's newest."""
    return conn.execute(_PRUNE, [time_text(before), PRUNE_BATCH]).rowcount


def prune_hours_batch(conn: SqlConnection, before: datetime) -> int:
    """Delete up to PRUNE_BATCH roll-up rows of hours that started before the hour of `before`."""
    return conn.execute(_PRUNE_HOURS, [hour_text(before), PRUNE_BATCH]).rowcount


def _values(beat: Heartbeat) -> dict[str, object]:
    received = beat.received_at or utc_now()
    return {
        "device_id": beat.device_id,
        "received_at": time_text(received),
        "device_time": time_text(beat.device_time),
        "hour": hour_text(received),
        "clock_skew_s": abs(_epoch_s(beat.device_time) - _epoch_s(received)),
        "failed_sync": 1 if beat.last_sync_ok is False else 0,
        "error_total": int(sum(float(count) for count in beat.errors.values())),
        "content_version": beat.content_version,
        "last_sync_at": _opt_time(beat.last_sync_at),
        "last_sync_ok": _opt_int(beat.last_sync_ok),
        "last_sync_error": beat.last_sync_error,
        "last_upload_at": _opt_time(beat.last_upload_at),
        "last_upload_ok": _opt_int(beat.last_upload_ok),
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


def _opt_int(flag: bool | None) -> int | None:
    return None if flag is None else int(flag)


def _epoch_s(moment: datetime) -> int:
    """Whole seconds since 1970, as stored (time_text keeps whole seconds)."""
    return int(moment.timestamp() // 1)


def _opt_time(moment: datetime | None) -> str | None:
    return time_text(moment) if moment is not None else None
