"""Command line of the hub: `python -m hub <command> ...`."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from hub import cli_devices, cli_staff
from hub.backup import cli as backup_cli
from hub.desk import cli as desk_cli
from hub.evidence import cli as evidence_cli
from hub.publishing import cli as repository_cli
from hub.sourcefile import ContentError


def _build_catalog(args: argparse.Namespace) -> int:
    from catalog import dump
    from hub.compiler import compile_channel
    from hub.coverage import coverage_table

    try:
        compiled = compile_channel(args.content, args.channel, args.content_version)
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"{len(error.problems)} problem(s); no catalog written.", file=sys.stderr)
        return 1
    print(coverage_table(compiled.coverage), file=sys.stderr)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    temporary = args.output.with_name(args.output.name + ".tmp")
    temporary.write_bytes(dump(compiled.catalog))
    temporary.replace(args.output)
    print(f"Wrote {args.output} ({len(compiled.catalog.articles)} articles).", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m hub", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build-catalog", help="compile one gate channel's catalog")
    build.add_argument("content", type=Path, help="the authoring folder, e.g. assets/content")
    build.add_argument("--channel", required=True, help="gate channel id, e.g. mong-cai")
    build.add_argument("-o", "--output", type=Path, required=True, help="catalog JSON to write")
    build.add_argument("--content-version", type=int, default=1, help="default: 1")
    build.set_defaults(handler=_build_catalog)
    repository_cli.add_commands(commands)
    cli_devices.add_commands(commands)
    cli_staff.add_commands(commands)
    desk_cli.add_commands(commands)
    evidence_cli.add_commands(commands)
    backup_cli.add_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    if getattr(args, "repository_verb", False):
        return repository_cli.run(args)
    return int(args.handler(args))


if __name__ == "__main__":
    sys.exit(main())
