"""Tables of the hub store (hub.db): devices, enrolment codes, usage aggregates, heartbeats.

One sqlite-utils migration set. Only hashes of enrolment codes and device tokens are stored.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

HIST_BINS = 9
"""Duration histogram bins: <5, <10, <20, <30, <60, <120, <300, <600 s, and 600 s or more."""
HIST_COLUMNS: tuple[str, ...] = tuple(f"h{i}" for i in range(HIST_BINS))

migrations = Migrations("hub")


@migrations()
def create_hub_tables(db: Database) -> None:
    histogram = ", ".join(f"{column} INTEGER NOT NULL DEFAULT 0" for column in HIST_COLUMNS)
    db.executescript(  # the histogram column names are constants
        f"""
        CREATE TABLE devices (
            id TEXT PRIMARY KEY,
            gate TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'revoked')),
            created_at TEXT NOT NULL,
            enrolled_at TEXT,
            revoked_at TEXT,
            token_hash TEXT UNIQUE
        );
        CREATE INDEX devices_gate ON devices(gate);
        CREATE TABLE enrolment_codes (
            code_hash TEXT PRIMARY KEY,
            device_id TEXT NOT NULL REFERENCES devices(id),
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_at TEXT
        );
        CREATE TABLE usage_hourly (
            device_id TEXT NOT NULL REFERENCES devices(id),
            hour TEXT NOT NULL,
            kind TEXT NOT NULL,
            dims TEXT NOT NULL,
            count INTEGER NOT NULL,
            seconds REAL NOT NULL,
            {histogram},
            revision INTEGER NOT NULL,
            received_at TEXT NOT NULL,
            PRIMARY KEY (device_id, hour, kind, dims)
        );
        CREATE INDEX usage_hourly_hour ON usage_hourly(hour, kind);
        CREATE TABLE heartbeats (
            id INTEGER PRIMARY KEY,
            device_id TEXT NOT NULL REFERENCES devices(id),
            received_at TEXT NOT NULL,
            device_time TEXT NOT NULL,
            content_version INTEGER,
            last_sync_at TEXT,
            last_sync_ok INTEGER,
            last_sync_error TEXT,
            last_upload_at TEXT,
            last_upload_ok INTEGER,
            uptime_s REAL NOT NULL,
            disk_free_bytes INTEGER NOT NULL,
            errors TEXT NOT NULL,
            pending_rows INTEGER
        );
        CREATE INDEX heartbeats_device_time ON heartbeats(device_id, received_at);
        CREATE INDEX heartbeats_time ON heartbeats(received_at);
        """
    )
