"""`python -m hub import-folder`, `export-folder` (the authoring folder <-> the desk) and
`desk-roles` (who may write, translate, review and publish)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hub.cli_staff import DEFAULT_DATA_DIR
from hub.desk.folder import export_folder, import_folder
from hub.desk.roles import DESK_ROLES, DeskRoles
from hub.desk.store import DeskStore
from hub.sourcefile import ContentError
from hub.staff.accounts import AccountError, Accounts
from hub.staff.context import HUB_DB, open_staff_db


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
    roles = commands.add_parser("desk-roles", help="content-desk roles of staff accounts")
    verbs = roles.add_subparsers(dest="verb", required=True)
    for verb in ("grant", "revoke"):
        change = verbs.add_parser(verb, help=f"{verb} a desk role")
        change.add_argument("username")
        change.add_argument("role", choices=DESK_ROLES)
        change.add_argument("--lang", default="", help="a translator's language")
        change.add_argument("--data-dir", type=Path, default=Path(DEFAULT_DATA_DIR))
        change.set_defaults(handler=_grant if verb == "grant" else _revoke)
    listing = verbs.add_parser("list", help="every account's desk roles")
    listing.add_argument("--data-dir", type=Path, default=Path(DEFAULT_DATA_DIR))
    listing.set_defaults(handler=_list_roles)


def _change_role(args: argparse.Namespace, grant: bool) -> int:
    db = open_staff_db(args.data_dir)
    try:
        user = Accounts(db).by_name(args.username)
        if user is None:
            print(f"error: no account {args.username!r}", file=sys.stderr)
            return 1
        roles = DeskRoles(db)
        if grant:
            roles.grant(user.id, args.role, args.lang)
        else:
            roles.revoke(user.id, args.role, args.lang)
    except AccountError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        db.close()
    return 0


def _grant(args: argparse.Namespace) -> int:
    return _change_role(args, grant=True)


def _revoke(args: argparse.Namespace) -> int:
    return _change_role(args, grant=False)


def _list_roles(args: argparse.Namespace) -> int:
    db = open_staff_db(args.data_dir)
    try:
        roles = DeskRoles(db)
        for user in Accounts(db).all():
            held = sorted(f"{role}:{lang}" if lang else role for role, lang in roles.of(user.id))
            print(f"{user.username:<16} {user.role:<8} {' '.join(held) or '-'}")
    finally:
        db.close()
    return 0


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
