"""UI strings through gettext, one catalog per language, read from the .po files at start.

`kiosk/locale/<lang>/LC_MESSAGES/kiosk.po` holds the translations. They are read into memory
(kiosk.po_reader) the first time a language is used, so there is no separate build step and no
stale .mo file. In .kv files: `text: _("Search", app.ui.lang)` (naming the language makes Kivy
re-evaluate the text when the traveller switches language). In Python: `_("Search", lang)`.
"""

from __future__ import annotations

import gettext
import logging
from functools import cache
from pathlib import Path

from kiosk.po_reader import read_messages

logger = logging.getLogger(__name__)

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "kiosk"
UI_LANGUAGES: tuple[str, ...] = ("vi", "en", "zh", "lo", "km")
BABEL_LOCALES = {"vi": "vi", "en": "en", "zh": "zh_Hans_CN", "lo": "lo", "km": "km"}
"""Babel locale of each UI language: its catalog's locale, and the CLDR data of its dates
(kiosk/locale/dates.json, written by kiosk.i18n_tools)."""


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


class PoTranslations(gettext.NullTranslations):
    """gettext's interface over the messages of one .po file."""

    def __init__(self, messages: dict[str, str]) -> None:
        super().__init__()
        self._messages = messages

    def gettext(self, message: str) -> str:
        return self._messages.get(message, message)


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog for `lang`; untranslated strings show in English."""
    path = po_path(lang)
    if not path.exists():
        logger.warning("no UI catalog for %r; showing English", lang)
        return gettext.NullTranslations()
    return PoTranslations(read_messages(path))


def _(message: str, lang: str = "en") -> str:
    """`message` in `lang`. The name `_` lets the extractor find every UI string."""
    return translations(lang).gettext(message)


def N_(message: str) -> str:  # noqa: N802
    """Marks a string for extraction without translating it yet."""
    return message
