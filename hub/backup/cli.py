"""`hub backup` and `hub restore`: hub/__main__.py adds them beside the other commands."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from hub.backup.archive import BackupError, create_backup, restore_backup

DEFAULT_DATA_DIR = os.environ.get("HUB_DATA_DIR", "var/hub")


def add_commands(commands: argparse._SubParsersAction) -> None:
    backup = commands.add_parser(
        "backup", help="write one archive of the hub's data (never its signing keys)"
    )
    backup.add_argument("--data-dir", type=Path, default=Path(DEFAULT_DATA_DIR))
    backup.add_argument("--out", type=Path, required=True, help="the archive to write (.tar.gz)")
    backup.set_defaults(handler=_backup)
    restore = commands.add_parser("restore", help="unpack a backup into an empty data folder")
    restore.add_argument("archive", type=Path)
    restore.add_argument("--data-dir", type=Path, required=True, help="missing or empty")
    restore.set_defaults(handler=_restore)


def _backup(args: argparse.Namespace) -> int:
    try:
        summary = create_backup(args.data_dir, args.out)
    except BackupError as error:
        print(f"backup failed: {error}", file=sys.stderr)
        return 1
    print(f"Wrote {summary.archive}: {summary.files} files, {summary.size} bytes.")
    print("Not included: keys/ (signing keys) and the staff session secret.")
    return 0


def _restore(args: argparse.Namespace) -> int:
    try:
        summary = restore_backup(args.archive, args.data_dir)
    except BackupError as error:
        print(f"restore failed: {error}", file=sys.stderr)
        return 1
    print(f"Restored {summary.files} files into {args.data_dir}.")
    print("Put the hub's online keys back into keys/ before publishing; staff log in again.")
    return 0
