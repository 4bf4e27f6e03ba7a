"""The header's and the article's dates read as Babel writes them, in every UI language."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from babel.dates import format_date as babel_format_date

from kiosk.dates import DATES_FILE, FORMATS, DatePatternError, render
from kiosk.i18n import BABEL_LOCALES, UI_LANGUAGES
from kiosk.i18n_tools import date_table
from kiosk.localize import long_date, short_date


def test_the_date_file_is_what_babel_says_now() -> None:
    assert json.loads(DATES_FILE.read_text(encoding="utf-8")) == date_table(), (
        "run python -m kiosk.i18n_tools"
    )


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_every_day_reads_as_babel_writes_it(lang: str) -> None:
    days = [date(2024, 1, 1) + timedelta(days=n) for n in range(366)]
    days += [date(1999, 12, 31), date(2000, 2, 29), date(2031, 7, 4)]
    locale = BABEL_LOCALES[lang]
    for day in days:
        assert short_date(day, lang) == babel_format_date(day, "medium", locale=locale)
        assert long_date(day, lang) == babel_format_date(day, "long", locale=locale)


def test_a_language_without_dates_reads_english() -> None:
    assert short_date(date(2026, 11, 26), "fr") == "Nov 26, 2026"


def test_quoted_text_and_padded_fields() -> None:
    months = [f"m{n}" for n in range(1, 13)]
    day = date(2026, 3, 5)
    assert render("dd.MM.yy 'at' d MMM, MMMM ''y''", months, months, day) == (
        "05.03.26 at 5 m3, m3 '2026'"
    )


def test_a_pattern_with_other_fields_is_refused() -> None:
    with pytest.raises(DatePatternError):
        render("EEE d MMM y", [], [], date(2026, 1, 1))
    assert set(FORMATS) == {"medium", "long"}
