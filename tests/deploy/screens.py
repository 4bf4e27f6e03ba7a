"""Tolerant comparison of a guest's screen with the kiosk's own offscreen rendering.

Both are shrunk twentyfold and compared in grey: the fraction of cells that differ by more than
16 grey levels. The clock, the featured article that changes every few
seconds and the two renderers' anti-aliasing move a few percent of the cells; another screen, a
console, a blank or a cut-off layout moves far more.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageChops

SCALE = 20
DIFFERENT = 16  # grey levels
SAME_SCREEN = 0.12  # at most this fraction of cells differ


def difference(shown: Image.Image, reference: Image.Image) -> float:
    """Fraction of the picture that differs (0 = the same, 1 = nothing alike)."""
    size = (reference.width // SCALE, reference.height // SCALE)
    a = shown.convert("L").resize(size, Image.Resampling.BOX)
    b = reference.convert("L").resize(size, Image.Resampling.BOX)
    cells = ImageChops.difference(a, b).getdata()
    return sum(1 for value in cells if value > DIFFERENT) / len(cells)


def wait_for_screen(
    shoot: Callable[[], Image.Image], reference: Image.Image, limit_s: float, keep: Path
) -> float:
    """Take screenshots until one matches `reference`; save the last one to `keep`.

    Returns the matching difference; raises AssertionError with the closest one at the limit."""
    deadline = time.monotonic() + limit_s
    best = 1.0
    while True:
        shown = shoot()
        score = difference(shown, reference)
        best = min(best, score)
        if score <= SAME_SCREEN or time.monotonic() > deadline:
            shown.save(keep)
            assert score <= SAME_SCREEN, f"screen never matched (closest {best:.2f}): {keep}"
            return score
        time.sleep(3)
