"""What the checks look at: the config files, the data folder, the fonts, the system's devices.

Every path and the clock can be replaced, so each check can be provoked in a test. Configs are
loaded once; a config that does not load is kept as its error, for the config check to report.
"""

from __future__ import annotations

import logging
import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sync.config import DEVICE_FILE, DeviceConfig, config_path_from, load_device_config
from sync.config import ConfigError as SyncConfigError

if TYPE_CHECKING:
    from kiosk.config import KioskConfig

logger = logging.getLogger(__name__)

DEVICE_DATA_DIR = Path("/var/lib/kiosk")


@dataclass
class Context:
    config_path: Path
    font_dir: Path | None = None
    """The kiosk's font folder; None means the one the kiosk itself would use."""
    sys_root: Path = Path("/sys")
    input_devices: Path = Path("/proc/bus/input/devices")
    hub_timeout_s: float = 10.0
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))

    @classmethod
    def from_arguments(cls, config: str | None, font_dir: str | None = None) -> Context:
        env_fonts = font_dir or os.environ.get("KIOSK_FONT_DIR")
        return cls(config_path_from(config), Path(env_fonts) if env_fonts else None)

    @property
    def config_dir(self) -> Path:
        return self.config_path.parent

    @cached_property
    def kiosk(self) -> KioskConfig | Exception:
        """The [kiosk] table as the kiosk UI uses it (wrong keys at their defaults, as the kiosk
        does), or why it cannot be read at all."""
        try:
            from kiosk.config_fallback import load_config_or_defaults

            return load_config_or_defaults(self.config_path)[0]
        except Exception as error:  # the config check reports it, whatever it is
            return error

    @cached_property
    def device(self) -> DeviceConfig | SyncConfigError:
        """The [sync] table with the enrolment files, as the sync daemon reads them, or why not."""
        try:
            return load_device_config(self.config_path)
        except SyncConfigError as error:
            return error

    @property
    def hub_url(self) -> str | None:
        """The hub: from the loaded device config, else device.toml, else [sync] hub_url."""
        if isinstance(self.device, DeviceConfig):
            return self.device.hub_url
        for source in (self.config_dir / DEVICE_FILE, self.config_path):
            try:
                document = tomllib.loads(source.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
            table = document if source.name == DEVICE_FILE else document.get("sync", {})
            url = table.get("hub_url") if isinstance(table, dict) else None
            if isinstance(url, str) and url:
                return url
        return None

    @property
    def data_dir(self) -> Path:
        """The data folder: the kiosk's, else the sync daemon's, else the device default."""
        if not isinstance(self.kiosk, Exception):
            return self.kiosk.data_dir
        if isinstance(self.device, DeviceConfig):
            return self.device.data_dir
        return DEVICE_DATA_DIR

    @property
    def content_db(self) -> Path:
        if not isinstance(self.kiosk, Exception):
            return self.kiosk.content_path
        return self.data_dir / "content.db"

    @property
    def usage_db(self) -> Path:
        if not isinstance(self.kiosk, Exception):
            return self.kiosk.state_path
        return self.data_dir / "usage.db"
