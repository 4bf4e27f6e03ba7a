"""The text layer's widgets and fonts, imported from one place."""

from __future__ import annotations

try:
    from kiosk.qr import QRCodeWidget
    from kiosk.text.fonts import font_for, register_fonts
    from kiosk.text.widgets import ArticleBody, ScriptLabel, ScriptTextInput
except ImportError:  # until the text layer is merged
    from kiosk.textstub import (
        ArticleBody,
        QRCodeWidget,
        ScriptLabel,
        ScriptTextInput,
        font_for,
        register_fonts,
    )

__all__ = [
    "ArticleBody",
    "QRCodeWidget",
    "ScriptLabel",
    "ScriptTextInput",
    "font_for",
    "register_fonts",
]
