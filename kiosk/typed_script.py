"""Which script a traveller typed in: for the search field's font and for usage figures."""

from __future__ import annotations

SCRIPT_RANGES = (
    ("Hani", "\u3400", "\u9fff"),
    ("Laoo", "\u0e80", "\u0eff"),
    ("Khmr", "\u1780", "\u17ff"),
)
FIELD_LANGUAGE = {"Hani": "zh", "Laoo": "lo", "Khmr": "km", "Latn": "vi"}


def script_of(query: str) -> str:
    """The script of the first letter of `query` that is not Latin, else Latn."""
    for char in query:
        for script, low, high in SCRIPT_RANGES:
            if low <= char <= high:
                return script
    return "Latn"


def field_lang(query: str, ui_lang: str) -> str:
    """The language whose font shows the typed text (the empty field's hint is in the UI's)."""
    return FIELD_LANGUAGE[script_of(query)] if query else ui_lang
