"""Content health for the service screen and the heartbeat: stale content and a suspect clock.

Stale content never blanks the screen: the kiosk keeps showing it with its "as of" dates. This
module only decides what to flag, and stores it in device state (key `sync.health`, JSON) where
the kiosk's service screen and the heartbeat read it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta

from tuf.ngclient import Updater

from cache import StateStore
from sync.clock import ClockCheck
from sync.config import DeviceConfig
from sync.tuf_session import cached_metadata_expiry, metadata_expiry

logger = logging.getLogger(__name__)

HEALTH_KEY = "sync.health"


@dataclass(frozen=True)
class Health:
    stale: bool
    reasons: list[str] = field(default_factory=list)
    clock_suspect: bool = False
    metadata_expires_at: str | None = None
    last_success_at: str | None = None

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)


def assess(
    clock: ClockCheck,
    last_success: datetime | None,
    metadata_expires: datetime | None,
    stale_after_days: float,
) -> Health:
    """Flag content as stale when signatures expired or no sync succeeded for N days.

    With a suspect clock, no expiry or age decision is made: only the clock is flagged.
    """
    reasons = []
    if not clock.sane:
        reasons.append(f"clock suspect: {clock.reason}")
    else:
        now = clock.reference_time
        if metadata_expires is not None and metadata_expires <= now:
            reasons.append(
                f"signed content metadata expired at {metadata_expires:%Y-%m-%d %H:%M} UTC"
            )
        if last_success is None:
            reasons.append("no sync has succeeded yet")
        elif now - last_success > timedelta(days=stale_after_days):
            reasons.append(f"no successful sync for {(now - last_success).days} days")
    return Health(
        stale=clock.sane and bool(reasons),
        reasons=reasons,
        clock_suspect=not clock.sane,
        metadata_expires_at=metadata_expires.isoformat() if metadata_expires else None,
        last_success_at=last_success.isoformat() if last_success else None,
    )


def record_health(
    state: StateStore,
    config: DeviceConfig,
    clock: ClockCheck,
    updater: Updater | None,
    at: datetime,
) -> Health:
    expires = None
    if updater is not None:
        expires = metadata_expiry(updater)
    if expires is None:
        expires = cached_metadata_expiry(config.tuf_dir)
    health = assess(clock, state.last_sync().last_success_at, expires, config.stale_after_days)
    state.set(HEALTH_KEY, health.to_json())
    if health.reasons:
        logger.warning("content health: %s", "; ".join(health.reasons))
    return health


def read_health(state: StateStore) -> Health | None:
    raw = state.get(HEALTH_KEY)
    return Health(**json.loads(raw)) if raw else None
