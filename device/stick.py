"""`kiosk stick PATH`: what a technician's USB stick does when it is plugged in.

kiosk-stick@.service runs it as root with the stick mounted at PATH:

1. **Enrol**: a device that is not enrolled yet enrols with the code in the stick's
   `kiosk-enrol.toml` (`code = "..."`), and only with the hub its own kiosk.toml names
   (`[sync] hub_url`, set when the image was built): a stick brings a code, never a hub, so a
   stranger's stick cannot tie a fresh device to another hub.
2. **Update**: an enrolled device updates from the stick and writes its usage onto it
   (`kiosk sideload`) when the stick carries an update (`stick.json`, from `hub export-update`).
3. **Report**: `kiosk-reports/<device>-<UTC time>.txt` on the stick holds the software version,
   what steps 1 and 2 did, `kiosk doctor`'s report and `kiosk update status` (releases, a trial,
   refused versions), so a device without a keyboard or shell is
   checked by plugging a stick in and reading the file on a laptop.

Each step runs as its own `kiosk` command (sideload and doctor drop to the service user).
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import tomllib
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from device.version import version
from sync.config import DEVICE_FILE, config_path_from
from sync.stick import STICK_FILE

logger = logging.getLogger(__name__)

ENROL_FILE = "kiosk-enrol.toml"
REPORT_DIR = "kiosk-reports"
ENROL_LIMIT_S = 120
SIDELOAD_LIMIT_S = 1800
DOCTOR_LIMIT_S = 300


class StickError(RuntimeError):
    """The stick cannot be used (its enrolment file is unreadable or names another hub)."""


def self_command() -> list[str]:
    """This program: the bundle's `kiosk` executable, or `python -m device` in a checkout."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "device"]


def run_step(arguments: Sequence[str], limit_s: float) -> tuple[int, str]:
    """One `kiosk` command; its exit code and output (a step that hangs is stopped)."""
    try:
        done = subprocess.run(
            [*self_command(), *arguments],
            capture_output=True,
            text=True,
            timeout=limit_s,
            check=False,
        )
    except subprocess.TimeoutExpired as expired:
        output = expired.stdout if isinstance(expired.stdout, str) else ""
        return 124, f"{output}\n(stopped after {limit_s:.0f} s)"
    return done.returncode, (done.stdout + done.stderr).strip()


def enrolment_code(stick: Path, configured_hub: str | None) -> str:
    """The code on the stick, checked against the device's own hub. Raises StickError."""
    try:
        wanted = tomllib.loads((stick / ENROL_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise StickError(f"{ENROL_FILE} is unreadable: {error}") from error
    code = wanted.get("code")
    if not isinstance(code, str) or not code.strip():
        raise StickError(f'{ENROL_FILE} has no code = "..." line')
    if not configured_hub:
        raise StickError(
            "this device's kiosk.toml names no hub ([sync] hub_url); "
            "a stick can only enrol a device built for a hub (deploy/image.sh --hub)"
        )
    named = wanted.get("hub")
    if named is not None and str(named).rstrip("/") != configured_hub.rstrip("/"):
        raise StickError(
            f"{ENROL_FILE} names the hub {named}; this device belongs to {configured_hub}"
        )
    return code.strip()


def configured_hub(config: Path) -> str | None:
    try:
        settings = tomllib.loads(config.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    hub = settings.get("sync", {}).get("hub_url")
    return hub if isinstance(hub, str) and hub else None


def handle_stick(stick: Path, now: datetime | None = None) -> Path:
    """Enrol or update from the stick as it asks, then write the report onto it; its path."""
    config = config_path_from(None)
    lines: list[str] = []
    enrolled = (config.parent / DEVICE_FILE).exists()
    if (stick / ENROL_FILE).exists():
        if enrolled:
            lines.append(f"enrol: not needed, this device is enrolled ({ENROL_FILE} ignored)")
        else:
            try:
                code = enrolment_code(stick, configured_hub(config))
            except StickError as error:
                lines.append(f"enrol: refused: {error}")
            else:
                hub = configured_hub(config) or ""
                status, output = run_step(["enrol", "--hub", hub, "--code", code], ENROL_LIMIT_S)
                lines.append(f"enrol (exit {status}): {output}")
                enrolled = status == 0
    if (stick / STICK_FILE).exists():
        if enrolled:
            status, output = run_step(["sideload", str(stick)], SIDELOAD_LIMIT_S)
            lines.append(f"update from the stick (exit {status}): {output}")
        else:
            lines.append("update from the stick: skipped, the device is not enrolled")
    status, output = run_step(["doctor"], DOCTOR_LIMIT_S)
    lines += [f"kiosk doctor (exit {status}):", output]
    status, output = run_step(["update", "status"], DOCTOR_LIMIT_S)
    lines += [f"kiosk update status (exit {status}):", output]
    name = device_name(config)
    text = "\n".join([f"kiosk {version()}, device {name}", *lines]) + "\n"
    report = write_report(stick, name, text, now or datetime.now(UTC))
    logger.info("stick %s: report %s", stick, report.name)
    return report


def device_name(config: Path) -> str:
    """The enrolled device id, else the host's name (every image's is `kiosk`)."""
    try:
        enrolled = tomllib.loads((config.parent / DEVICE_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        enrolled = {}
    found = enrolled.get("device_id")
    name = found if isinstance(found, str) and found else socket.gethostname()
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)


def write_report(stick: Path, name: str, text: str, now: datetime) -> Path:
    folder = stick / REPORT_DIR
    folder.mkdir(exist_ok=True)
    name = f"{name}-{now:%Y%m%dT%H%M%SZ}.txt"
    partial = folder / f".{name}.part"
    partial.write_text(text, encoding="utf-8")
    with partial.open("rb") as handle:
        os.fsync(handle.fileno())  # the technician pulls the stick as soon as the light stops
    final = folder / name
    partial.replace(final)
    return final
