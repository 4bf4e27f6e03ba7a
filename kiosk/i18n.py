"""UI strings through gettext, one catalog per language, compiled from the .po files at start.

`kiosk/locale/<lang>/LC_MESSAGES/kiosk.po` holds the translations. They are compiled in memory
with Babel the first time a language is used, so there is no separate build step and no stale
.mo file. In .kv files: `text: _("Search", app.ui.lang)` (naming the language makes Kivy
re-evaluate the text when the traveller switches language). In Python: `_("Search", lang)`.
"""

from __future__ import annotations

import gettext
import io
import logging
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

logger = logging.getLogger(__name__)

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "kiosk"
UI_LANGUAGES: tuple[str, ...] = ("vi", "en", "zh", "lo", "km")
BABEL_LOCALES = {"vi": "vi", "en": "en", "zh": "zh_Hans_CN", "lo": "lo", "km": "km"}
"""Babel locale used for dates, times and numbers in each UI language."""


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalog for `lang`; untranslated strings show in English."""
    path = po_path(lang)
    if not path.exists():
        logger.warning("no UI catalog for %r; showing English", lang)
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=BABEL_LOCALES.get(lang, lang), domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def _(message: str, lang: str = "en") -> str:
    """`message` in `lang`. The name `_` lets the extractor find every UI string."""
    return translations(lang).gettext(message)


def N_(message: str) -> str:  # noqa: N802
    """Marks a string for extraction without translating it yet."""
    return message


def babel_locale(lang: str) -> str:
    return BABEL_LOCALES.get(lang, "en")
