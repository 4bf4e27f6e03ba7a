"""The text layer's widgets and fonts, imported from one place."""

from __future__ import annotations

from kiosk.qr import QRCodeWidget
from kiosk.text.fonts import font_for, register_fonts
from kiosk.text.widgets import ArticleBody, ScriptLabel, ScriptTextInput

__all__ = [
    "ArticleBody",
    "QRCodeWidget",
    "ScriptLabel",
    "ScriptTextInput",
    "font_for",
    "register_fonts",
]
