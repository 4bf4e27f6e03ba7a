"""Built-in icons drawn as vectors, so they stay crisp at any size and follow the colour theme.

Topic icons are named in the catalog (`Topic.icon`). A PNG in assets/icons/<name>.png, when
present, is used instead of the drawing. Unknown names get a plain circle.
"""

from __future__ import annotations

from pathlib import Path

from kivy.graphics import Color, Ellipse, Line, Rectangle
from kivy.properties import ColorProperty, StringProperty
from kivy.uix.widget import Widget

ICON_DIR = Path(__file__).resolve().parents[2] / "assets" / "icons"

Shape = tuple[str, tuple[float, ...]]
"""("rect"|"fill"|"circle"|"dot"|"line"|"poly", coordinates in a unit square)."""

DRAWINGS: dict[str, list[Shape]] = {
    "passport": [("rect", (0.24, 0.1, 0.52, 0.8)), ("circle", (0.5, 0.58, 0.15)),
                 ("line", (0.36, 0.3, 0.64, 0.3)), ("line", (0.5, 0.43, 0.5, 0.73))],
    "customs": [("rect", (0.12, 0.18, 0.76, 0.52)), ("rect", (0.38, 0.7, 0.24, 0.12)),
                ("line", (0.32, 0.18, 0.32, 0.7)), ("line", (0.68, 0.18, 0.68, 0.7))],
    "money": [("rect", (0.08, 0.26, 0.84, 0.48)), ("circle", (0.5, 0.5, 0.13)),
              ("dot", (0.2, 0.5, 0.035)), ("dot", (0.8, 0.5, 0.035))],
    "sim": [("poly", (0.28, 0.1, 0.74, 0.1, 0.74, 0.9, 0.44, 0.9, 0.28, 0.74)),
            ("rect", (0.38, 0.28, 0.26, 0.3)), ("line", (0.38, 0.43, 0.64, 0.43)),
            ("line", (0.51, 0.28, 0.51, 0.58))],
    "bus": [("rect", (0.18, 0.2, 0.64, 0.68)), ("rect", (0.26, 0.5, 0.48, 0.28)),
            ("dot", (0.32, 0.17, 0.07)), ("dot", (0.68, 0.17, 0.07)),
            ("dot", (0.3, 0.35, 0.035)), ("dot", (0.7, 0.35, 0.035))],
    "health": [("fill", (0.39, 0.14, 0.22, 0.72)), ("fill", (0.14, 0.39, 0.72, 0.22))],
    "emergency": [("circle", (0.5, 0.5, 0.4)), ("line", (0.5, 0.4, 0.5, 0.74)),
                  ("dot", (0.5, 0.28, 0.05))],
    "help": [("circle", (0.5, 0.5, 0.4)), ("line", (0.5, 0.24, 0.5, 0.56)),
             ("dot", (0.5, 0.7, 0.05))],
    "discover": [("circle", (0.5, 0.5, 0.4)),
                 ("poly", (0.5, 0.82, 0.59, 0.5, 0.5, 0.18, 0.41, 0.5)), ("dot", (0.5, 0.5, 0.04))],
    "gate": [("fill", (0.12, 0.1, 0.1, 0.72)), ("fill", (0.78, 0.1, 0.1, 0.72)),
             ("fill", (0.06, 0.8, 0.88, 0.1)), ("rect", (0.22, 0.4, 0.56, 0.08))],
}  # fmt: skip
FALLBACK: list[Shape] = [("circle", (0.5, 0.5, 0.36))]


def icon_png(name: str) -> Path | None:
    path = ICON_DIR / f"{name}.png"
    return path if path.is_file() else None


class VectorIcon(Widget):
    name = StringProperty("")
    color = ColorProperty((0, 0, 0, 1))

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        for prop in ("name", "color", "pos", "size"):
            self.fbind(prop, self._redraw)
        self._redraw()

    def _redraw(self, *_args: object) -> None:
        self.canvas.clear()
        side = min(self.width, self.height)
        x0 = self.x + (self.width - side) / 2
        y0 = self.y + (self.height - side) / 2
        width = max(1.5, side * 0.05)

        def px(values: tuple[float, ...]) -> list[float]:
            return [x0 + v * side if i % 2 == 0 else y0 + v * side for i, v in enumerate(values)]

        with self.canvas:
            Color(*self.color)
            png = icon_png(self.name)
            if png is not None:
                Rectangle(source=str(png), pos=(x0, y0), size=(side, side))
                return
            for kind, coords in DRAWINGS.get(self.name, FALLBACK):
                if kind == "rect":
                    x, y = px(coords[:2])
                    Line(rectangle=(x, y, coords[2] * side, coords[3] * side), width=width)
                elif kind == "fill":
                    x, y = px(coords[:2])
                    Rectangle(pos=(x, y), size=(coords[2] * side, coords[3] * side))
                elif kind == "circle":
                    cx, cy = px(coords[:2])
                    Line(circle=(cx, cy, coords[2] * side), width=width)
                elif kind == "dot":
                    cx, cy = px(coords[:2])
                    r = coords[2] * side
                    Ellipse(pos=(cx - r, cy - r), size=(2 * r, 2 * r))
                elif kind == "line":
                    Line(points=px(coords), width=width)
                elif kind == "poly":
                    Line(points=px(coords), width=width, close=True)
