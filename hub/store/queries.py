"""SQL for reading usage aggregates, built only from whitelisted names and bound parameters."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from hub.store.records import DimValue, hour_text
from hub.store.schema import HIST_COLUMNS

_DIM_NAME = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
_GROUPS = {
    "device": "u.device_id",
    "gate": "d.gate",
    "hour": "u.hour",
    "day": "substr(u.hour, 1, 10)",
    "kind": "u.kind",
}


@dataclass(frozen=True)
class UsageFilter:
    """Which aggregates to read. Every field is optional; hours are UTC, `until` exclusive."""

    since: datetime | None = None
    until: datetime | None = None
    gates: Collection[str] | None = None
    devices: Collection[str] | None = None
    kinds: Collection[str] | None = None
    dims: Mapping[str, DimValue] | None = None
    """Exact dimension values, e.g. {'lang': 'km'} or {'helpful': True}."""


def usage_query(where: UsageFilter) -> tuple[str, list[object]]:
    clause, params = _where(where)
    hist = ", ".join(f"u.{c}" for c in HIST_COLUMNS)
    sql = (
        f"SELECT u.device_id, d.gate, u.hour, u.kind, u.dims, u.count, u.seconds, {hist}"  # noqa: S608
        f" FROM usage_hourly u JOIN devices d ON d.id = u.device_id{clause}"
        " ORDER BY u.hour, u.device_id, u.kind, u.dims"
    )
    return sql, params


def totals_query(group_by: Sequence[str], where: UsageFilter) -> tuple[str, list[object]]:
    columns = [_group_column(name) for name in group_by]
    clause, params = _where(where)
    sums = ", ".join(f"sum(u.{c})" for c in HIST_COLUMNS)
    selected = ", ".join([*columns, "sum(u.count)", "sum(u.seconds)", sums])
    sql = (
        f"SELECT {selected}, count(DISTINCT u.device_id)"  # noqa: S608
        f" FROM usage_hourly u JOIN devices d ON d.id = u.device_id{clause}"
    )
    if columns:
        sql += f" GROUP BY {', '.join(columns)} ORDER BY sum(u.count) DESC, {', '.join(columns)}"
    return sql, params


def zero_result_query(where: UsageFilter, min_kiosks: int) -> tuple[str, list[object]]:
    clause, params = _where(where)
    joiner = " AND" if clause else " WHERE"
    sql = (
        "SELECT json_extract(u.dims, '$.query') AS query, json_extract(u.dims, '$.lang') AS lang,"  # noqa: S608
        " count(DISTINCT u.device_id) AS kiosks, sum(u.count) AS searches"
        f" FROM usage_hourly u JOIN devices d ON d.id = u.device_id{clause}{joiner}"
        " u.kind = 'search' AND json_extract(u.dims, '$.results') = '0'"
        " AND coalesce(json_extract(u.dims, '$.query'), '') != ''"
        " GROUP BY query, lang HAVING count(DISTINCT u.device_id) >= ?"
        " ORDER BY kiosks DESC, searches DESC, query"
    )
    return sql, [*params, min_kiosks]


def _group_column(name: str) -> str:
    if name in _GROUPS:
        return _GROUPS[name]
    if name.startswith("dims.") and _DIM_NAME.match(name[5:]):
        return f"json_extract(u.dims, '$.{name[5:]}')"
    raise ValueError(f"cannot group usage by {name!r}")


def _where(where: UsageFilter) -> tuple[str, list[object]]:
    conditions: list[str] = []
    params: list[object] = []
    if where.since is not None:
        conditions.append("u.hour >= ?")
        params.append(hour_text(where.since))
    if where.until is not None:
        conditions.append("u.hour < ?")
        params.append(hour_text(where.until))
    for column, values in (
        ("d.gate", where.gates),
        ("u.device_id", where.devices),
        ("u.kind", where.kinds),
    ):
        if values is not None:
            values = list(values)
            conditions.append(f"{column} IN ({', '.join('?' * len(values))})")
            params.extend(values)
    for name, value in (where.dims or {}).items():
        if not _DIM_NAME.match(name):
            raise ValueError(f"not a dimension name: {name!r}")
        conditions.append(f"json_extract(u.dims, '$.{name}') = ?")
        params.append(int(value) if isinstance(value, bool) else value)
    return (" WHERE " + " AND ".join(conditions) if conditions else ""), params
