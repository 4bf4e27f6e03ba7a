"""The checks, in the order a technician works through a device: hardware, software, network."""

from __future__ import annotations

import logging
from collections.abc import Callable

from doctor.context import Context
from doctor.fonts import check_fonts
from doctor.hardware import check_display, check_touch
from doctor.network import check_clock_sane, check_hub, check_last_sync
from doctor.report import Result, failed
from doctor.settings import check_config, check_trusted_root
from doctor.storage import check_databases, check_disk

logger = logging.getLogger(__name__)

Check = Callable[[Context], list[Result]]

CHECKS: dict[str, Check] = {
    "display": check_display,
    "fonts": check_fonts,
    "touch": check_touch,
    "config": check_config,
    "trusted root": check_trusted_root,
    "database": check_databases,
    "disk": check_disk,
    "clock": check_clock_sane,
    "hub": check_hub,
    "last sync": check_last_sync,
}


def run_checks(ctx: Context, only: list[str] | None = None) -> list[Result]:
    """Run every check (or those named); a check that crashes is reported as a failure."""
    results: list[Result] = []
    for name, check in CHECKS.items():
        if only and name not in only:
            continue
        try:
            results.extend(check(ctx))
        except Exception as error:  # one broken check must not hide the others
            logger.debug("check %s crashed", name, exc_info=True)
            results.append(
                failed(
                    name,
                    f"the check itself failed: {type(error).__name__}: {error}",
                    "see `journalctl` and report it",
                )
            )
    return results
