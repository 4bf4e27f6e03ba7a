"""`python -m hub import-usage DIR`: usage and heartbeats a kiosk wrote to a USB stick.

Each file `DIR/usage/<device>.json` is checked before anything is stored: its HMAC must be made
with the credential of that enrolled, active device (the HMAC key is the token hash the hub
keeps; see sync.stick_usage), and its rows and heartbeat must pass the same models as the
device API. Rows are upserted by (device, hour, kind, dims) and revision, exactly as an online
upload: importing a stick twice, or receiving the same rows online later, counts each event
once. A heartbeat already stored (same device and device time) is not stored again; it is
recorded at the device's time, not at the import's, so operating hours stay true.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from hub.devices.models import MAX_ROWS, HeartbeatIn, UsageUpload
from hub.store import HubStore

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 200_000_000


class StickFileError(Exception):
    """A file on the stick is refused (unsigned, unknown device, malformed)."""


@dataclass
class ImportReport:
    rows: int = 0
    heartbeats: int = 0
    devices: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)
    """file name -> why it was refused."""


def import_usage(store: HubStore, folder: Path) -> ImportReport:
    report = ImportReport()
    for path in sorted((folder / "usage").glob("*.json")):
        try:
            rows, beats = _import_file(store, path)
        except StickFileError as error:
            logger.warning("%s refused: %s", path.name, error)
            report.refused[path.name] = str(error)
            continue
        report.rows += rows
        report.heartbeats += beats
        report.devices.append(path.stem)
    return report


def _import_file(store: HubStore, path: Path) -> tuple[int, int]:
    if path.stat().st_size > MAX_FILE_BYTES:
        raise StickFileError(f"larger than {MAX_FILE_BYTES} bytes")
    try:
        signed = json.loads(path.read_bytes())
        body = signed["body"].encode()
        mac = str(signed["hmac_sha256"])
        document = json.loads(body)
        device_id = str(document["device_id"])
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise StickFileError(f"not a kiosk's usage file: {error}") from error
    device = store.device(device_id)
    key = store.token_hash_of(device_id)
    if device is None or key is None or device.status != "active":
        raise StickFileError(f"no enrolled, active device {device_id!r}")
    expected = hmac.new(key.encode("ascii"), body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, mac):
        raise StickFileError(f"not signed by device {device_id!r}")
    try:
        beat = HeartbeatIn.model_validate_json(json.dumps(document["heartbeat"]))
        raw_rows = document["rows"]
        uploads = [
            UsageUpload.model_validate_json(
                json.dumps({"device_id": device_id, "rows": raw_rows[start : start + MAX_ROWS]})
            )
            for start in range(0, len(raw_rows), MAX_ROWS)
        ]
    except (ValidationError, KeyError, TypeError) as error:
        raise StickFileError(f"malformed: {error}"[:500]) from error
    if beat.device_id != device_id:
        raise StickFileError("the heartbeat names another device")
    rows = 0
    for upload in uploads:
        rows += store.upsert_usage(
            device_id,
            upload.usage_rows(),
        )
    return rows, _record_heartbeat(store, beat)


def _record_heartbeat(store: HubStore, beat: HeartbeatIn) -> int:
    latest = store.latest_heartbeats().get(beat.device_id)
    if latest is not None and latest.device_time is not None and latest.device_time >= beat.sent_at:
        return 0  # this one, or a newer one, is stored already
    store.record_heartbeat(beat.heartbeat(received_at=beat.sent_at))
    return 1
