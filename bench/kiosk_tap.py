"""A tap that opens an article, against a bare ScreenManager switch (budget: 1.5x)."""

from __future__ import annotations

from bench._kiosk_common import probe

ROUNDS = 15
BUDGET = 1.5


def run() -> list[tuple[str, float, str]]:
    bare = probe("bare-tap", ROUNDS)[0]["tap_s"]
    kiosk = probe("kiosk-tap", ROUNDS)[0]["tap_s"]
    ratio = kiosk / bare
    return [
        ("kiosk_tap_bare_s", bare, "s, bare ScreenManager switch and 2 frames (median)"),
        ("kiosk_tap_s", kiosk, "s, tap on an article card to the article drawn (median)"),
        (
            "kiosk_tap_ratio",
            ratio,
            f"x bare (budget {BUDGET}x: {'ok' if ratio <= BUDGET else 'OVER'})",
        ),
    ]


if __name__ == "__main__":
    for row in run():
        print(*row)
