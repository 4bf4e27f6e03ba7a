"""SQL for reading usage aggregates, built only from whitelisted names and bound parameters."""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from hub.store import usage_rollup
from hub.store.records import DimValue, hour_text
from hub.store.schema import HIST_COLUMNS

_DIM_NAME = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
_GROUPS = {
    "device": "u.device_id",
    "gate": "u.gate",
    "hour": "u.hour",
    "day": "u.day",
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


def dim_field(name: str, dialect: str, *, text: bool = False) -> str:
    """One dimension of `u.dims` (JSON text), as SQL: SQLite's json_extract value; on
    PostgreSQL the jsonb value (psycopg reads it back as the same Python value), or its text."""
    if not _DIM_NAME.match(name):
        raise ValueError(f"not a dimension name: {name!r}")
    if dialect == "postgresql":
        return f"(u.dims::jsonb {'->>' if text else '->'} '{name}')"
    return f"json_extract(u.dims, '$.{name}')"


def _dim_condition(name: str, value: DimValue, dialect: str) -> tuple[str, object]:
    if dialect == "postgresql":
        return f"{dim_field(name, dialect)} = CAST(? AS jsonb)", json.dumps(value)
    return f"{dim_field(name, dialect)} = ?", int(value) if isinstance(value, bool) else value


def usage_query(where: UsageFilter, dialect: str = "sqlite") -> tuple[str, list[object]]:
    clause, params = _where(where, dialect)
    hist = ", ".join(f"u.{c}" for c in HIST_COLUMNS)
    sql = (
        f"SELECT u.device_id, d.gate, u.hour, u.kind, u.dims, u.count, u.seconds, {hist}"  # noqa: S608
        f" FROM usage_hourly u JOIN devices d ON d.id = u.device_id{clause}"
        " ORDER BY u.hour, u.device_id, u.kind, u.dims"
    )
    return sql, params


def totals_query(
    group_by: Sequence[str], where: UsageFilter, dialect: str = "sqlite"
) -> tuple[str, list[object]]:
    if "hour" in group_by:
        return _raw_totals_query(group_by, where, dialect)
    dims = any(name.startswith("dims.") for name in group_by) or bool(where.dims)
    source, params = _rolled_up(where, dims, dialect)
    columns = [_group_column(name, dialect) for name in group_by]
    sums = ", ".join(f"sum(u.{c})" for c in HIST_COLUMNS)
    selected = ", ".join([*columns, "sum(u.count)", "sum(u.seconds)", sums])
    sql = f"SELECT {selected}, count(DISTINCT u.device_id) FROM {source}"  # noqa: S608
    if columns:
        sql += f" GROUP BY {', '.join(columns)} ORDER BY sum(u.count) DESC, {', '.join(columns)}"
    return sql, params


def zero_result_query(
    where: UsageFilter, min_kiosks: int, dialect: str = "sqlite"
) -> tuple[str, list[object]]:
    searches = UsageFilter(
        since=where.since, until=where.until, gates=where.gates, devices=where.devices,
        kinds=["search"], dims={**(where.dims or {}), "results": "0"},
    )  # fmt: skip
    source, params = _rolled_up(searches, True, dialect)
    query, lang = dim_field("query", dialect, text=True), dim_field("lang", dialect, text=True)
    sql = (
        f"SELECT {query} AS query, {lang} AS lang,"  # noqa: S608
        " count(DISTINCT u.device_id) AS kiosks, sum(u.count) AS searches"
        f" FROM {source} WHERE coalesce({query}, '') != ''"
        " GROUP BY query, lang HAVING count(DISTINCT u.device_id) >= ?"
        " ORDER BY kiosks DESC, searches DESC, query"
    )
    return sql, [*params, min_kiosks]


def _rolled_up(where: UsageFilter, dims: bool, dialect: str) -> tuple[str, list[object]]:
    """The aggregates of the filter as one row source `u` (device_id, gate, day, kind, dims, count,
    seconds, histogram): whole Viet Nam days from a daily roll-up (by dims only if asked), the
    parts of days at the period's edges from the hourly rows."""
    whole, pieces = usage_rollup.split(
        None if where.since is None else hour_text(where.since),
        None if where.until is None else hour_text(where.until),
    )
    figures = ", ".join(f"u.{c}" for c in ("count", "seconds", *HIST_COLUMNS))
    branches: list[str] = []
    params: list[object] = []
    if whole is not None:
        table = "usage_daily" if dims else "usage_daily_kinds"
        conditions, values = _filters(where, dialect)
        for operator, day in ((">=", whole[0]), ("<=", whole[1])):
            if day:
                conditions.append(f"u.day {operator} ?")
                values.append(day)
        kept = "u.dims" if dims else "''"
        branches.append(
            f"SELECT u.device_id, d.gate, u.day, u.kind, {kept} AS dims, {figures}"  # noqa: S608
            f" FROM {table} u JOIN devices d ON d.id = u.device_id{_joined(conditions)}"
        )
        params.extend(values)
    for first, end, day in pieces:
        conditions, values = _filters(where, dialect)
        branches.append(
            f"SELECT u.device_id, d.gate, ? AS day, u.kind, u.dims, {figures} FROM usage_hourly u"  # noqa: S608
            f" JOIN devices d ON d.id = u.device_id WHERE u.hour >= ? AND u.hour < ?"
            f"{_joined(conditions, ' AND ')}"
        )
        params.extend([day, first, end, *values])
    if not branches:  # an empty period
        branches.append(
            f"SELECT u.device_id, d.gate, u.day, u.kind, '' AS dims, {figures}"  # noqa: S608
            " FROM usage_daily_kinds u JOIN devices d ON d.id = u.device_id WHERE 1 = 0"
        )
    return f"({' UNION ALL '.join(branches)}) u", params


def _raw_totals_query(
    group_by: Sequence[str], where: UsageFilter, dialect: str
) -> tuple[str, list[object]]:
    if "day" in group_by:
        raise ValueError("cannot group usage by both hour and day")
    columns = [_group_column(name, dialect, raw=True) for name in group_by]
    clause, params = _where(where, dialect)
    sums = ", ".join(f"sum(u.{c})" for c in HIST_COLUMNS)
    selected = ", ".join([*columns, "sum(u.count)", "sum(u.seconds)", sums])
    sql = (
        f"SELECT {selected}, count(DISTINCT u.device_id)"  # noqa: S608
        f" FROM usage_hourly u JOIN devices d ON d.id = u.device_id{clause}"
        f" GROUP BY {', '.join(columns)} ORDER BY sum(u.count) DESC, {', '.join(columns)}"
    )
    return sql, params


def _joined(conditions: list[str], lead: str = " WHERE ") -> str:
    return lead + " AND ".join(conditions) if conditions else ""


def _group_column(name: str, dialect: str, raw: bool = False) -> str:
    if raw and name == "gate":
        return "d.gate"
    if name in _GROUPS:
        return _GROUPS[name]
    if name.startswith("dims.") and _DIM_NAME.match(name[5:]):
        return dim_field(name[5:], dialect)
    raise ValueError(f"cannot group usage by {name!r}")


def _where(where: UsageFilter, dialect: str) -> tuple[str, list[object]]:
    conditions, params = _filters(where, dialect)
    if where.until is not None:
        conditions.insert(0, "u.hour < ?")
        params.insert(0, hour_text(where.until))
    if where.since is not None:
        conditions.insert(0, "u.hour >= ?")
        params.insert(0, hour_text(where.since))
    return _joined(conditions), params


def _filters(where: UsageFilter, dialect: str) -> tuple[list[str], list[object]]:
    """The filter's conditions other than time."""
    conditions: list[str] = []
    params: list[object] = []
    for column, values in (
        ("d.gate", where.gates),
        ("u.device_id", where.devices),
        ("u.kind", where.kinds),
    ):
        if values is not None:
            values = list(values)
            if not values:
                conditions.append("1 = 0")  # PostgreSQL has no empty IN ()
                continue
            conditions.append(f"{column} IN ({', '.join('?' * len(values))})")
            params.extend(values)
    for name, value in (where.dims or {}).items():
        condition, param = _dim_condition(name, value, dialect)
        conditions.append(condition)
        params.append(param)
    return conditions, params
