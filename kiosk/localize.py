"""Choosing which language a piece of content is shown in, and formatting dates and times."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from babel.dates import format_date, format_time

from kiosk.i18n import babel_locale


def pick(texts: Mapping[str, str], lang: str, chain: Iterable[str] = ()) -> tuple[str, str]:
    """The text for `lang`, else along `chain`, else English, Vietnamese or any: (text, its lang)."""
    for code in (lang, *chain, "en", "vi", *texts):
        if texts.get(code):
            return texts[code], code
    return "", lang


def long_date(day: date, lang: str) -> str:
    return format_date(day, format="long", locale=babel_locale(lang))


def short_date(day: date, lang: str) -> str:
    return format_date(day, format="medium", locale=babel_locale(lang))


def clock_time(moment: datetime) -> str:
    """24-hour local time in Latin digits (the same in every language)."""
    return format_time(moment, format="HH:mm", locale="en")
