"""The hub store: every device, enrolment, usage and heartbeat fact the hub keeps, behind one class.

Callers (the device API, the CLI, the staff pages) use only the named methods below and the
records in hub.store_records, never SQL, so another database can take over by implementing
this class again. The default is SQLite in WAL mode (hub.db in the hub data folder).

Enrolment codes and device tokens are stored only as hashes. Usage aggregates are upserted on
(device, hour, kind, dims): a row replaces the stored one when its revision is at least as new,
so retries and re-uploads never double-count.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

from hub.store_db import Connections, StoreError
from hub.store_queries import UsageFilter, totals_query, usage_query, zero_result_query
from hub.store_records import (
    Device,
    Heartbeat,
    QueryDemand,
    UsageRecord,
    UsageRow,
    UsageTotal,
    parse_time,
    time_text,
    utc_now,
)
from hub.store_schema import HIST_BINS, HIST_COLUMNS, migrations

logger = logging.getLogger(__name__)

__all__ = ["EnrolmentRefusedError", "HubStore", "StoreError", "UnknownDeviceError"]

_HIST = ", ".join(HIST_COLUMNS)
_UPSERT = f"""
    INSERT INTO usage_hourly
        (device_id, hour, kind, dims, count, seconds, {_HIST}, revision, received_at)
    VALUES (?, ?, ?, ?, ?, ?, {", ".join("?" * HIST_BINS)}, ?, ?)
    ON CONFLICT (device_id, hour, kind, dims) DO UPDATE SET
        count = excluded.count,
        seconds = excluded.seconds,
        {", ".join(f"{c} = excluded.{c}" for c in HIST_COLUMNS)},
        revision = excluded.revision,
        received_at = excluded.received_at
    WHERE excluded.revision >= usage_hourly.revision
