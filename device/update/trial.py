"""`kiosk update check` (root, every 30 s by kiosk-update-check.timer): the trial of a newly
switched release ends in a commit once its UI reported itself healthy after its first frame, or
in a roll-back when it did not within `trial_seconds` or kept failing to start.

A roll-back points current at the previous release again, refuses the version (the sync daemon
does not download it again), removes it, and restarts the kiosk and the sync daemon. It runs
from the previous release (see deploy/kiosk-update), so a release that cannot start at all is
rolled back without any of its code running.
"""

from __future__ import annotations

import logging
import shutil
from datetime import datetime

from device.update.layout import Layout, point, remove_link
from device.update.services import Services
from device.update.state import (
    Trial,
    UpdateSettings,
    read_health,
    read_trial,
    refuse,
)

logger = logging.getLogger(__name__)


def check(layout: Layout, settings: UpdateSettings, now: datetime, services: Services) -> str:
    trial = read_trial(layout.trial_file)
    if trial is None:
        return "no software on trial"
    if healthy(layout, trial):
        return commit(layout, trial)
    waited = (now - trial.started_at()).total_seconds()
    if waited > settings.trial_seconds:
        reason = f"no healthy first frame in {settings.trial_seconds:g} s"
        return rollback(layout, trial, reason, services, restart_ui=True)
    if trial.starts > settings.max_restarts:
        reason = f"the kiosk restarted {trial.starts - 1} times"
        return rollback(layout, trial, reason, services, restart_ui=True)
    return f"software {trial.version} on trial for {waited:.0f} s of {settings.trial_seconds:g} s"


def healthy(layout: Layout, trial: Trial) -> bool:
    """The UI of the trial's version reported itself healthy since the switch."""
    health = read_health(layout.health_file)
    if health is None or not health.ok or health.version != trial.version:
        return False
    try:
        return datetime.fromisoformat(health.at) >= trial.started_at()
    except (ValueError, TypeError):  # not a time, or one without its offset
        return False


def commit(layout: Layout, trial: Trial) -> str:
    """The trial passed: keep the current and the previous release, remove the others."""
    keep = {layout.version_of(layout.current), layout.version_of(layout.previous)}
    keep.add(layout.version_of(layout.pending))
    for release in layout.releases.iterdir():
        if release.name not in keep and not release.name.startswith("."):
            shutil.rmtree(release, ignore_errors=True)
    layout.trial_file.unlink(missing_ok=True)
    logger.info("software %s passed its trial: committed", trial.version)
    return f"software {trial.version} committed"


def rollback(
    layout: Layout, trial: Trial, reason: str, services: Services, *, restart_ui: bool
) -> str:
    """Back to the release that ran before the trial; the tried version is refused."""
    previous = trial.previous
    if previous is None or not (layout.release(previous) / "kiosk").is_file():
        logger.error(
            "software %s failed (%s) and there is no release to go back to",
            trial.version,
            reason,
        )
        layout.trial_file.unlink(missing_ok=True)
        return f"software {trial.version} failed ({reason}); no previous release to go back to"
    refuse(layout.refused_file, trial.version)
    point(layout.current, previous)
    remove_link(layout.previous)
    if layout.version_of(layout.pending) == trial.version:
        remove_link(layout.pending)
    shutil.rmtree(layout.release(trial.version), ignore_errors=True)
    layout.trial_file.unlink(missing_ok=True)
    logger.error("software %s rolled back to %s: %s", trial.version, previous, reason)
    services.try_restart_sync()
    if restart_ui:
        services.restart_ui()
    return f"software {trial.version} rolled back to {previous}: {reason}"
