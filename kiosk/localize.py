"""Choosing which language a piece of content is shown in, and formatting dates and times."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from kiosk.dates import format_date


def pick(texts: Mapping[str, str], lang: str, chain: Iterable[str] = ()) -> tuple[str, str]:
    """The text for `lang`, else along `chain`, else English, Vietnamese or any: (text, its lang)."""
    for code in (lang, *chain, "en", "vi", *texts):
        if texts.get(code):
            return texts[code], code
    return "", lang


def long_date(day: date, lang: str) -> str:
    return format_date(day, "long", lang)


def short_date(day: date, lang: str) -> str:
    return format_date(day, "medium", lang)


def clock_time(moment: datetime) -> str:
    """24-hour local time in Latin digits (the same in every language; no locale data needed)."""
    return moment.strftime("%H:%M")
