"""A small time-limited cache for report queries.

Usage arrives in hourly aggregates, so figures a few minutes old are as good as fresh; a page
and the CSV downloads of its tables then cost one set of queries, not one per click.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")


class TtlCache:
    def __init__(self, seconds: float = 300.0, entries: int = 64) -> None:
        self.seconds = seconds
        self.entries = entries
        self._items: OrderedDict[Hashable, tuple[float, object]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        if self.seconds <= 0:
            return compute()
        now = time.monotonic()
        with self._lock:
            hit = self._items.get(key)
            if hit is not None and now - hit[0] < self.seconds:
                self._items.move_to_end(key)
                return hit[1]  # type: ignore[return-value]
        value = compute()
        with self._lock:
            self._items[key] = (time.monotonic(), value)
            self._items.move_to_end(key)
            while len(self._items) > self.entries:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
