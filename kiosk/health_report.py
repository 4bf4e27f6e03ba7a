"""The kiosk's health after its first frame, for the software update's trial (device.update).

Right after the first frame is drawn the kiosk checks what a traveller needs next: the content
cache opens and names its content version, and each script's font has the glyphs of real text
(doctor.fonts's check). It writes {version, ok, at, problems} to the health file; root commits
the new release once the report of its version says ok, and rolls it back otherwise.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)


def health_problems(content_store: Any, font_file: Callable[[str], Path]) -> list[str]:
    """What stops the kiosk from serving a traveller; empty when it is healthy."""
    from doctor.fonts import SAMPLES, missing_characters
    from kiosk.text.fonts import SCRIPT_OF_LANGUAGE

    problems: list[str] = []
    try:
        if content_store.content_version() is None:
            problems.append("the content cache holds no content version")
    except Exception as error:  # any failure to read the cache is the finding
        problems.append(f"the content cache cannot be read: {error}")
    for lang, script in sorted(SCRIPT_OF_LANGUAGE.items()):
        try:
            missing = missing_characters(font_file(lang), SAMPLES[script.lower()])
        except Exception as error:  # a missing or broken font file
            problems.append(f"the {script} font cannot be read: {error}")
            continue
        if missing:
            problems.append(f"the {script} font lacks {len(missing)} characters")
    return problems


def report_health(
    path: Path,
    content_store: Any,
    font_file: Callable[[str], Path],
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> bool:
    """Check and write the report; True when healthy. Never raises (it is the kiosk's own)."""
    from device.update.state import Health, write_health
    from device.version import version

    problems = health_problems(content_store, font_file)
    health = Health(version(), not problems, now().isoformat(), tuple(problems))
    try:
        write_health(path, health)
    except Exception as error:
        logger.error("health report not written to %s: %s", path, error)
    log = logger.info if health.ok else logger.error
    log(
        "health %s: %s", "ok" if health.ok else "FAILED", "; ".join(problems) or "all checks passed"
    )
    return health.ok
