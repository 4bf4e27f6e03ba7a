"""Clock sanity: a device clock we cannot believe makes no expiry decisions, and is flagged.

A clock earlier than this software's build date, earlier than the last successful sync, or years
ahead of what we know to have passed is suspect. Then the reference time for TUF's expiry checks
is the latest time known to have passed (the build date or the last success), and the service
screen shows that the clock needs setting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sync.build_time import build_time

BUILD_TIME = build_time()
"""No device clock can honestly read earlier than this: stamped by the bundle step (sync.build_time)."""

MAX_AHEAD = timedelta(days=3 * 365)
SLACK = timedelta(days=1)


@dataclass(frozen=True)
class ClockCheck:
    sane: bool
    reason: str
    reference_time: datetime
    """The time expiry decisions are made against."""


def check_clock(
    now: datetime, last_success: datetime | None = None, build_time: datetime = BUILD_TIME
) -> ClockCheck:
    known = max(build_time, last_success) if last_success else build_time
    if now < build_time - SLACK:
        reason = (
            f"device clock {now:%Y-%m-%d} is before the software build date {build_time:%Y-%m-%d}"
        )
    elif last_success and now < last_success - SLACK:
        reason = f"device clock {now:%Y-%m-%d} is before the last successful sync {last_success:%Y-%m-%d}"
    elif now > known + MAX_AHEAD:
        reason = f"device clock {now:%Y-%m-%d} is years ahead of {known:%Y-%m-%d}"
    else:
        return ClockCheck(True, "", now)
    return ClockCheck(False, reason, known)
