"""Report periods: whole days in Viet Nam time (Asia/Ho_Chi_Minh), turned into UTC hour bounds."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
MAX_DAYS = 3 * 366


class PeriodError(ValueError):
    """Dates that do not make a period."""


@dataclass(frozen=True)
class Period:
    first: date
    last: date
    """Inclusive."""

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise PeriodError("the period ends before it starts")
        if self.days > MAX_DAYS:
            raise PeriodError(f"a period is at most {MAX_DAYS} days")

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def since(self) -> datetime:
        """Start, UTC."""
        return datetime.combine(self.first, time(), LOCAL).astimezone(UTC)

    @property
    def until(self) -> datetime:
        """End (exclusive), UTC."""
        return datetime.combine(self.last + timedelta(days=1), time(), LOCAL).astimezone(UTC)

    def month_days(self) -> dict[str, tuple[int, int]]:
        """'YYYY-MM' -> (days of that month inside the period, days in that month)."""
        result: dict[str, tuple[int, int]] = {}
        day = self.first
        while day <= self.last:
            length = calendar.monthrange(day.year, day.month)[1]
            month_end = date(day.year, day.month, length)
            inside = (min(month_end, self.last) - day).days + 1
            result[f"{day.year:04d}-{day.month:02d}"] = (inside, length)
            day = month_end + timedelta(days=1)
        return result

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


def today() -> date:
    return datetime.now(LOCAL).date()


def last_days(days: int, end: date | None = None) -> Period:
    last = end or today() - timedelta(days=1)
    return Period(last - timedelta(days=days - 1), last)


def month(text: str) -> Period:
    """A calendar month from 'YYYY-MM'."""
    try:
        year, number = (int(part) for part in text.split("-"))
        length = calendar.monthrange(year, number)[1]
        return Period(date(year, number, 1), date(year, number, length))
    except (ValueError, calendar.IllegalMonthError) as error:
        raise PeriodError(f"month {text!r}: write it as YYYY-MM") from error


def parse(since: str | None, until: str | None, default_days: int = 30) -> Period:
    if not since and not until:
        return last_days(default_days)
    try:
        last = date.fromisoformat(until) if until else today() - timedelta(days=1)
        first = date.fromisoformat(since) if since else last - timedelta(days=default_days - 1)
    except ValueError as error:
        raise PeriodError("dates are written YYYY-MM-DD") from error
    return Period(first, last)


def local_hour_start(hour: str) -> datetime:
    """A stored UTC hour bucket ('2026-10-01T17:00:00Z') in Viet Nam time."""
    return datetime.strptime(hour, "%Y-%m-%dT%H:00:00Z").replace(tzinfo=UTC).astimezone(LOCAL)
