"""The bootable disk image for the boot tests, built by deploy/image.sh and kept in build/boot/.

Building takes minutes (debootstrap, a kernel, the bundle), so the disk is kept under a key made
of everything that goes into it (the names and contents of those files, committed or not): a run
after a change rebuilds it, a run without one boots the kept disk.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BOOT = ROOT / "build" / "boot"
INPUTS = (
    "assets", "atomicfile", "bundle", "cache", "catalog", "deploy", "device", "doctor", "kiosk",
    "sync", "kiosk.spec", "requirements.txt",
)  # fmt: skip
DISK_SIZE = "4G"
BUNDLE_TAR = "bundle.tar"
"""The bundle that went into the disk, kept beside it (uncompressed: quick to write and read)."""


def inputs_key() -> str:
    """A hash of the names and contents of the files that go into the disk (tracked or new)."""
    listing = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z", "--", *INPUTS],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    digest = hashlib.sha256()
    for name in sorted(filter(None, listing.split(b"\0"))):
        path = ROOT / name.decode()
        digest.update(name + b"\0" + (path.read_bytes() if path.is_file() else b""))
    return digest.hexdigest()[:16]


def disk_image(bundle: Callable[[], Path]) -> Path:
    """The kept disk for the current inputs, built from `bundle()` when there is none."""
    folder = BOOT / inputs_key()
    disk = folder / "kiosk-disk.img"
    if disk.exists():
        return disk
    for old in BOOT.glob("*"):
        if old.is_dir() and old.name != "screens":
            shutil.rmtree(old)  # a disk of earlier inputs
    built = bundle()
    partial = folder / "kiosk-disk.img.partial"
    folder.mkdir(parents=True)
    where = ["--out", str(folder / "image"), "--cache", str(ROOT / "build" / "debs")]
    result = subprocess.run(
        [
            "bash",
            str(ROOT / "deploy" / "image.sh"),
            "--bundle",
            str(built),
            *where,
            "--disk",
            str(partial),
            "--size",
            DISK_SIZE,
        ],
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
    )
    log = folder / "image" / "debootstrap.log"
    assert result.returncode == 0, result.stderr + (log.read_text()[-2000:] if log.exists() else "")
    shutil.copyfile(built / "_internal" / "embedded" / "catalog.json", folder / "catalog.json")
    with tarfile.open(folder / BUNDLE_TAR, "w") as archive:  # for the software update test
        archive.add(built, arcname="kiosk")
    shutil.rmtree(folder / "image" / "rootfs")
    partial.rename(disk)
    return disk


def render_references(catalog: Path, out: Path) -> dict[str, Path]:
    """The kiosk's own offscreen rendering of the screens the guest should show, in portrait at
    the guest's size, in the catalog's first language (the attract screen's)."""
    lang = json.loads(catalog.read_text())["languages"][0]["code"]
    screens = [
        "--screen",
        "attract",
        "--screen",
        "home",
        "--screen",
        "topic",
        "--screen",
        "article",
    ]
    where = ["--data-dir", str(out / "data"), "--out", str(out), "--orientation", "portrait"]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk",
            "screenshots",
            "--embedded",
            str(catalog),
            *where,
            "--lang",
            lang,
            "--lang",
            "en",
            *screens,
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=600,
    )
    return {
        "attract": out / f"portrait-{lang}-attract.png",
        **{screen: out / f"portrait-en-{screen}.png" for screen in ("home", "topic", "article")},
    }


def tap_targets(catalog: Path, size: tuple[int, int]) -> dict[str, tuple[int, int]]:
    """Screen pixels of the English button, the first topic and its first article
    (tests/deploy/tap_targets.py)."""
    result = subprocess.run(
        [sys.executable, "-m", "tests.deploy.tap_targets", str(catalog), *map(str, size)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return json.loads(result.stdout.splitlines()[-1])
