"""Text widgets that draw every script the kiosk speaks, and break lines where a reader would.

`ScriptLabel` is a Label for one piece of plain text in one language: it picks the language's
font, script and size for its role, and wraps to its own width at break opportunities (the
catalog's, or ICU's, or spaces). Its text is never read as markup. `ScriptTextInput` is a
TextInput that shapes what is typed with the language's script (textinput.py). `ArticleBody`
(article.py) lays out an article's blocks. Both are imported on first use: a screen that shows
neither does not pay for them.
"""

from __future__ import annotations

import logging
from typing import Any

from kivy.metrics import sp
from kivy.properties import (
    AliasProperty,
    BooleanProperty,
    ListProperty,
    NumericProperty,
    OptionProperty,
    StringProperty,
)
from kivy.uix.label import Label

from kiosk.text import kv
from kiosk.text.fonts import BOLD_ROLES, ROLE_STEPS, font_for, font_size
from kiosk.text.measure import measurer
from kiosk.text.segment import break_offsets
from kiosk.text.wrap import ellipsize, wrap

log = logging.getLogger(__name__)

# and, on first use, _LAZY
__all__ = ["MAX_LABEL_CHARS", "MAX_TEXTURE_HEIGHT", "ScriptLabel", "line_width"]

_LAZY = {"ArticleBody": "kiosk.text.article", "ScriptTextInput": "kiosk.text.textinput"}

MAX_LABEL_CHARS = 5_000
"""A ScriptLabel shows at most this many characters (longer catalog fields do not exist)."""
MAX_FITTED_CHARS = 200
"""`line_width` measures at most this many characters (it is meant for captions)."""
MAX_TEXTURE_HEIGHT = 4_000
"""A ScriptLabel's texture stays below this height in pixels (GPUs limit texture sizes)."""
_KIVY_DEFAULT_FONT_SIZE = 15
"""Label's and TextInput's own default font_size, in sp."""


def line_width(text: str, lang: str, size: float, bold: bool = False) -> int:
    """Pixels `text` in `lang` needs on one line at `size` (its widest line, if it has several)."""
    text = text[:MAX_FITTED_CHARS]
    if not text:
        return 0
    measure = measurer(font_for(lang), size)
    measure.prime()
    return max(measure.width(part.rstrip(), bold) for part in text.split("\n"))


class _ManagedFont:
    """Font name, script and size follow lang, role, large_text and font_scale; a font_size
    set from outside (e.g. in a screen's kv) is kept instead of the type scale's."""

    lang = StringProperty("en")
    """Language of the text, a catalog language code ('vi', 'en', 'zh', 'lo', 'km')."""
    role = OptionProperty("body", options=list(ROLE_STEPS))
    """'body', 'title', 'heading' or 'small': picks the size (and bold for title and heading)."""
    large_text = BooleanProperty(False)
    """The traveller asked for larger text."""
    font_scale = NumericProperty(1.0)
    """Fits the type scale to the screen, e.g. the screen's short side / 1080."""
    bold_roles: frozenset[str] = BOLD_ROLES
    _auto_size: float | None = None

    def _watch_font(self, given: dict[str, Any]) -> None:
        """Start following the type scale, unless a font size was given or set by a kv rule."""
        if "font_size" in given or self.font_size != sp(_KIVY_DEFAULT_FONT_SIZE):
            self._auto_size = -1.0  # never equal to font_size: the size is the screen's
        for name in ("lang", "role", "large_text", "font_scale"):
            self.fbind(name, self._apply_font)  # type: ignore[attr-defined]
        self._apply_font()

    def _apply_font(self, *_args: object) -> None:
        spec = font_for(self.lang)
        bold = self.role in self.bold_roles
        self.font_name = spec.bold_name if bold else spec.name
        self.font_script_name = spec.script
        size = font_size(self.role, self.large_text, self.font_scale)
        if self._auto_size is None or self.font_size == self._auto_size:
            self.font_size = self._auto_size = size


class ScriptLabel(_ManagedFont, Label):
    """Plain text in one language, wrapped to the label's width at break opportunities.

    With `size_hint_y` None (the default) the label's height follows its text.
    `max_lines` (Label's) limits the lines shown; a cut text ends with an ellipsis.
    """

    breaks = ListProperty([])
    """Line-break opportunities (offsets into text), e.g. a Translation's title_breaks."""

    def _get_line_width(self) -> int:
        return line_width(self.text, self.lang, self.font_size, self.role in BOLD_ROLES)

    line_width = AliasProperty(_get_line_width, bind=("text", "font_size"), cache=True)
    """Pixels the text needs to fit on one line (its widest line, for texts with newlines):
    rows of buttons use it to give each caption the room it needs (read-only). It is measured
    once the font follows lang and role (`_apply_font`), not in between."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.markup = False
        for name in ("breaks", "width"):
            self.fbind(name, self._trigger_texture)
        self._watch_font(kwargs)

    def _apply_font(self, *_args: object) -> None:
        super()._apply_font()
        self.property("line_width").trigger_change(self, None)

    def on_markup(self, _instance: object, value: bool) -> None:
        if value:
            log.warning("ScriptLabel shows plain text; markup stays off")
            self.markup = False

    def on_texture_size(self, _instance: object, size: list[int]) -> None:
        if self.size_hint_y is None:
            self.height = size[1]

    def texture_update(self, *largs: object) -> None:
        self._label.text = self.wrapped_text()
        super().texture_update(*largs)
        if self.size_hint_y is None:  # also when the size did not change: an empty text is 0 high
            self.height = self.texture_size[1]

    def wrapped_text(self) -> str:
        """The text as drawn: wrapped lines joined by newlines, cut and ellipsised if too long."""
        text = self.text[:MAX_LABEL_CHARS]
        if not text:
            return ""
        spec, size = font_for(self.lang), self.font_size
        bold = self.role in BOLD_ROLES
        width = max(1, self.width - self.padding[0] - self.padding[2])
        lines = wrap(text, break_offsets(text, self.lang, self.breaks), spec, size, width, bold)
        keep = len(lines) if self.max_lines <= 0 else min(len(lines), int(self.max_lines))
        room = MAX_TEXTURE_HEIGHT - self.padding[1] - self.padding[3]
        for count, line in enumerate(lines[:keep]):
            room -= int(measurer(spec, size).extent(line.text, bold)[1] * self.line_height)
            if room < 0:
                keep = max(1, count)
                break
        shown = [line.text for line in lines[:keep]]
        if len(lines) > keep or len(self.text) > len(text):
            shown[-1] = ellipsize(shown[-1], spec, size, width, bold)
        return "\n".join(shown)


kv.load()


def __getattr__(name: str) -> Any:
    """ArticleBody and ScriptTextInput, imported when first asked for."""
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
