"""docs/configuration.md lists every config key with its real default: the docs cannot drift."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from device.update.state import UpdateSettings
from sync.config import Enrolment, SyncSettings

DOC = Path(__file__).resolve().parents[2] / "docs" / "configuration.md"
ROW = re.compile(r"^\| `(?P<key>[a-z_]+)` \| (?P<default>[^|]+) \| (?P<meaning>[^|]+) \|$")


def documented(section: str) -> dict[str, str]:
    """key -> default column of the table under the heading that starts with `section`."""
    text = DOC.read_text(encoding="utf-8")
    start = text.index(f"\n## {section}")
    end = text.find("\n## ", start + 1)
    rows = {}
    for line in text[start : end if end != -1 else None].splitlines():
        match = ROW.match(line.strip())
        if match and match["meaning"].strip():
            rows[match["key"]] = match["default"].strip()
    return rows


def rendered_default(value: Any) -> str:
    """A default as the docs write it: TOML syntax in backticks, or a word in parentheses."""
    if value is PydanticUndefined:
        return "(required)"
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, int | float):
        return f"`{value:g}`"
    if isinstance(value, tuple | list):
        return "`[" + ", ".join(str(item) for item in value) + "]`"
    return f'`"{value}"`'


def kiosk_model() -> type[BaseModel]:
    from kiosk.config import KioskConfig

    return KioskConfig


@pytest.mark.parametrize(
    ("section", "model"),
    [
        ("[kiosk]", kiosk_model),
        ("[sync]", lambda: SyncSettings),
        ("device.toml", lambda: Enrolment),
        ("[update]", lambda: UpdateSettings),
    ],
)
def test_every_key_is_documented_with_its_default(section: str, model: Any) -> None:
    fields = model().model_fields
    rows = documented(section)
    assert sorted(rows) == sorted(fields), f"docs/configuration.md {section} differs from the code"
    for key, field in fields.items():
        assert rows[key] == rendered_default(field.default), f"{section} {key}"


def test_every_usage_key_is_documented_with_its_default() -> None:
    from cache.usage_limits import _SETTINGS, UsageLimits

    rows = documented("[usage]")
    assert sorted(rows) == sorted(_SETTINGS), "docs/configuration.md [usage] differs from the code"
    defaults = UsageLimits()
    for key, (field, _lowest, _highest) in _SETTINGS.items():
        value = getattr(defaults, field)
        expected = value // (1024 * 1024) if key == "size_cap_mb" else value
        assert rows[key] == rendered_default(expected), key


def test_the_default_config_file_uses_only_documented_keys() -> None:
    import tomllib

    shipped = tomllib.loads((DOC.parents[1] / "deploy" / "kiosk.toml").read_text(encoding="utf-8"))
    for table, keys in shipped.items():
        assert set(keys) <= set(documented(f"[{table}]")), table
