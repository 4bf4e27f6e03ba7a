"""Keeping the UI catalogs in step with the code: `python -m kiosk.i18n_tools`.

Finds every `_("...")` and `N_("...")` in kiosk/*.py and kiosk/*.kv, writes the template
kiosk/locale/kiosk.pot and merges it into each language's kiosk.po (new strings arrive
untranslated; strings no longer used are dropped). The test suite fails while any string is
untranslated, so a new string cannot ship in one language only. It also writes
kiosk/locale/dates.json, the date patterns and month names the kiosk reads (kiosk.dates).
"""

from __future__ import annotations

import ast
import json
import logging
import re
from pathlib import Path

from babel.dates import get_date_format, get_month_names
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from kiosk.dates import DATES_FILE, FORMATS
from kiosk.i18n import BABEL_LOCALES, DOMAIN, LOCALE_DIR, UI_LANGUAGES, po_path

logger = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent
SKIPPED = frozenset({"i18n.py", "i18n_tools.py"})
_CALL = re.compile(r"""\bN?_\(\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')""")


def extract(package_dir: Path = PACKAGE_DIR) -> dict[str, list[str]]:
    """msgid -> ["file:line", ...] for every UI string in the package."""
    found: dict[str, list[str]] = {}
    for path in sorted([*package_dir.rglob("*.py"), *package_dir.rglob("*.kv")]):
        if path.name in SKIPPED:
            continue
        text = path.read_text(encoding="utf-8")
        for match in _CALL.finditer(text):
            msgid = ast.literal_eval(match.group(1))
            line = text.count("\n", 0, match.start()) + 1
            where = f"{path.relative_to(package_dir.parent)}:{line}"
            found.setdefault(msgid, []).append(where)
    return found


def template(found: dict[str, list[str]]) -> Catalog:
    catalog = Catalog(domain=DOMAIN, project="border-kiosk", fuzzy=False)
    for msgid, places in sorted(found.items()):
        catalog.add(
            msgid, locations=[(p.rsplit(":", 1)[0], int(p.rsplit(":", 1)[1])) for p in places]
        )
    return catalog


def update_catalogs() -> None:
    pot = template(extract())
    with (LOCALE_DIR / f"{DOMAIN}.pot").open("wb") as handle:
        write_po(handle, pot, omit_header=False, sort_output=True)
    for lang in UI_LANGUAGES:
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=BABEL_LOCALES[lang], domain=DOMAIN)
        else:
            catalog = Catalog(locale=BABEL_LOCALES[lang], domain=DOMAIN, project="border-kiosk")
        catalog.update(pot, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        catalog.fuzzy = False
        catalog.copyright_holder = "the border kiosk project"
        with path.open("wb") as handle:
            write_po(handle, catalog, sort_output=True, width=100, no_location=True)
        missing = [m.id for m in catalog if m.id and not m.string]
        logger.info("%s: %d strings, %d untranslated", lang, len(catalog) - 1, len(missing))


def date_table() -> dict[str, dict[str, object]]:
    """Per UI language, Babel's date patterns and month names (what kiosk.dates reads)."""
    table: dict[str, dict[str, object]] = {}
    for lang in UI_LANGUAGES:
        locale = BABEL_LOCALES[lang]
        entry: dict[str, object] = {
            length: get_date_format(length, locale=locale).pattern for length in FORMATS
        }
        for width in ("abbreviated", "wide"):
            names = get_month_names(width, context="format", locale=locale)
            entry[f"months_{width}"] = [names[month] for month in range(1, 13)]
        table[lang] = entry
    return table


def write_dates() -> None:
    text = json.dumps(date_table(), ensure_ascii=False, indent=1, sort_keys=True)
    DATES_FILE.write_text(text + "\n", encoding="utf-8")
    logger.info("dates: %s", DATES_FILE.name)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    update_catalogs()
    write_dates()
