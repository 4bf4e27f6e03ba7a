"""The update's small state files: the settings ([update] in kiosk.toml), the trial of a newly
switched release, the refused versions and the UI's health report.

The trial and the refused list are root's (/var/lib/kiosk-update, readable by all: the sync
daemon skips refused versions); the health report is the UI's (/var/lib/kiosk/health).
"""

from __future__ import annotations

import json
import logging
import tomllib
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from atomicfile import write_atomic

logger = logging.getLogger(__name__)

MAX_STATE_BYTES = 64_000
MAX_REFUSED = 50
"""Refused versions kept (the newest); a version refused longer ago may be offered again."""


class UpdateStateError(Exception):
    """A state file or the [update] settings cannot be read."""


class UpdateSettings(BaseModel):
    """The [update] table of kiosk.toml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    trial_seconds: Annotated[float, Field(ge=30, le=24 * 3600)] = 300
    """How long a new release has to draw its first frame and report itself healthy."""
    max_restarts: Annotated[int, Field(ge=1, le=100)] = 3
    """Restarts of the kiosk during a trial after which the release is rolled back at once."""
    max_bundle_bytes: Annotated[int, Field(ge=1_000_000, le=4_000_000_000)] = 1_000_000_000
    """The largest bundle downloaded, and the most bytes it may unpack to (times 3)."""


def load_settings(config_file: Path) -> UpdateSettings:
    """[update] of kiosk.toml; defaults when the file or the table is absent."""
    try:
        document = tomllib.loads(config_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return UpdateSettings()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise UpdateStateError(f"{config_file}: {error}") from error
    table = document.get("update", {})
    try:
        return UpdateSettings.model_validate(table)
    except ValidationError as error:
        raise UpdateStateError(f"{config_file} [update]: {error}") from error


@dataclass(frozen=True)
class Trial:
    """A release switched to and not yet known good."""

    version: str
    previous: str | None
    started: str
    """When the switch happened (ISO 8601, UTC)."""
    starts: int = 1
    """How often the kiosk started on it so far."""

    def started_at(self) -> datetime:
        return datetime.fromisoformat(self.started)


def read_trial(path: Path) -> Trial | None:
    document = _read_json(path)
    if document is None:
        return None
    try:
        return Trial(**document)
    except TypeError as error:
        raise UpdateStateError(f"{path}: {error}") from error


def write_trial(path: Path, trial: Trial) -> None:
    _write_json(path, asdict(trial))


def refused_versions(path: Path) -> list[str]:
    document = _read_json(path)
    if document is None:
        return []
    if not isinstance(document, list) or not all(isinstance(v, str) for v in document):
        raise UpdateStateError(f"{path}: not a list of versions")
    return document


def refuse(path: Path, version: str) -> None:
    versions = [v for v in refused_versions(path) if v != version] + [version]
    _write_json(path, versions[-MAX_REFUSED:])


@dataclass(frozen=True)
class Health:
    """What the UI reported after its first frame."""

    version: str
    ok: bool
    at: str
    problems: tuple[str, ...] = ()


def read_health(path: Path) -> Health | None:
    """The UI's report, or None when there is none or it is unreadable (it is the UI's file)."""
    try:
        document = _read_json(path)
        if not isinstance(document, dict):
            return None
        return Health(
            version=str(document["version"]),
            ok=document["ok"] is True,
            at=str(document["at"]),
            problems=tuple(str(p) for p in document.get("problems", ())),
        )
    except (UpdateStateError, KeyError, TypeError):
        return None


def write_health(path: Path, health: Health) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_json(path, asdict(health) | {"problems": list(health.problems)})


def _read_json(path: Path) -> object | None:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_STATE_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise UpdateStateError(f"{path}: {error}") from error
    if len(data) > MAX_STATE_BYTES:
        raise UpdateStateError(f"{path}: larger than {MAX_STATE_BYTES} bytes")
    try:
        return json.loads(data)
    except ValueError as error:
        raise UpdateStateError(f"{path}: {error}") from error


def _write_json(path: Path, document: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(document, indent=1).encode(), mode=0o644)
