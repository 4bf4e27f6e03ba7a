"""Tables of the hub store (hub.db): devices, enrolment codes, usage aggregates, heartbeats and
their hourly roll-up.

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


@migrations()
def heartbeat_hours(db: Database) -> None:
    """Heartbeats rolled up per (device, hour), filled from the heartbeats already stored, so
    raw heartbeats can be pruned without changing a report; and an index for each device's
    newest heartbeat."""
    db.executescript(
        """
        CREATE INDEX heartbeats_device_id ON heartbeats(device_id, id);
        CREATE TABLE heartbeat_hours (
            device_id TEXT NOT NULL REFERENCES devices(id),
            hour TEXT NOT NULL,
            beats INTEGER NOT NULL,
            last_at TEXT NOT NULL,
            content_version INTEGER,
            disk_free_bytes INTEGER NOT NULL,
            clock_skew_s INTEGER NOT NULL,
            failed_syncs INTEGER NOT NULL,
            errors INTEGER NOT NULL,
            PRIMARY KEY (device_id, hour)
        ) WITHOUT ROWID;
        CREATE INDEX heartbeat_hours_hour ON heartbeat_hours(hour);
        """
    )
    db.execute(BACKFILL_HEARTBEAT_HOURS)


# The roll-up's figures, written once here (for heartbeats already stored) and once in
# hub.store.heartbeats (for each new one), with the same expressions.
SKEW_S = "abs(strftime('%s', {device_time}) - strftime('%s', {received_at}))"
ERROR_TOTAL = "(SELECT CAST(total(value) AS INTEGER) FROM json_each({errors}))"
HOUR = "substr({received_at}, 1, 13) || ':00:00Z'"

BACKFILL_HEARTBEAT_HOURS = f"""
    INSERT INTO heartbeat_hours (device_id, hour, beats, last_at, content_version,
        disk_free_bytes, clock_skew_s, failed_syncs, errors)
    SELECT device_id, hour, count(*), max(received_at), max(CASE WHEN newest = 1 THEN
        content_version END), min(disk_free_bytes), max(skew), sum(failed), max(errors)
    FROM (
        SELECT device_id, {HOUR.format(received_at="received_at")} AS hour, received_at,
            content_version, disk_free_bytes,
            {SKEW_S.format(device_time="device_time", received_at="received_at")} AS skew,
            CASE WHEN last_sync_ok = 0 THEN 1 ELSE 0 END AS failed,
            {ERROR_TOTAL.format(errors="errors")} AS errors,
            row_number() OVER (PARTITION BY device_id, substr(received_at, 1, 13)
                ORDER BY received_at DESC, id DESC) AS newest
        FROM heartbeats
    )
    GROUP BY device_id, hour
