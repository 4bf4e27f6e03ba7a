"""The hub store: every device, enrolment, usage and heartbeat fact the hub keeps, behind one class.

Callers (the device API, the CLI, the staff pages) use only the named methods below and the
records in hub.store.records, never SQL, so another database can take over by implementing
this class again. The default is SQLite in WAL mode (hub.db in the hub data folder).

Enrolment codes and device tokens are stored only as hashes. Usage aggregates are upserted on
(device, hour, kind, dims): a row replaces the stored one when its revision is at least as new,
so retries and re-uploads never double-count; what each upload changed is added to daily
roll-ups the reports read (hub.store.usage_rollup), so hourly rows can be pruned too. Heartbeats are rolled up per (device, hour) as
they arrive (hub.store.heartbeats), so raw ones can be pruned without changing a report.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from hub.evidence import storage as evidence
from hub.evidence.rules import PolicyRules, RulesVersion
from hub.evidence.storage import GateEvent
from hub.store import backend
from hub.store import heartbeats as store_heartbeats
from hub.store import job_runs as store_job_runs
from hub.store import usage_rollup as store_usage
from hub.store.backend import DATABASE_ERRORS, StoreError
from hub.store.backend.protocol import SqlConnection
from hub.store.backend.sql import in_clause
from hub.store.queries import UsageFilter, totals_query, usage_query, zero_result_query
from hub.store.records import (
    Device,
    DimValue,
    Heartbeat,
    HeartbeatHour,
    QueryDemand,
    UsageRecord,
    UsageRow,
    UsageTotal,
    parse_time,
    time_text,
    utc_now,
)
from hub.store.schema import HIST_BINS, migrations

logger = logging.getLogger(__name__)

__all__ = ["EnrolmentRefusedError", "HubStore", "StoreError", "UnknownDeviceError"]

_DEVICE_COLUMNS = "id, gate, status, created_at, enrolled_at, revoked_at"


class EnrolmentRefusedError(Exception):
    """The enrolment code is unknown, already used, expired, or its device was revoked."""


class UnknownDeviceError(KeyError):
    """No device has that id."""


class HubStore:
    def __init__(self, path: Path | str) -> None:
        self._db = backend.connect(path, "hub", legacy=migrations)
        self.path = None if backend.is_postgresql(path) else Path(path)
        """The file asked for (where HUB_DATABASE_URL is unset, the database itself)."""

    def close(self) -> None:
        self._db.close()

    # -- devices and enrolment ---------------------------------------------------------------

    def create_device(
        self,
        device_id: str,
        gate: str,
        code_hash: str,
        expires_at: datetime,
        now: datetime | None = None,
    ) -> Device:
        """A pending device for a gate, with the hash of its one-time enrolment code.
        `now` (default: the clock) is when it was created."""
        created = time_text(now or utc_now())
        with self._db.write() as conn:
            conn.execute(
                "INSERT INTO devices (id, gate, status, created_at) VALUES (?, ?, 'pending', ?)",
                [device_id, gate, created],
            )
            conn.execute(
                "INSERT INTO enrolment_codes (code_hash, device_id, created_at, expires_at)"
                " VALUES (?, ?, ?, ?)",
                [code_hash, device_id, created, time_text(expires_at)],
            )
        return self._device_or_raise(device_id)

    def enrol(self, code_hash: str, token_hash: str, now: datetime | None = None) -> Device:
        """Spend a code once: the device becomes active with this token hash. `now` (default:
        the clock) is when, for the code's expiry and the device's enrolment time."""
        at = time_text(now or utc_now())
        with self._db.write() as conn:
            found = conn.execute(
                "SELECT c.device_id FROM enrolment_codes c JOIN devices d ON d.id = c.device_id"
                " WHERE c.code_hash = ? AND c.used_at IS NULL AND c.expires_at > ?"
                " AND d.status = 'pending'",
                [code_hash, at],
            ).fetchone()
            if found is None:
                raise EnrolmentRefusedError("enrolment code unknown, used, expired or revoked")
            conn.execute(
                "UPDATE enrolment_codes SET used_at = ? WHERE code_hash = ?", [at, code_hash]
            )
            conn.execute(
                "UPDATE devices SET status = 'active', enrolled_at = ?, token_hash = ? WHERE id = ?",
                [at, token_hash, found[0]],
            )
        return self._device_or_raise(found[0])

    def device_by_token(self, token_hash: str) -> Device | None:
        """The device holding this token hash, whatever its status (callers check it)."""
        row = (
            self._db.reader()
            .execute(
                f"SELECT {_DEVICE_COLUMNS} FROM devices WHERE token_hash = ?",  # noqa: S608
                [token_hash],
            )
            .fetchone()
        )
        return _device(row) if row else None

    def token_hash_of(self, device_id: str) -> str | None:
        """The token hash an enrolled device holds (the key of its stick files), or None."""
        row = (
            self._db.reader()
            .execute("SELECT token_hash FROM devices WHERE id = ?", [device_id])
            .fetchone()
        )
        return str(row[0]) if row and row[0] else None

    def revoke(self, device_id: str, now: datetime | None = None) -> Device:
        """Cut a device off: its token and any unspent code stop working at once. `now`
        (default: the clock) is recorded as the revocation time."""
        with self._db.write() as conn:
            changed = conn.execute(
                "UPDATE devices SET status = 'revoked', revoked_at = coalesce(revoked_at, ?)"
                " WHERE id = ?",
                [time_text(now or utc_now()), device_id],
            ).rowcount
        if not changed:
            raise UnknownDeviceError(device_id)
        return self._device_or_raise(device_id)

    def device(self, device_id: str) -> Device | None:
        row = (
            self._db.reader()
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
            sql += " WHERE " + in_clause("gate", len(params))
        rows = self._db.reader().execute(sql + " ORDER BY gate, id", params).fetchall()
        return [_device(row) for row in rows]

    def _device_or_raise(self, device_id: str) -> Device:
        device = self.device(device_id)
        if device is None:
            raise UnknownDeviceError(device_id)
        return device

    # -- usage --------------------------------------------------------------------------------

    def upsert_usage(self, device_id: str, rows: Sequence[UsageRow]) -> int:
        """Store a device's aggregates and their daily roll-ups in one transaction. Returns how
        many rows were received (rows for hours already pruned are logged and not counted)."""
        with self._db.write(scope=device_id) as conn:
            return store_usage.write(conn, device_id, _usage_values(device_id, rows))

    def load_usage(self, device_id: str, rows: Sequence[UsageRow]) -> int:
        """Bulk-load every aggregate of a device that has none yet, rolled up in one pass (the
        demo's seeding): much faster than uploads. Raises StoreError for a device with usage."""
        try:
            with self._db.write() as conn:
                return store_usage.load(conn, device_id, _usage_values(device_id, rows))
        except ValueError as error:
            raise StoreError(str(error)) from error

    def usage(self, where: UsageFilter | None = None) -> list[UsageRecord]:
        """Stored aggregates matching a filter (period, gates, devices, kinds, dims)."""
        sql, params = usage_query(where or UsageFilter(), self._db.dialect)
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
            for row in self._db.reader().execute(sql, params).fetchall()
        ]

    def usage_totals(
        self, group_by: Sequence[str], where: UsageFilter | None = None
    ) -> list[UsageTotal]:
        """Sums of count, seconds and histogram bins per group, largest count first.

        group_by names: 'device', 'gate', 'day' (Viet Nam day, 'YYYY-MM-DD'), 'kind', or
        'dims.<name>' for one dimension (e.g. 'dims.lang', 'dims.article'), read from the daily
        roll-ups (and the hourly rows for part-days at the edges); or 'hour' (UTC), read from
        the hourly rows alone. Also the number of distinct devices."""
        sql, params = totals_query(group_by, where or UsageFilter(), self._db.dialect)
        totals = []
        for row in self._db.reader().execute(sql, params).fetchall():
            size = len(group_by)
            totals.append(
                UsageTotal(
                    group={
                        name: int(value) if isinstance(value, bool) else value
                        for name, value in zip(group_by, row[:size], strict=True)
                    },
                    count=row[size],
                    seconds=row[size + 1],
                    hist=tuple(row[size + 2 : size + 2 + HIST_BINS]),
                    devices=row[size + 2 + HIST_BINS],
                )
            )
        return totals

    def prune_usage(self, before: datetime) -> int:
        """Delete the hourly aggregates of Viet Nam days before the day of a moment, a batch per
        transaction; the daily roll-ups stay, so no figure of a whole day changes. Uploads for
        those hours are acknowledged but not counted from then on. Returns how many rows went."""
        with self._db.write() as conn:
            kept_from = store_usage.mark_pruned(conn, before)
        pruned = 0
        while True:
            try:
                with self._db.write() as conn:
                    deleted = store_usage.prune_batch(conn, kept_from)
            except DATABASE_ERRORS as error:
                raise StoreError(f"pruning usage after {pruned}: {error}") from error
            pruned += deleted
            if deleted < store_usage.PRUNE_BATCH:
                return pruned

    def zero_result_queries(
        self, where: UsageFilter | None = None, min_kiosks: int = 3
    ) -> list[QueryDemand]:
        """Cleaned queries that found nothing, only those seen by at least `min_kiosks` kiosks."""
        sql, params = zero_result_query(where or UsageFilter(), min_kiosks, self._db.dialect)
        return [QueryDemand(*row) for row in self._db.reader().execute(sql, params).fetchall()]

    # -- heartbeats ---------------------------------------------------------------------------

    def record_heartbeat(self, beat: Heartbeat) -> None:
        self.record_heartbeats([beat])

    def record_heartbeats(self, beats: Iterable[Heartbeat]) -> int:
        """Store heartbeats in one transaction (and their hourly roll-up). Returns how many.
        Heartbeats of one kiosk are written beside other kiosks' (see backend.postgres)."""
        beats = list(beats)
        devices = {beat.device_id for beat in beats}
        scope = devices.pop() if len(devices) == 1 else None
        with self._db.write(scope=scope) as conn:
            return store_heartbeats.write(conn, beats)

    def latest_heartbeats(self, gates: Iterable[str] | None = None) -> dict[str, Heartbeat]:
        """The newest heartbeat of every device that ever sent one: {device_id: heartbeat}."""
        chosen = None if gates is None else list(gates)
        return store_heartbeats.latest(self._db.reader(), chosen)

    def heartbeats(self, device_id: str, since: datetime, until: datetime) -> list[Heartbeat]:
        """One device's raw heartbeats received in [since, until), oldest first (only those
        not pruned yet: see prune_heartbeats)."""
        return store_heartbeats.between(self._db.reader(), device_id, since, until)

    def operating_hours(self, since: datetime, until: datetime) -> dict[str, int]:
        """Per device, the number of hours in [since, until) with a heartbeat (hours compared
        by their start), from the hourly roll-up: pruning raw heartbeats never changes it."""
        return store_heartbeats.operating_hours(self._db.reader(), since, until)

    def heartbeat_hours(
        self, since: datetime, until: datetime, devices: Iterable[str] | None = None
    ) -> list[HeartbeatHour]:
        """The hourly roll-up in [since, until) (hours compared by their start), by device and
        hour: what stays of heartbeats once the raw ones are pruned."""
        chosen = None if devices is None else list(devices)
        return store_heartbeats.hours(self._db.reader(), since, until, chosen)

    def prune_heartbeats(self, before: datetime) -> int:
        """Delete raw heartbeats received before a moment, a batch per transaction. Each
        device's newest is kept, and so is the hourly roll-up. Returns how many went."""
        return self._prune(store_heartbeats.prune_batch, before, "heartbeats")

    def prune_heartbeat_hours(self, before: datetime) -> int:
        """Delete the hourly roll-up of hours that started before the hour of a moment, a batch
        per transaction. Raw heartbeats are not touched. Returns how many rows went."""
        return self._prune(store_heartbeats.prune_hours_batch, before, "the heartbeat roll-up")

    def _prune(
        self, batch: Callable[[SqlConnection, datetime], int], before: datetime, what: str
    ) -> int:
        pruned = 0
        while True:
            try:
                with self._db.write() as conn:
                    deleted = batch(conn, before)
            except DATABASE_ERRORS as error:
                raise StoreError(f"pruning {what} after {pruned}: {error}") from error
            pruned += deleted
            if deleted < store_heartbeats.PRUNE_BATCH:
                return pruned

    # -- evidence: policy rule versions and gate events ----------------------------------------

    def rules_versions(self) -> list[RulesVersion]:
        """Every saved version of the verdict rules, newest first (version 1: the defaults)."""
        return evidence.rules_versions(self._db.reader())

    def rules(self, version: int | None = None) -> RulesVersion | None:
        """One version of the verdict rules, or the newest for None."""
        return evidence.rules_version(self._db.reader(), version)

    def save_rules(
        self, rules: PolicyRules, by: str, note: str = "", now: datetime | None = None
    ) -> int:
        """Save the rules as a new version (saved versions are never changed); its number."""
        with self._db.write() as conn:
            return evidence.add_rules(conn, rules, by, note, now or utc_now())

    def add_event(self, event: GateEvent) -> int:
        """Record an event at a gate or kiosk; returns its id."""
        with self._db.write() as conn:
            return evidence.add_event(conn, event)

    def events(
        self,
        gates: Iterable[str] | None = None,
        first: date | None = None,
        last: date | None = None,
    ) -> list[GateEvent]:
        """Events of the gates (None: all) between two local days (inclusive), oldest first."""
        return evidence.events(
            self._db.reader(), None if gates is None else list(gates), first, last
        )

    # -- background jobs ------------------------------------------------------------------------

    def claim_job_run(
        self, job: str, interval_start: datetime, worker: str, now: datetime | None = None
    ) -> bool:
        """Claim one interval of a background job for a worker: True for the first claim of
        (job, interval_start) from any process, False for every later one."""
        with self._db.write() as conn:
            return store_job_runs.claim(conn, job, interval_start, worker, now or utc_now())

    def job_runs(self, job: str) -> list[store_job_runs.JobRun]:
        """The kept claims of a job (the last week's), oldest interval first."""
        return store_job_runs.runs(self._db.reader(), job)


def _usage_values(device_id: str, rows: Sequence[UsageRow]) -> list[tuple]:
    """Rows as the hourly table takes them, each stamped with the time of arrival."""
    received = time_text(utc_now())
    return [
        (
            device_id,
            row.hour,
            row.kind,
            _dims_text(tuple((k, v, type(v)) for k, v in sorted(row.dims.items()))),
            row.count,
            row.seconds,
            *(tuple(row.hist) or (0,) * HIST_BINS),
            row.revision,
            received,
        )
        for row in rows
    ]


@functools.lru_cache(maxsize=65_536)
def _dims_text(items: tuple[tuple[str, DimValue, type], ...]) -> str:
    """Dimensions as stored: compact JSON, keys sorted (the same few recur in every upload).
    Each value comes with its type, so True and 1 are never taken for one another."""
    dims = {name: value for name, value, _ in items}
    return json.dumps(dims, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


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
