"""`python -m hub import-folder` and `export-folder`: the authoring folder <-> the desk."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hub.cli_staff import DEFAULT_DATA_DIR
from hub.desk.folder import export_folder, import_folder
from hub.desk.store import DeskStore
from hub.sourcefile import ContentError
from hub.staff.context import HUB_DB


def add_commands(commands: argparse._SubParsersAction) -> None:
    imports = commands.add_parser(
        "import-folder", help="replace the content desk's articles with an authoring folder"
    )
    imports.add_argument("folder", type=Path, help="the authoring folder, e.g. assets/content")
    imports.add_argument("--data-dir", type=Path, default=Path(DEFAULT_DATA_DIR))
    imports.set_defaults(handler=_import)
    exports = commands.add_parser(
        "export-folder", help="write the content desk's approved content as an authoring folder"
    )
    exports.add_argument("folder", type=Path, help="a new or empty folder")
    exports.add_argument("--data-dir", type=Path, default=Path(DEFAULT_DATA_DIR))
    exports.add_argument(
        "--drafts", action="store_true", help="newest texts instead of approved ones"
    )
    exports.set_defaults(handler=_export)


def _import(args: argparse.Namespace) -> int:
    store = DeskStore(args.data_dir / HUB_DB)
    try:
        count = import_folder(store, args.folder, "import-folder")
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    finally:
        store.close()
    print(f"Imported {count} articles from {args.folder}.")
    return 0


def _export(args: argparse.Namespace) -> int:
    store = DeskStore(args.data_dir / HUB_DB)
    try:
        count = export_folder(store, args.folder, drafts=args.drafts)
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    finally:
        store.close()
    print(f"Wrote {count} files to {args.folder}.")
    return 0
