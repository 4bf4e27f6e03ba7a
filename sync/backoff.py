"""Exponential backoff with jitter, capped, after repeated sync failures."""

from __future__ import annotations

import random


def backoff_seconds(
    consecutive_failures: int,
    interval_seconds: float,
    cap_seconds: float,
    rng: random.Random | None = None,
) -> float:
    """How long to wait after the last attempt before the next one.

    One failure waits one normal interval; each further failure doubles the wait, up to the cap.
    The wait is drawn from its upper half ("equal jitter") so a fleet does not retry in step.
    """
    if consecutive_failures <= 1:
        return 0.0
    exponent = min(consecutive_failures - 1, 30)
    wait = min(cap_seconds, interval_seconds * 2**exponent)
    return (rng or random).uniform(wait / 2, wait)
