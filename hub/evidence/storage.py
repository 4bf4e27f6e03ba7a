"""Evidence SQL of the hub store: policy rule versions and gate events. HubStore calls these;
nothing else does."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

from hub.evidence.rules import PolicyRules, RulesVersion
from hub.store.backend.protocol import SqlConnection
from hub.store.backend.sql import in_clause
from hub.store.records import parse_time, time_text


@dataclass(frozen=True)
class GateEvent:
    id: int
    gate: str
    device_id: str | None
    """The kiosk it concerns, or None for the whole gate."""
    kind: str
    day: date
    """The local day it happened."""
    note: str
    created_at: datetime
    created_by: str


def rules_versions(conn: SqlConnection) -> list[RulesVersion]:
    """Every saved version, newest first."""
    rows = conn.execute(
        "SELECT version, rules, created_at, created_by, note FROM policy_rules"
        " ORDER BY version DESC"
    ).fetchall()
    return [_version(row) for row in rows]


def rules_version(conn: SqlConnection, version: int | None) -> RulesVersion | None:
    """One version, or the newest for None."""
    sql = "SELECT version, rules, created_at, created_by, note FROM policy_rules"
    if version is None:
        row = conn.execute(sql + " ORDER BY version DESC LIMIT 1").fetchone()
    else:
        row = conn.execute(sql + " WHERE version = ?", [version]).fetchone()
    return _version(row) if row else None


def add_rules(conn: SqlConnection, rules: PolicyRules, by: str, note: str, now: datetime) -> int:
    """Save a new version (one more than the newest); returns its number."""
    newest = conn.execute("SELECT coalesce(max(version), 0) FROM policy_rules").fetchone()[0]
    conn.execute(
        "INSERT INTO policy_rules (version, rules, created_at, created_by, note)"
        " VALUES (?, ?, ?, ?, ?)",
        [newest + 1, rules.to_json(), time_text(now), by, note],
    )
    return int(newest + 1)


def add_event(conn: SqlConnection, event: GateEvent) -> int:
    cursor = conn.execute(
        "INSERT INTO gate_events (gate, device_id, kind, day, note, created_at, created_by)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [
            event.gate, event.device_id, event.kind, event.day.isoformat(), event.note,
            time_text(event.created_at), event.created_by,
        ],
    )  # fmt: skip
    return int(cursor.fetchone()[0])


def events(
    conn: SqlConnection,
    gates: Collection[str] | None,
    first: date | None = None,
    last: date | None = None,
) -> list[GateEvent]:
    """Events of the gates (None: all) between two days (inclusive), oldest first."""
    sql = (
        "SELECT id, gate, device_id, kind, day, note, created_at, created_by FROM gate_events"
        " WHERE day >= ? AND day <= ?"
    )
    params: list[str] = [(first or date.min).isoformat(), (last or date.max).isoformat()]
    if gates is not None:
        chosen = list(gates)
        sql += " AND " + in_clause("gate", len(chosen))
        params += chosen
    rows = conn.execute(sql + " ORDER BY day, id", params).fetchall()
    return [
        GateEvent(
            row[0], row[1], row[2], row[3], date.fromisoformat(row[4]), row[5],
            parse_time(row[6]) or datetime.min, row[7],
        )
        for row in rows
    ]  # fmt: skip


def _version(row: tuple) -> RulesVersion:
    version, rules, created_at, created_by, note = row
    return RulesVersion(
        version,
        PolicyRules.from_mapping(json.loads(rules)),
        parse_time(created_at) or datetime.min,
        created_by,
        note,
    )
