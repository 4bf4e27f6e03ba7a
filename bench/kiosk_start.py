"""Kiosk start to first frame, against a bare Kivy app showing one Label (budget: 1.3x)."""

from __future__ import annotations

import statistics

from bench._kiosk_common import probe

RUNS = 3
BUDGET = 1.3


def run() -> list[tuple[str, float, str]]:
    probe("kiosk-start")  # builds the catalog and the fonts once, outside the timing
    bare = statistics.median(probe("bare-start")[1] for _ in range(RUNS))
    kiosk = statistics.median(probe("kiosk-start")[1] for _ in range(RUNS))
    ratio = kiosk / bare
    return [
        ("kiosk_start_bare_s", bare, "s, bare Kivy Label to first frame"),
        ("kiosk_start_s", kiosk, "s, kiosk to first frame (attract screen)"),
        (
            "kiosk_start_ratio",
            ratio,
            f"x bare (budget {BUDGET}x: {'ok' if ratio <= BUDGET else 'OVER'})",
        ),
    ]


if __name__ == "__main__":
    for row in run():
        print(*row)
