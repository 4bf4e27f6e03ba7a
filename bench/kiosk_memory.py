"""Resident memory after 2,000 simulated sessions against after 20 (budget: at most 5% growth)."""

from __future__ import annotations

import os

from bench._kiosk_common import probe

SESSIONS = int(os.environ.get("KIOSK_BENCH_SESSIONS", "2000"))
BUDGET = 1.05


def run() -> list[tuple[str, float, str]]:
    figures = probe("kiosk-memory", SESSIONS)[0]
    early = figures["rss_after_20_mb"]
    late = figures[f"rss_after_{SESSIONS}_mb"]
    ratio = late / early
    return [
        ("kiosk_rss_after_20_mb", early, "MB resident after 20 sessions"),
        (f"kiosk_rss_after_{SESSIONS}_mb", late, f"MB resident after {SESSIONS} sessions"),
        ("kiosk_rss_growth", ratio, f"x (budget {BUDGET}x: {'ok' if ratio <= BUDGET else 'OVER'})"),
    ]


if __name__ == "__main__":
    for row in run():
        print(*row)
