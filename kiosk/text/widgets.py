"""Text widgets that draw every script the kiosk speaks, and break lines where a reader would.

`ScriptLabel` is a Label for one piece of plain text in one language: it picks the language's
font, script and size for its role, and wraps to its own width at break opportunities (the
catalog's, or ICU's, or spaces). Its text is never read as markup. `ScriptTextInput` is a
TextInput that shapes what is typed with the language's script. `ArticleBody` (article.py)
lays out an article's blocks.
"""

from __future__ import annotations

import logging
from typing import Any

from kivy.core.text import Label as CoreLabel
from kivy.properties import BooleanProperty, ListProperty, OptionProperty, StringProperty
from kivy.uix.label import Label
from kivy.uix.textinput import TextInput

from kiosk.text import kv
from kiosk.text.article import ArticleBody
from kiosk.text.fonts import BOLD_ROLES, ROLE_STEPS, font_for, font_size
from kiosk.text.measure import measurer
from kiosk.text.segment import break_offsets
from kiosk.text.wrap import ellipsize, wrap

log = logging.getLogger(__name__)

__all__ = ["MAX_LABEL_CHARS", "MAX_TEXTURE_HEIGHT", "ArticleBody", "ScriptLabel", "ScriptTextInput"]

MAX_LABEL_CHARS = 5_000
"""A ScriptLabel shows at most this many characters (longer catalog fields do not exist)."""
MAX_TEXTURE_HEIGHT = 4_000
"""A ScriptLabel's texture stays below this height in pixels (GPUs limit texture sizes)."""


class ScriptLabel(Label):
    """Plain text in one language, wrapped to the label's width at break opportunities.

    With `size_hint_y` None (the default) the label's height follows its text.
    `max_lines` (Label's) limits the lines shown; a cut text ends with an ellipsis.
    """

    lang = StringProperty("en")
    """Language of the text, a catalog language code ('vi', 'en', 'zh', 'lo', 'km')."""
    breaks = ListProperty([])
    """Line-break opportunities (offsets into text), e.g. a Translation's title_breaks."""
    role = OptionProperty("body", options=list(ROLE_STEPS))
    """'body', 'title', 'heading' or 'small': picks the size, and bold for title and heading."""
    large_text = BooleanProperty(False)
    """The traveller asked for larger text."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.markup = False
        for name in ("lang", "role", "large_text"):
            self.fbind(name, self._apply_font)
        for name in ("breaks", "width"):
            self.fbind(name, self._trigger_texture)
        self._apply_font()

    def on_markup(self, _instance: object, value: bool) -> None:
        if value:
            log.warning("ScriptLabel shows plain text; markup stays off")
            self.markup = False

    def on_texture_size(self, _instance: object, size: list[int]) -> None:
        if self.size_hint_y is None:
            self.height = size[1]

    def _apply_font(self, *_args: object) -> None:
        spec = font_for(self.lang)
        self.font_name = spec.bold_name if self.role in BOLD_ROLES else spec.name
        self.font_script_name = spec.script
        self.font_size = font_size(self.role, self.large_text)

    def texture_update(self, *largs: object) -> None:
        self._label.text = self.wrapped_text()
        super().texture_update(*largs)

    def wrapped_text(self) -> str:
        """The text as drawn: wrapped lines joined by newlines, cut and ellipsised if too long."""
        text = self.text[:MAX_LABEL_CHARS]
        if not text:
            return ""
        spec, size = font_for(self.lang), font_size(self.role, self.large_text)
        bold = self.role in BOLD_ROLES
        width = max(1, self.width - self.padding[0] - self.padding[2])
        lines = wrap(text, break_offsets(text, self.lang, self.breaks), spec, size, width, bold)
        line_height = max(1, measurer(spec, size).line_height(bold) * self.line_height)
        keep = max(1, int(MAX_TEXTURE_HEIGHT // line_height))
        if self.max_lines > 0:
            keep = min(keep, int(self.max_lines))
        shown = [line.text for line in lines[:keep]]
        if len(lines) > keep or len(self.text) > len(text):
            shown[-1] = ellipsize(shown[-1], spec, size, width, bold)
        return "\n".join(shown)


class ScriptTextInput(TextInput):
    """A TextInput (for search) that shapes typed text with its language's font and script."""

    lang = StringProperty("en")
    role = OptionProperty("body", options=list(ROLE_STEPS))
    large_text = BooleanProperty(False)
    font_script_name = StringProperty("Latn")
    """ISO 15924 script code used to shape the text; follows `lang`."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        for name in ("lang", "role", "large_text"):
            self.fbind(name, self._apply_font)
        self.fbind("font_script_name", self._trigger_refresh_line_options)
        self._apply_font()

    def _apply_font(self, *_args: object) -> None:
        spec = font_for(self.lang)
        self.font_name = spec.name
        self.font_script_name = spec.script
        self.font_size = font_size(self.role, self.large_text)

    def _get_line_options(self) -> dict[str, Any]:
        if self._line_options is None:
            options = super()._get_line_options()
            options["font_script_name"] = self.font_script_name
            self._label_cached = CoreLabel(**options)
        return self._line_options


kv.load()
