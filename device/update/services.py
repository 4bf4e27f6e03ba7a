"""The services an update restarts: through systemctl on a device, recorded in a scratch root."""

from __future__ import annotations

import logging
import shutil
import subprocess

logger = logging.getLogger(__name__)

SYNC_UNIT = "kiosk-sync.service"
UI_UNIT = "kiosk.service"


class Services:
    """systemctl, without waiting for the job: an update step may run inside kiosk.service's own
    start (ExecStartPre), where waiting for a job on it would never end."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def try_restart_sync(self) -> None:
        self._systemctl("try-restart", SYNC_UNIT)

    def restart_ui(self) -> None:
        self._systemctl("restart", UI_UNIT)

    def _systemctl(self, verb: str, unit: str) -> None:
        systemctl = shutil.which("systemctl")
        if systemctl is None:
            logger.warning("no systemctl: %s %s not done", verb, unit)
            return
        result = subprocess.run(
            [systemctl, "--no-block", verb, unit], capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            logger.warning("systemctl %s %s: %s", verb, unit, result.stderr.strip())


class RecordedServices(Services):
    """For a scratch root (--root): what would have been restarted, in order."""

    def _systemctl(self, verb: str, unit: str) -> None:
        self.calls.append(f"{verb} {unit}")
