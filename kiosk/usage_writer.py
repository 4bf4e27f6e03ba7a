"""The background thread that moves queued usage events into usage.db about once a second.

It owns every slow or failing thing about recording: opening the database, writing, the
retention and size-cap sweep, and a full or broken disk. While writes fail it keeps events in
memory (bounded: the oldest are dropped first), retries with a growing pause, and carries on
as soon as space returns. The UI thread only ever appends to a deque.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from cache.errors import CacheError
from cache.usage_store import UsageEvent, UsageStore
from kiosk.usage_events import SessionTracker, normalize

logger = logging.getLogger(__name__)

Queued = tuple[float, str, dict[str, Any]]
_FAILURES = (CacheError, OSError)
MAX_RETRY_S = 30.0


class UsageWriter:
    def __init__(
        self,
        pending: deque[Queued],
        open_store: Callable[[], UsageStore],
        *,
        interval_s: float = 1.0,
        maintenance_s: float = 60.0,
        max_backlog: int = 100_000,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._pending = pending
        self._open_store = open_store
        self._interval = interval_s
        self._maintenance = maintenance_s
        self._max_backlog = max_backlog
        self._clock = clock
        self._store: UsageStore | None = None
        self._tracker: SessionTracker | None = None
        self._backlog: list[UsageEvent] = []
        self._retry_at = 0.0
        self._pause = interval_s
        self._next_sweep = 0.0
        self._failing = False
        self.dropped = 0
        self.written = 0
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._cycles = threading.Condition()
        self._cycle_count = 0
        self._thread = threading.Thread(target=self._run, name="usage-writer", daemon=True)

    @property
    def failing(self) -> bool:
        """True while usage.db cannot be written (events wait in memory); for the service screen."""
        return self._failing

    @property
    def backlog(self) -> int:
        """Events held in memory, not yet in usage.db."""
        return len(self._pending) + len(self._backlog)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout_s: float = 5.0) -> None:
        """Write what is queued, then end the thread and close the store."""
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout_s)
        if self._store is not None and not self._thread.is_alive():
            self._store.close()

    def flush(self, timeout_s: float = 5.0) -> bool:
        """Ask for a write now and wait for it. True if nothing is left in memory afterwards."""
        with self._cycles:
            target = self._cycle_count + 2  # a cycle under way may have missed the latest events
            self._retry_at = 0.0
            self._wake.set()
            self._cycles.wait_for(lambda: self._cycle_count >= target, timeout_s)
        return not self._pending and not self._backlog

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(self._interval)
            self._wake.clear()
            self._cycle()
        self._retry_at = 0.0
        self._cycle()

    def _cycle(self) -> None:
        try:
            if self._store is None and time.monotonic() >= self._retry_at:
                self._open()
            if self._tracker is None:
                return  # events wait in the bounded queue until usage.db opens
            self._drain()
            if self._backlog and time.monotonic() >= self._retry_at:
                self._write()
            if self._store is not None and time.monotonic() >= self._next_sweep:
                self._next_sweep = time.monotonic() + self._maintenance
                self._store.enforce_limits(self._clock())
        except _FAILURES as error:
            self._failed(error)
        except Exception:  # the writer must outlive any bug, or recording would stop for good
            logger.exception("usage writer cycle failed")
        finally:
            with self._cycles:
                self._cycle_count += 1
                self._cycles.notify_all()

    def _open(self) -> None:
        self._store = self._open_store()
        self._tracker = SessionTracker(self._store.last_session() + 1)

    def _drain(self) -> None:
        assert self._tracker is not None
        while self._pending:
            ts, kind, dims = self._pending.popleft()
            event = normalize(ts, kind, dims)
            if event is None:
                logger.debug("dropped a usage event of unknown kind %r", kind[:40])
                continue
            self._backlog.append(self._tracker.observe(event))
        excess = len(self._backlog) - self._max_backlog
        if excess > 0:
            del self._backlog[:excess]
            self.dropped += excess

    def _write(self) -> None:
        assert self._store is not None
        self.written += self._store.append(self._backlog)
        self._backlog.clear()
        self._pause = self._interval
        if self._failing:
            self._failing = False
            logger.info("usage recording resumed")

    def _failed(self, error: BaseException) -> None:
        if not self._failing:
            self._failing = True
            logger.warning(
                "usage events could not be written (%s); keeping %d in memory and retrying",
                error,
                len(self._backlog),
            )
        self._retry_at = time.monotonic() + self._pause
        self._pause = min(self._pause * 2, MAX_RETRY_S)
        if self._store is not None and "full" in str(error).lower():
            self._make_room()

    def _make_room(self) -> None:
        """On a full disk, deleting the oldest raw events frees pages that new rows can reuse."""
        assert self._store is not None
        try:
            self._store.enforce_limits(self._clock())
        except _FAILURES as error:
            logger.debug("could not make room in usage.db: %s", error)
