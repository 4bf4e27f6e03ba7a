"""One traveller's visit, from the first touch to the idle reset, as usage events.

Dwell times are measured with the injected monotonic clock and reported when a view is left.
Nothing here keeps anything personal: the session lives in memory and ends at the reset.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from kiosk.usage import Dimension, UsageRecorder

logger = logging.getLogger(__name__)


class SafeRecorder:
    """Wraps a recorder so a fault in usage recording can never break the UI."""

    def __init__(self, recorder: UsageRecorder) -> None:
        self._recorder = recorder

    def record(self, kind: str, **dimensions: Dimension) -> None:
        try:
            self._recorder.record(kind, **dimensions)
        except Exception:
            logger.exception("usage recorder failed on %s", kind)


@dataclass
class _View:
    kind: str
    dimensions: dict[str, Dimension]
    since: float


@dataclass
class Session:
    """What the kiosk knows about the current traveller (nothing that identifies them)."""

    started_at: float
    lang: str | None = None
    views: list[str] = field(default_factory=list)


class SessionTracker:
    def __init__(self, recorder: UsageRecorder, clock: Callable[[], float]) -> None:
        self.recorder = SafeRecorder(recorder)
        self._clock = clock
        self.session: Session | None = None
        self._view: _View | None = None

    @property
    def active(self) -> bool:
        return self.session is not None

    def start(self) -> None:
        if self.session is None:
            self.session = Session(started_at=self._clock())

    def choose_language(self, lang: str) -> None:
        self.start()
        assert self.session is not None
        previous = self.session.lang
        if previous == lang:
            return
        self.session.lang = lang
        if previous is None:
            self.recorder.record("session_start", lang=lang)
            self.recorder.record("language_chosen", lang=lang)
        else:
            self.recorder.record("language_switched", from_lang=previous, lang=lang)

    def enter_view(self, kind: str, **dimensions: Dimension) -> None:
        """Start timing a topic or article view; the previous one is reported."""
        self.leave_view()
        self._view = _View(kind, dict(dimensions), self._clock())

    def leave_view(self) -> None:
        view, self._view = self._view, None
        if view is not None:
            dwell = round(max(0.0, self._clock() - view.since), 1)
            self.recorder.record(view.kind, **view.dimensions, dwell_s=dwell)

    def end(self, idle: bool) -> None:
        """Close the session; `idle` when the traveller walked away."""
        self.leave_view()
        session, self.session = self.session, None
        if session is None:
            return
        duration = round(max(0.0, self._clock() - session.started_at), 1)
        if idle:
            self.recorder.record("idle_timeout", duration_s=duration)
        self.recorder.record("session_end", duration_s=duration)
