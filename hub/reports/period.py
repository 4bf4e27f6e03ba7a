"""Report periods: whole days in Viet Nam time (Asia/Ho_Chi_Minh), turned into UTC hour bounds.

A period still running (it ends today or later) is cut at the start of the current hour: its
sessions, operating hours and crossings all cover the same elapsed span ("to date"), and days
that have not happened are not part of it. A period that starts after today is refused.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
MAX_DAYS = 3 * 366


class PeriodError(ValueError):
    """Dates that do not make a period."""


class FuturePeriodError(PeriodError):
    """A period that starts, or is asked to end, after today."""


@dataclass(frozen=True)
class Period:
    first: date
    last: date
    """Inclusive: the last day that has begun, for a period still running."""
    cut: datetime | None = None
    """For a period still running: the moment (UTC, on the hour) its figures run up to."""
    planned_last: date | None = None
    """For a period still running: the last day it will have (a month's 31st)."""

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise PeriodError("the period ends before it starts")
        if self.days > MAX_DAYS:
            raise PeriodError(f"a period is at most {MAX_DAYS} days")

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def running(self) -> bool:
        return self.cut is not None

    @property
    def elapsed_days(self) -> float:
        """Days the figures cover: whole days, or up to the cut for a period still running."""
        return (self.until - self.since) / timedelta(days=1)

    @property
    def since(self) -> datetime:
        """Start, UTC."""
        return datetime.combine(self.first, time(), LOCAL).astimezone(UTC)

    @property
    def until(self) -> datetime:
        """End (exclusive), UTC: the day after the last, or the cut of a period still running."""
        end = day_start(self.last + timedelta(days=1))
        return min(end, self.cut) if self.cut is not None else end

    def month_days(self) -> dict[str, tuple[float, int]]:
        """'YYYY-MM' -> (days of that month inside the period, days in that month); the day
        still running counts for the part of it up to the cut."""
        return month_days_between(self.since, self.until)

    def days_inside(self, first: date, last: date) -> float:
        """Days of [first, last] inside the period, up to the cut."""
        start = max(day_start(first), self.since)
        end = min(day_start(last + timedelta(days=1)), self.until)
        return max((end - start) / timedelta(days=1), 0.0)

    def weeks(self) -> list[date]:
        """Mondays of the weeks the period touches."""
        monday = self.first - timedelta(days=self.first.weekday())
        result = []
        while monday <= self.last:
            result.append(monday)
            monday += timedelta(days=7)
        return result

    def query(self) -> str:
        return f"since={self.first.isoformat()}&until={self.last.isoformat()}"


def month_days_between(since: datetime, until: datetime) -> dict[str, tuple[float, int]]:
    """'YYYY-MM' (Viet Nam time) -> (days of that month inside [since, until), its days)."""
    result: dict[str, tuple[float, int]] = {}
    day = since.astimezone(LOCAL).date().replace(day=1)
    while day_start(day) < until:
        length = calendar.monthrange(day.year, day.month)[1]
        following = day + timedelta(days=length)
        start, end = max(day_start(day), since), min(day_start(following), until)
        if end > start:
            result[f"{day.year:04d}-{day.month:02d}"] = ((end - start) / timedelta(days=1), length)
        day = following
    return result


def day_start(day: date) -> datetime:
    """Midnight in Viet Nam starting a day, in UTC."""
    return datetime.combine(day, time(), LOCAL).astimezone(UTC)


def today(now: datetime | None = None) -> date:
    return (now or datetime.now(UTC)).astimezone(LOCAL).date()


def to_date(first: date, last: date, now: datetime | None = None) -> Period:
    """The period [first, last], cut at the start of the current hour if it has not ended.
    Refused when it starts after today."""
    now = now or datetime.now(UTC)
    current = today(now)
    if first > current:
        raise FuturePeriodError(f"{first.isoformat()} is in the future: figures exist up to today")
    if last < current:
        return Period(first, last)
    cut = now.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    return Period(first, current, cut=cut, planned_last=last)


def last_days(days: int, end: date | None = None, now: datetime | None = None) -> Period:
    last = end or today(now) - timedelta(days=1)
    return to_date(last - timedelta(days=days - 1), last, now)


def month(text: str, now: datetime | None = None) -> Period:
    """A calendar month from 'YYYY-MM'; the current month runs to date."""
    try:
        year, number = (int(part) for part in text.split("-"))
        length = calendar.monthrange(year, number)[1]
        first, last = date(year, number, 1), date(year, number, length)
    except (ValueError, calendar.IllegalMonthError) as error:
        raise PeriodError(f"month {text!r}: write it as YYYY-MM") from error
    return to_date(first, last, now)


def parse(
    since: str | None, until: str | None, default_days: int = 30, now: datetime | None = None
) -> Period:
    """A period from the pages' since/until: an end after today is refused; one that is today
    runs to date."""
    if not since and not until:
        return last_days(default_days, now=now)
    current = today(now)
    try:
        last = date.fromisoformat(until) if until else current - timedelta(days=1)
        first = date.fromisoformat(since) if since else last - timedelta(days=default_days - 1)
    except ValueError as error:
        raise PeriodError("dates are written YYYY-MM-DD") from error
    if last > current:
        raise FuturePeriodError(f"{last.isoformat()} is in the future: figures exist up to today")
    return to_date(first, last, now)


def local_hour_start(hour: str) -> datetime:
    """A stored UTC hour bucket ('2026-10-01T17:00:00Z') in Viet Nam time."""
    return datetime.strptime(hour, "%Y-%m-%dT%H:00:00Z").replace(tzinfo=UTC).astimezone(LOCAL)
