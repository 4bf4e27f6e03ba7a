"""Every UI string has a translation in every language, with the same placeholders."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from kiosk.i18n import BABEL_LOCALES, UI_LANGUAGES, _, po_path
from kiosk.i18n_tools import extract
from kiosk.languages import endonym

PLACEHOLDER = re.compile(r"\{(\w+)\}")


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_every_ui_string_is_translated(lang: str) -> None:
    with po_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=BABEL_LOCALES[lang])
    translated = {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}
    used = extract()
    missing = sorted(set(used) - set(translated))
    assert not missing, f"{lang}: untranslated {missing} (run python -m kiosk.i18n_tools)"
    for msgid, text in translated.items():
        assert set(PLACEHOLDER.findall(msgid)) == set(PLACEHOLDER.findall(text)), (lang, msgid)
        assert "[" not in text, (lang, msgid)  # never markup


def test_catalogs_hold_no_stale_strings() -> None:
    used = set(extract())
    for lang in UI_LANGUAGES:
        with po_path(lang).open("rb") as handle:
            ids = {m.id for m in read_po(handle) if m.id}
        assert ids == used, lang


def test_languages_are_named_in_their_own_script() -> None:
    assert [endonym(c) for c in UI_LANGUAGES] == [
        "Tiếng Việt", "English", "中文", "ພາສາລາວ", "ភាសាខ្មែរ",
    ]  # fmt: skip
    assert _("Search", "km") == "ស្វែងរក" and _("Search", "lo") == "ຄົ້ນຫາ"
