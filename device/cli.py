"""`kiosk <command>`: one executable for everything the device runs.

    kiosk run            the touchscreen app (the kiosk service runs this inside cage)
    kiosk screenshots    render screens to PNG files (--out DIR)
    kiosk sync run       the sync daemon (the kiosk-sync service runs this)
    kiosk sync once      one content refresh now; the exit code says what happened
    kiosk sideload PATH  update from a USB stick and write usage to it
    kiosk stick PATH     a technician's stick: enrol from it, update from it, report onto it
                         (the stick service runs it when a stick is plugged in)
    kiosk enrol          exchange an enrolment code: --hub URL --code CODE
    kiosk doctor         check the device; one PASS/FAIL line per check, with the fix
    kiosk hash-pin       print the hash of a technician PIN for kiosk.toml
    kiosk version        print the bundle's version
    kiosk update STEP    software update steps, as root: install | switch | check | status

`kiosk <command> --help` shows each command's options. As root, every command except `enrol`
and `update` runs as the `kiosk` service user, so the files it creates stay usable by the services.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from device import bundle_env, first_frame, privileges
from device.version import version

logger = logging.getLogger(__name__)


def _kiosk(command: str) -> Callable[[list[str]], int]:
    def run(arguments: list[str]) -> int:
        privileges.drop_to_service_user()
        if command == "run":
            first_frame.install_from_environment()
        from kiosk.__main__ import main as kiosk_main

        extra = bundle_env.kiosk_arguments(arguments) if command != "hash-pin" else arguments
        return kiosk_main([command, *extra])

    return run


def _sync(arguments: list[str]) -> int:
    privileges.drop_to_service_user()
    from sync.__main__ import main as sync_main

    return sync_main(arguments)


def _sideload(arguments: list[str]) -> int:
    return _sync(["sideload", *arguments])


def _enrol(arguments: list[str]) -> int:
    from sync.__main__ import main as sync_main
    from sync.config import DEVICE_FILE, ROOT_FILE, config_path_from

    code = sync_main(["enrol", *arguments])
    folder = config_path_from(None).parent
    privileges.hand_over([folder / DEVICE_FILE, folder / ROOT_FILE])
    if code == 0 and privileges.service_account() is not None:
        from device.update.layout import Layout
        from device.update.trust import seed_trust

        seed_trust(Layout(), (folder / ROOT_FILE).read_bytes())  # root's own copy, for updates
    started = privileges.restart_sync_service() if code == 0 else None
    if started:
        print(started)
    return code


def _doctor(arguments: list[str]) -> int:
    privileges.drop_to_service_user()
    from doctor.__main__ import main as doctor_main

    return doctor_main(arguments)


def _stick(arguments: list[str]) -> int:
    from device.stick import handle_stick

    if len(arguments) != 1 or arguments[0].startswith("-"):
        print("usage: kiosk stick PATH  (the mounted stick's folder)", file=sys.stderr)
        return 2
    stick = Path(arguments[0])
    if not stick.is_dir():
        print(f"kiosk stick: {stick} is not a folder", file=sys.stderr)
        return 2
    try:
        report = handle_stick(stick)
    except OSError as error:
        print(f"kiosk stick: cannot write the report onto the stick: {error}", file=sys.stderr)
        return 1
    print(f"report written to {report}")
    return 0


def _update(arguments: list[str]) -> int:
    from device.update.cli import main as update_main

    return update_main(arguments)


def _version(_arguments: list[str]) -> int:
    print(version())
    return 0


COMMANDS: dict[str, Callable[[list[str]], int]] = {
    "run": _kiosk("run"),
    "screenshots": _kiosk("screenshots"),
    "hash-pin": _kiosk("hash-pin"),
    "sync": _sync,
    "sideload": _sideload,
    "enrol": _enrol,
    "doctor": _doctor,
    "stick": _stick,
    "version": _version,
    "update": _update,
}


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    bundle_env.prepare_environment()
    if not arguments or arguments[0] in ("-h", "--help", "help"):
        print(__doc__.strip())
        return 0 if arguments else 2
    if arguments[0] == "--version":
        return _version([])
    command = COMMANDS.get(arguments[0])
    if command is None:
        print(f"kiosk: unknown command {arguments[0]!r}\n\n{__doc__.strip()}", file=sys.stderr)
        return 2
    return command(arguments[1:])
