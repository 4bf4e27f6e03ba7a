"""QR take-away opens, counted per (kiosk, hour, article, language). Nothing about the phone is kept."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Collection
from datetime import UTC, datetime

from hub.staff.db import StaffDb
from hub.store.backend.sql import in_clause

_HOUR = "%Y-%m-%dT%H:00:00Z"
_WINDOW_S = 60.0


def hour_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(_HOUR)


class QrOpens:
    def __init__(self, db: StaffDb) -> None:
        self._db = db

    def record(self, device_id: str, article: str, lang: str, at: datetime | None = None) -> None:
        self.add(device_id, hour_text(at or datetime.now(UTC)), article, lang, 1)

    def add(self, device_id: str, hour: str, article: str, lang: str, count: int) -> None:
        with self._db.write() as conn:
            conn.execute(
                "INSERT INTO qr_opens (device_id, hour, article, lang, count) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (device_id, hour, article, lang) DO UPDATE SET"
                " count = qr_opens.count + excluded.count",
                [device_id, hour, article, lang, count],
            )

    def add_many(self, rows: Collection[tuple[str, str, str, str, int]]) -> None:
        """(device_id, hour, article, lang, count) rows, added to what is stored."""
        with self._db.write() as conn:
            conn.executemany(
                "INSERT INTO qr_opens (device_id, hour, article, lang, count) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (device_id, hour, article, lang) DO UPDATE SET"
                " count = qr_opens.count + excluded.count",
                rows,
            )

    def totals(
        self,
        since: datetime,
        until: datetime,
        group_by: tuple[str, ...] = ("device_id",),
        devices: Collection[str] | None = None,
    ) -> dict[tuple, int]:
        """Opens in [since, until) summed per group (any of device_id, article, lang, hour)."""
        columns = [c for c in group_by if c in {"device_id", "article", "lang", "hour"}]
        if len(columns) != len(group_by):
            raise ValueError(f"cannot group QR opens by {group_by!r}")
        sql = "SELECT " + ", ".join([*columns, "sum(count)"])
        sql += " FROM qr_opens WHERE hour >= ? AND hour < ?"
        params: list[str] = [hour_text(since), hour_text(until)]
        if devices is not None:
            params.extend(devices)
            sql += " AND " + in_clause("device_id", len(params) - 2)
        if columns:
            sql += " GROUP BY " + ", ".join(columns)
        rows = self._db.conn().execute(sql, params).fetchall()
        return {tuple(row[:-1]): int(row[-1] or 0) for row in rows}


class OpenLimiter:
    """Opens counted per client address per minute (in memory: addresses are never stored)."""

    def __init__(self) -> None:
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, client: str, per_minute: int) -> bool:
        now = time.monotonic()
        with self._lock:
            if len(self._seen) > 10_000:
                self._seen = {k: v for k, v in self._seen.items() if v and v[-1] > now - _WINDOW_S}
            recent = self._seen.setdefault(client, deque())
            while recent and recent[0] <= now - _WINDOW_S:
                recent.popleft()
            if len(recent) >= per_minute:
                return False
            recent.append(now)
            return True
