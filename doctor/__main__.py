"""`python -m doctor` (in the bundle: `kiosk doctor`): check the device, one line per check.

Exit code 0 when every check passed, 1 when any failed, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import logging
import sys

from doctor.context import Context
from doctor.report import render, render_json
from doctor.runner import CHECKS, run_checks


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk doctor", description=__doc__)
    parser.add_argument(
        "--config", help="kiosk.toml (default: $KIOSK_CONFIG or /etc/kiosk/kiosk.toml)"
    )
    parser.add_argument("--fonts", help="font folder (default: $KIOSK_FONT_DIR, as the kiosk)")
    parser.add_argument(
        "--only", action="append", choices=sorted(CHECKS), help="run only this check (repeatable)"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what the checks do")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    level = logging.DEBUG if args.verbose else logging.ERROR
    handler = logging.StreamHandler()
    handler.setLevel(level)  # also for records that other loggers (Kivy's) pass up
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler])
    results = run_checks(Context.from_arguments(args.config, args.fonts), args.only)
    print(render_json(results) if args.json else render(results))
    return 0 if all(result.ok for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
