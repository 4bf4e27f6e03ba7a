"""python -m hub: the hub's command line."""

from __future__ import annotations

import argparse
import logging
import sys

from hub import repository_cli


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hub")
    commands = parser.add_subparsers(dest="command", required=True)
    repository_cli.add_commands(commands)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    return repository_cli.run(args)


if __name__ == "__main__":
    sys.exit(main())
