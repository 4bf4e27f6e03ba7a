"""The config file and the enrolment: kiosk.toml valid, device.toml and the trusted root present."""

from __future__ import annotations

import logging
import tomllib
from pathlib import Path

from pydantic import BaseModel, ValidationError
from tuf.api.metadata import Metadata, Root

from device.update.state import UpdateSettings
from doctor.context import Context
from doctor.report import Result, failed, passed
from sync.config import DEVICE_FILE, ROOT_FILE, Enrolment, SyncSettings

logger = logging.getLogger(__name__)

KNOWN_TABLES = frozenset({"kiosk", "sync", "usage", "update"})
ENROL = "enrol the device: `sudo kiosk enrol --hub https://HUB --code CODE`"


def check_config(ctx: Context) -> list[Result]:
    path = ctx.config_path
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return [failed("config", f"{path} not found", "run install.sh again: it writes a default")]
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return [failed("config", f"{path}: {error}", f"correct {path.name}, then restart")]
    problems = [f"unknown table [{name}]" for name in sorted(set(document) - KNOWN_TABLES)]
    problems += _table_problems(document, "kiosk", _kiosk_model())
    problems += _table_problems(document, "sync", SyncSettings)
    problems += _usage_problems(document)
    problems += _table_problems(document, "update", UpdateSettings)
    if problems:
        return [
            failed(
                "config",
                f"{path}: " + "; ".join(problems),
                f"correct the named key in {path} (see docs/configuration.md), "
                "then `systemctl restart kiosk kiosk-sync`",
            )
        ]
    return [passed("config", f"{path} valid")]


def check_trusted_root(ctx: Context) -> list[Result]:
    device_file = ctx.config_dir / DEVICE_FILE
    root_file = ctx.config_dir / ROOT_FILE
    if not device_file.exists() or not root_file.exists():
        return [failed("trusted root", f"not enrolled: no {device_file} or {root_file}", ENROL)]
    try:
        enrolment = Enrolment.model_validate(tomllib.loads(device_file.read_text("utf-8")))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValidationError) as error:
        return [failed("trusted root", f"{device_file} unreadable: {_first_line(error)}", ENROL)]
    try:
        root = _self_signed_root(root_file.read_bytes())
    except Exception as error:  # any parse or signature failure: the anchor is not usable
        return [failed("trusted root", f"{root_file}: {_first_line(error)}", ENROL)]
    detail = (
        f"root v{root.version} ({len(root.keys)} keys), device {enrolment.device_id} "
        f"on channel {enrolment.channel}"
    )
    newest = _cached_root(ctx.data_dir / "tuf" / ROOT_FILE)
    if newest is not None and newest.version > root.version:
        detail += f"; followed to root v{newest.version}"
        root = newest
    if root.expires <= ctx.now():
        return [
            failed(
                "trusted root",
                f"{detail}; expired on {root.expires:%Y-%m-%d}",
                "check the clock first; if it is right, the hub must publish a new root",
            )
        ]
    return [passed("trusted root", f"{detail}; expires {root.expires:%Y-%m-%d}")]


def _self_signed_root(data: bytes) -> Root:
    metadata = Metadata[Root].from_bytes(data)
    if not isinstance(metadata.signed, Root):
        raise ValueError("not TUF root metadata")
    metadata.verify_delegate(Root.type, metadata)  # signed by its own root keys, to threshold
    return metadata.signed


def _cached_root(path: Path) -> Root | None:
    try:
        return _self_signed_root(path.read_bytes())
    except Exception:  # no refresh yet, or a damaged cache the next refresh replaces
        return None


def _table_problems(document: dict, table: str, model: type[BaseModel] | None) -> list[str]:
    section = document.get(table, {})
    if not isinstance(section, dict):
        return [f"[{table}] must be a table"]
    if model is None:
        return []
    try:
        model.model_validate(section)
    except ValidationError as error:
        return [
            f"[{table}] {'.'.join(str(part) for part in problem['loc']) or '(table)'}: "
            f"{problem['msg']}"
            for problem in error.errors(include_url=False)
        ]
    return []


def _usage_problems(document: dict) -> list[str]:
    from cache.usage_limits import limits_from

    section = document.get("usage", {})
    if not isinstance(section, dict):
        return ["[usage] must be a table"]
    try:
        limits_from(section)
    except ValueError as error:
        return [str(error)]
    return []


def _kiosk_model() -> type[BaseModel] | None:
    from kiosk.config import KioskConfig

    return KioskConfig


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
