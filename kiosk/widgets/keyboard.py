"""The search screen's on-screen keyboard: Kivy's VKeyboard, fixed in place, with our layouts.

Layouts live in kiosk/keyboards/: `vi` (Vietnamese letters and five tone keys) and `latin`.
The keyboard edits its own `text` (capped at `max_chars`); the screen binds to it. Typed text
is plain text: it is never interpreted as markup anywhere it is shown.
"""

from __future__ import annotations

import logging
import unicodedata
from pathlib import Path

from kivy.properties import NumericProperty, StringProperty
from kivy.uix.vkeyboard import VKeyboard

from kiosk.vietnamese import TONE_MARKS, apply_tone

logger = logging.getLogger(__name__)

LAYOUT_DIR = Path(__file__).resolve().parent.parent / "keyboards"
LAYOUTS = ("vi", "latin")
SYMBOL_FONT = "/usr/share/fonts/truetype/noto/NotoSansSymbols2-Regular.ttf"
SYMBOL_KEYS = frozenset({"\u232b"})
MAX_CHARS = 60


def edit(text: str, key: str | None, keycode: str | None = None, max_chars: int = MAX_CHARS) -> str:
    """The text after one key press (pure, for tests and for the widget)."""
    if keycode == "backspace":
        return text[:-1]
    if not key:
        return text
    if key in TONE_MARKS:
        return apply_tone(text, key)
    if key == " " and (not text or text.endswith(" ")):
        return text
    typed = unicodedata.normalize("NFC", text + key)
    return typed if len(typed) <= max_chars else text


class KioskKeyboard(VKeyboard):
    text = StringProperty("")
    max_chars = NumericProperty(MAX_CHARS)
    symbol_font = StringProperty(SYMBOL_FONT)

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("layout_path", str(LAYOUT_DIR))
        kwargs.setdefault("layout", "latin")
        kwargs.setdefault("size_hint", (1, None))
        kwargs.setdefault("do_translation", False)
        kwargs.setdefault("do_rotation", False)
        kwargs.setdefault("do_scale", False)
        kwargs.setdefault("margin_hint", [0.02, 0.01, 0.02, 0.01])
        super().__init__(**kwargs)
        self.bind(size=lambda *_: self.refresh(True))

    def on_text(self, _instance: object, text: str) -> None:
        if len(text) > self.max_chars:
            self.text = text[: int(self.max_chars)]

    def _load_layouts(self, *_args: object) -> None:
        """Only our own layouts (Kivy's default path has a dozen we never show)."""
        for name in LAYOUTS:
            self._load_layout_fn(str(LAYOUT_DIR / f"{name}.json"), name)

    def setup_mode_free(self) -> None:
        """Never movable, rotatable or scalable by a traveller's fingers."""
        self.do_translation = self.do_rotation = self.do_scale = False

    def change_layout(self) -> None:
        return None

    def draw_keys(self) -> None:
        super().draw_keys()
        for label in self.children:
            if label.text in SYMBOL_KEYS:
                label.font_name = self.symbol_font

    def on_textinput(self, key: str) -> None:
        self.text = edit(self.text, key, max_chars=int(self.max_chars))

    def on_key_down(self, keycode: str | None, internal: str | None, _modifiers: object) -> None:
        self.text = edit(self.text, internal, keycode, max_chars=int(self.max_chars))

    def key_center(self, label: str) -> tuple[float, float]:
        """Window coordinates of the middle of the key showing `label` (for tests and tools)."""
        layout = self.available_layouts[self.layout]
        for line in range(1, layout["rows"] + 1):
            for index, key in enumerate(layout[f"{self.layout_mode}_{line}"]):
                if label in (key[0], key[1], key[2]):
                    (x, y), (w, h) = self.layout_geometry[f"LINE_{line}"][index]
                    return self.parent.to_window(*self.to_parent(x + w / 2, y + h / 2))
        raise KeyError(label)
