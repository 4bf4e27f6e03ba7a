"""Finds what a traveller would see cut off: walks the widget tree of the kiosk as drawn.

A problem is any of:
- a label whose drawn text is larger than its box (text spilling out or cut);
- a widget that leaves its parent's box (covered by a neighbour, under the header, off screen),
  except a scroll view's content, which may be taller than the view: it is reachable by scrolling;
- a label whose lines end inside a word (the wrap had to cut a word too long for the line);
- a widget that must be seen without scrolling (`in_sight`) outside the window or outside the
  part of a scroll view that shows.
Widgets that are not drawn (opacity 0, no area) and what they hold are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from kivy.uix.label import Label
from kivy.uix.scrollview import ScrollView

from kiosk.text.segment import BREAKING_SPACES, break_offsets
from kiosk.text.widgets import ScriptLabel

SLACK = 1.0
"""Pixels of rounding allowed at each edge."""

Rect = tuple[float, float, float, float]


def rect(widget: Any) -> Rect:
    """(left, bottom, right, top) in window coordinates."""
    left, bottom = widget.to_window(widget.x, widget.y)
    return left, bottom, left + widget.width, bottom + widget.height


def inside(inner: Rect, outer: Rect) -> bool:
    return (
        inner[0] >= outer[0] - SLACK
        and inner[1] >= outer[1] - SLACK
        and inner[2] <= outer[2] + SLACK
        and inner[3] <= outer[3] + SLACK
    )


def name(widget: Any) -> str:
    widget = getattr(widget, "__self__", widget)  # ids hold weak proxies
    text = getattr(widget, "text", "")
    shown = f" {text[:30]!r}" if isinstance(text, str) and text else ""
    return f"{type(widget).__name__}{shown}"


def drawn(root: Any) -> Iterator[Any]:
    """Widgets under `root` that are drawn: with opacity and area, and so are their parents."""
    if root.opacity <= 0 or root.width <= SLACK or root.height <= SLACK:
        return
    yield root
    for child in root.children:
        yield from drawn(child)


def problems(window: Any, in_sight: Iterable[Any] = ()) -> list[str]:
    """What is cut off among the window's widgets, each said in one line."""
    found: list[str] = []
    screen: Rect = (0.0, 0.0, float(window.width), float(window.height))
    for top in window.children:
        for widget in drawn(top):
            box = rect(widget)
            if widget is top and not inside(box, screen):
                found.append(f"{name(widget)} leaves the window")
            parent = widget.parent
            scrolled = isinstance(parent, ScrollView)  # its content may be taller: it scrolls
            if widget is not top and not scrolled and not inside(box, rect(parent)):
                found.append(f"{name(widget)} leaves {name(parent)}: {box} {rect(parent)}")
            if isinstance(widget, Label) and widget.text:
                width, height = widget.texture_size
                if width > widget.width + SLACK or height > widget.height + SLACK:
                    found.append(
                        f"{name(widget)} text {width}x{height} in {widget.width}x{widget.height}"
                    )
            if isinstance(widget, ScriptLabel) and widget.text:
                found += [f"{name(widget)} breaks {cut!r}" for cut in cut_words(widget)]
    for widget in in_sight:
        found += [f"{name(widget)} {why}" for why in out_of_sight(widget, screen)]
    return found


def out_of_sight(widget: Any, screen: Rect) -> list[str]:
    if widget.get_root_window() is None or widget.opacity <= 0:
        return ["is not shown"]
    box = rect(widget)
    if not inside(box, screen):
        return ["is outside the window"]
    holder = widget.parent
    while holder is not None and holder is not holder.parent:
        if isinstance(holder, ScrollView) and not inside(box, rect(holder)):
            return ["needs scrolling to be seen"]
        holder = holder.parent
    return []


def cut_words(label: Any) -> list[str]:
    """Where the label's drawn lines end other than at a break opportunity or a newline."""
    text = label.text
    allowed = set(break_offsets(text, label.lang, label.breaks))
    lines = label.wrapped_text().split("\n")
    cuts, position = [], 0
    for line in lines[:-1]:
        if not text.startswith(line, position):
            break  # an ellipsis ends what is shown
        position += len(line)
        while position < len(text) and text[position] in BREAKING_SPACES:
            position += 1
        if position < len(text) and text[position] == "\n":
            position += 1
        elif position not in allowed:
            cuts.append(text[max(0, position - 8) : position] + "|" + text[position : position + 8])
    return cuts
