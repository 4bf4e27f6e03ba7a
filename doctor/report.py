"""One line per check: PASS or FAIL, what was found, and for a failure the fix to try."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Result:
    """The outcome of one check. `fix` says what a technician should do when `ok` is false."""

    check: str
    ok: bool
    detail: str
    fix: str = ""


def passed(check: str, detail: str) -> Result:
    return Result(check, True, detail)


def failed(check: str, detail: str, fix: str) -> Result:
    return Result(check, False, detail, fix)


def render(results: Iterable[Result]) -> str:
    """The report a technician reads: aligned columns, the fix indented under each failure."""
    results = list(results)
    width = max((len(result.check) for result in results), default=0)
    lines = []
    for result in results:
        lines.append(f"{'PASS' if result.ok else 'FAIL'}  {result.check:<{width}}  {result.detail}")
        if not result.ok and result.fix:
            lines.append(f"{'':6}{'':<{width}}  fix: {result.fix}")
    failures = sum(not result.ok for result in results)
    lines.append(
        "all checks passed" if not failures else f"{failures} of {len(results)} checks failed"
    )
    return "\n".join(lines)


def render_json(results: Iterable[Result]) -> str:
    return json.dumps([asdict(result) for result in results], ensure_ascii=False, indent=2)
