"""An article body: headings, paragraphs and bulleted items, with bold spans.

Each block is wrapped like a ScriptLabel (break opportunities, the language's font and script)
and drawn as a column of textures of at most LINES_PER_TEXTURE lines, so a long article never
needs a texture taller than a GPU allows. Span text is escaped before it becomes Kivy markup;
markup is only used to switch to the bold font. Links are shown as their text.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from kivy.clock import Clock
from kivy.properties import (
    BooleanProperty,
    ColorProperty,
    ListProperty,
    NumericProperty,
    OptionProperty,
    StringProperty,
)
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.label import Label
from kivy.utils import escape_markup

from catalog.model import MAX_BODY_CHARS, Block
from kiosk.text import kv
from kiosk.text.fonts import BOLD_ROLES, ROLE_STEPS, font_for, font_size
from kiosk.text.segment import break_offsets
from kiosk.text.wrap import ELLIPSIS, Line, wrap

log = logging.getLogger(__name__)

LINES_PER_TEXTURE = 24
ROLE_OF_KIND = {"heading": "heading", "paragraph": "body", "item": "body"}


class WrappedLines(Label):
    """Lines already wrapped, as escaped markup, drawn from the top left."""


class TextBlock(BoxLayout):
    """One block's text: spans of plain text, some bold, wrapped to the block's width."""

    spans = ListProperty([])
    """(text, bold) pairs, or catalog Spans."""
    breaks = ListProperty([])
    lang = StringProperty("en")
    role = OptionProperty("body", options=list(ROLE_STEPS))
    large_text = BooleanProperty(False)
    font_scale = NumericProperty(1.0)
    color = ColorProperty([1, 1, 1, 1])

    def __init__(self, **kwargs: Any) -> None:
        self._trigger_wrap = Clock.create_trigger(self.rewrap, -1)
        super().__init__(**kwargs)
        for name in (
            "spans",
            "breaks",
            "lang",
            "role",
            "large_text",
            "font_scale",
            "color",
            "width",
        ):
            self.fbind(name, self._trigger_wrap)
        self._trigger_wrap()

    def rewrap(self, *_args: object) -> None:
        texts = [_span(span) for span in self.spans]
        text = "".join(part for part, _ in texts)
        spec, size = font_for(self.lang), font_size(self.role, self.large_text, self.font_scale)
        all_bold = self.role in BOLD_ROLES
        bold = True if all_bold else _bold_ranges(texts)
        breaks = break_offsets(text, self.lang, self.breaks)
        lines = wrap(text, breaks, spec, size, max(1, self.width), bold) if text else []
        chunks = [lines[i : i + LINES_PER_TEXTURE] for i in range(0, len(lines), LINES_PER_TEXTURE)]
        while len(self.children) > len(chunks):
            self.remove_widget(self.children[0])
        while len(self.children) < len(chunks):
            self.add_widget(WrappedLines())
        for label, chunk in zip(reversed(self.children), chunks, strict=True):
            label.font_name = spec.bold_name if all_bold else spec.name
            label.font_script_name = spec.script
            label.font_size = size
            label.color = self.color
            label.text = "\n".join(_markup(text, line, bold, spec.bold_name) for line in chunk)


class BulletItem(BoxLayout):
    """A list item: a bullet, then the item's text block."""

    spans = ListProperty([])
    breaks = ListProperty([])
    lang = StringProperty("en")
    large_text = BooleanProperty(False)
    font_scale = NumericProperty(1.0)
    color = ColorProperty([1, 1, 1, 1])


class ArticleBody(BoxLayout):
    """An article's body (catalog Blocks) in one language, as tall as its text: put it in a
    ScrollView. Text beyond MAX_BODY_CHARS (the catalog's own limit) is cut with an ellipsis."""

    blocks = ListProperty([])
    """catalog Blocks, e.g. a Translation's body."""
    lang = StringProperty("en")
    large_text = BooleanProperty(False)
    font_scale = NumericProperty(1.0)
    """Fits the type scale to the screen, e.g. the screen's short side / 1080."""
    color = ColorProperty([1, 1, 1, 1])
    """Text colour."""

    def __init__(self, **kwargs: Any) -> None:
        self._trigger_build = Clock.create_trigger(self.build, -1)
        super().__init__(**kwargs)
        for name in ("blocks", "lang", "large_text", "font_scale", "color"):
            self.fbind(name, self._trigger_build)
        self._trigger_build()

    def build(self, *_args: object) -> None:
        self.clear_widgets()
        for block in _capped(self.blocks, MAX_BODY_CHARS):
            options = {
                "spans": block.spans,
                "breaks": block.breaks,
                "lang": self.lang,
                "large_text": self.large_text,
                "font_scale": self.font_scale,
                "color": self.color,
            }
            if block.kind == "item":
                self.add_widget(BulletItem(**options))
            else:
                role = ROLE_OF_KIND[block.kind]
                self.add_widget(TextBlock(role=role, width=self.width, **options))


def _span(span: object) -> tuple[str, bool]:
    if isinstance(span, tuple):
        return str(span[0]), bool(span[1])
    return str(span.text), bool(span.bold)  # type: ignore[attr-defined]


def _bold_ranges(texts: Sequence[tuple[str, bool]]) -> list[tuple[int, int]]:
    ranges, position = [], 0
    for part, bold in texts:
        if bold:
            ranges.append((position, position + len(part)))
        position += len(part)
    return ranges


def _markup(text: str, line: Line, bold: bool | list[tuple[int, int]], bold_font: str) -> str:
    """One line as Kivy markup: escaped text, bold ranges switched to the bold font."""
    end = line.start + len(line.text)
    if isinstance(bold, bool):
        return escape_markup(text[line.start : end])
    parts, position = [], line.start
    for start, stop in bold:
        start, stop = max(start, line.start), min(stop, end)
        if start >= stop:
            continue
        parts.append(escape_markup(text[position:start]))
        parts.append(f"[font={bold_font}]{escape_markup(text[start:stop])}[/font]")
        position = stop
    parts.append(escape_markup(text[position:end]))
    return "".join(parts)


def _capped(blocks: Sequence[Block], limit: int) -> list[Block]:
    """The blocks up to `limit` characters; the block that crosses it is cut and ellipsised."""
    kept, total = [], 0
    for block in blocks:
        length = len(block.plain_text)
        if total + length <= limit:
            kept.append(block)
            total += length
            continue
        room, spans = limit - total, []
        for span in block.spans:
            if room <= 0:
                break
            spans.append(span.model_copy(update={"text": span.text[:room]}))
            room -= len(span.text)
        if spans:
            last = spans[-1]
            spans[-1] = last.model_copy(update={"text": last.text + ELLIPSIS})
            breaks = [offset for offset in block.breaks if offset < limit - total]
            kept.append(block.model_copy(update={"spans": spans, "breaks": breaks}))
        log.info("Article body cut at %d characters", limit)
        break
    return kept


kv.load()
