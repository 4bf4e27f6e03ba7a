"""`kiosk update install | switch | check | status [--root DIR]`: the device's software update
steps, run as root by systemd (deploy/systemd/kiosk-update.*, kiosk.service's ExecStartPre)
through deploy/kiosk-update. --root runs them on a scratch tree (tests, a device image)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from device.update.install import install
from device.update.layout import Layout
from device.update.services import RecordedServices, Services
from device.update.state import (
    UpdateStateError,
    load_settings,
    read_health,
    read_trial,
    refused_versions,
)
from device.update.switch import switch
from device.update.trial import check

logger = logging.getLogger(__name__)

STEPS = ("install", "switch", "check", "status")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk update", description=__doc__)
    parser.add_argument("step", choices=STEPS)
    parser.add_argument("--root", type=Path, default=Path("/"), help="default: this system")
    return parser


def main(arguments: list[str]) -> int:
    args = _parser().parse_args(arguments)
    logging.basicConfig(level=logging.INFO, format="kiosk-update: %(message)s", stream=sys.stderr)
    layout = Layout(args.root)
    live = args.root == Path("/")
    if live and os.geteuid() != 0 and args.step != "status":
        print("kiosk update: run as root (systemd does)", file=sys.stderr)
        return 2
    services = Services() if live else RecordedServices()
    try:
        settings = load_settings(layout.config_file)
        if args.step == "status":
            print(status(layout))
            return 0
        now = datetime.now(UTC)
        if args.step == "install":
            line = install(layout, settings)
        elif args.step == "switch":
            line = switch(layout, settings, now, services)
        else:
            line = check(layout, settings, now, services)
    except UpdateStateError as error:
        print(f"kiosk update: {error}", file=sys.stderr)
        return 1
    print(line)
    return 0


def status(layout: Layout) -> str:
    """What a technician reads: the releases, the trial, the refused versions, the UI's health."""
    trial = read_trial(layout.trial_file)
    health = read_health(layout.health_file)
    lines = [
        f"current:  {layout.version_of(layout.current) or '-'}",
        f"previous: {layout.version_of(layout.previous) or '-'}",
        f"pending:  {layout.version_of(layout.pending) or '-'}",
        "trial:    "
        + (f"{trial.version} since {trial.started}, {trial.starts} start(s)" if trial else "-"),
        f"refused:  {', '.join(refused_versions(layout.refused_file)) or '-'}",
        "health:   "
        + (f"{health.version} {'ok' if health.ok else 'FAILED'} at {health.at}" if health else "-"),
    ]
    if health and health.problems:
        lines.append("problems: " + "; ".join(health.problems))
    return "\n".join(lines)
