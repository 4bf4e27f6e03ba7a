"""`python -m bundle` (`make bundle`): build the device bundle and print its size and start time.

python -m bundle [--channel mong-cai] [--dist dist] [--no-measure] [--no-tarball]
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from bundle.build import ROOT, BundleError, build_bundle, folder_size
from bundle.measure import MeasureError, compare_start

MIB = 1024 * 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bundle", description=__doc__)
    parser.add_argument("--channel", default="mong-cai", help="gate of the embedded catalog")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build")
    parser.add_argument("--font-cache", type=Path, help="keep the full fonts here between builds")
    parser.add_argument("--no-measure", action="store_true", help="skip the start-time runs")
    parser.add_argument("--no-tarball", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    try:
        bundle = build_bundle(
            args.dist, args.work, args.channel, args.font_cache, not args.no_tarball
        )
    except BundleError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"bundle {bundle.version}: {bundle.folder}")
    print(f"size: {folder_size(bundle.folder) / MIB:.1f} MiB installed", end="")
    if bundle.tarball is not None:
        print(f", {bundle.tarball.stat().st_size / MIB:.1f} MiB as {bundle.tarball.name}")
    else:
        print()
    if args.no_measure:
        return 0
    try:
        times = compare_start(bundle.folder)
    except MeasureError as error:
        print(f"start to first frame: not measured ({error})", file=sys.stderr)
        return 1
    print(
        f"start to first frame: bundle {times.bundle_s:.2f} s, source {times.source_s:.2f} s "
        f"(x{times.ratio:.2f}; median of 3, same config and fonts)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
