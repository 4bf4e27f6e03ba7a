"""`python -m sync enrol|upload|heartbeat`: the usage and enrolment commands for technicians.

Exit codes, in line with `sync once`: 0 done; 2 refused or misconfigured (a technician must act:
enrol again, fix the config); 3 hub unreachable or failing (it retries on its own later).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sync.config import DeviceConfig
from sync.enrol import EnrolError, enrol
from sync.heartbeat import send_heartbeat, sync_status
from sync.upload import upload_usage

REFUSED = 2
UNREACHABLE = 3


def add_commands(commands: argparse._SubParsersAction) -> None:
    enrol_parser = commands.add_parser("enrol", help="exchange an enrolment code with the hub")
    enrol_parser.add_argument("--hub", required=True, help="hub URL, e.g. https://hub.example.vn")
    enrol_parser.add_argument("--code", required=True, help="the code from `hub devices add`")
    commands.add_parser("upload", help="send pending usage aggregates to the hub now")
    commands.add_parser("heartbeat", help="send one heartbeat to the hub now")


def run_enrol(args: argparse.Namespace, config_path: Path) -> int:
    config_dir = config_path.parent
    try:
        enrolled = enrol(args.hub, args.code, config_dir)
    except EnrolError as error:
        print(f"enrolment failed: {error}", file=sys.stderr)
        return UNREACHABLE if error.unreachable else REFUSED
    print(f"enrolled as {enrolled.device_id} on channel {enrolled.channel}")
    print(f"wrote {config_dir / 'device.toml'} and {config_dir / 'root.json'} (mode 0600)")
    return 0


def run_upload(config: DeviceConfig) -> int:
    outcome = upload_usage(config)
    print(f"sent {outcome.sent_rows} rows, {outcome.remaining_rows} left")
    if outcome.ok:
        return 0
    print(outcome.error, file=sys.stderr)
    return REFUSED if outcome.refused else UNREACHABLE


def run_heartbeat(config: DeviceConfig) -> int:
    outcome = send_heartbeat(config, status=sync_status(config))
    if not outcome.ok:
        print(f"heartbeat failed: {outcome.error}", file=sys.stderr)
        return REFUSED if outcome.refused else UNREACHABLE
    print(f"heartbeat sent; device clock minus hub clock: {outcome.clock_skew_s} s")
    return 0
