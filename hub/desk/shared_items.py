"""Entries of the shared authoring files (topics.yaml, contacts.yaml, gates.yaml) by id: read
one, put one back. The file's opening comment lines are kept; entries are written as YAML."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

Read = Callable[[str], bytes | None]
"""A file of the desk by path (the working copy: hub.desk.access.DeskContext.working)."""


def entries(read: Read, name: str) -> list[dict[str, Any]]:
    try:
        found = yaml.safe_load((read(name) or b"").decode("utf-8")) or []
    except (yaml.YAMLError, UnicodeDecodeError):
        return []
    return [item for item in found if isinstance(item, dict)] if isinstance(found, list) else []


def entry(read: Read, name: str, entry_id: str) -> dict[str, Any] | None:
    return next((item for item in entries(read, name) if str(item.get("id")) == entry_id), None)


def with_entry(read: Read, name: str, entry_id: str, new: dict[str, Any]) -> str:
    """The file's text with the entry `entry_id` replaced by `new` (appended when new)."""
    items = entries(read, name)
    index = next((i for i, item in enumerate(items) if str(item.get("id")) == entry_id), None)
    if index is None:
        items.append(new)
    else:
        items[index] = new
    return _header(read, name) + _dump(items)


def _dump(items: list[dict[str, Any]]) -> str:
    return yaml.safe_dump(
        items, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False
    )


def _header(read: Read, name: str) -> str:
    lines = []
    for line in (read(name) or b"").decode("utf-8", "replace").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line + "\n")
    return "".join(lines)


def normalized(text: str) -> str:
    """The entries of a shared file written the one way this module writes them (comments and
    quoting dropped), so a review diff shows only what changed; the text itself when it is
    not a list of entries."""
    try:
        found = yaml.safe_load(text)
    except yaml.YAMLError:
        return text
    return _dump(found) if isinstance(found, list) else text
