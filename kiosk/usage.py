"""The one small interface through which the kiosk UI reports what travellers do.

Screens call `recorder.record(kind, **dimensions)`. It must cost next to nothing on the UI
thread: implementations enqueue and return. What is stored, aggregated and uploaded is the
usage feature's business (cache/ and sync/), never the screens'.
"""

from __future__ import annotations

from typing import Protocol

Dimension = str | int | float | bool | None

EVENT_KINDS: frozenset[str] = frozenset(
    {
        "session_start",  # lang
        "session_end",  # duration_s
        "language_chosen",  # lang
        "language_switched",  # from_lang, lang
        "topic_view",  # topic, lang, dwell_s
        "article_view",  # article, topic, lang, dwell_s
        "search",  # query (as typed; the recorder cleans it), script, results, lang
        "qr_shown",  # article, lang
        "helpful",  # article, lang, helpful (bool)
        "emergency_opened",  # lang
        "idle_timeout",  # duration_s
        "fallback_shown",  # article, requested_lang, lang
        "error",  # where
    }
)


class UsageRecorder(Protocol):
    def record(self, kind: str, **dimensions: Dimension) -> None:
        """Note one event. Never raises, never blocks."""


class NullRecorder:
    """Records nothing: for tools that render screens without a traveller."""

    def record(self, kind: str, **dimensions: Dimension) -> None:
        return None
