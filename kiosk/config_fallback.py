"""Starting with a broken config: the kiosk keeps showing its content and says which key is wrong.

A wrong value must not take the screen down. A line that is not valid TOML is skipped, a key
whose value does not validate is left at its default, and each is reported by name; every other
key keeps its value, so the data folder (and the content already in it) is still found.
"""

from __future__ import annotations

import logging
import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cache.usage_limits import UsageLimits
from kiosk.config import ConfigError, KioskConfig, load_config, usage_limits

logger = logging.getLogger(__name__)

MAX_SKIPPED_LINES = 50
_TOML_LINE = re.compile(r"at line (\d+)")


def load_config_or_defaults(
    path: Path | None, **overrides: object
) -> tuple[KioskConfig, list[str]]:
    """The config of `path` with every unusable key at its default, and what was wrong."""
    try:
        return load_config(path, **overrides), []
    except ConfigError:
        pass
    problems: list[str] = []
    values: dict[str, Any] = {}
    if path is not None:
        table = _kiosk_table(path, problems)
        values.update(table)
    values.update({key: value for key, value in overrides.items() if value is not None})
    while True:
        try:
            config = KioskConfig.model_validate(values)
            break
        except ValidationError as error:
            wrong = _wrong_keys(error, values, problems, path)
            if not wrong:  # cannot happen with per-key defaults; be safe anyway
                config = KioskConfig()
                break
            for key in wrong:
                values.pop(key, None)
    for problem in problems:
        logger.error("config: %s", problem)
    return config, problems


def _kiosk_table(path: Path, problems: list[str]) -> dict[str, Any]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        problems.append(f"{path}: {error}; every [kiosk] key at its default")
        return {}
    for _ in range(MAX_SKIPPED_LINES):
        try:
            document = tomllib.loads("\n".join(lines))
            break
        except tomllib.TOMLDecodeError as error:
            match = _TOML_LINE.search(str(error))
            number = int(match.group(1)) if match else 0
            if not 1 <= number <= len(lines) or not lines[number - 1].strip():
                problems.append(f"{path.name}: {error}; every [kiosk] key at its default")
                return {}
            problems.append(
                f"{path.name} line {number}: not valid TOML ({error}); "
                f"ignored `{lines[number - 1].strip()[:80]}`"
            )
            lines[number - 1] = ""
    else:
        problems.append(f"{path.name}: too many broken lines; every [kiosk] key at its default")
        return {}
    table = document.get("kiosk", {})
    if not isinstance(table, dict):
        problems.append(f"{path.name}: [kiosk] must be a table; every key at its default")
        return {}
    return table


def _wrong_keys(
    error: ValidationError, values: dict[str, Any], problems: list[str], path: Path | None
) -> set[str]:
    wrong = set()
    where = path.name if path else "config"
    for problem in error.errors(include_url=False):
        key = str(problem["loc"][0]) if problem["loc"] else ""
        if key not in values:
            continue
        wrong.add(key)
        field = KioskConfig.model_fields.get(key)
        outcome = f"using the default {field.default!r}" if field is not None else "ignored"
        problems.append(f"{where} [kiosk] {key} = {values[key]!r}: {problem['msg']}; {outcome}")
    return wrong


def usage_limits_or_defaults(path: Path | None) -> UsageLimits:
    """The [usage] table's limits, or (with the problem logged) the defaults."""
    try:
        return usage_limits(path)
    except ConfigError as error:
        logger.error("config: %s; every [usage] key at its default", error)
        return UsageLimits()
