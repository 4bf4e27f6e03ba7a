"""Read-only queries that turn the hub store's aggregates into the scorecard's plain counts.

Only the hub store's named methods are used (devices, usage_totals, operating_hours); QR opens
come from the staff side's own table. Every function takes the gates the reader may see.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from hub.reports import histogram
from hub.reports.period import Period
from hub.reports.scorecard import UsageCounts, kiosk_cost
from hub.staff.qr_opens import QrOpens
from hub.store import HubStore
from hub.store.queries import UsageFilter
from hub.store.records import Device

VIEW_KINDS = ("topic_view", "article_view")


@dataclass(frozen=True)
class KioskCounts:
    device: Device
    counts: UsageCounts


def in_service_hours(device: Device, since: datetime, until: datetime, now: datetime) -> int:
    """Whole hours of [since, until) from the device's enrolment to its revocation (or now)."""
    if device.enrolled_at is None:
        return 0
    start = max(since, device.enrolled_at.replace(minute=0, second=0, microsecond=0))
    end = min(until, device.revoked_at or now, now)
    if end <= start:
        return 0
    return math.ceil((end - start) / timedelta(hours=1))


def kiosk_counts(
    store: HubStore,
    qr: QrOpens,
    period: Period,
    gates: Collection[str] | None,
    yearly_costs: dict[str, int] | None = None,
    now: datetime | None = None,
) -> list[KioskCounts]:
    """Every enrolled kiosk of the gates with its counts over the period."""
    now = now or datetime.now(UTC)
    devices = [d for d in store.devices(gates) if d.enrolled_at is not None]
    ids = [d.id for d in devices]
    if not ids:
        return []
    where = UsageFilter(since=period.since, until=period.until, devices=ids)
    by_kind: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for total in store.usage_totals(["device", "kind"], where):
        by_kind[total.group["device"]][total.group["kind"]] += total.count
    sessions: dict[str, list[Any]] = defaultdict(lambda: [0, 0, (0,) * histogram.BINS])
    for total in store.usage_totals(["device", "dims.engaged"], _kinds(where, "session_end")):
        entry = sessions[total.group["device"]]
        entry[0] += total.count
        entry[1] += total.count if total.group["dims.engaged"] in (1, True, "true") else 0
        entry[2] = histogram.add(entry[2], total.hist)
    langs: dict[str, dict[str, int]] = defaultdict(dict)
    for total in store.usage_totals(["device", "dims.lang"], _kinds(where, "session_start")):
        langs[total.group["device"]][str(total.group["dims.lang"])] = total.count
    helpful: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for total in store.usage_totals(["device", "dims.helpful"], _kinds(where, "helpful")):
        yes = total.group["dims.helpful"] in (1, True, "true")
        helpful[total.group["device"]][0 if yes else 1] += total.count
    zero = {
        t.group["device"]: t.count
        for t in store.usage_totals(["device"], _kinds(where, "search", dims={"results": "0"}))
    }
    operating = store.operating_hours(period.since, period.until)
    opened = qr.totals(period.since, period.until, ("device_id",), ids)
    costs = yearly_costs or {}
    result = []
    for device in devices:
        kinds = by_kind[device.id]
        expected = in_service_hours(device, period.since, period.until, now)
        count, engaged, hist = sessions[device.id]
        result.append(
            KioskCounts(
                device,
                UsageCounts(
                    expected_hours=expected,
                    operating_hours=min(operating.get(device.id, 0), expected),
                    sessions=count,
                    engaged=engaged,
                    session_hist=hist,
                    views=sum(kinds.get(kind, 0) for kind in VIEW_KINDS),
                    lang_sessions=langs[device.id],
                    qr_shown=kinds.get("qr_shown", 0),
                    qr_opened=opened.get((device.id,), 0),
                    helpful_yes=helpful[device.id][0],
                    helpful_no=helpful[device.id][1],
                    searches=kinds.get("search", 0),
                    zero_searches=zero.get(device.id, 0),
                    cost=kiosk_cost(costs.get(device.gate), expected),
                ),
            )
        )
    return result


def week_days(period: Period) -> dict[str, float]:
    """{Monday 'YYYY-MM-DD': days of that week inside the period, up to now}: under 7 for a
    partial week at either edge."""
    return {
        monday.isoformat(): period.days_inside(monday, monday + timedelta(days=6))
        for monday in period.weeks()
    }


def weekly_sessions(
    store: HubStore, period: Period, gates: Collection[str] | None
) -> dict[str, dict[str, float]]:
    """{gate: {Monday 'YYYY-MM-DD': sessions per day}}: each week's sessions over its days inside
    the period (Viet Nam time) up to now, so a partial first or last week does not look like a
    drop, and days to come are not counted."""
    where = UsageFilter(since=period.since, until=period.until, gates=gates, kinds=["session_end"])
    days = {monday: inside for monday, inside in week_days(period).items() if inside > 0}
    weeks: dict[str, dict[str, float]] = defaultdict(lambda: dict.fromkeys(days, 0.0))
    for total in store.usage_totals(["gate", "day"], where):
        local = date.fromisoformat(total.group["day"])
        monday = (local - timedelta(days=local.weekday())).isoformat()
        if monday in days:
            weeks[total.group["gate"]][monday] += total.count / days[monday]
    return dict(weeks)


def weekly_uptime(
    store: HubStore, period: Period, devices: list[Device], now: datetime | None = None
) -> dict[str, dict[str, float | None]]:
    """{gate: {Monday: uptime %}}: operating hours over in-service hours, week by week."""
    now = now or datetime.now(UTC)
    result: dict[str, dict[str, float | None]] = defaultdict(dict)
    for monday in period.weeks():
        week = Period(
            max(monday, period.first), min(monday + timedelta(days=6), period.last), period.cut
        )
        operating = store.operating_hours(week.since, week.until)
        totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for device in devices:
            expected = in_service_hours(device, week.since, week.until, now)
            totals[device.gate][0] += min(operating.get(device.id, 0), expected)
            totals[device.gate][1] += expected
        for gate, (up, expected) in totals.items():
            result[gate][monday.isoformat()] = up / expected * 100 if expected else None
    return dict(result)


def _kinds(where: UsageFilter, kind: str, dims: dict[str, Any] | None = None) -> UsageFilter:
    return UsageFilter(
        since=where.since, until=where.until, gates=where.gates, devices=where.devices,
        kinds=[kind], dims=dims,
    )  # fmt: skip
