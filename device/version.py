"""The version of this software: the bundle's VERSION file, else the project's own version."""

from __future__ import annotations

import tomllib
from pathlib import Path

from device.bundle_env import bundle_dir

SOURCE_ROOT = Path(__file__).resolve().parent.parent


def version() -> str:
    folder = bundle_dir()
    if folder is not None and (folder / "VERSION").is_file():
        return (folder / "VERSION").read_text(encoding="utf-8").strip()
    try:
        project = tomllib.loads((SOURCE_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return "unknown"
    return str(project.get("project", {}).get("version", "unknown")) + "+source"
