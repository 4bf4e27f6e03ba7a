"""The kiosk's settings: the `[kiosk]` table of the device's TOML config file.

Every key is optional; the defaults run the kiosk from a source checkout with its data under
`var/`. The device install writes the real values (see docs/kiosk.md). Other tables in the same
file (the sync daemon's, for example) are ignored here.
"""

from __future__ import annotations

import logging
import tomllib
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from cache.usage_limits import UsageLimits, limits_from

logger = logging.getLogger(__name__)

MM_PER_INCH = 25.4


class ConfigError(Exception):
    """The config file is missing, unreadable or has a wrong value."""


class KioskConfig(BaseModel):
    """Settings of the kiosk UI process. Paths may be relative to the working directory."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    data_dir: Path = Path("var")
    """Folder for content.db, usage.db, the media folder and Kivy's own files."""
    content_db: Path | None = None
    """The content cache (default: <data_dir>/content.db)."""
    state_db: Path | None = None
    """Device state and usage outbox (default: <data_dir>/usage.db)."""
    media_dir: Path | None = None
    """Article pictures, one file per sha256 (default: <data_dir>/media)."""
    embedded_catalog: Path | None = Path("var/embedded/catalog.json")
    """Catalog shipped with the app; rebuilds content.db when it is missing or corrupt."""
    device_id: Annotated[str, StringConstraints(max_length=64)] | None = None
    """Shown on the service screen and in take-away links (default: from enrolment, if any)."""

    idle_timeout_s: Annotated[float, Field(ge=10, le=3600)] = 60
    """Seconds without a touch before the "Still there?" countdown."""
    idle_countdown_s: Annotated[float, Field(ge=3, le=60)] = 10
    """Length of the "Still there?" countdown before the session is cleared."""
    content_poll_s: Annotated[float, Field(ge=1, le=3600)] = 10
    """How often the kiosk checks for content applied by the sync process."""
    attract_slide_s: Annotated[float, Field(ge=2, le=120)] = 7
    """Seconds each featured article stays on the attract screen."""

    screen_dpi: Annotated[float, Field(ge=40, le=600)] = 96
    """Dots per inch of the panel, for the minimum touch target size."""
    min_target_mm: Annotated[float, Field(ge=5, le=30)] = 9
    """Smallest side of anything a traveller can tap, in millimetres."""
    min_qr_mm: Annotated[float, Field(ge=20, le=120)] = 35
    """Smallest side of a take-away QR code, in millimetres (a phone scans it from ~40 cm)."""
    orientation: Literal["auto", "portrait", "landscape"] = "auto"
    """Layout orientation; when it differs from the panel's, the picture is rotated."""
    rotation: Literal[0, 90, 180, 270] | None = None
    """Force a rotation in degrees (overrides the one `orientation` implies)."""
    fullscreen: bool = True
    """Fill the panel. `python -m kiosk run --windowed` overrides it for development."""
    window_size: tuple[Annotated[int, Field(ge=200)], Annotated[int, Field(ge=200)]] = (540, 960)
    """Window size in pixels when not fullscreen (portrait shape; swapped for landscape)."""
    show_cursor: bool = False
    """Show the mouse pointer (development only)."""

    service_pin_hash: Annotated[str, StringConstraints(max_length=300)] | None = None
    """Hash of the technician PIN (`python -m kiosk hash-pin`). Without one, no service screen."""
    takeaway_base_url: (
        Annotated[str, StringConstraints(max_length=200, pattern=r"^https?://[^\s<>\"']+$")] | None
    ) = None
    """When set, QR codes open <base>/q/<code> (catalog.qrlink); else the article's own link."""
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    @property
    def content_path(self) -> Path:
        return self.content_db or self.data_dir / "content.db"

    @property
    def state_path(self) -> Path:
        return self.state_db or self.data_dir / "usage.db"

    @property
    def media_path(self) -> Path:
        return self.media_dir or self.data_dir / "media"

    @property
    def kivy_home(self) -> Path:
        return self.data_dir / "kivy"

    def min_target_px(self) -> float:
        """The minimum touch target side in pixels at the configured DPI."""
        return self.min_target_mm / MM_PER_INCH * self.screen_dpi

    def min_qr_px(self) -> float:
        """The smallest QR code side in pixels at the configured DPI."""
        return self.min_qr_mm / MM_PER_INCH * self.screen_dpi


def load_config(path: Path | None, **overrides: object) -> KioskConfig:
    """Read the `[kiosk]` table of `path` (or use defaults), then apply non-None overrides."""
    values: dict[str, object] = {}
    if path is not None:
        try:
            with path.open("rb") as handle:
                document = tomllib.load(handle)
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise ConfigError(f"{path}: {error}") from error
        section = document.get("kiosk", {})
        if not isinstance(section, dict):
            raise ConfigError(f"{path}: [kiosk] must be a table")
        values.update(section)
    values.update({key: value for key, value in overrides.items() if value is not None})
    try:
        return KioskConfig.model_validate(values)
    except ValidationError as error:
        where = path or "defaults"
        raise ConfigError(f"{where}: {error}") from error


def usage_limits(path: Path | None) -> UsageLimits:
    """The `[usage]` table of the same file (retention and size cap of usage.db), or defaults.

    The sync daemon reads the same table, so both processes keep usage.db alike."""
    if path is None:
        return UsageLimits()
    try:
        with path.open("rb") as handle:
            section = tomllib.load(handle).get("usage", {})
        if not isinstance(section, dict):
            raise ValueError(f"{path}: [usage] must be a table")
        return limits_from(section, f"{path} [usage]")
    except (OSError, tomllib.TOMLDecodeError, ValueError) as error:
        raise ConfigError(str(error)) from error
