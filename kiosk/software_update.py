"""The kiosk's part in a software update (see device.update): it notices a release waiting to be
switched to, so it can stop between sessions, and it reports its own health after its first
frame, so root can keep the new release or roll it back. Both paths come from the command line
(kiosk.service sets them); without them, as in a source checkout, it does neither.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SoftwareUpdate:
    pending_link: Path | None = None
    """/opt/kiosk/pending on a device: a symbolic link to the release waiting to start."""
    health_file: Path | None = None
    """/var/lib/kiosk/health/ui.json on a device."""

    def pending(self) -> bool:
        return self.pending_link is not None and self.pending_link.is_symlink()

    def report_health(self, content_store: Any) -> bool | None:
        if self.health_file is None:
            return None
        from kiosk.health_report import report_health
        from kiosk.text.fonts import font_file

        return report_health(self.health_file, content_store, font_file)
