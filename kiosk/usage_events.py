"""What each usage event may carry, and how a raw `record()` call becomes a storable event.

Only the dimensions listed here are kept, each reduced to a short, closed form (language
codes, content ids, booleans, small buckets). Anything else a screen passes is dropped, so a
typo or a stray free-text value never reaches usage.db.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from cache.usage_store import DimValue, UsageEvent

EVENT_DIMENSIONS: dict[str, tuple[str, ...]] = {
    "session_start": ("lang",),
    "session_end": ("duration_s",),
    "language_chosen": ("lang",),
    "language_switched": ("from_lang", "lang"),
    "topic_view": ("topic", "lang", "dwell_s"),
    "article_view": ("article", "topic", "lang", "dwell_s"),
    "search": ("query", "script", "results", "lang"),
    "qr_shown": ("article", "lang"),
    "helpful": ("article", "lang", "helpful"),
    "emergency_opened": ("lang",),
    "idle_timeout": ("duration_s",),
    "fallback_shown": ("article", "requested_lang", "lang"),
    "error": ("where",),
}
"""Event kind -> the dimensions screens pass. `duration_s` and `dwell_s` are measured in
seconds and go into histograms; every other dimension becomes part of the aggregate's key."""

MEASURES = frozenset({"duration_s", "dwell_s"})
INTERACTIONS = frozenset(
    {
        "language_chosen",
        "language_switched",
        "topic_view",
        "article_view",
        "search",
        "qr_shown",
        "helpful",
        "emergency_opened",
    }
)
ENGAGED_INTERACTIONS = 2
ENGAGED_SECONDS = 20.0
MAX_SECONDS = 86_400.0
RESULT_BUCKETS: tuple[tuple[int, str], ...] = ((0, "0"), (3, "1-3"), (10, "4-10"))

_LANG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})?")
_SCRIPT = re.compile(r"[A-Z][a-z]{3}")
_ID_UNSAFE = re.compile(r"[^a-z0-9_.:-]+")
_DIGITS = re.compile(r"\d+")
_LONG_NUMBER = re.compile(r"\d{5,}")  # ids never need one; passport and phone numbers do


def normalize(ts: float, kind: str, dims: Mapping[str, Any]) -> UsageEvent | None:
    """A storable event, or None for an unknown kind. Unknown dimensions are dropped."""
    allowed = EVENT_DIMENSIONS.get(kind)
    if allowed is None:
        return None
    kept: dict[str, DimValue] = {}
    seconds: float | None = None
    for name in allowed:
        value = dims.get(name)
        if name in MEASURES:
            seconds = _seconds(value)
        elif value is not None:
            kept[name] = _dimension(name, value)
    return UsageEvent(ts=ts, kind=kind, dims=kept, seconds=seconds)


def _dimension(name: str, value: Any) -> DimValue:
    if name == "query":
        return str(value)  # already cleaned by the recorder, before it was queued
    if name == "helpful":
        return bool(value)
    if name == "results":
        return _result_bucket(value)
    if name.endswith("lang"):
        text = str(value)
        return text if _LANG.fullmatch(text) else "other"
    if name == "where":  # a code location; never needs a digit, so none can leak through it
        return _ID_UNSAFE.sub("_", _DIGITS.sub("", str(value).lower()))[:64]
    if name == "script":
        text = str(value)
        return text if _SCRIPT.fullmatch(text) else "Zyyy"
    return _LONG_NUMBER.sub("", _ID_UNSAFE.sub("_", str(value).lower()))[:64]


def _result_bucket(value: Any) -> str:
    try:
        count = int(value)
    except (TypeError, ValueError):
        return "unknown"
    for upper, label in RESULT_BUCKETS:
        if count <= upper:
            return label
    return f"{RESULT_BUCKETS[-1][0] + 1}+"


def _seconds(value: Any) -> float | None:
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        return None
    if seconds != seconds:  # NaN
        return None
    return min(max(seconds, 0.0), MAX_SECONDS)


class SessionTracker:
    """Numbers sessions locally and marks each ending session engaged or not.

    The session number stays on the device (raw events only); what leaves is the aggregate:
    a session_end count split by `engaged` (2 or more interactions, or 20 s or more).
    """

    def __init__(self, next_session: int = 1) -> None:
        self._next = next_session
        self._current: int | None = None
        self._started = 0.0
        self._interactions = 0

    def observe(self, event: UsageEvent) -> UsageEvent:
        if event.kind == "session_start":
            self._current, self._next = self._next, self._next + 1
            self._started, self._interactions = event.ts, 0
        elif event.kind in INTERACTIONS:
            self._interactions += 1
        session = self._current
        if event.kind != "session_end":
            return _with(event, session=session)
        seconds = event.seconds
        if seconds is None and session is not None:
            seconds = min(max(event.ts - self._started, 0.0), MAX_SECONDS)
        engaged = self._interactions >= ENGAGED_INTERACTIONS or (seconds or 0.0) >= ENGAGED_SECONDS
        self._current, self._interactions = None, 0
        dims = {**event.dims, "engaged": engaged}
        return UsageEvent(ts=event.ts, kind=event.kind, dims=dims, seconds=seconds, session=session)


def _with(event: UsageEvent, session: int | None) -> UsageEvent:
    return UsageEvent(event.ts, event.kind, event.dims, event.seconds, session)
