"""Names of the product's languages, through the UI catalogs."""

from __future__ import annotations

from kiosk.i18n import N_, _

NAMES_IN_ENGLISH = {
    "vi": N_("Vietnamese"),
    "en": N_("English"),
    "zh": N_("Chinese"),
    "lo": N_("Lao"),
    "km": N_("Khmer"),
}


def endonym(code: str) -> str:
    """The language's name in itself (Tiếng Việt, English, 中文, ພາສາລາວ, ភាសាខ្មែរ)."""
    return _("This language's own name", code)


def language_name(code: str, in_lang: str) -> str:
    """The name of language `code`, written in language `in_lang`."""
    return _(NAMES_IN_ENGLISH.get(code, code), in_lang)
