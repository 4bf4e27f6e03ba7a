"""Command line of the sync daemon: `python -m sync <command> ...`.

Exit codes: 0 done, 1 the hub or network failed (try again later), 2 refused or misconfigured
(a technician must act).
"""

from __future__ import annotations

import argparse
import logging
import sys

from sync.config import ConfigError, config_path_from, load_device_config
from sync.enrol import EnrolError, enrol
from sync.heartbeat import send_heartbeat
from sync.upload import upload_usage


def _enrol(args: argparse.Namespace) -> int:
    config_dir = config_path_from(args.config).parent
    try:
        enrolled = enrol(args.hub, args.code, config_dir)
    except EnrolError as error:
        print(f"enrolment failed: {error}", file=sys.stderr)
        return 2
    print(f"enrolled as {enrolled.device_id} on channel {enrolled.channel}")
    print(f"wrote {config_dir}/device.toml and {config_dir}/root.json (mode 0600)")
    return 0


def _upload(args: argparse.Namespace) -> int:
    outcome = upload_usage(load_device_config(config_path_from(args.config)))
    print(f"sent {outcome.sent_rows} rows, {outcome.remaining_rows} left")
    if outcome.error:
        print(outcome.error, file=sys.stderr)
    return 0 if outcome.ok else 2 if outcome.refused else 1


def _heartbeat(args: argparse.Namespace) -> int:
    outcome = send_heartbeat(load_device_config(config_path_from(args.config)))
    if not outcome.ok:
        print(f"heartbeat failed: {outcome.error}", file=sys.stderr)
        return 1
    print(f"heartbeat sent; clock skew against the hub: {outcome.clock_skew_s} s")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m sync", description=__doc__)
    parser.add_argument(
        "--config", help="kiosk.toml (default: $KIOSK_CONFIG or /etc/kiosk/kiosk.toml)"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    enrol_parser = commands.add_parser("enrol", help="exchange an enrolment code with the hub")
    enrol_parser.add_argument("--hub", required=True, help="hub URL, e.g. https://hub.example.vn")
    enrol_parser.add_argument("--code", required=True, help="the code from `hub devices add`")
    enrol_parser.set_defaults(handler=_enrol)
    upload = commands.add_parser("upload", help="send pending usage aggregates now")
    upload.set_defaults(handler=_upload)
    heartbeat = commands.add_parser("heartbeat", help="send one heartbeat now")
    heartbeat.set_defaults(handler=_heartbeat)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except ConfigError as error:
        print(f"configuration error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
