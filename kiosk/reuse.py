"""Showing a list of items as a container's children, reusing the widgets already there.

Building a Kivy widget from its kv rule costs far more than changing its properties, and a
traveller's session shows the same tiles and cards again and again: screens keep their widgets
and give them new items instead of clearing and rebuilding them. Widgets a container no longer
shows are kept aside (in memory, off screen) for its next items, so a list that grows and
shrinks (search results as the traveller types) builds each widget once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

W = TypeVar("W")

SPARES = "_reuse_spares"
"""The container's attribute holding the widgets it showed before and shows no more, by kind."""


def refill(
    container: Any,
    items: Iterable[Any],
    kind: type[W],
    make: Callable[[], W],
    show: Callable[[W, Any], None],
) -> list[W]:
    """Make `container` show one `kind` widget per item, in order: `show(widget, item)` fills a
    widget; `make()` builds one when none can be reused. Other children are put aside."""
    return refill_mixed(container, items, lambda _item: kind, lambda _kind: make(), show)


def refill_mixed(
    container: Any,
    items: Iterable[Any],
    kind_of: Callable[[Any], type],
    make: Callable[[type], Any],
    show: Callable[[Any, Any], None],
) -> list[Any]:
    """As `refill`, for items shown by widgets of different kinds: `kind_of(item)` names the
    kind, `make(kind)` builds one."""
    spares: dict[type, list[Any]] | None = getattr(container, SPARES, None)
    if spares is None:
        spares = {}
        setattr(container, SPARES, spares)
    current = list(reversed(container.children))  # in the order they are shown
    wanted = [(kind_of(item), item) for item in items]
    keep = 0
    while keep < min(len(current), len(wanted)) and type(current[keep]) is wanted[keep][0]:
        keep += 1
    for child in current[keep:]:
        container.remove_widget(child)
        spares.setdefault(type(child), []).append(child)
    shown = []
    for index, (kind, item) in enumerate(wanted):
        if index < keep:
            widget = current[index]
        else:
            pool = spares.get(kind)
            widget = pool.pop() if pool else make(kind)
            container.add_widget(widget)
        show(widget, item)
        shown.append(widget)
    return shown
