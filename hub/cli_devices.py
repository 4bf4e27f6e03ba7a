"""`python -m hub devices add|revoke|list|prune-heartbeats`: enrolment codes, the device
register, and the retention of heartbeats and their hourly roll-up; `python -m hub import-usage
DIR`: usage that kiosks wrote to a USB stick."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from hub.devices.enrolment import DEFAULT_VALID_DAYS, EnrolmentError, issue_device
from hub.store import HubStore, StoreError, UnknownDeviceError
from hub.store.heartbeat_retention import (
    DEFAULT_RETENTION_DAYS,
    DEFAULT_ROLLUP_RETENTION_DAYS,
    prune_old_heartbeat_hours,
    prune_old_heartbeats,
)

DEFAULT_DATA_DIR = os.environ.get("HUB_DATA_DIR", "var/hub")


def add_commands(commands: argparse._SubParsersAction) -> None:
    imported = commands.add_parser(
        "import-usage", help="load the usage and heartbeats kiosks wrote to a USB stick"
    )
    imported.add_argument("folder", type=Path, help="the stick's folder (it holds usage/)")
    imported.add_argument("--data-dir", type=Path, default=Path(DEFAULT_DATA_DIR))
    imported.set_defaults(handler=_import_usage)

    devices = commands.add_parser("devices", help="enrol, list and revoke kiosks")
    verbs = devices.add_subparsers(dest="devices_command", required=True)

    add = verbs.add_parser("add", help="create a one-time enrolment code for a gate's kiosk")
    add.add_argument("--gate", required=True, help="gate channel id, e.g. mong-cai")
    add.add_argument(
        "--valid-days", type=float, default=DEFAULT_VALID_DAYS, help="code lifetime (default: 7)"
    )
    add.set_defaults(handler=_add)

    revoke = verbs.add_parser("revoke", help="cut a device off: its token stops working")
    revoke.add_argument("device_id")
    revoke.set_defaults(handler=_revoke)

    listing = verbs.add_parser("list", help="every device with its gate and status")
    listing.add_argument("--gate", action="append", help="only this gate (repeatable)")
    listing.set_defaults(handler=_list)

    prune = verbs.add_parser(
        "prune-heartbeats", help="delete raw heartbeats and their hourly roll-up past retention"
    )
    prune.add_argument(
        "--keep-days",
        type=float,
        default=DEFAULT_RETENTION_DAYS,
        help="keep raw heartbeats this many days (default: 30)",
    )
    prune.add_argument(
        "--keep-rollup-days",
        type=float,
        default=DEFAULT_ROLLUP_RETENTION_DAYS,
        help="keep the hourly roll-up this many days; 0 keeps it all (default: 400)",
    )
    prune.set_defaults(handler=_prune)

    for parser in (add, revoke, listing, prune):
        parser.add_argument("--data-dir", type=Path, default=Path(DEFAULT_DATA_DIR))


def _store(args: argparse.Namespace) -> HubStore:
    return HubStore(args.data_dir / "hub.db")


def _add(args: argparse.Namespace) -> int:
    try:
        device, code = issue_device(_store(args), args.gate, args.valid_days)
    except (EnrolmentError, StoreError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"device:  {device.id}")
    print(f"gate:    {device.gate}")
    print(f"code:    {code}")
    print(f"On the kiosk: python -m sync enrol --hub <hub URL> --code {code}")
    print(f"The code works once, for {args.valid_days:g} days; it is not shown again.")
    return 0


def _import_usage(args: argparse.Namespace) -> int:
    from hub.devices.stick_import import import_usage

    if not (args.folder / "usage").is_dir():
        print(f"error: no usage/ folder in {args.folder}", file=sys.stderr)
        return 2
    report = import_usage(_store(args), args.folder)
    for name, why in sorted(report.refused.items()):
        print(f"refused {name}: {why}", file=sys.stderr)
    print(
        f"{report.rows} usage rows and {report.heartbeats} heartbeats from "
        f"{len(report.devices)} device(s); {len(report.refused)} file(s) refused"
    )
    return 1 if report.refused else 0


def _revoke(args: argparse.Namespace) -> int:
    try:
        device = _store(args).revoke(args.device_id)
    except UnknownDeviceError:
        print(f"error: no device {args.device_id!r}", file=sys.stderr)
        return 2
    except StoreError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"revoked {device.id} (gate {device.gate}); its token is refused from now on")
    return 0


def _list(args: argparse.Namespace) -> int:
    store = _store(args)
    devices = store.devices(args.gate)
    beats = store.latest_heartbeats()
    print(f"{'device':<28} {'gate':<16} {'status':<8} {'enrolled':<20} last heartbeat")
    for device in devices:
        beat = beats.get(device.id)
        enrolled = device.enrolled_at.strftime("%Y-%m-%d %H:%M") if device.enrolled_at else "-"
        seen = (
            beat.received_at.strftime("%Y-%m-%d %H:%M")
            if beat is not None and beat.received_at
            else "-"
        )
        print(f"{device.id:<28} {device.gate:<16} {device.status:<8} {enrolled:<20} {seen}")
    print(f"{len(devices)} device(s)")
    return 0


def _prune(args: argparse.Namespace) -> int:
    if args.keep_days <= 0:
        print("error: --keep-days must be more than 0", file=sys.stderr)
        return 2
    if args.keep_rollup_days < 0:
        print("error: --keep-rollup-days must be 0 or more", file=sys.stderr)
        return 2
    store = _store(args)
    try:
        pruned = prune_old_heartbeats(store, args.keep_days)
        hours = prune_old_heartbeat_hours(store, args.keep_rollup_days)
    except StoreError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"pruned {pruned} heartbeats older than {args.keep_days:g} days; reports are unchanged")
    if args.keep_rollup_days > 0:
        print(f"pruned {hours} roll-up hours older than {args.keep_rollup_days:g} days")
    return 0
