"""python -m sync: `run` (the daemon), `once` (one refresh, for technicians), `sideload PATH`
(the same from a USB stick; same exit codes), and `enrol`, `upload`, `heartbeat` (see
sync/cli_usage.py for their exit codes).

`once` exit codes: 0 updated or already current; 2 configuration missing or invalid; 3 hub
unreachable; 4 content rejected (failed verification, rollback, expired); 5 budget exceeded;
6 local storage failure; 7 another sync is running.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from sync import cli_usage
from sync.config import ConfigError, config_path_from, load_device_config
from sync.outcome import Outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sync", description=__doc__)
    parser.add_argument(
        "--config", help="kiosk.toml (default: $KIOSK_CONFIG or /etc/kiosk/kiosk.toml)"
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="the sync daemon")
    commands.add_parser("once", help="refresh content once and say what happened")
    sideload = commands.add_parser(
        "sideload", help="update from a USB stick (hub export-update) and write usage to it"
    )
    sideload.add_argument("path", type=Path, help="the stick's folder, e.g. /media/stick")
    cli_usage.add_commands(commands)
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.command == "enrol":
        return cli_usage.run_enrol(args, config_path_from(args.config))
    try:
        config = load_device_config(config_path_from(args.config))
    except ConfigError as error:
        sys.stderr.write(f"config: {error}\n")
        return Outcome.CONFIG_INVALID.exit_code
    if args.command == "upload":
        return cli_usage.run_upload(config)
    if args.command == "heartbeat":
        return cli_usage.run_heartbeat(config)
    if args.command == "run":
        from sync.daemon import run_daemon

        return run_daemon(config)
    if args.command == "sideload":
        from sync.stick import sideload

        report = sideload(config, args.path)
        sys.stdout.write(f"{report.line()}\n")
        return report.outcome.exit_code
    from sync.runner import refresh_locked

    report = refresh_locked(config)
    sys.stdout.write(
        f"{report.line()}\n{report.requests} requests, {report.bytes_received} bytes received\n"
    )
    return report.outcome.exit_code


if __name__ == "__main__":
    sys.exit(main())
