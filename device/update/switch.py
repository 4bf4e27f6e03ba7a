"""`kiosk update switch` (root, before every start of the kiosk: kiosk.service's ExecStartPre).

The UI exits between sessions when an update is pending; this then makes the pending release
current (previous := current, current := pending, as deploy/install.sh does) and starts its
trial. On each later start during the trial it counts the start, and rolls back at once when
the new release keeps failing (see device.update.trial), so the next start is the old release.

The trial is written before the links change: a power cut in between is finished at the next
start, never leaving a new release running without a trial.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from device.update.layout import Layout, point, remove_link
from device.update.services import Services
from device.update.state import Trial, UpdateSettings, read_trial, write_trial
from device.update.trial import commit, healthy, rollback

logger = logging.getLogger(__name__)


def switch(layout: Layout, settings: UpdateSettings, now: datetime, services: Services) -> str:
    trial = read_trial(layout.trial_file)
    pending = layout.version_of(layout.pending)
    if trial is None and pending is not None:
        if not (layout.release(pending) / "kiosk").is_file():
            remove_link(layout.pending)
            return f"pending software {pending} is not installed; forgotten"
        current = layout.version_of(layout.current)
        trial = Trial(version=pending, previous=current, started=now.isoformat(), starts=1)
        write_trial(layout.trial_file, trial)
        _swap(layout, trial)
        services.try_restart_sync()
        logger.info("switched to software %s (from %s); on trial", pending, current)
        return f"switched to software {pending}; on trial"
    if trial is None:
        return "nothing to switch"
    if layout.version_of(layout.current) != trial.version:
        if pending == trial.version:  # cut off midway through the switch: finish it
            _swap(layout, trial)
            return f"switched to software {trial.version}; on trial"
        layout.trial_file.unlink(missing_ok=True)  # changed by hand: the trial is moot
        return "trial forgotten: current is not the release on trial"
    if healthy(layout, trial):
        return commit(layout, trial)
    trial = replace(trial, starts=trial.starts + 1)
    write_trial(layout.trial_file, trial)
    if trial.starts > settings.max_restarts:
        reason = f"the kiosk restarted {trial.starts - 1} times without a healthy first frame"
        return rollback(layout, trial, reason, services, restart_ui=False)
    return f"software {trial.version} on trial: start {trial.starts}"


def _swap(layout: Layout, trial: Trial) -> None:
    if trial.previous is not None:
        point(layout.previous, trial.previous)
    point(layout.current, trial.version)
    remove_link(layout.pending)
