"""The bundle (kiosk.spec) carries no Babel: nothing a device runs may import it."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEVICE_PACKAGES = ("device", "doctor", "kiosk", "sync", "cache", "catalog", "atomicfile")
DEVELOPER_TOOLS = {"kiosk/i18n_tools.py"}
"""Run from a checkout to write the UI catalogs and dates.json; left out of the bundle."""


def imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module)
    return modules


def test_only_developer_tools_import_babel() -> None:
    importers = {
        str(path.relative_to(ROOT))
        for package in DEVICE_PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if any(name.split(".")[0] == "babel" for name in imported_modules(path))
    }
    assert importers == DEVELOPER_TOOLS
