"""The import rules of DESIGN.md, checked on the source: kiosk/ never imports requests, sync/ or
hub/; sync/ and cache/ never import kivy; cache/ is the only kiosk-side package importing
sqlite_utils; hub/ never imports kiosk/; atomicfile/, shared by both sides, imports none of them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {
    "kiosk": {"requests", "sync", "hub", "sqlite_utils", "urllib3", "httpx"},
    "sync": {"kivy", "kiosk", "hub"},
    "cache": {"kivy", "kiosk", "sync", "hub", "requests"},
    "hub": {"kiosk", "kivy"},
    "atomicfile": {"kiosk", "kivy", "sync", "hub", "cache", "catalog"},
}


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_packages_respect_the_import_rules(package: str) -> None:
    breaches = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in sorted((ROOT / package).rglob("*.py"))
        for name in sorted(imported(path) & FORBIDDEN[package])
    ]
    assert breaches == []
