"""`python -m hub report review --year Y`: the annual investment review as a PDF."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from hub.cli_staff import DEFAULT_DATA_DIR

logger = logging.getLogger(__name__)


def add_commands(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser("report", help="printable reports of the hub's figures")
    kinds = report.add_subparsers(dest="report_kind", required=True)
    review = kinds.add_parser("review", help="the annual investment review (PDF), all gates")
    review.add_argument(
        "--year", type=int, required=True, help="e.g. 2026 (a running year: to date)"
    )
    review.add_argument("--data-dir", type=Path, default=Path(DEFAULT_DATA_DIR))
    review.add_argument("--lang", choices=("vi", "en"), default="vi")
    review.add_argument("-o", "--output", type=Path, help="default: review-<year>-<lang>.pdf")
    review.set_defaults(handler=_review)


def _review(args: argparse.Namespace) -> int:
    from hub.evidence.review import build_review
    from hub.reports.period import PeriodError
    from hub.staff.context import build_context
    from hub.staff.review_pdf import review_pdf
    from hub.store.backend import holds_store

    if not holds_store(args.data_dir):
        print(f"No hub data in {args.data_dir}.", file=sys.stderr)
        return 1
    ctx = build_context(args.data_dir)
    try:
        review = build_review(ctx, args.year, None)
    except PeriodError as error:
        print(f"--year {args.year}: {error}", file=sys.stderr)
        return 1
    finally:
        ctx.close()
    output = args.output or Path(f"review-{args.year}-{args.lang}.pdf")
    output.write_bytes(review_pdf(review, ctx.gates, args.lang))
    print(f"Wrote {output}: {len(review.gates)} gates.", file=sys.stderr)
    return 0
