"""Numbers, money, durations and times as central staff read them, in Vietnamese or English."""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

from hub.reports.period import LOCAL

NO_DATA = "–"


def number(value: float | None, lang: str, digits: int = 0) -> str:
    if value is None:
        return NO_DATA
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=lang)


def percent(value: float | None, lang: str, digits: int = 0) -> str:
    if value is None:
        return NO_DATA
    return number(value, lang, digits) + "\u00a0%"


def interval(
    bounds: tuple[float | None, float | None] | None, lang: str, digits: int = 1, pct: bool = False
) -> str:
    """A 95% interval, 'low–high' ('30–45 %' for shares)."""
    if bounds is None or bounds[0] is None or bounds[1] is None:
        return NO_DATA
    text = f"{number(bounds[0], lang, digits)}–{number(bounds[1], lang, digits)}"
    return text + "\u00a0%" if pct else text


def money(value: float | None, lang: str) -> str:
    """Viet Nam đồng, whole."""
    if value is None:
        return NO_DATA
    return number(value, lang) + "\u00a0₫"


def duration(seconds: float | None, lang: str) -> str:
    if seconds is None:
        return NO_DATA
    if seconds >= 600:
        return "≥ 10 min" if lang == "en" else "≥ 10 phút"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}" if minutes else f"{rest} s"


def local_time(moment: datetime | None, lang: str) -> str:
    if moment is None:
        return NO_DATA
    return format_datetime(moment.astimezone(LOCAL), format="dd/MM/yyyy HH:mm", locale=lang)


def day(value: date | None, lang: str) -> str:
    if value is None:
        return NO_DATA
    return format_date(value, format="dd/MM/yyyy", locale=lang)


def size(value: int | None, lang: str) -> str:
    if value is None:
        return NO_DATA
    gigabytes = value / 1024**3
    if gigabytes >= 1:
        return number(gigabytes, lang, 1) + " GB"
    return number(value / 1024**2, lang) + " MB"


def ago(moment: datetime | None, now: datetime, lang: str) -> str:
    if moment is None:
        return NO_DATA
    seconds = max((now - moment).total_seconds(), 0)
    if seconds < 90:
        return "just now" if lang == "en" else "vừa xong"
    for unit, length, vi in (("d", 86400, "ngày"), ("h", 3600, "giờ"), ("min", 60, "phút")):
        if seconds >= length * (1 if unit == "min" else 1.5):
            amount = round(seconds / length)
            return f"{amount} {unit} ago" if lang == "en" else f"{amount} {vi} trước"
    return NO_DATA
