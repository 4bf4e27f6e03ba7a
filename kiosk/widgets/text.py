"""The text layer's widgets and fonts, known to kv from one place.

ScriptLabel is imported now (every screen has labels). ArticleBody, ScriptTextInput and
QRCodeWidget are registered with Kivy's Factory by module, so they are imported when a screen
first uses them: the attract screen starts without the QR, text-input and article code.
"""

from __future__ import annotations

from typing import Any

from kivy.factory import Factory

from kiosk.text.fonts import font_for, register_fonts
from kiosk.text.widgets import ScriptLabel

LAZY_WIDGETS = {
    "ArticleBody": "kiosk.text.article",
    "ScriptTextInput": "kiosk.text.textinput",
    "QRCodeWidget": "kiosk.qr",
}

for _name, _module in LAZY_WIDGETS.items():
    Factory.register(_name, module=_module)

__all__ = ["ScriptLabel", "font_for", "register_fonts"]  # and, on first use, LAZY_WIDGETS


def __getattr__(name: str) -> Any:
    if name in LAZY_WIDGETS:
        return getattr(Factory, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
