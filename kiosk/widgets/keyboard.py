"""The search screen's on-screen keyboard: Kivy's VKeyboard, fixed in place, with our layouts.

Layouts live in kiosk/keyboards/: `vi` (Vietnamese letters and five tone keys), `latin`, `lo`
and `km` (the standard Lao and Khmer layouts, with a second layer behind ⇧) and `pinyin`
(Latin letters; the search screen shows Chinese words for them). Key labels are drawn in the
font of the layout's script, a dependent vowel or sign on a dotted circle (◌ា).
The keyboard edits its own `text` (capped at `max_chars`); the screen binds to it. Typed text
is plain text: it is never interpreted as markup anywhere it is shown.
"""

from __future__ import annotations

import json
import logging
import unicodedata
from pathlib import Path

from kivy.core.image import Image
from kivy.graphics import BorderImage, Color
from kivy.graphics.texture import Texture
from kivy.properties import NumericProperty, StringProperty
from kivy.resources import resource_find
from kivy.uix.label import Label
from kivy.uix.vkeyboard import VKeyboard

from kiosk.text.fonts import font_for
from kiosk.vietnamese import TONE_MARKS, apply_tone

logger = logging.getLogger(__name__)

LAYOUT_DIR = Path(__file__).resolve().parent.parent / "keyboards"
LAYOUT_LANGUAGE = {"vi": "vi", "latin": "en", "lo": "lo", "km": "km", "pinyin": "en"}
"""Each layout, and the language whose font draws its key labels."""
LAYOUTS = tuple(LAYOUT_LANGUAGE)
TRAVELLER_LAYOUT = {"vi": "vi", "zh": "pinyin", "lo": "lo", "km": "km"}
"""The layout the keyboard opens with for a traveller's language (others: `latin`)."""
SYMBOL_FONT = "/usr/share/fonts/truetype/noto/NotoSansSymbols2-Regular.ttf"
SYMBOL_KEYS = frozenset({"\u232b", "\u21e7"})
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


def layout_title(layout: str) -> str:
    """The name a layout's button shows ("ខ្មែរ", "拼音", "ABC"), from its file."""
    path = LAYOUT_DIR / f"{layout}.json"
    return str(json.loads(path.read_text(encoding="utf-8"))["title"]) if path.is_file() else layout


def _texture(source: str) -> Texture:
    """A keyboard image's texture (Kivy caches images by file)."""
    return Image(resource_find(source), mipmap=True).texture


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

    def on_layout(self, *_args: object) -> None:
        """A new layout starts on its first layer."""
        self.have_capslock = self.have_shift = False
        self.active_keys.clear()

    def refresh(self, force: bool = False) -> None:
        """As VKeyboard's, but the key labels are kept and given their new text and place
        (a layout switch or a resize then costs no new widgets)."""
        if force:
            self.refresh_keys_hint()
        self.refresh_keys()
        self.refresh_active_keys_layer()

    def draw_keys(self) -> None:
        layout = self.available_layouts[self.layout]
        geometry = self.layout_geometry
        self.background_key_layer.clear()
        with self.background_key_layer:
            Color(*self.background_color)
            BorderImage(
                texture=_texture(self.background_disabled if self.disabled else self.background),
                size=self.size,
                border=self.background_border,
            )
            Color(*self.key_background_color)
            key_texture = _texture(
                self.key_background_disabled_normal if self.disabled else self.key_background_normal
            )
            for line in range(1, layout["rows"] + 1):
                for pos, size in geometry[f"LINE_{line}"]:
                    BorderImage(texture=key_texture, pos=pos, size=size, border=self.key_border)
        keys = [
            (layout[f"{self.layout_mode}_{line}"][index][0], pos, size)
            for line in range(1, layout["rows"] + 1)
            for index, (pos, size) in enumerate(geometry[f"LINE_{line}"])
        ]
        spec = font_for(LAYOUT_LANGUAGE.get(str(self.layout), "en"))
        labels = list(reversed(self.children))
        for index, (text, pos, size) in enumerate(keys):
            if index < len(labels):
                label = labels[index]
            else:
                label = Label()
                label.bind(texture_size=_fit_width)
                self.add_widget(label)
            symbol = text in SYMBOL_KEYS
            label.text, label.pos, label.size = text, pos, size
            label.font_size = self.font_size
            label.font_name = self.symbol_font if symbol else spec.name
            label.font_script_name = "Zyyy" if symbol else spec.script
            label.texture_update()
        for extra in labels[len(keys) :]:
            self.remove_widget(extra)

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


def _fit_width(label: Label, texture_size: list[float]) -> None:
    """Shrink a key's label whose text is drawn wider than its key (a wide vowel on its dotted
    circle with larger text), each time it is drawn, so no key's text is ever cut off."""
    room = label.width * 0.9
    if label.text and texture_size[0] > room > 0:
        label.font_size = label.font_size * room / texture_size[0]
