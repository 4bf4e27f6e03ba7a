"""Building the bundle: embedded catalog, subset fonts and VERSION, then PyInstaller, then the
technician's files beside the executable, then a tarball to copy to devices.

Layout of the result (`dist/kiosk/`):

    kiosk             the one executable (`kiosk run | sync run | enrol | doctor | ...`)
    _internal/        Python, libraries, Kivy data, fonts/, embedded/catalog.json, VERSION
    deploy/           install.sh, systemd units, the default kiosk.toml, the display script
    docs/             technician.md and configuration.md
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

from bundle.charset import text_characters
from bundle.fonts import subset_fonts
from sync.build_time import write_stamp

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
DEPLOY_FILES = (
    "install.sh",
    "kiosk.toml",
    "kiosk-display",
    "kiosk-renderer",
    "kiosk-update",
    "systemd",
)
DOCS = ("technician.md", "configuration.md")
QUIET_KIVY = {
    "KIVY_NO_ARGS": "1",
    "KIVY_NO_CONSOLELOG": "1",
    "KIVY_NO_FILELOG": "1",
    "KIVY_LOG_MODE": "PYTHON",
}
"""The spec imports Kivy to list its providers; its log lines are no use in a build."""


class BundleError(RuntimeError):
    """A build step failed; the message names the step."""


@dataclass(frozen=True)
class Bundle:
    folder: Path
    tarball: Path | None
    version: str


def build_bundle(
    dist: Path,
    work: Path,
    channel: str = "mong-cai",
    font_cache: Path | None = None,
    tarball: bool = True,
) -> Bundle:
    """Build dist/kiosk (and dist/kiosk-<version>.tar.gz); `work` holds intermediate files."""
    data = work / "bundle-data"
    shutil.rmtree(data, ignore_errors=True)
    (data / "embedded").mkdir(parents=True)
    _step("catalog", build_catalog, data / "embedded" / "catalog.json", channel)
    used = text_characters([ROOT / "assets" / "content", ROOT / "kiosk"])
    logger.info("%d distinct characters in content and UI", len(used))
    _step("fonts", subset_fonts, font_cache or work / "fonts-full", data / "fonts", used)
    _step("build time", write_stamp, ROOT)
    version = source_version()
    (data / "VERSION").write_text(version + "\n", encoding="utf-8")
    _step("pyinstaller", _pyinstaller, dist, work / "pyinstaller", data)
    folder = dist / "kiosk"
    _copy_technician_files(folder)
    archive = _step("tarball", _tarball, folder, dist, version) if tarball else None
    return Bundle(folder, archive, version)


def source_version() -> str:
    """The project version, with the commit it was built from when git knows it."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    version = str(project["project"]["version"])
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short=10", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return version
    return f"{version}+g{commit}"


def _step(name: str, function: object, *args: object) -> object:
    logger.info("bundle: %s", name)
    try:
        return function(*args)  # type: ignore[operator]
    except (OSError, subprocess.CalledProcessError) as error:
        raise BundleError(f"bundle step {name!r} failed: {error}") from error


def build_catalog(target: Path, channel: str) -> None:
    """The channel's catalog from the sample authoring folder (assets/content), as JSON."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "hub",
            "build-catalog",
            "assets/content",
            "--channel",
            channel,
            "-o",
            str(target),
        ],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _pyinstaller(dist: Path, work: Path, data: Path) -> None:
    shutil.rmtree(dist / "kiosk", ignore_errors=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            str(ROOT / "kiosk.spec"),
            "--noconfirm",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            "--log-level",
            "ERROR",
        ],
        cwd=ROOT,
        check=True,
        env={**os.environ, **QUIET_KIVY, "KIOSK_BUNDLE_DATA": str(data)},
    )


def _copy_technician_files(folder: Path) -> None:
    deploy = folder / "deploy"
    deploy.mkdir(exist_ok=True)
    for name in DEPLOY_FILES:
        source = ROOT / "deploy" / name
        if source.is_dir():
            shutil.copytree(source, deploy / name, dirs_exist_ok=True)
        elif source.exists():
            shutil.copy2(source, deploy / name)
    docs = folder / "docs"
    docs.mkdir(exist_ok=True)
    for name in DOCS:
        if (ROOT / "docs" / name).exists():
            shutil.copy2(ROOT / "docs" / name, docs / name)


def _tarball(folder: Path, dist: Path, version: str) -> Path:
    target = dist / f"kiosk-{version}-{os.uname().machine}.tar.gz"
    with tarfile.open(target, "w:gz", compresslevel=6) as archive:
        archive.add(folder, arcname="kiosk")
    return target


def folder_size(folder: Path) -> int:
    """Bytes in the folder's files (symbolic links, which PyInstaller uses for aliases, once)."""
    return sum(
        path.lstat().st_size
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink()
    )
