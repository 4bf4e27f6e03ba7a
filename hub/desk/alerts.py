"""Articles whose facts are past their review-by date, as rows of the fleet page's alert list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from hub.desk.listing import overdue_articles
from hub.desk.store import DeskStore


def overdue_alert_rows(
    store: DeskStore | None, gates: frozenset[str] | set[str] | None, t: Callable[..., str]
) -> list[list[object]]:
    """[alert, article, gates, detail, since] for each overdue article shown at one of `gates`
    (None: every gate)."""
    if store is None:
        return []
    rows = []
    for row in overdue_articles(store, date.today()):
        shown = row.gate_list
        if gates is not None and shown and not set(shown) & set(gates):
            continue
        rows.append(
            [
                t("alert.content_overdue"),
                row.id,
                ", ".join(shown) or t("all"),
                t("desk.overdue_detail", date=row.review_by, source=row.source or "—"),
                None,
            ]
        )
    return rows
