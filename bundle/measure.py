"""Start to first frame: the bundle against the source checkout, same config, same fonts.

Each run starts the kiosk with KIOSK_FIRST_FRAME_FILE set (see device.first_frame): the app
writes the time of its first drawn frame there and stops. One warm-up run each, then the runs
alternate; the median is reported. Offscreen when there is no display.
"""

from __future__ import annotations

import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from device.first_frame import FIRST_FRAME_ENV

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 180


class MeasureError(RuntimeError):
    """A run did not draw a frame."""


@dataclass(frozen=True)
class StartTimes:
    bundle_s: float
    source_s: float

    @property
    def ratio(self) -> float:
        return self.bundle_s / self.source_s


def compare_start(bundle: Path, runs: int = 3) -> StartTimes:
    internal = bundle / "_internal"
    with tempfile.TemporaryDirectory(prefix="kiosk-measure-") as scratch:
        folder = Path(scratch)
        config = folder / "kiosk.toml"
        config.write_text(
            f'[kiosk]\ndata_dir = "{folder / "data"}"\nfullscreen = false\n'
            "window_size = [540, 960]\n",
            encoding="utf-8",
        )
        env = {**os.environ, "KIOSK_FONT_DIR": str(internal / "fonts")}
        source = [sys.executable, "-m", "device", "run", "--config", str(config)]
        source += ["--embedded", str(internal / "embedded" / "catalog.json")]
        frozen = [str(bundle / "kiosk"), "run", "--config", str(config)]
        first_frame(frozen, env, folder)  # warm-up: builds content.db, fills the page cache
        first_frame(source, env, folder)
        bundle_times, source_times = [], []
        for _ in range(runs):
            bundle_times.append(first_frame(frozen, env, folder))
            source_times.append(first_frame(source, env, folder))
    return StartTimes(statistics.median(bundle_times), statistics.median(source_times))


def first_frame(command: list[str], env: dict[str, str], folder: Path) -> float:
    """Seconds from starting `command` to its first drawn frame."""
    marker = folder / "first-frame"
    marker.unlink(missing_ok=True)
    started = time.time()
    subprocess.run(
        command,
        cwd=ROOT,
        env={**env, FIRST_FRAME_ENV: str(marker)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=TIMEOUT_S,
        check=False,
    )
    if not marker.exists():
        raise MeasureError(f"no frame drawn by {' '.join(command[:3])}")
    return float(marker.read_text(encoding="utf-8")) - started
