"""The one small interface through which the kiosk UI reports what travellers do.

Screens call `recorder.record(kind, **dimensions)`. It must cost next to nothing on the UI
thread: implementations enqueue and return. What is stored, aggregated and uploaded is the
usage feature's business (cache/ and sync/), never the screens'.

`BackgroundRecorder` is the real recorder: `record()` cleans a search query (the privacy
scrubber runs before anything is queued), appends to an in-memory queue and returns; a writer
thread moves the queue into usage.db about once a second. See docs/usage-data.md.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from cache.usage_limits import UsageLimits
from cache.usage_store import UsageStore
from kiosk.usage_events import EVENT_DIMENSIONS
from kiosk.usage_privacy import clean_query
from kiosk.usage_writer import Queued, UsageWriter

logger = logging.getLogger(__name__)

Dimension = str | int | float | bool | None

EVENT_KINDS: frozenset[str] = frozenset(EVENT_DIMENSIONS)
"""Every kind screens may record; `kiosk.usage_events.EVENT_DIMENSIONS` lists what each carries:

session_start (lang), session_end (duration_s), language_chosen (lang), language_switched
(from_lang, lang), topic_view (topic, lang, dwell_s), article_view (article, topic, lang,
dwell_s), search (query as typed -- the recorder cleans it --, script, results, lang), qr_shown
(article, lang), helpful (article, lang, helpful: bool), emergency_opened (lang), idle_timeout
(duration_s), fallback_shown (article, requested_lang, lang), error (where).
"""

MAX_PENDING = 100_000


class UsageRecorder(Protocol):
    def record(self, kind: str, **dimensions: Dimension) -> None:
        """Note one event. Never raises, never blocks."""


class NullRecorder:
    """Records nothing: for tools that render screens without a traveller."""

    def record(self, kind: str, **dimensions: Dimension) -> None:
        return None


class BackgroundRecorder:
    """Queues events on the calling thread; a writer thread stores them about once a second."""

    def __init__(
        self,
        open_store: Callable[[], UsageStore],
        *,
        interval_s: float = 1.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._clock = clock
        self._pending: deque[Queued] = deque(maxlen=MAX_PENDING)
        self._enqueue = self._pending.append  # bound once: record() is on the UI thread
        self.writer = UsageWriter(self._pending, open_store, interval_s=interval_s, clock=clock)
        self.writer.start()

    def record(self, kind: str, **dimensions: Dimension) -> None:
        try:
            if kind == "search":
                dimensions["query"] = clean_query(dimensions.get("query"))
            self._enqueue((self._clock(), kind, dimensions))
        except Exception:  # recording must never disturb a traveller's tap
            logger.debug("a usage event could not be queued")

    def flush(self, timeout_s: float = 5.0) -> bool:
        """Write everything queued now (for shutdown and tests). True when nothing is left."""
        return self.writer.flush(timeout_s)

    def close(self, timeout_s: float = 5.0) -> None:
        """Write what is queued and stop the writer. Call from App.on_stop."""
        self.writer.stop(timeout_s)


def open_recorder(
    usage_db: Path | str, limits: UsageLimits | None = None, *, interval_s: float = 1.0
) -> BackgroundRecorder:
    """The kiosk's recorder over usage.db. Opening the file happens on the writer thread, so a
    missing or full disk never delays the UI; events wait in memory until it opens."""
    return BackgroundRecorder(lambda: UsageStore(usage_db, limits), interval_s=interval_s)
