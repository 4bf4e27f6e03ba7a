"""What every widget binds to: the UI language, the accessibility toggles, colours and sizes.

One `UiState` lives on the app as `app.ui`. Sizes scale with the window's short side (designed
at 1080 px) and never fall below the minimum touch target for the panel's DPI.
"""

from __future__ import annotations

from kivy.event import EventDispatcher
from kivy.properties import (
    BooleanProperty,
    ColorProperty,
    NumericProperty,
    StringProperty,
)

DESIGN_SHORT_SIDE = 1080.0
TEXT_DENSITY_SHORT_SIDE = 864.0
"""Kivy's density is set so 1 sp is 1 px on a panel whose short side is 864 px: text sizes in sp
(the text layer's type scale) then grow with the panel, 1.25x on a 1080 x 1920 kiosk."""


def text_density(width: float, height: float) -> float:
    return max(0.5, min(width, height) / TEXT_DENSITY_SHORT_SIDE)


NORMAL = {
    "bg": (0.96, 0.96, 0.94, 1),
    "surface": (1, 1, 1, 1),
    "text": (0.08, 0.11, 0.16, 1),
    "muted": (0.30, 0.34, 0.40, 1),
    "primary": (0.05, 0.29, 0.55, 1),
    "primary_text": (1, 1, 1, 1),
    "accent": (0.85, 0.93, 1.0, 1),
    "danger": (0.75, 0.07, 0.10, 1),
    "danger_text": (1, 1, 1, 1),
    "border": (0.78, 0.80, 0.84, 1),
    "notice": (1.0, 0.95, 0.75, 1),
}
HIGH_CONTRAST = {
    "bg": (0, 0, 0, 1),
    "surface": (0, 0, 0, 1),
    "text": (1, 1, 1, 1),
    "muted": (1, 1, 0.6, 1),
    "primary": (1, 0.86, 0, 1),
    "primary_text": (0, 0, 0, 1),
    "accent": (0.15, 0.15, 0.15, 1),
    "danger": (1, 0.25, 0.2, 1),
    "danger_text": (0, 0, 0, 1),
    "border": (1, 1, 1, 1),
    "notice": (0.2, 0.2, 0, 1),
}


class UiState(EventDispatcher):
    lang = StringProperty("en")
    """The traveller's UI language."""
    large_text = BooleanProperty(False)
    high_contrast = BooleanProperty(False)
    portrait = BooleanProperty(True)

    scale = NumericProperty(1.0)
    """Window short side / 1080."""
    min_target = NumericProperty(34.0)
    """Smallest tappable side in pixels (9 mm at the configured DPI)."""
    target = NumericProperty(96.0)
    """Height of ordinary buttons."""
    big_target = NumericProperty(140.0)
    pad = NumericProperty(24.0)
    gap = NumericProperty(16.0)
    radius = NumericProperty(14.0)

    font_small = NumericProperty(24.0)
    font_body = NumericProperty(30.0)
    font_button = NumericProperty(32.0)
    font_heading = NumericProperty(38.0)
    font_title = NumericProperty(48.0)
    font_display = NumericProperty(64.0)

    bg = ColorProperty(NORMAL["bg"])
    surface = ColorProperty(NORMAL["surface"])
    text = ColorProperty(NORMAL["text"])
    muted = ColorProperty(NORMAL["muted"])
    primary = ColorProperty(NORMAL["primary"])
    primary_text = ColorProperty(NORMAL["primary_text"])
    accent = ColorProperty(NORMAL["accent"])
    danger = ColorProperty(NORMAL["danger"])
    danger_text = ColorProperty(NORMAL["danger_text"])
    border = ColorProperty(NORMAL["border"])
    notice = ColorProperty(NORMAL["notice"])

    def on_high_contrast(self, _instance: object, value: bool) -> None:
        for name, colour in (HIGH_CONTRAST if value else NORMAL).items():
            setattr(self, name, colour)

    _size = (1080.0, 1920.0)

    def on_large_text(self, _instance: object, _value: bool) -> None:
        self.fit(*self._size)

    def fit(self, width: float, height: float) -> None:
        """Recompute sizes for a root widget of `width` x `height` pixels."""
        self._size = (width, height)
        self.portrait = height >= width
        self.scale = max(0.3, min(width, height) / DESIGN_SHORT_SIDE)
        grow = 1.25 if self.large_text else 1.0
        self.target = max(self.min_target, 96 * self.scale * grow)
        self.big_target = max(self.min_target, 150 * self.scale * grow)
        self.pad = 28 * self.scale
        self.gap = 18 * self.scale
        self.radius = 16 * self.scale
        text = self.scale * (1.3 if self.large_text else 1.0)
        self.font_small = 24 * text
        self.font_body = 30 * text
        self.font_button = 32 * text
        self.font_heading = 38 * text
        self.font_title = 48 * text
        self.font_display = 64 * text
