"""The data folder: both databases pass SQLite's integrity check, and the disk has room."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from cache.recovery import damage
from doctor.context import Context
from doctor.report import Result, failed, passed

logger = logging.getLogger(__name__)

MIN_FREE_BYTES = 500 * 1024 * 1024
MIN_FREE_FRACTION = 0.05
MIB = 1024 * 1024


def check_databases(ctx: Context) -> list[Result]:
    return [
        _check_database(
            ctx.content_db,
            "the kiosk rebuilds content.db from its embedded catalog when it starts: "
            "`systemctl restart kiosk`, then `kiosk sync once`",
        ),
        _check_database(
            ctx.usage_db,
            "stop both services, move usage.db aside (`mv usage.db usage.db.damaged`), "
            "start them again, and report the device: usage since the last upload is lost",
        ),
    ]


def _check_database(path: Path, fix: str) -> Result:
    name = f"database {path.name}"
    if not path.exists():
        return failed(
            name, f"{path} does not exist yet", "start the kiosk: `systemctl start kiosk`"
        )
    problem = damage(path)
    if problem is not None:
        return failed(name, f"{path} is damaged: {problem}", fix)
    return passed(name, f"{path} ok ({path.stat().st_size // 1024} KiB)")


def check_disk(ctx: Context) -> list[Result]:
    folder = _existing(ctx.data_dir)
    usage = shutil.disk_usage(folder)
    detail = f"{usage.free // MIB} MiB free of {usage.total // MIB} MiB on {folder}"
    if usage.free < MIN_FREE_BYTES or usage.free < usage.total * MIN_FREE_FRACTION:
        return [
            failed(
                "disk",
                detail,
                "free space: `journalctl --vacuum-size=100M`, remove *.damaged files in "
                f"{ctx.data_dir}; a device below {MIN_FREE_BYTES // MIB} MiB needs a larger disk",
            )
        ]
    return [passed("disk", detail)]


def _existing(folder: Path) -> Path:
    """The folder, or its nearest existing parent (before the first start creates it)."""
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder
