"""Kiosk start to first frame, against a bare Kivy app showing one Label (budget: 1.3x).

Both start as new processes with the same Kivy set-up; the kiosk's first frame is its real
attract screen (header, greetings in every offered language, featured article, footer), with
fonts and content.db already built, as on a device after its first start. Runs alternate
bare / kiosk so that a machine getting busier or quieter moves both sides alike.
"""

from __future__ import annotations

import statistics

from bench._kiosk_common import probe

RUNS = 7
BUDGET = 1.3


def run() -> list[tuple[str, float, str]]:
    probe("kiosk-start")  # builds the catalog and the fonts once, outside the timing
    bare_times, kiosk_times = [], []
    for _ in range(RUNS):
        bare_times.append(probe("bare-start")[1])
        kiosk_times.append(probe("kiosk-start")[1])
    bare = statistics.median(bare_times)
    kiosk = statistics.median(kiosk_times)
    ratio = kiosk / bare
    return [
        ("kiosk_start_bare_s", bare, f"s, bare Kivy Label to first frame (median of {RUNS})"),
        ("kiosk_start_s", kiosk, f"s, kiosk to first frame, attract screen (median of {RUNS})"),
        (
            "kiosk_start_ratio",
            ratio,
            f"x bare (budget {BUDGET}x: {'ok' if ratio <= BUDGET else 'OVER'})",
        ),
    ]


if __name__ == "__main__":
    for row in run():
        print(*row)
