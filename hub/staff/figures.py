"""Figures staff enter for each gate: monthly traveller crossings and the yearly cost of a kiosk.

Crossings are kept per gate and calendar month ('2026-10'); the yearly cost is per kiosk at the
gate, in Viet Nam đồng, and applies to every kiosk of that gate for the days it is in service.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from hub.staff.accounts import now_text
from hub.staff.db import StaffDb
from hub.store.backend.sql import in_clause

MONTH = re.compile(r"^(19|20)\d\d-(0[1-9]|1[0-2])$")
MAX_CROSSINGS = 100_000_000
MAX_COST = 10**13


class FigureError(ValueError):
    """A month, a number of crossings or a cost that cannot be stored."""


class GateFigures:
    def __init__(self, db: StaffDb) -> None:
        self._db = db

    def set_crossings(self, gate: str, month: str, crossings: int, by: str) -> None:
        if not MONTH.match(month):
            raise FigureError(f"month {month!r}: write it as YYYY-MM")
        if not 0 <= crossings <= MAX_CROSSINGS:
            raise FigureError(f"crossings must be between 0 and {MAX_CROSSINGS}")
        with self._db.write() as conn:
            conn.execute(
                "INSERT INTO gate_crossings (gate, month, crossings, updated_at, updated_by)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (gate, month) DO UPDATE SET"
                " crossings = excluded.crossings, updated_at = excluded.updated_at,"
                " updated_by = excluded.updated_by",
                [gate, month, crossings, now_text(), by],
            )

    def set_yearly_cost(self, gate: str, cost_per_kiosk: int, by: str) -> None:
        if not 0 <= cost_per_kiosk <= MAX_COST:
            raise FigureError(f"the yearly cost must be between 0 and {MAX_COST}")
        with self._db.write() as conn:
            conn.execute(
                "INSERT INTO gate_costs (gate, yearly_cost_per_kiosk, updated_at, updated_by)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (gate) DO UPDATE SET"
                " yearly_cost_per_kiosk = excluded.yearly_cost_per_kiosk,"
                " updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                [gate, cost_per_kiosk, now_text(), by],
            )

    def crossings(self, gates: Collection[str] | None = None) -> dict[str, dict[str, int]]:
        """{gate: {month: crossings}}."""
        result: dict[str, dict[str, int]] = {}
        for gate, month, count in self._rows(
            "SELECT gate, month, crossings FROM gate_crossings", gates, " ORDER BY gate, month"
        ):
            result.setdefault(gate, {})[month] = count
        return result

    def yearly_costs(self, gates: Collection[str] | None = None) -> dict[str, int]:
        """{gate: yearly cost per kiosk}."""
        rows = self._rows("SELECT gate, yearly_cost_per_kiosk FROM gate_costs", gates, "")
        return {gate: cost for gate, cost in rows}

    def _rows(self, select: str, gates: Collection[str] | None, order: str) -> list[tuple]:
        params: list[str] = []
        if gates is not None:
            params = list(gates)
            select += " WHERE " + in_clause("gate", len(params))
        return self._db.conn().execute(select + order, params).fetchall()
