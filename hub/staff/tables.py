"""Tables shown on staff pages, each one also downloadable as CSV with the page's filters.

A table holds raw values; the page formats them for reading, the CSV keeps them plain
(ISO dates, '.' decimals) so a spreadsheet can compute with them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from hub.staff import formatting as fmt

KINDS = ("text", "int", "num", "pct", "money", "dur", "time", "day", "size", "bool", "ci", "ci_pct")
"""ci, ci_pct: a 95% interval, the value a (low, high) pair, shown 'low–high' (ci_pct in %)."""


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = "text"
    digits: int = 1
    group: str = ""
    """Columns with the same group label next to each other share a header above them."""
    wide: bool = False
    nowrap: bool = False

    @property
    def numeric(self) -> bool:
        return self.kind in {"int", "num", "pct", "money", "dur", "size"}


@dataclass
class Table:
    id: str
    title: str
    columns: Sequence[Column]
    rows: list[list[Any]] = field(default_factory=list)
    links: dict[int, str] = field(default_factory=dict)
    """Row index -> where the row links to (from the cell in `link_column`)."""
    note: str = ""
    link_column: int = 0

    def groups(self) -> list[tuple[str, int]]:
        """(label, span) runs over the columns; empty when no column has a group."""
        if not any(column.group for column in self.columns):
            return []
        runs: list[tuple[str, int]] = []
        for column in self.columns:
            if runs and runs[-1][0] == column.group:
                runs[-1] = (column.group, runs[-1][1] + 1)
            else:
                runs.append((column.group, 1))
        return runs

    def cell(self, row: int, column: int, lang: str) -> str:
        return format_value(self.rows[row][column], self.columns[column], lang)


def format_value(value: Any, column: Column, lang: str) -> str:
    if value is None:
        return fmt.NO_DATA
    kind = column.kind
    if kind == "int":
        return fmt.number(value, lang)
    if kind == "num":
        return fmt.number(value, lang, column.digits)
    if kind == "pct":
        return fmt.percent(value, lang, column.digits)
    if kind == "money":
        return fmt.money(value, lang)
    if kind == "dur":
        return fmt.duration(value, lang)
    if kind == "time":
        return fmt.local_time(value, lang)
    if kind == "day":
        return fmt.day(value, lang)
    if kind == "size":
        return fmt.size(value, lang)
    if kind in ("ci", "ci_pct"):
        return fmt.interval(value, lang, column.digits, pct=kind == "ci_pct")
    if kind == "bool":
        return "✓" if value else "–"
    return str(value)


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    if isinstance(value, tuple):
        return "–".join(_plain(part) for part in value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text  # a spreadsheet must not run it as a formula
    return text


def to_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column.label for column in table.columns])
    for row in table.rows:
        writer.writerow([_plain(value) for value in row])
    return "\ufeff" + out.getvalue()