"""  # noqa: S608 (constant SQL)


# -- evidence: policy rule versions and gate events (hub.evidence) ------------------------------

EVENT_KINDS = ("moved", "new_screen", "campaign", "outage", "new_language")
"""What staff record happened at a gate or kiosk (hub.evidence.events)."""


@migrations()
def evidence_rules_and_events(db: Database) -> None:
    """Policy rule versions (never changed once saved; version 1 holds the defaults) and the
    events staff record per gate or kiosk."""
    from hub.evidence.rules import PolicyRules

    kinds = ", ".join(f"'{kind}'" for kind in EVENT_KINDS)
    db.executescript(  # the event kinds are constants
        f"""
        CREATE TABLE policy_rules (
            version INTEGER PRIMARY KEY,
            rules TEXT NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        );
        CREATE TRIGGER policy_rules_kept_on_update BEFORE UPDATE ON policy_rules
        BEGIN SELECT RAISE(ABORT, 'a rule version is never changed'); END;
        CREATE TRIGGER policy_rules_kept_on_delete BEFORE DELETE ON policy_rules
        BEGIN SELECT RAISE(ABORT, 'a rule version is never deleted'); END;
        CREATE TABLE gate_events (
            id INTEGER PRIMARY KEY,
            gate TEXT NOT NULL,
            device_id TEXT,
            kind TEXT NOT NULL CHECK (kind IN ({kinds})),
            day TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL
        );
        CREATE INDEX gate_events_gate_day ON gate_events(gate, day);
        """
    )
    db.execute(
        "INSERT INTO policy_rules (version, rules, created_at, created_by, note)"
        " VALUES (1, ?, '2026-01-01T00:00:00Z', 'default', '')",
        [PolicyRules().to_json()],
    )


@migrations()
def desk_content(db: Database) -> None:
    """The content desk: authoring files, translations with their review state, every revision,
    the audit log of staff actions, and official feeds with their moderation queue (hub.desk)."""
    db.executescript(
        """
        CREATE TABLE desk_files (
            path TEXT PRIMARY KEY,
            data BLOB NOT NULL
        );
        CREATE TABLE desk_articles (
            id TEXT PRIMARY KEY,
            source_lang TEXT NOT NULL
        );
        CREATE TABLE desk_translations (
            article TEXT NOT NULL REFERENCES desk_articles(id),
            lang TEXT NOT NULL,
            revision INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('draft', 'review', 'approved', 'stale')),
            edited_by TEXT NOT NULL,
            edited_at TEXT NOT NULL,
            source_revision INTEGER,
            approved_revision INTEGER,
            approved_by TEXT,
            PRIMARY KEY (article, lang)
        );
        CREATE TABLE desk_revisions (
            article TEXT NOT NULL,
            lang TEXT NOT NULL,
            revision INTEGER NOT NULL,
            text TEXT NOT NULL,
            edited_by TEXT NOT NULL,
            edited_at TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (article, lang, revision)
        );
        CREATE TABLE desk_audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            username TEXT NOT NULL,
            action TEXT NOT NULL,
            article TEXT,
            lang TEXT,
            detail TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX desk_audit_at ON desk_audit(at);
        CREATE TABLE desk_feeds (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            added_by TEXT NOT NULL,
            added_at TEXT NOT NULL,
            checked_at TEXT,
            error TEXT
        );
        CREATE TABLE desk_feed_items (
            feed_id INTEGER NOT NULL REFERENCES desk_feeds(id) ON DELETE CASCADE,
            guid TEXT NOT NULL,
            title TEXT NOT NULL,
            link TEXT NOT NULL,
            summary TEXT NOT NULL,
            published TEXT,
            status TEXT NOT NULL CHECK (status IN ('new', 'drafted', 'dismissed')),
            article TEXT,
            PRIMARY KEY (feed_id, guid)
        );
        """
    )


@migrations()
def usage_daily_rollups(db: Database) -> None:
    """Usage rolled up per Viet Nam day, by (device, day, kind, dims) and by (device, day, kind),
    kept current at every upload (hub.store.usage_rollup) and filled here from the hourly rows
    already stored; and where pruning of hourly rows has reached."""
    sums = ", ".join(
        ["count INTEGER NOT NULL", "seconds REAL NOT NULL"]
        + [f"{column} INTEGER NOT NULL" for column in HIST_COLUMNS]
    )
    db.executescript(  # the histogram column names are constants
        f"""
        CREATE TABLE usage_daily (
            device_id TEXT NOT NULL REFERENCES devices(id),
            day TEXT NOT NULL,
            kind TEXT NOT NULL,
            dims TEXT NOT NULL,
            {sums},
            PRIMARY KEY (device_id, day, kind, dims)
        );
        CREATE INDEX usage_daily_kind_day ON usage_daily(kind, day);
        CREATE TABLE usage_daily_kinds (
            device_id TEXT NOT NULL REFERENCES devices(id),
            day TEXT NOT NULL,
            kind TEXT NOT NULL,
            {sums},
            PRIMARY KEY (device_id, day, kind)
        );
        CREATE INDEX usage_daily_kinds_kind_day ON usage_daily_kinds(kind, day);
        CREATE TABLE usage_state (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """
    )
    from hub.store import usage_rollup

    usage_rollup.backfill(db.conn)


@migrations()
def desk_evidence_drafts(db: Database) -> None:
    """Articles opened from an unanswered search: the term, its language and gate, and when the
    article was first published, so staff see the term's zero-result rate before and after."""
    db.executescript(
        """
        CREATE TABLE desk_evidence (
            article TEXT PRIMARY KEY,
            term TEXT NOT NULL,
            lang TEXT NOT NULL,
            gate TEXT NOT NULL DEFAULT '',
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            published_at TEXT
        );
        """
    )


@migrations()
def desk_file_changes(db: Database) -> None:
    """Changes to the desk's settings files and article pictures waiting for a second person:
    the file as proposed, who proposed it, and who approved or rejected it (hub.desk)."""
    db.executescript(
        """
        CREATE TABLE desk_file_changes (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            data BLOB NOT NULL,
            summary TEXT NOT NULL DEFAULT '',
            edited_by TEXT NOT NULL,
            edited_at TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('review', 'approved', 'rejected', 'superseded')),
            decided_by TEXT,
            decided_at TEXT,
            reason TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX desk_file_changes_path ON desk_file_changes(path, status);
        """
    )


@migrations()
def job_runs(db: Database) -> None:
    """Which worker ran each interval of each background job: the first to insert the row for
    (job, interval start) runs it, so several workers (or hubs on one database) run it once."""
    db.executescript(
        """
        CREATE TABLE job_runs (
            job TEXT NOT NULL,
            interval_start TEXT NOT NULL,
            worker TEXT NOT NULL,
            claimed_at TEXT NOT NULL,
            PRIMARY KEY (job, interval_start)
        );
        """
    )
