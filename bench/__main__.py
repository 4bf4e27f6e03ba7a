"""Run every benchmark module in bench/ and print one table: `python -m bench [name ...]`."""

from __future__ import annotations

import importlib
import logging
import pkgutil
import sys
import time
import traceback
from collections.abc import Callable

import bench

Row = tuple[str, float, str]


def benchmarks(only: list[str]) -> list[tuple[str, Callable[[], list[Row]]]]:
    found = []
    for module_info in sorted(pkgutil.iter_modules(bench.__path__), key=lambda info: info.name):
        if module_info.name.startswith("_") or (only and module_info.name not in only):
            continue
        module = importlib.import_module(f"bench.{module_info.name}")
        run = getattr(module, "run", None)
        if callable(run):
            found.append((module_info.name, run))
    return found


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.WARNING)
    rows: list[tuple[str, str, str, str]] = []
    failed = 0
    for name, run in benchmarks(argv):
        print(f"running {name} ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        try:
            results = run()
        except Exception:
            failed += 1
            traceback.print_exc()
            rows.append((name, "FAILED", "", "see the traceback above"))
            continue
        for label, value, unit in results:
            rows.append((name, label, f"{value:,.3f}", unit))
        rows.append((name, "(benchmark wall time)", f"{time.perf_counter() - started:,.1f}", "s"))
    print_table(rows)
    return 1 if failed else 0


def print_table(rows: list[tuple[str, str, str, str]]) -> None:
    header = ("bench", "measure", "value", "unit")
    widths = [max(len(row[column]) for row in [header, *rows]) for column in range(4)]
    for row in [header, tuple("-" * width for width in widths), *rows]:
        cells = [cell.rjust(width) if column == 2 else cell.ljust(width)
                 for column, (cell, width) in enumerate(zip(row, widths, strict=True))]  # fmt: skip
        print("  ".join(cells).rstrip())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
