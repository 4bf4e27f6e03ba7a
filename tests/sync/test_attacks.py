"""Attacks a kiosk must reject while keeping its old content whole and on screen."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from securesystemslib.signer import CryptoSigner
from tuf.api.metadata import Metadata, MetaFile, Root
from tuf.api.serialization.json import JSONSerializer

from sync.fetcher import CHUNK_BYTES
from sync.health import read_health
from sync.outcome import Outcome
from tests.sync.attacks import (
    flip_a_byte,
    meta_for,
    resign,
    served_asset,
    served_catalog,
    served_database,
    served_patch,
)


def _settled(publisher, device):
    """The device shows edition 1; the hub has edition 2 ready."""
    first = publisher.publish(assets=2)
    assert device.refresh().outcome is Outcome.UPDATED
    second = publisher.publish(assets=2)
    return first, second


def _kept(device, catalog):
    assert device.content.content_version() == catalog.content_version
    assert device.content.integrity_ok()
    for asset in catalog.assets:
        assert (device.config.media_dir / asset.sha256).exists()
    assert list(device.config.media_dir.joinpath(".staging").iterdir()) == []


def test_tampered_content_database_is_rejected_and_old_content_kept(publisher, device):
    first, _ = _settled(publisher, device)
    flip_a_byte(served_patch(publisher, first.content_version))  # refused: the whole database
    flip_a_byte(served_database(publisher))
    report = device.refresh()
    assert report.outcome is Outcome.REJECTED, report.detail
    assert "LengthOrHashMismatch" in report.detail
    _kept(device, first)
    assert list(device.config.content_db.parent.glob("content.db.draft-*")) == []


def test_tampered_catalog_is_rejected_and_old_content_kept(publisher, device):
    first, _ = _settled(publisher, device)
    publisher.without_database()  # the device then reads the catalog itself
    flip_a_byte(served_catalog(publisher))
    report = device.refresh()
    assert report.outcome is Outcome.REJECTED, report.detail
    assert "LengthOrHashMismatch" in report.detail
    _kept(device, first)


def test_tampered_asset_is_rejected_and_old_content_kept(publisher, device):
    first, second = _settled(publisher, device)
    flip_a_byte(served_asset(publisher, second.assets[0].sha256))
    report = device.refresh()
    assert report.outcome is Outcome.REJECTED, report.detail
    _kept(device, first)
    assert not (device.config.media_dir / second.assets[0].sha256).exists()


def test_timestamp_rollback_is_rejected(publisher, device):
    publisher.publish()
    old_timestamp = (publisher.repository_dir / "metadata/timestamp.json").read_bytes()
    _, second = _settled(publisher, device)
    assert device.refresh().outcome is Outcome.UPDATED
    (publisher.repository_dir / "metadata/timestamp.json").write_bytes(old_timestamp)
    report = device.refresh()
    assert report.outcome is Outcome.REJECTED and "BadVersionNumber" in report.detail
    _kept(device, second)


def test_snapshot_rollback_is_rejected(publisher, device):
    _, second = _settled(publisher, device)
    assert device.refresh().outcome is Outcome.UPDATED
    timestamp = publisher.repository_dir / "metadata/timestamp.json"
    old_snapshot = 2  # edition 1's snapshot; the hub is at 3

    def point_back(signed):
        signed.version += 1
        signed.snapshot_meta = MetaFile(version=old_snapshot)

    resign(timestamp, publisher.keys.signer("timestamp"), point_back)
    report = device.refresh()
    assert report.outcome is Outcome.REJECTED and "BadVersionNumber" in report.detail
    _kept(device, second)


def test_targets_rollback_is_rejected(publisher, device):
    _, second = _settled(publisher, device)
    assert device.refresh().outcome is Outcome.UPDATED
    metadata = publisher.repository_dir / "metadata"
    current = publisher.repository.snapshot().signed.version
    forged = metadata / f"{current + 1}.snapshot.json"

    def older_targets(signed):
        signed.version += 1
        signed.meta["targets.json"] = MetaFile(version=2)  # edition 1's targets

    resign(
        metadata / f"{current}.snapshot.json",
        publisher.keys.signer("snapshot"),
        older_targets,
        forged,
    )

    def to_forged(signed):
        signed.version += 1
        signed.snapshot_meta = meta_for(forged, current + 1)

    resign(metadata / "timestamp.json", publisher.keys.signer("timestamp"), to_forged)
    report = device.refresh()
    assert report.outcome is Outcome.REJECTED and "BadVersionNumber" in report.detail
    _kept(device, second)


def test_mix_and_match_metadata_is_rejected(publisher, device):
    first, _ = _settled(publisher, device)
    metadata = publisher.repository_dir / "metadata"
    # the new snapshot names targets v3; serve the (validly signed) targets v2 under that name
    shutil.copyfile(metadata / "2.targets.json", metadata / "3.targets.json")
    report = device.refresh()
    assert report.outcome is Outcome.REJECTED, report.detail
    _kept(device, first)


def test_expired_metadata_freeze_is_detected_and_old_content_kept(publisher, device):
    first = publisher.publish()
    assert device.refresh().outcome is Outcome.UPDATED
    later = datetime.now(UTC) + timedelta(days=3)  # the timestamp lives two days
    report = device.refresh(now=lambda: later)
    assert report.outcome is Outcome.REJECTED and "Expired" in report.detail
    _kept(device, first)
    health = read_health(device.state)
    assert health is not None and health.stale
    assert any("expired" in reason for reason in health.reasons)


def test_endless_data_is_cut_at_the_signed_length(publisher, device, hub):
    first, second = _settled(publisher, device)
    sha = second.assets[0].sha256
    sent = []

    def endless(handler: BaseHTTPRequestHandler) -> bool:
        handler.send_response(200)
        handler.end_headers()
        try:
            while True:
                handler.wfile.write(b"\0" * 65536)
                sent.append(65536)
        except (BrokenPipeError, ConnectionResetError):
            return True

    hub.faults[sha] = endless
    report = device.refresh()
    assert report.outcome is Outcome.REJECTED and "DownloadLengthMismatch" in report.detail
    catalog_bytes = served_catalog(publisher).stat().st_size
    # disk use is bounded by what was received, and nothing past the signed length is accepted
    assert report.bytes_received <= catalog_bytes + second.assets[0].size + 2 * CHUNK_BYTES
    _kept(device, first)


def test_forged_root_is_rejected(publisher, device):
    first = publisher.publish()
    assert device.refresh().outcome is Outcome.UPDATED
    attacker = CryptoSigner(Ed25519PrivateKey.generate())
    root = Root(version=2, consistent_snapshot=True)
    for role in ("root", "targets", "snapshot", "timestamp"):
        root.add_key(attacker.public_key, role)
    forged = Metadata(root)
    forged.sign(attacker)
    (publisher.repository_dir / "metadata/2.root.json").write_bytes(
        forged.to_bytes(JSONSerializer())
    )
    publisher.publish()
    report = device.refresh()
    assert report.outcome is Outcome.REJECTED and "UnsignedMetadata" in report.detail
    _kept(device, first)
