"""The device's configuration: the [sync] section of kiosk.toml plus the files enrolment writes.

Layout of the configuration folder (default /etc/kiosk/):

    kiosk.toml    technician-edited settings; this module reads its [sync] section
    device.toml   written by enrolment: device_id, token, channel, hub_url (mode 0600)
    root.json     written by enrolment: the trusted TUF root, the anchor of all content trust

Values in device.toml win over the same keys in [sync], since enrolment is authoritative.
"""

from __future__ import annotations

import json
import logging
import os
import tomllib
from pathlib import Path
from typing import Annotated, Any, TypeVar

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from atomicfile import write_atomic
from cache.usage_limits import UsageLimits, limits_from

logger = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)

DEFAULT_CONFIG_PATH = Path("/etc/kiosk/kiosk.toml")
CONFIG_ENV = "KIOSK_CONFIG"
DEVICE_FILE = "device.toml"
ROOT_FILE = "root.json"
MAX_ROOT_BYTES = 512_000

Channel = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")]
HubUrl = Annotated[str, StringConstraints(pattern=r"^https?://[^\s]+$", max_length=500)]


class ConfigError(ValueError):
    """The device configuration is missing, unreadable or invalid; the message names the key."""


class SyncSettings(BaseModel):
    """The [sync] section of kiosk.toml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    hub_url: HubUrl | None = None
    channel: Channel | None = None
    data_dir: Path = Path("/var/lib/kiosk")
    interval_minutes: Annotated[float, Field(gt=0, le=24 * 60)] = 15
    jitter_seconds: Annotated[float, Field(ge=0, le=3600)] = 120
    budget_seconds: Annotated[float, Field(gt=0, le=6 * 3600)] = 600
    socket_timeout_seconds: Annotated[float, Field(gt=0, le=300)] = 20
    max_backoff_minutes: Annotated[float, Field(gt=0, le=7 * 24 * 60)] = 240
    stale_after_days: Annotated[float, Field(gt=0, le=365)] = 14
    upload_interval_minutes: Annotated[float, Field(gt=0, le=24 * 60)] = 60
    heartbeat_interval_minutes: Annotated[float, Field(gt=0, le=24 * 60)] = 5


class Enrolment(BaseModel):
    """device.toml, as enrolment writes it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    device_id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
    token: Annotated[str, StringConstraints(min_length=16, max_length=512)]
    channel: Channel
    hub_url: HubUrl


class DeviceConfig(BaseModel):
    """Everything the sync daemon needs, merged from kiosk.toml, device.toml and root.json."""

    model_config = ConfigDict(frozen=True)

    config_path: Path
    hub_url: str
    channel: str
    data_dir: Path
    interval_minutes: float
    jitter_seconds: float
    budget_seconds: float
    socket_timeout_seconds: float
    max_backoff_minutes: float
    stale_after_days: float
    upload_interval_minutes: float = 60
    heartbeat_interval_minutes: float = 5
    usage_limits: UsageLimits = UsageLimits()
    device_id: str | None = None
    token: str | None = None
    root_bytes: bytes

    @property
    def content_db(self) -> Path:
        return self.data_dir / "content.db"

    @property
    def usage_db(self) -> Path:
        return self.data_dir / "usage.db"

    @property
    def media_dir(self) -> Path:
        return self.data_dir / "media"

    @property
    def tuf_dir(self) -> Path:
        return self.data_dir / "tuf"

    @property
    def lock_path(self) -> Path:
        return self.data_dir / "sync.lock"

    @property
    def metadata_url(self) -> str:
        return self.hub_url.rstrip("/") + "/tuf/metadata/"

    @property
    def targets_url(self) -> str:
        return self.hub_url.rstrip("/") + "/tuf/targets/"


def config_path_from(argument: str | None) -> Path:
    """--config wins, then $KIOSK_CONFIG, then /etc/kiosk/kiosk.toml."""
    if argument:
        return Path(argument)
    return Path(os.environ.get(CONFIG_ENV) or DEFAULT_CONFIG_PATH)


def load_device_config(path: Path | str) -> DeviceConfig:
    """Read kiosk.toml's [sync] section and the enrolment files beside it. Raises ConfigError."""
    path = Path(path)
    document = _read_toml(path)
    section = document.get("sync", {})
    if not isinstance(section, dict):
        raise ConfigError(f"{path.name} [sync]: must be a table")
    settings = _validate(SyncSettings, section, f"{path.name} [sync]")
    merged: dict[str, Any] = settings.model_dump()
    usage = document.get("usage", {})
    try:
        if not isinstance(usage, dict):
            raise ValueError(f"{path.name} [usage]: must be a table")
        merged["usage_limits"] = limits_from(usage, f"{path.name} [usage]")
    except ValueError as error:
        raise ConfigError(str(error)) from error
    device_path = path.parent / DEVICE_FILE
    if device_path.exists():
        enrolment = _validate(Enrolment, _read_toml(device_path), DEVICE_FILE)
        merged.update(enrolment.model_dump())
    for key in ("hub_url", "channel"):
        if not merged.get(key):
            raise ConfigError(f"{path.name} [sync] {key}: missing (and no {DEVICE_FILE})")
    merged["root_bytes"] = _read_root(path.parent / ROOT_FILE)
    if not merged["data_dir"].is_absolute():
        merged["data_dir"] = (path.parent / merged["data_dir"]).resolve()
    return DeviceConfig(config_path=path, **merged)


def write_enrolment(
    config_dir: Path | str,
    device_id: str,
    token: str,
    channel: str,
    hub_url: str,
    root_bytes: bytes,
) -> None:
    """Write device.toml and root.json atomically, mode 0600. Raises ConfigError on bad values."""
    config_dir = Path(config_dir)
    enrolment = _validate(
        Enrolment,
        {"device_id": device_id, "token": token, "channel": channel, "hub_url": hub_url},
        DEVICE_FILE,
    )
    _check_root(root_bytes, ROOT_FILE)
    config_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(config_dir / ROOT_FILE, root_bytes, mode=0o600)
    write_atomic(config_dir / DEVICE_FILE, tomli_w.dumps(enrolment.model_dump()).encode())
    logger.info("enrolled as %s on channel %s", device_id, channel)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ConfigError(f"{path}: not found") from error
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: {error}") from error


def _read_root(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ConfigError(
            f"{path.name}: trusted root unreadable ({error}); enrol the device"
        ) from error
    _check_root(data, path.name)
    return data


def _check_root(data: bytes, where: str) -> None:
    if len(data) > MAX_ROOT_BYTES:
        raise ConfigError(f"{where}: larger than {MAX_ROOT_BYTES} bytes")
    try:
        document = json.loads(data)
        kind = document["signed"]["_type"]
    except (ValueError, KeyError, TypeError) as error:
        raise ConfigError(f"{where}: not TUF root metadata ({error})") from error
    if kind != "root":
        raise ConfigError(f"{where}: signed._type is {kind!r}, expected 'root'")


def _validate(model: type[M], data: dict[str, Any], where: str) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = [
            f"{where} {'.'.join(str(part) for part in problem['loc'])}: {problem['msg']}"
            for problem in error.errors(include_url=False)
        ]
        raise ConfigError("\n".join(problems)) from error
