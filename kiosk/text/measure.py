"""Text widths as Kivy will render them, cached per text piece.

Widths come from Kivy's CoreLabel with the same font, size and `font_script_name` the widgets
use, so what is measured is what is drawn. Wrapping a long body measures each distinct piece
once; the cache is bounded.

Kivy 2.3.1 shapes with the script only when it draws: measuring uses the script that last drew
with that font file and size, and a font file freshly opened measures Khmer as if it were
Latin (wider, and wrongly). So `prime()` draws one space with the right script before
measuring; this is also why a font file must never be drawn with two scripts.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from kivy.core.text import Label as CoreLabel

from kiosk.text.fonts import FontSpec

log = logging.getLogger(__name__)

_MAX_CACHED = 20_000


class Measurer:
    """Measures text in one font (regular and bold) at one size."""

    def __init__(self, font: FontSpec, size: float) -> None:
        self.font = font
        self.size = size
        self._labels = {
            bold: CoreLabel(
                font_name=font.bold_name if bold else font.name,
                font_size=size,
                font_script_name=font.script,
            )
            for bold in (False, True)
        }
        self._cache: dict[tuple[str, bool], tuple[int, int]] = {}

    def prime(self) -> None:
        """Make Kivy measure with this font's script (see the module's note). Cheap."""
        for label in self._labels.values():
            try:  # draw into an SDL surface only: no texture, no GL context needed
                label._size = (1, 1)
                label._render_begin()
                label._render_text(" ", 0, 0)
                label._render_end()
            except AttributeError:  # another text provider: a full render does the same
                label.text = " "
                label.refresh()

    def width(self, text: str, bold: bool = False) -> int:
        """Width in pixels of `text` drawn on one line."""
        return self.extent(text, bold)[0]

    def extent(self, text: str, bold: bool = False) -> tuple[int, int]:
        """Width and height in pixels of `text` drawn on one line (tall stacks make it taller)."""
        key = (text, bold)
        cached = self._cache.get(key)
        if cached is None:
            if len(self._cache) >= _MAX_CACHED:
                self._cache.clear()
            cached = self._cache[key] = self._labels[bold].get_extents(text)
        return cached

    def line_height(self, bold: bool = False) -> int:
        """Height in pixels of one line of text."""
        return self.extent("", bold)[1]


@lru_cache(maxsize=32)
def measurer(font: FontSpec, size: float) -> Measurer:
    """The shared Measurer for a font and size, primed to measure with the font's script."""
    shared = Measurer(font, size)
    shared.prime()
    return shared
