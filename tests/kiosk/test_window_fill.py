"""`kiosk run` in a real X server (Xvfb, no window manager) covers the whole screen whatever its
size, and `--windowed` opens a window of the configured size showing the whole layout (#14).

Each case starts Xvfb and the kiosk as a separate process, as `make run` and the device's
service do, and reads the screen back through X.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageGrab

from catalog import dump
from tests.kiosk.catalogs import kiosk_catalog

ROOT = Path(__file__).resolve().parents[2]
WAIT_S = 180  # a limit for a stuck start, not a speed requirement
BLACK = (0, 0, 0)

pytestmark = pytest.mark.skipif(
    shutil.which("Xvfb") is None, reason="Xvfb is missing: bash deploy/system-deps.sh"
)


@pytest.fixture
def xserver(request: pytest.FixtureRequest) -> Iterator[tuple[str, tuple[int, int]]]:
    """An Xvfb of the size asked for, on a display number it picks itself (-displayfd)."""
    width, height = request.param
    read, write = os.pipe()
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write),
            "-screen",
            "0",
            f"{width}x{height}x24",
            "-nolisten",
            "tcp",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(write,),
    )
    os.close(write)
    try:
        with os.fdopen(read) as numbers:
            number = numbers.readline().strip()  # written once the server accepts clients
        assert number, "Xvfb did not start"
        yield f":{number}", (width, height)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait(ready, what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not ready():
        assert time.monotonic() < deadline, f"{what} did not come up"
        time.sleep(0.5)


def _kiosk_window(display: str) -> tuple[int, int, int, int] | None:
    """(width, height, x, y) of the kiosk's top-level window, once it is mapped."""
    tree = subprocess.run(
        ["xwininfo", "-display", display, "-root", "-tree"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    for line in tree.splitlines():
        if '"Kiosk"' in line:
            size, _, place = line.split(")")[-1].split()[0].partition("+")
            width, height = size.split("x")
            x, y = place.split("+")
            return int(width), int(height), int(x), int(y)
    return None


def _screen(display: str) -> Image.Image:
    return ImageGrab.grab(xdisplay=display).convert("RGB")


def _run_kiosk(display: str, tmp_path: Path, *options: str) -> subprocess.Popen:
    embedded = tmp_path / "catalog.json"
    embedded.write_bytes(dump(kiosk_catalog()))
    env = {**os.environ, "DISPLAY": display, "KIVY_NO_ARGS": "1"}
    data = ["--data-dir", str(tmp_path / "data")]
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk", "run", "--embedded", str(embedded), *data, *options],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "kiosk.log").open("w"),
    )


def _shown(display: str, tmp_path: Path, *options: str) -> tuple[tuple, Image.Image]:
    """Start the kiosk, wait for its first frame, return its window and the whole screen."""
    kiosk = _run_kiosk(display, tmp_path, *options)

    def window_shown() -> bool:
        log = (tmp_path / "kiosk.log").read_text()[-3000:]
        assert kiosk.poll() is None, f"the kiosk exited with {kiosk.returncode}: {log}"
        return _kiosk_window(display) is not None

    try:
        _wait(window_shown, "the window")
        width, height, x, y = _kiosk_window(display)
        centre = (x + width // 2, y + height // 2)
        _wait(lambda: _screen(display).getpixel(centre) != BLACK, "the first frame")
        time.sleep(1)  # the frame after the first: labels laid out at their widths
        return (width, height, x, y), _screen(display)
    finally:
        kiosk.terminate()
        kiosk.wait(timeout=60)


def _corners(image: Image.Image, inset: int = 4) -> list[tuple[int, int, int]]:
    right, bottom = image.width - 1 - inset, image.height - 1 - inset
    points = [(inset, inset), (right, inset), (inset, bottom), (right, bottom)]
    return [image.getpixel(point) for point in points]


@pytest.mark.parametrize("xserver", [(1080, 1920), (1920, 1080), (800, 1280)], indirect=True)
def test_fullscreen_covers_the_whole_screen_without_a_window_manager(xserver, tmp_path) -> None:
    display, (width, height) = xserver
    window, screen = _shown(display, tmp_path)
    screen.save(tmp_path / f"fullscreen-{width}x{height}.png")
    assert window == (width, height, 0, 0)
    assert BLACK not in _corners(screen), "the screen's corners are not the kiosk's"
    # The header is at the top and the button bar at the bottom, not cut off or moved away.
    assert BLACK not in _corners(screen.crop((0, 0, width, height // 10)))
    assert len(set(screen.crop((0, 0, width, height // 10)).getdata())) > 10
    assert len(set(screen.crop((0, height - height // 10, width, height)).getdata())) > 10


@pytest.mark.parametrize("xserver", [(1080, 1920)], indirect=True)
def test_windowed_opens_the_configured_size_with_the_whole_layout(xserver, tmp_path) -> None:
    display, _size = xserver
    (width, height, x, y), screen = _shown(display, tmp_path, "--windowed")
    assert (width, height) == (540, 960)
    window = screen.crop((x, y, x + width, y + height))
    window.save(tmp_path / "windowed.png")
    assert BLACK not in _corners(window)
    assert len(set(window.crop((0, 0, width, height // 10)).getdata())) > 10
    assert len(set(window.crop((0, height - height // 10, width, height)).getdata())) > 10
