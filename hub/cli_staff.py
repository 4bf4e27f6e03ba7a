"""Command-line verbs for staff accounts and the demo: `users add`, `users list`, `demo`."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from hub.staff.accounts import ROLES, AccountError, Accounts, check_new_password
from hub.staff.context import open_staff_db

DEFAULT_DATA_DIR = os.environ.get("HUB_DATA_DIR", "var/hub")
DEMO_DATA_DIR = "var/hub-demo"
DEMO_PASSWORD = "demo-password"  # noqa: S105 (printed for the demo accounts only)


def add_commands(commands: argparse._SubParsersAction) -> None:
    users = commands.add_parser("users", help="staff accounts of the hub's web pages")
    verbs = users.add_subparsers(dest="users_command", required=True)
    add = verbs.add_parser("add", help="create an account (the first admin is made this way)")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--province", help="for analysts: see only this province (e.g. quang-ninh)")
    add.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    add.add_argument("--data-dir", type=Path, default=Path(DEFAULT_DATA_DIR))
    add.set_defaults(handler=_users_add)
    listing = verbs.add_parser("list", help="list accounts")
    listing.add_argument("--data-dir", type=Path, default=Path(DEFAULT_DATA_DIR))
    listing.set_defaults(handler=_users_list)

    demo = commands.add_parser("demo", help="seed a demo hub: 16 gates, 30 kiosks, 90 days")
    demo.add_argument("--data-dir", type=Path, default=Path(DEMO_DATA_DIR))
    demo.add_argument("--days", type=int, default=90)
    demo.add_argument("--seed", type=int, default=7)
    demo.add_argument("--password", default=DEMO_PASSWORD, help="for every demo account")
    demo.add_argument("--force", action="store_true", help="replace an existing demo there")
    demo.add_argument("--serve", action="store_true", help="then serve it on --port")
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument("--port", type=int, default=8000)
    demo.set_defaults(handler=_demo)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise AccountError("the two passwords differ")
    return first


def _users_add(args: argparse.Namespace) -> int:
    db = open_staff_db(args.data_dir)
    try:
        password = _read_password(args.password_stdin)
        check_new_password(password)
        province = args.province
        if province:
            from hub.reports.gates import GateDirectory

            known = GateDirectory(args.data_dir / "content").provinces()
            if known and province not in known:
                raise AccountError(f"unknown province {province!r}; known: {', '.join(known)}")
        user = Accounts(db).add(args.username, password, args.role, province)
    except AccountError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        db.close()
    scope = f" for {user.province}" if user.province else ""
    print(f"{user.username}: {user.role}{scope}")
    return 0


def _users_list(args: argparse.Namespace) -> int:
    db = open_staff_db(args.data_dir)
    try:
        for user in Accounts(db).all():
            state = "" if user.active else " (disabled)"
            print(f"{user.username}\t{user.role}\t{user.province or 'all'}{state}")
    finally:
        db.close()
    return 0


def _demo(args: argparse.Namespace) -> int:
    from hub.demo.seed import DemoError, seed_demo
    from hub.store.backend import holds_store

    seeded = holds_store(args.data_dir)
    if not (args.serve and seeded and not args.force):
        try:
            check_new_password(args.password)
            report = seed_demo(
                args.data_dir, args.password, days=args.days, seed=args.seed, force=args.force
            )
        except (DemoError, AccountError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        print(
            f"Demo hub in {report.data_dir}: {report.gates} gates, {report.kiosks} kiosks,"
            f" {report.sessions:,} sessions over {args.days} days"
            f" ({report.usage_rows:,} hourly rows, {report.heartbeats:,} heartbeats)."
        )
        for username, role, province in report.accounts:
            scope = province or "all provinces"
            print(f"  {username:<12} {role:<8} {scope:<14} password: {args.password}")
    if not args.serve:
        print(f"Serve it with: python -m hub demo --serve --data-dir {args.data_dir}")
        return 0
    from hub.serving.run import serve
    from hub.settings import HubSettings

    print(f"Open http://{args.host}:{args.port}/login")
    serve(HubSettings(args.data_dir), args.host, args.port)
    return 0
