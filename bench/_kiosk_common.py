"""Shared by the kiosk benchmarks: the sample catalog, and running a probe process."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@cache
def sample_catalog() -> Path:
    """The sample authoring content compiled to a catalog (once per run)."""
    out = Path(tempfile.mkdtemp(prefix="bench-catalog-")) / "catalog.json"
    subprocess.run(
        [sys.executable, "-m", "hub", "build-catalog", str(ROOT / "assets" / "content"),
         "--channel", "mong-cai", "-o", str(out)],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    return out


def probe(mode: str, count: int = 0, timeout: float = 1800) -> tuple[dict[str, float], float]:
    """Run one probe; return its figures and its wall time until the first figure was printed."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "bench._kiosk_probe", mode, str(sample_catalog()), str(count)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    figures: dict[str, float] = {}
    first = 0.0
    assert process.stdout is not None
    for line in process.stdout:
        name, _, value = line.strip().partition(" ")
        if not first:
            first = time.perf_counter() - start
        figures[name] = float(value) if value else 0.0
    process.wait(timeout=timeout)
    if process.returncode != 0:
        raise RuntimeError(f"probe {mode} exited with {process.returncode}")
    return figures, first
