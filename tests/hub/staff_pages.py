"""Every staff page, as the language and accessibility tests visit them."""

from __future__ import annotations

from datetime import UTC, datetime

from hub.reports.period import LOCAL


def staff_pages() -> list[str]:
    """Each page a logged-in admin can open, one address each (plus a refused filter)."""
    month = datetime.now(UTC).astimezone(LOCAL).strftime("%Y-%m")
    return [
        "/help",
        "/fleet",
        "/scorecard",
        "/gates/mong-cai",
        "/demand",
        "/figures",
        "/reports",
        f"/reports/monthly/quang-ninh/{month}",
        "/publishing",
        "/users",
        "/devices",
        "/events",
        "/rules",
        "/scorecard?since=not-a-date",
        "/fleet?offline_hours=much",
        "/no-such-page",
    ]
