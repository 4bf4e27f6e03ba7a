"""The text layer's widgets and fonts, imported from one place."""

from __future__ import annotations

from kiosk.text.fonts import font_for, register_fonts
from kiosk.text.widgets import ArticleBody, ScriptLabel, ScriptTextInput

try:
    from kiosk.qr import QRCodeWidget
except ImportError:  # until the QR widget is merged
    from kiosk.textstub import QRCodeWidget

__all__ = [
    "ArticleBody",
    "QRCodeWidget",
    "ScriptLabel",
    "ScriptTextInput",
    "font_for",
    "register_fonts",
]
