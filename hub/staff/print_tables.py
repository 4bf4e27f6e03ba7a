"""Wide tables cut into narrower ones for paper: the first column (the gate or kiosk) and one
group of columns each, so nothing runs off an A4 page, portrait or landscape."""

from __future__ import annotations

from hub.staff.tables import Table


def print_parts(table: Table) -> list[Table]:
    """One table per column group, each starting with the first column; the columns without a
    group go with the first part. A table without groups is returned whole."""
    columns = list(table.columns)
    groups = list(dict.fromkeys(c.group for c in columns if c.group))
    if not groups:
        return [table]
    loose = [i for i, c in enumerate(columns) if not c.group and i != 0]
    parts = []
    for number, group in enumerate(groups):
        chosen = [
            0,
            *(loose if number == 0 else []),
            *(i for i, c in enumerate(columns) if c.group == group),
        ]
        part = Table(
            f"{table.id}-{number + 1}",
            f"{table.title} · {group}",
            [columns[i] for i in chosen],
            [[row[i] for i in chosen] for row in table.rows],
        )
        parts.append(part)
    return parts
