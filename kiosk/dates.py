"""Dates in each UI language as Babel (CLDR) writes them, without loading Babel at start.

`kiosk/locale/dates.json` holds, per UI language, CLDR's medium and long date patterns and its
abbreviated and wide month names, written by `python -m kiosk.i18n_tools` from Babel. Reading
it costs a fraction of a millisecond where importing Babel and loading a locale costs about
15 ms of the kiosk's start (the header shows the date on the first frame). A test keeps the
file in step with Babel, day by day.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

DATES_FILE = Path(__file__).parent / "locale" / "dates.json"
FORMATS = ("medium", "long")
_FIELD = re.compile(r"'(?:[^']|'')*'|([A-Za-z])\1*")


class DatePatternError(ValueError):
    """A date pattern uses a field this module does not write (only d, M and y)."""


@cache
def _table() -> dict[str, Any]:
    return json.loads(DATES_FILE.read_text(encoding="utf-8"))


def format_date(day: date, length: str, lang: str) -> str:
    """`day` in `lang` with CLDR's `length` ("medium" or "long") pattern; English for a
    language the file does not hold."""
    table = _table()
    data = table.get(lang, table["en"])
    return render(data[length], data["months_abbreviated"], data["months_wide"], day)


def render(pattern: str, abbreviated: list[str], wide: list[str], day: date) -> str:
    """Write `day` with an LDML date pattern made of d, M and y fields and quoted literals."""
    out: list[str] = []
    position = 0
    for match in _FIELD.finditer(pattern):
        out.append(pattern[position : match.start()])
        position = match.end()
        field = match.group(0)
        if field.startswith("'"):
            out.append(field[1:-1].replace("''", "'") or "'")
        elif field[0] == "d":
            out.append(str(day.day).zfill(len(field)))
        elif field[0] == "y":
            out.append(str(day.year) if len(field) != 2 else f"{day.year % 100:02d}")
        elif field[0] == "M" and len(field) <= 2:
            out.append(str(day.month).zfill(len(field)))
        elif field == "MMM":
            out.append(abbreviated[day.month - 1])
        elif field == "MMMM":
            out.append(wide[day.month - 1])
        else:
            raise DatePatternError(f"{pattern!r}: {field!r}")
    out.append(pattern[position:])
    return "".join(out)
