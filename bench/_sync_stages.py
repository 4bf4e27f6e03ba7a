"""Where the time of one sync goes: spans of the stages, recorded by wrapping the product's own
functions for the length of a measurement. The stages overlap (images download while the catalog
is written), so they are reported as spans on one clock, not as parts of a sum."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import cache.content
from sync import refresh
from sync.assets import AssetDownloads


@dataclass
class Stages:
    started: float = field(default_factory=time.perf_counter)
    spans: dict[str, list[tuple[float, float]]] = field(default_factory=dict)

    def add(self, name: str, begun: float, ended: float) -> None:
        self.spans.setdefault(name, []).append((begun - self.started, ended - self.started))

    def length(self, name: str) -> float:
        """Wall time from the first start to the last end of a stage (0 when it never ran)."""
        spans = self.spans.get(name)
        return max(e for _, e in spans) - min(b for b, _ in spans) if spans else 0.0

    def ends(self, name: str) -> float:
        return max((e for _, e in self.spans.get(name, [])), default=0.0)


def _timed(stages: Stages, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        begun = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            stages.add(name, begun, time.perf_counter())

    return timed


@contextmanager
def recording() -> Iterator[Stages]:
    """Record stage spans of every sync run inside the block: the database download, its
    check, each image download, and the wait for images before the swap."""
    stages = Stages()
    patches = [
        (refresh, "fetch_database", "download and unpack the database"),
        (cache.content, "inspect_database", "check the database"),
        (AssetDownloads, "_download", "image downloads"),
        (AssetDownloads, "wait", "wait for images"),
    ]
    originals = [(owner, name, getattr(owner, name)) for owner, name, _ in patches]
    for owner, name, label in patches:
        setattr(owner, name, _timed(stages, label, getattr(owner, name)))
    try:
        yield stages
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)