"""  # noqa: S608
_DEVICE_COLUMNS = "id, gate, status, created_at, enrolled_at, revoked_at"


class EnrolmentRefusedError(Exception):
    """The enrolment code is unknown, already used, expired, or its device was revoked."""


class UnknownDeviceError(KeyError):
    """No device has that id."""


class HubStore:
    def __init__(self, path: Path | str) -> None:
        self._db = Connections(Path(path), migrations)
        self.path = self._db.path

    def close(self) -> None:
        self._db.close()

    # -- devices and enrolment ---------------------------------------------------------------

    def create_device(
        self, device_id: str, gate: str, code_hash: str, expires_at: datetime
    ) -> Device:
        """A pending device for a gate, with the hash of its one-time enrolment code."""
        now = time_text(utc_now())
        with self._db.write() as conn:
            conn.execute(
                "INSERT INTO devices (id, gate, status, created_at) VALUES (?, ?, 'pending', ?)",
                [device_id, gate, now],
            )
            conn.execute(
                "INSERT INTO enrolment_codes (code_hash, device_id, created_at, expires_at)"
                " VALUES (?, ?, ?, ?)",
                [code_hash, device_id, now, time_text(expires_at)],
            )
        return self._device_or_raise(device_id)

    def enrol(self, code_hash: str, token_hash: str) -> Device:
        """Spend a code once: the device becomes active with this token hash."""
        now = time_text(utc_now())
        with self._db.write() as conn:
            found = conn.execute(
                "SELECT c.device_id FROM enrolment_codes c JOIN devices d ON d.id = c.device_id"
                " WHERE c.code_hash = ? AND c.used_at IS NULL AND c.expires_at > ?"
                " AND d.status = 'pending'",
                [code_hash, now],
            ).fetchone()
            if found is None:
                raise EnrolmentRefusedError("enrolment code unknown, used, expired or revoked")
            conn.execute(
                "UPDATE enrolment_codes SET used_at = ? WHERE code_hash = ?", [now, code_hash]
            )
            conn.execute(
                "UPDATE devices SET status = 'active', enrolled_at = ?, token_hash = ? WHERE id = ?",
                [now, token_hash, found[0]],
            )
        return self._device_or_raise(found[0])

    def device_by_token(self, token_hash: str) -> Device | None:
        """The device holding this token hash, whatever its status (callers check it)."""
        row = (
            self._db.db()
            .execute(
                f"SELECT {_DEVICE_COLUMNS} FROM devices WHERE token_hash = ?",  # noqa: S608
                [token_hash],
            )
            .fetchone()
        )
        return _device(row) if row else None

    def revoke(self, device_id: str) -> Device:
        """Cut a device off: its token and any unspent code stop working at once."""
        with self._db.write() as conn:
            changed = conn.execute(
                "UPDATE devices SET status = 'revoked', revoked_at = coalesce(revoked_at, ?)"
                " WHERE id = ?",
                [time_text(utc_now()), device_id],
            ).rowcount
        if not changed:
            raise UnknownDeviceError(device_id)
        return self._device_or_raise(device_id)

    def device(self, device_id: str) -> Device | None:
        row = (
            self._db.db()
            .execute(
                f"SELECT {_DEVICE_COLUMNS} FROM devices WHERE id = ?",  # noqa: S608
                [device_id],
            )
            .fetchone()
        )
        return _device(row) if row else None

    def devices(self, gates: Iterable[str] | None = None) -> list[Device]:
        """Every device (or those of some gates), by gate then id."""
        sql = f"SELECT {_DEVICE_COLUMNS} FROM devices"  # noqa: S608
        params: list[str] = []
        if gates is not None:
            params = list(gates)
            sql += f" WHERE gate IN ({', '.join('?' * len(params))})"
        rows = self._db.db().execute(sql + " ORDER BY gate, id", params).fetchall()
        return [_device(row) for row in rows]

    def _device_or_raise(self, device_id: str) -> Device:
        device = self.device(device_id)
        if device is None:
            raise UnknownDeviceError(device_id)
        return device

    # -- usage --------------------------------------------------------------------------------

    def upsert_usage(self, device_id: str, rows: Sequence[UsageRow]) -> int:
        """Store a device's aggregates in one transaction. Returns how many rows were sent."""
        received = time_text(utc_now())
        values = [
            (
                device_id,
                row.hour,
                row.kind,
                json.dumps(
                    dict(row.dims), sort_keys=True, separators=(",", ":"), ensure_ascii=False
                ),
                row.count,
                row.seconds,
                *(tuple(row.hist) or (0,) * HIST_BINS),
                row.revision,
                received,
            )
            for row in rows
        ]
        with self._db.write() as conn:
            conn.executemany(_UPSERT, values)
        return len(values)

    def usage(self, where: UsageFilter | None = None) -> list[UsageRecord]:
        """Stored aggregates matching a filter (period, gates, devices, kinds, dims)."""
        sql, params = usage_query(where or UsageFilter())
        return [
            UsageRecord(
                device_id=row[0],
                gate=row[1],
                hour=row[2],
                kind=row[3],
                dims=json.loads(row[4]),
                count=row[5],
                seconds=row[6],
                hist=tuple(row[7 : 7 + HIST_BINS]),
            )
            for row in self._db.db().execute(sql, params).fetchall()
        ]

    def usage_totals(
        self, group_by: Sequence[str], where: UsageFilter | None = None
    ) -> list[UsageTotal]:
        """Sums of count, seconds and histogram bins per group, largest count first.

        group_by names: 'device', 'gate', 'hour', 'day' (UTC), 'kind', or 'dims.<name>' for one
        dimension (e.g. 'dims.lang', 'dims.article'). Also the number of distinct devices."""
        sql, params = totals_query(group_by, where or UsageFilter())
        totals = []
        for row in self._db.db().execute(sql, params).fetchall():
            size = len(group_by)
            totals.append(
                UsageTotal(
                    group=dict(zip(group_by, row[:size], strict=True)),
                    count=row[size],
                    seconds=row[size + 1],
                    hist=tuple(row[size + 2 : size + 2 + HIST_BINS]),
                    devices=row[size + 2 + HIST_BINS],
                )
            )
        return totals

    def zero_result_queries(
        self, where: UsageFilter | None = None, min_kiosks: int = 3
    ) -> list[QueryDemand]:
        """Cleaned queries that found nothing, only those seen by at least `min_kiosks` kiosks."""
        sql, params = zero_result_query(where or UsageFilter(), min_kiosks)
        return [QueryDemand(*row) for row in self._db.db().execute(sql, params).fetchall()]

    # -- heartbeats ---------------------------------------------------------------------------

    def record_heartbeat(self, beat: Heartbeat) -> None:
        with self._db.write() as conn:
            conn.execute(
                "INSERT INTO heartbeats (device_id, received_at, device_time, content_version,"
                " last_sync_at, last_sync_ok, last_sync_error, last_upload_at, last_upload_ok,"
                " uptime_s, disk_free_bytes, errors, pending_rows)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    beat.device_id,
                    time_text(beat.received_at or utc_now()),
                    time_text(beat.device_time),
                    beat.content_version,
                    _opt_time(beat.last_sync_at),
                    beat.last_sync_ok,
                    beat.last_sync_error,
                    _opt_time(beat.last_upload_at),
                    beat.last_upload_ok,
                    beat.uptime_s,
                    beat.disk_free_bytes,
                    json.dumps(dict(beat.errors), sort_keys=True),
                    beat.pending_rows,
                ],
            )

    def latest_heartbeats(self, gates: Iterable[str] | None = None) -> dict[str, Heartbeat]:
        """The newest heartbeat of every device that ever sent one: {device_id: heartbeat}."""
        sql = (
            "SELECT h.* FROM heartbeats h JOIN devices d ON d.id = h.device_id"
            " WHERE h.id = (SELECT max(id) FROM heartbeats WHERE device_id = h.device_id)"
        )
        params: list[str] = []
        if gates is not None:
            params = list(gates)
            sql += f" AND d.gate IN ({', '.join('?' * len(params))})"
        rows = self._db.db().execute(sql, params).fetchall()
        return {beat.device_id: beat for beat in map(_heartbeat, rows)}

    def heartbeats(self, device_id: str, since: datetime, until: datetime) -> list[Heartbeat]:
        """One device's heartbeats received in [since, until), oldest first."""
        rows = self._db.db().execute(
            "SELECT * FROM heartbeats WHERE device_id = ? AND received_at >= ?"
            " AND received_at < ? ORDER BY received_at",
            [device_id, time_text(since), time_text(until)],
        )
        return [_heartbeat(row) for row in rows.fetchall()]

    def operating_hours(self, since: datetime, until: datetime) -> dict[str, int]:
        """Per device, the number of distinct hours in [since, until) with a heartbeat."""
        rows = self._db.db().execute(
            "SELECT device_id, count(DISTINCT substr(received_at, 1, 13)) FROM heartbeats"
            " WHERE received_at >= ? AND received_at < ? GROUP BY device_id",
            [time_text(since), time_text(until)],
        )
        return {device_id: hours for device_id, hours in rows.fetchall()}

    def prune_heartbeats(self, before: datetime) -> int:
        """Delete heartbeats received before a moment (the latest per device is kept)."""
        with self._db.write() as conn:
            return conn.execute(
                "DELETE FROM heartbeats WHERE received_at < ? AND id NOT IN"
                " (SELECT max(id) FROM heartbeats GROUP BY device_id)",
                [time_text(before)],
            ).rowcount


def _device(row: Sequence[str | None]) -> Device:
    device_id, gate, status, created, enrolled, revoked = row
    assert device_id is not None and gate is not None and status is not None
    return Device(
        id=device_id,
        gate=gate,
        status=status,
        created_at=parse_time(created) or utc_now(),
        enrolled_at=parse_time(enrolled),
        revoked_at=parse_time(revoked),
    )


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
