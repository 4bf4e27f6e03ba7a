"""Running as the kiosk's service user, so files a technician's `sudo` creates stay usable.

SQLite creates `-wal` and `-shm` files beside a database on first open: if root opened usage.db,
the kiosk user could no longer write it. So commands that touch the data folder drop to the
service user when started as root, and enrolment hands its files over to that user.
"""

from __future__ import annotations

import logging
import os
import pwd
import shutil
import subprocess
from pathlib import Path

logger = logging.getLogger(__name__)

SERVICE_USER = "kiosk"


def service_account() -> pwd.struct_passwd | None:
    """The service user's account when this process runs as root and the user exists."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(SERVICE_USER)
    except KeyError:
        return None


def drop_to_service_user() -> bool:
    """Become the service user (groups, gid, uid) if running as root; True when it happened."""
    account = service_account()
    if account is None:
        return False
    os.initgroups(account.pw_name, account.pw_gid)
    os.setgid(account.pw_gid)
    os.setuid(account.pw_uid)
    os.environ.update(HOME=account.pw_dir, USER=account.pw_name, LOGNAME=account.pw_name)
    logger.debug("running as %s", account.pw_name)
    return True


def hand_over(paths: list[Path]) -> None:
    """Give files written as root to the service user (enrolment's device.toml and root.json)."""
    account = service_account()
    if account is None:
        return
    for path in paths:
        if path.exists():
            os.chown(path, account.pw_uid, account.pw_gid)


def restart_sync_service() -> str | None:
    """After enrolment on a running device: (re)start the sync daemon, which waits for it.

    Returns what happened, for the technician, or None when there is no service to start."""
    if service_account() is None or not Path("/run/systemd/system").is_dir():
        return None
    systemctl = shutil.which("systemctl")
    if systemctl is None:
        return None
    result = subprocess.run(
        [systemctl, "restart", "kiosk-sync.service"], capture_output=True, text=True, check=False
    )
    if result.returncode == 0:
        return "started kiosk-sync.service"
    return f"could not start kiosk-sync.service: {result.stderr.strip()}"
