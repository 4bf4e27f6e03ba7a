"""Settings of the staff pages; every field has a working default."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hub.reports.fleet import FleetRules
from hub.staff.sessions import SessionPolicy


@dataclass(frozen=True)
class StaffSettings:
    content_dir: Path | None = None
    """The authoring folder; default $HUB_CONTENT_DIR, else `<data>/content`. Without one, gates
    and articles are read from the published catalogs."""
    secure_cookies: bool | None = None
    """Mark cookies Secure: True, False, or None to follow the request's scheme (https: yes)."""
    sessions: SessionPolicy = field(default_factory=SessionPolicy)
    fleet: FleetRules = field(default_factory=FleetRules)
    min_kiosks_per_query: int = 3
    """A zero-result search is shown only once this many kiosks saw it (privacy)."""
    stale_months: int = 12
    """Articles whose `as_of` date is older than this are listed as stale."""
    default_days: int = 30
    report_cache_seconds: float = 300.0
    """How long report figures are reused (a page and its CSV downloads share them); 0: never."""
    qr_opens_per_minute: int = 30
    """Per phone address; more opens are shown but not counted."""
