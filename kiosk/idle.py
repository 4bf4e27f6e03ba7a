"""Idle detection with an injectable time source, so tests drive it without waiting.

States: ACTIVE (someone is touching), PROMPT ("Still there?" with a countdown), EXPIRED.
The app calls `poke()` on every touch and `tick()` from a Clock interval.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable


class IdleState(enum.Enum):
    ACTIVE = "active"
    PROMPT = "prompt"
    EXPIRED = "expired"


class IdleWatcher:
    def __init__(self, timeout_s: float, countdown_s: float, clock: Callable[[], float]) -> None:
        self.timeout_s = timeout_s
        self.countdown_s = countdown_s
        self._clock = clock
        self._last = clock()
        self.armed = False
        """Only a session in progress can time out (the attract screen never does)."""

    def arm(self) -> None:
        self.armed = True
        self.poke()

    def disarm(self) -> None:
        self.armed = False

    def poke(self) -> None:
        self._last = self._clock()

    def idle_for(self) -> float:
        return max(0.0, self._clock() - self._last)

    def state(self) -> IdleState:
        if not self.armed:
            return IdleState.ACTIVE
        idle = self.idle_for()
        if idle < self.timeout_s:
            return IdleState.ACTIVE
        if idle < self.timeout_s + self.countdown_s:
            return IdleState.PROMPT
        return IdleState.EXPIRED

    def seconds_left(self) -> int:
        """Whole seconds left on the countdown (shown to the traveller)."""
        left = self.timeout_s + self.countdown_s - self.idle_for()
        return max(0, math.ceil(left))
