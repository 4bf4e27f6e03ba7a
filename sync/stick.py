"""Updating from a USB stick: `python -m sync sideload PATH` (on the device: `kiosk sideload PATH`).

The stick holds a copy of the hub's signed repository for one channel (`hub export-update`).
The refresh runs exactly as over the network (sync.refresh), through python-tuf and the device's
own trusted metadata, with a fetcher that reads the stick's files instead of HTTP: an older
stick (rollback), one signed by an unknown key, an expired one, or one for another channel is
refused, and the reason is recorded as the last sync's outcome (the service screen, the
heartbeat, the log). A stick pulled out halfway is a failed download: nothing changes.
Then the device's unsent usage and its heartbeat go onto the stick (sync.stick_usage).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import IO
from urllib.parse import unquote, urlparse

from filelock import FileLock, Timeout
from tuf.api import exceptions

from sync.config import DeviceConfig
from sync.fetcher import CHUNK_BYTES, HubFetcher
from sync.outcome import Outcome, RefreshReport
from sync.refresh import Refresher
from sync.runner import open_stores
from sync.stick_usage import write_usage

logger = logging.getLogger(__name__)

STICK_FILE = "stick.json"
SOURCE = "USB stick"


class StickFetcher(HubFetcher):
    """Reads `file://` targets and metadata from the stick, chunk by chunk, with the same caps,
    deadline and counters as the network fetcher. A missing file reads as HTTP 404."""

    def _fetch(self, url: str) -> Iterator[bytes]:
        self._check()
        with self._counting:
            self.requests += 1
        path = Path(unquote(urlparse(url).path))
        try:
            handle = path.open("rb")
        except FileNotFoundError as error:
            raise exceptions.DownloadHTTPError(f"{path.name}: not on the stick", 404) from error
        except OSError as error:
            raise exceptions.DownloadError(
                f"{path.name}: the stick cannot be read: {error}"
            ) from error
        return self._read(path, handle)

    def _read(self, path: Path, handle: IO[bytes]) -> Iterator[bytes]:
        with handle:
            try:
                while chunk := handle.read(CHUNK_BYTES):
                    self._check()
                    with self._counting:
                        self.bytes_received += len(chunk)
                    yield chunk
            except OSError as error:
                raise exceptions.DownloadError(
                    f"{path.name}: the stick stopped answering: {error}"
                ) from error


def _utcnow() -> datetime:
    return datetime.now(UTC)


def sideload(
    config: DeviceConfig, stick: Path, *, now: Callable[[], datetime] = _utcnow
) -> RefreshReport:
    """Apply the update on the stick (if any is for this kiosk), then write usage onto it."""
    config.data_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(config.lock_path, timeout=60, thread_local=False, is_singleton=False)
    try:
        lock.acquire()
    except Timeout:
        return RefreshReport(Outcome.BUSY, "another sync is running; plug the stick in again")
    try:
        state, content = open_stores(config)
        try:
            refusal = _refusal(config, stick)
            if not (stick / STICK_FILE).exists():
                report = RefreshReport(Outcome.CURRENT, f"{SOURCE}: no update on it")
            elif refusal is not None:
                report = RefreshReport(Outcome.REJECTED, f"{SOURCE}: {refusal}")
                state.record_sync_outcome(False, report.line(), now())
                logger.warning("refresh %s", report.line())
            else:
                on_stick = config.model_copy(update={"hub_url": stick.resolve().as_uri()})
                refresher = Refresher(
                    on_stick, state, content, now=now, fetcher_type=StickFetcher, source=SOURCE
                )
                report = refresher.run()
        finally:
            content.close()
            state.close()
    finally:
        lock.release()
    try:
        written = write_usage(config, stick)
    except OSError as error:
        logger.warning("usage not written to the stick: %s", error)
    else:
        report = replace(report, detail=f"{report.detail}; {written} usage rows written to it")
    return report


def _refusal(config: DeviceConfig, stick: Path) -> str | None:
    """Why this stick is plainly not for this kiosk (unsigned facts; TUF checks the rest)."""
    try:
        described = json.loads((stick / STICK_FILE).read_text())
    except (OSError, ValueError) as error:
        return f"the stick's stick.json is unreadable: {error}"
    channel = described.get("channel") if isinstance(described, dict) else None
    if channel != config.channel:
        return f"the stick is for channel {channel!r}; this kiosk shows {config.channel!r}"
    return None
