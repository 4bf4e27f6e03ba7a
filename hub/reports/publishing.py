"""What a publish would send: every channel compiled and checked, without signing anything."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from catalog import Catalog
from hub.compiler import compile_channel, list_channels
from hub.sourcefile import ContentError


@dataclass(frozen=True)
class ChannelCheck:
    channel: str
    catalog: Catalog | None
    problems: list[str] = field(default_factory=list)
    coverage: dict[str, dict[str, bool]] = field(default_factory=dict)


@dataclass(frozen=True)
class ContentCheck:
    channels: list[ChannelCheck]
    problems: list[str]
    """Problems that stop every channel (e.g. a broken gates.yaml)."""

    @property
    def ok(self) -> bool:
        return not self.problems and all(not c.problems for c in self.channels)


def check_content(content_dir: Path) -> ContentCheck:
    try:
        channels = list_channels(content_dir)
    except ContentError as error:
        return ContentCheck([], error.problems)
    checks = []
    for channel in channels:
        try:
            compiled = compile_channel(content_dir, channel)
        except ContentError as error:
            checks.append(ChannelCheck(channel, None, error.problems))
            continue
        checks.append(ChannelCheck(channel, compiled.catalog, [], compiled.coverage))
    return ContentCheck(checks, [])


class CheckCache:
    """The last check, redone when anything in the authoring folder changed."""

    def __init__(self, content_dir: Path) -> None:
        self.content_dir = Path(content_dir)
        self._lock = threading.Lock()
        self._stamp: tuple[float, int] | None = None
        self._result: ContentCheck | None = None

    def get(self) -> ContentCheck:
        stamp = self._stamp_now()
        with self._lock:
            if self._result is None or stamp != self._stamp:
                self._result = check_content(self.content_dir)
                self._stamp = stamp
            return self._result

    def _stamp_now(self) -> tuple[float, int]:
        times = [p.stat().st_mtime for p in self.content_dir.rglob("*") if p.exists()]
        return (max(times, default=0.0), len(times))


@dataclass(frozen=True)
class RoleStatus:
    role: str
    key_on_hub: bool
    version: int | None
    expires: str | None


def role_statuses(
    data_dir: Path, roles: tuple[str, ...], key_exists: Callable[[str], bool]
) -> list[RoleStatus]:
    """Each signing role: is its key on this hub, and the newest signed metadata's version and
    expiry (from repository/metadata, newest `N.<role>.json` or `<role>.json`)."""
    folder = Path(data_dir) / "repository" / "metadata"
    statuses = []
    for role in roles:
        newest: Path | None = None
        numbered = [
            (int(p.name.split(".")[0]), p)
            for p in folder.glob(f"*.{role}.json")
            if p.name.split(".")[0].isdigit()
        ]
        if numbered:
            newest = max(numbered)[1]
        elif (folder / f"{role}.json").is_file():
            newest = folder / f"{role}.json"
        version, expires = None, None
        if newest is not None:
            try:
                signed = json.loads(newest.read_text())["signed"]
                version, expires = int(signed["version"]), str(signed["expires"])
            except (OSError, ValueError, KeyError, TypeError):
                pass
        statuses.append(RoleStatus(role, key_exists(role), version, expires))
    return statuses
