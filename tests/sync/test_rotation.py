"""Key rotations on the hub are followed by kiosks; the revoked key is refused afterwards."""

from __future__ import annotations

import shutil

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from securesystemslib.signer import CryptoSigner

from sync.outcome import Outcome
from tests.sync.attacks import resign


def test_root_rotation_is_followed_and_a_replay_by_the_old_root_key_refused(publisher, device):
    publisher.publish()
    assert device.refresh().outcome is Outcome.UPDATED
    old_root_key = publisher.keys.signer("root")
    publisher.repository.rotate("root")
    second = publisher.publish()
    report = device.refresh()
    assert report.outcome is Outcome.UPDATED, report.detail
    assert device.content.content_version() == second.content_version
    # the revoked root key signs a root that hands every role to an attacker
    metadata = publisher.repository_dir / "metadata"
    attacker = CryptoSigner(Ed25519PrivateKey.generate())

    def take_over(signed):
        signed.version += 1
        for role in ("root", "targets", "snapshot", "timestamp"):
            for keyid in list(signed.roles[role].keyids):
                signed.revoke_key(keyid, role)
            signed.add_key(attacker.public_key, role)

    resign(metadata / "root.json", old_root_key, take_over, metadata / "3.root.json")
    report = device.refresh()
    assert report.outcome is Outcome.REJECTED and "UnsignedMetadata" in report.detail
    assert device.content.content_version() == second.content_version


def test_timestamp_key_rotation_is_followed_and_the_revoked_key_refused(publisher, device):
    first = publisher.publish()
    assert device.refresh().outcome is Outcome.UPDATED
    revoked = publisher.keys.signer("timestamp")
    publisher.repository.rotate("timestamp")
    assert device.refresh().outcome is Outcome.CURRENT
    timestamp = publisher.repository_dir / "metadata/timestamp.json"

    def replay(signed):
        signed.version += 10

    resign(timestamp, revoked, replay)
    report = device.refresh()
    assert report.outcome is Outcome.REJECTED and "UnsignedMetadata" in report.detail
    assert device.content.content_version() == first.content_version


@pytest.mark.parametrize("role", ["targets", "snapshot"])
def test_other_key_rotations_are_followed(publisher, device, role):
    publisher.publish()
    assert device.refresh().outcome is Outcome.UPDATED
    publisher.repository.rotate(role)
    second = publisher.publish()
    report = device.refresh()
    assert report.outcome is Outcome.UPDATED, report.detail
    assert device.content.content_version() == second.content_version


def test_cache_wipe_then_older_signed_state_is_refused_by_the_high_water_mark(
    tmp_path, publisher, device, hub
):
    publisher.publish()
    old_repository = publisher.snapshot_repository(tmp_path / "old-repository")
    assert device.refresh().outcome is Outcome.UPDATED
    second = publisher.publish()
    assert device.refresh().outcome is Outcome.UPDATED
    shutil.rmtree(device.config.tuf_dir)
    hub.repository_dir = old_repository  # validly signed, just older
    report = device.refresh()
    assert report.outcome is Outcome.REJECTED and "VersionRollback" in report.detail
    assert device.content.content_version() == second.content_version
