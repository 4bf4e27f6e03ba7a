"""The search aids cost the kiosk nothing at start: their libraries load only when used."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
PROBE = """
import sys
import cache, cache.reads, cache.fold, kiosk.app, kiosk.screens.attract
print(",".join(sorted(name for name in ("pypinyin", "opencc") if name in sys.modules)))
"""


def test_starting_the_kiosk_loads_neither_pypinyin_nor_opencc() -> None:
    loaded = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"KIVY_NO_ARGS": "1", "KIVY_NO_CONSOLELOG": "1", "PATH": "/usr/bin:/bin"},
    )

    assert loaded.stdout.strip() == ""
