"""Retention and the size cap of usage.db: raw events go first, aggregates last.

Deleting rows frees pages inside the file, which new rows then reuse, so holding the used size
under the cap also holds the file under it (give or take one batch). Pruned hours are
remembered: an event arriving later for a pruned hour is dropped rather than re-counted.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass

from cache.usage_schema import hour_of, hour_start

logger = logging.getLogger(__name__)

DAY_S = 86_400.0
_RAW_CHUNK = 2_000
_HOUR_CHUNK = 6


@dataclass(frozen=True)
class UsageLimits:
    raw_retention_days: float = 7.0
    """Raw events older than this are deleted (the privacy rule: at most 7 days by default)."""
    sent_retention_days: float = 90.0
    """Aggregates the hub has acknowledged are kept this long, then deleted."""
    size_cap_bytes: int = 64 * 1024 * 1024
    """Used pages of usage.db stay under this."""
    low_water: float = 0.9
    """When over the cap, delete down to this fraction of it."""


_SETTINGS: dict[str, tuple[str, float, float]] = {
    "raw_retention_days": ("raw_retention_days", 0.04, 7.0),
    "sent_retention_days": ("sent_retention_days", 1.0, 3650.0),
    "size_cap_mb": ("size_cap_bytes", 1.0, 100_000.0),
}
"""[usage] key in kiosk.toml -> (UsageLimits field, lowest, highest allowed)."""


def limits_from(section: Mapping[str, object], where: str = "[usage]") -> UsageLimits:
    """UsageLimits from the [usage] table of kiosk.toml (both the kiosk and sync read it).

    Keys: raw_retention_days (at most 7: the privacy rule), sent_retention_days, size_cap_mb.
    Raises ValueError naming the key."""
    values: dict[str, float | int] = {}
    for key, value in section.items():
        if key not in _SETTINGS:
            raise ValueError(f"{where} {key}: unknown key (known: {', '.join(_SETTINGS)})")
        field, lowest, highest = _SETTINGS[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{where} {key}: must be a number")
        if not lowest <= value <= highest:
            raise ValueError(f"{where} {key}: must be between {lowest:g} and {highest:g}")
        values[field] = int(value * 1024 * 1024) if key == "size_cap_mb" else float(value)
    return UsageLimits(**values)


def used_bytes(conn: sqlite3.Connection) -> int:
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    free = conn.execute("PRAGMA freelist_count").fetchone()[0]
    return int((pages - free) * conn.execute("PRAGMA page_size").fetchone()[0])


def enforce_limits(conn: sqlite3.Connection, limits: UsageLimits, now: float) -> dict[str, int]:
    """Run inside a write transaction. Returns how many raw events and aggregates were deleted."""
    raw = conn.execute(
        "DELETE FROM usage_events WHERE ts < ?", [now - limits.raw_retention_days * DAY_S]
    ).rowcount
    horizon = hour_of(now - limits.sent_retention_days * DAY_S)
    aggregates = conn.execute(
        "DELETE FROM usage_hourly WHERE hour < ? AND revision <= sent_revision", [horizon]
    ).rowcount
    if aggregates:
        _note_pruned(conn, horizon)
    if used_bytes(conn) > limits.size_cap_bytes:
        target = int(limits.size_cap_bytes * limits.low_water)
        more_raw, more_aggregates = _evict(conn, target)
        raw += more_raw
        aggregates += more_aggregates
        logger.warning(
            "usage.db over its cap of %d bytes: deleted %d raw events and %d aggregates",
            limits.size_cap_bytes,
            more_raw,
            more_aggregates,
        )
    return {"raw_events": raw, "aggregates": aggregates}


def _evict(conn: sqlite3.Connection, target: int) -> tuple[int, int]:
    raw = aggregates = 0
    while used_bytes(conn) > target:
        deleted = conn.execute(
            "DELETE FROM usage_events WHERE id IN"
            " (SELECT id FROM usage_events ORDER BY ts LIMIT ?)",
            [_RAW_CHUNK],
        ).rowcount
        if not deleted:
            break
        raw += deleted
    for condition in ("revision <= sent_revision", "1 = 1"):
        while used_bytes(conn) > target:
            hours = [
                row[0]
                for row in conn.execute(
                    f"SELECT DISTINCT hour FROM usage_hourly WHERE {condition}"  # noqa: S608
                    " ORDER BY hour LIMIT ?",
                    [_HOUR_CHUNK],
                )
            ]
            if not hours:
                break
            aggregates += conn.execute(
                f"DELETE FROM usage_hourly WHERE hour <= ? AND {condition}",  # noqa: S608
                [hours[-1]],
            ).rowcount
            _note_pruned(conn, hour_of(hour_start(hours[-1]) + 3600))
    return raw, aggregates


def _note_pruned(conn: sqlite3.Connection, hour: str) -> None:
    """Remember that everything before `hour` is gone, so late events for it are dropped."""
    conn.execute(
        "UPDATE usage_meta SET value = max(value, ?) WHERE key = 'pruned_before'",
        [hour_start(hour)],
    )
