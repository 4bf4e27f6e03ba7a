"""Breaking text into lines that fit a width, only where a line may break.

Lines end at break opportunities (ICU's for Khmer, Lao and Chinese, spaces otherwise) or at a
newline. Only a word wider than the whole line is cut, and then between grapheme clusters, so
a Khmer or Lao syllable is never split. Widths are measured with Kivy's CoreLabel in the font,
size and script the text is drawn with: each piece is measured once, and every line is measured
whole before it is accepted, so a drawn line is never wider than the width asked for.
"""

from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Sequence
from itertools import pairwise
from typing import NamedTuple

from kiosk.text.fonts import FontSpec
from kiosk.text.measure import Measurer, measurer
from kiosk.text.segment import BREAKING_SPACES, break_offsets, grapheme_offsets

log = logging.getLogger(__name__)

ELLIPSIS = "\u2026"
_TRAILING = "".join(BREAKING_SPACES) + "\n"


class Line(NamedTuple):
    """One line: text[start:end] (lines tile the text), and `text`, what is drawn."""

    start: int
    end: int
    text: str


class _Styles:
    """Which characters are bold, as alternating on/off offsets."""

    def __init__(self, bold: bool | Sequence[tuple[int, int]]) -> None:
        if isinstance(bold, bool):
            self.flips = [0] if bold else []
        else:
            self.flips = [
                edge for start, end in sorted(bold) if start < end for edge in (start, end)
            ]

    def pieces(self, start: int, end: int) -> list[tuple[int, int, bool]]:
        bold = bisect_right(self.flips, start) % 2 == 1
        edges = self.flips[bisect_right(self.flips, start) : bisect_left(self.flips, end)]
        pieces, position = [], start
        for edge in [*edges, end]:
            if edge > position:
                pieces.append((position, edge, bold))
            position, bold = edge, not bold
        return pieces


class _Wrapper:
    def __init__(self, text: str, styles: _Styles, measure: Measurer, width: int) -> None:
        self.text, self.styles, self.measure, self.width = text, styles, measure, width
        self.lines: list[Line] = []

    def extent(self, start: int, end: int, strip: bool = True) -> int:
        if strip:
            end = start + len(self.text[start:end].rstrip(_TRAILING))
        return sum(
            self.measure.width(self.text[a:b], bold)
            for a, b, bold in self.styles.pieces(start, end)
        )

    def emit(self, start: int, end: int) -> None:
        self.lines.append(Line(start, end, self.text[start:end].rstrip(_TRAILING)))

    def paragraph(self, segments: deque[tuple[int, int]]) -> None:
        """Fill lines greedily with segments (text between two break opportunities)."""
        line: list[tuple[int, int]] = []
        used = 0
        while segments or line:
            if segments:
                start, end = segments[0]
                if not line and self.extent(start, end) > self.width:
                    segments.popleft()
                    self.cut(start, end, segments)
                    continue
                if not line or self.fits(line, used, start, end):
                    line.append(segments.popleft())
                    used += self.extent(start, end, strip=False)
                    continue
            self.settle(line, segments)
            line, used = [], 0

    def fits(self, line: list[tuple[int, int]], used: int, start: int, end: int) -> bool:
        """Whether text[start:end] still fits on `line`, `used` pixels wide as estimated.

        Pieces are measured apart and each width is rounded, so their sum can be a few pixels
        more than the line measured whole: a line over by no more than that is measured whole.
        """
        estimate = used + self.extent(start, end)
        if estimate <= self.width:
            return True
        return estimate - self.width <= len(line) + 1 and (
            self.extent(line[0][0], end) <= self.width
        )

    def settle(self, line: list[tuple[int, int]], segments: deque[tuple[int, int]]) -> None:
        """Emit the line, giving segments back while the whole line is wider than estimated."""
        while len(line) > 1 and self.extent(line[0][0], line[-1][1]) > self.width:
            segments.appendleft(line.pop())
        start, end = line[0][0], line[-1][1]
        if self.extent(start, end) > self.width:
            self.cut(start, end, segments)
        else:
            self.emit(start, end)

    def cut(self, start: int, end: int, segments: deque[tuple[int, int]]) -> None:
        """Emit the longest run of whole grapheme clusters that fits; queue what is left."""
        edges = [start + offset for offset in grapheme_offsets(self.text[start:end], "en")]
        if not edges:  # one cluster wider than the line: it cannot be split
            self.emit(start, end)
            return
        low, high = 0, len(edges) - 1  # the first cluster goes on the line even if too wide
        while low < high:
            middle = (low + high + 1) // 2
            if self.extent(start, edges[middle]) <= self.width:
                low = middle
            else:
                high = middle - 1
        self.emit(start, edges[low])
        segments.appendleft((edges[low], end))


def wrap(
    text: str,
    breaks: Sequence[int] | None,
    font: FontSpec,
    size: float,
    width: float,
    bold: bool | Sequence[tuple[int, int]] = False,
) -> list[Line]:
    """Lines of `text` no wider than `width` pixels in `font` at `size`.

    `breaks` are offsets where a line may break; None means after spaces. `bold` is True for
    all-bold text, or the (start, end) ranges drawn bold. Empty text gives no lines.
    """
    measure = measurer(font, size)
    measure.prime()
    wrapper = _Wrapper(text, _Styles(bold), measure, max(1, int(width)))
    given = break_offsets(text, "en", breaks) if breaks else None
    position = 0
    while position < len(text):
        newline = text.find("\n", position)
        end = len(text) if newline == -1 else newline + 1
        if given is None:
            inside = [position + o for o in break_offsets(text[position:end], "en")]
        else:
            inside = given[bisect_right(given, position) : bisect_left(given, end)]
        edges = [position, *inside, end]
        wrapper.paragraph(deque(pairwise(edges)))
        position = end
    return wrapper.lines


def ellipsize(text: str, font: FontSpec, size: float, width: float, bold: bool = False) -> str:
    """`text` cut between grapheme clusters and ended with an ellipsis, to fit `width`."""
    measure = measurer(font, size)
    measure.prime()
    stripped = text.rstrip(_TRAILING)
    edges = [0, *grapheme_offsets(stripped, "en"), len(stripped)]
    for edge in reversed(edges):
        candidate = stripped[:edge].rstrip(_TRAILING) + ELLIPSIS
        if measure.width(candidate, bold) <= width:
            return candidate
    return ELLIPSIS
