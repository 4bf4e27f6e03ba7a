"""Tolerant comparison of a guest's screen with the kiosk's own offscreen rendering.

Both are shrunk twentyfold and compared in grey: the fraction of cells that differ by more than
16 grey levels. The clock and the two renderers' anti-aliasing move a few percent of the cells;
another screen, a console, a blank or a cut-off layout moves far more. A region that changes by
itself (the attract screen's rotating featured article) can be left out of the comparison: its
cells are not counted at all, so the rest of the screen has to match on its own.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw

logger = logging.getLogger(__name__)

SCALE = 20
DIFFERENT = 16  # grey levels
SAME_SCREEN = 0.12  # at most this fraction of the compared cells differ
POLL_S = 3.0

Box = tuple[int, int, int, int]  # left, top, width, height in screen pixels (origin top left)


class ScreenMismatchError(AssertionError):
    """The guest never showed the expected screen within the limit."""


def _compared_cells(size: tuple[int, int], ignore: Box | None) -> Image.Image:
    """A mask at cell size: 255 where cells are compared, 0 over the ignored box (every cell
    it touches, so nothing of the rotating region leaks into the count)."""
    mask = Image.new("L", size, 255)
    if ignore is not None:
        left, top, width, height = ignore
        box = (
            left // SCALE,
            top // SCALE,
            -(-(left + width) // SCALE) - 1,
            -(-(top + height) // SCALE) - 1,
        )
        ImageDraw.Draw(mask).rectangle(box, fill=0)
    return mask


def difference(shown: Image.Image, reference: Image.Image, ignore: Box | None = None) -> float:
    """Fraction of the compared picture that differs (0 = the same, 1 = nothing alike)."""
    size = (reference.width // SCALE, reference.height // SCALE)
    a = shown.convert("L").resize(size, Image.Resampling.BOX)
    b = reference.convert("L").resize(size, Image.Resampling.BOX)
    compared = [
        value
        for value, keep in zip(
            ImageChops.difference(a, b).get_flattened_data(),
            _compared_cells(size, ignore).get_flattened_data(),
            strict=True,
        )
        if keep
    ]
    return sum(1 for value in compared if value > DIFFERENT) / max(len(compared), 1)


def wait_for_screen(
    shoot: Callable[[], Image.Image],
    reference: Image.Image,
    limit_s: float,
    keep: Path,
    ignore: Box | None = None,
    seen: Callable[[], str] = str,
) -> float:
    """Take screenshots every few seconds until one matches `reference`, at most `limit_s`;
    save the last one to `keep`.

    Returns the matching difference. At the limit, raises ScreenMismatchError naming the
    closest difference, the saved screendump and `seen()` (e.g. the serial console's tail)."""
    deadline = time.monotonic() + limit_s
    best = 1.0
    while True:
        shown = shoot()
        score = difference(shown, reference, ignore)
        best = min(best, score)
        if score <= SAME_SCREEN or time.monotonic() > deadline:
            shown.save(keep)
            if score > SAME_SCREEN:
                raise ScreenMismatchError(
                    f"after {limit_s:.0f} s the screen still differs by {score:.2f} "
                    f"(closest {best:.2f}, same below {SAME_SCREEN}); last screendump: {keep}\n"
                    f"{seen()}"
                )
            logger.info("%s matched (difference %.3f)", keep.name, score)
            return score
        time.sleep(POLL_S)
