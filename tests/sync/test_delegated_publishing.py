"""Publishing from the web with the hub's delegated key: kiosks follow, verify and refuse."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hub.publishing.delegation import delegate, revoke
from hub.publishing.keys import DELEGATED_ROLE, KeyStore, SigningKeyError
from hub.publishing.publish import PublishError
from hub.publishing.repository import Repository, TargetSource
from sync.fetcher import Deadline, HubFetcher
from sync.outcome import Outcome
from sync.tuf_session import open_updater
from tests.sync.hubkit import Publisher

OFFLINE_ROLES = ("root", "targets", "snapshot")


@pytest.fixture
def usb(tmp_path: Path, publisher: Publisher) -> Path:
    """The offline keys, taken out of the hub's data folder."""
    folder = tmp_path / "usb"
    folder.mkdir()
    for role in OFFLINE_ROLES:
        (publisher.data_dir / "keys" / f"{role}.pem").rename(folder / f"{role}.pem")
    return folder


def offline(publisher: Publisher, usb: Path) -> Repository:
    """The repository as an administrator opens it with the offline keys plugged in."""
    return Repository(publisher.repository_dir, KeyStore(publisher.data_dir / "keys", usb))


def hub_key_files(publisher: Publisher) -> set[str]:
    return {path.name for path in (publisher.data_dir / "keys").glob("*.pem")}


def test_a_change_is_published_without_the_offline_keys_and_reaches_the_kiosk(
    publisher, device, usb
):
    delegate(offline(publisher, usb))
    assert hub_key_files(publisher) == {"timestamp.pem", "snapshot.pem", "desk.pem"}
    published = publisher.publish_online()
    report = device.refresh()
    assert report.outcome is Outcome.UPDATED, report.detail
    assert device.content.content_version() == published.content_version


def test_an_enrolled_kiosk_keeps_syncing_across_the_switch_to_the_delegated_layout(
    publisher, device, usb
):
    publisher.keys = KeyStore(publisher.data_dir / "keys", usb)
    first = publisher.publish()  # the folder workflow, with the offline keys plugged in
    assert device.refresh().outcome is Outcome.UPDATED
    delegate(offline(publisher, usb))  # the snapshot key moves online: a new root version
    assert device.refresh().outcome is Outcome.CURRENT
    second = publisher.publish_online()
    report = device.refresh()
    assert report.outcome is Outcome.UPDATED, report.detail
    assert device.content.content_version() == second.content_version > first.content_version


def test_a_change_signed_by_the_revoked_delegated_key_is_refused(publisher, device, usb, tmp_path):
    delegate(offline(publisher, usb))
    first = publisher.publish_online()
    assert device.refresh().outcome is Outcome.UPDATED
    stolen = tmp_path / "stolen"
    shutil.copytree(publisher.data_dir / "keys", stolen)  # the hub was taken, then cleaned
    delegate(offline(publisher, usb))  # rotation, offline
    assert device.refresh().outcome is Outcome.CURRENT
    # the attacker also holds the current snapshot and timestamp keys
    for role in ("snapshot", "timestamp"):
        shutil.copy(publisher.data_dir / f"keys/{role}.pem", stolen / f"{role}.pem")
    attacker = Repository(publisher.repository_dir, KeyStore(stolen))
    _, images = publisher.next_edition()
    files = {path: TargetSource(data=b"false content") for path in ("channels/mong-cai/x",)}
    files.update({f"assets/{sha}": TargetSource(path=path) for sha, path in images.items()})
    attacker.publish(files, force=True)
    report = device.refresh()
    assert report.outcome is Outcome.REJECTED and "UnsignedMetadata" in report.detail
    assert device.content.content_version() == first.content_version


def test_the_rotated_delegated_key_reaches_the_kiosk(publisher, device, usb):
    delegate(offline(publisher, usb))
    publisher.publish_online()
    assert device.refresh().outcome is Outcome.UPDATED
    old = KeyStore(publisher.data_dir / "keys").signer(DELEGATED_ROLE).public_key.keyid
    new = delegate(offline(publisher, usb))
    assert new != old
    after = publisher.publish_online()
    report = device.refresh()
    assert report.outcome is Outcome.UPDATED, report.detail
    assert device.content.content_version() == after.content_version


def test_a_target_outside_the_delegated_paths_is_not_found_by_the_kiosk(publisher, device, usb):
    delegate(offline(publisher, usb))
    publisher.publish_online()

    def smuggle(files: dict[str, TargetSource]) -> None:
        files["bundle/kiosk-update.tar"] = TargetSource(data=b"not for kiosks")

    publisher.republish(smuggle)  # the hub's own key signs a path it was not given
    assert "bundle/kiosk-update.tar" in publisher.repository.content_targets().signed.targets
    fetcher = HubFetcher(Deadline(30), 5, device.config.data_dir / "staging")
    try:
        updater = open_updater(device.config, fetcher, datetime.now(UTC))
        updater.refresh()
        assert updater.get_targetinfo("bundle/kiosk-update.tar") is None
        assert updater.get_targetinfo("channels/mong-cai/catalog.json") is not None
    finally:
        fetcher.close()
    assert device.refresh().outcome is Outcome.UPDATED


def test_after_revocation_the_hub_cannot_publish_and_the_offline_key_can(publisher, device, usb):
    delegate(offline(publisher, usb))
    publisher.publish_online()
    revoke(offline(publisher, usb))
    assert "desk.pem" not in hub_key_files(publisher)
    with pytest.raises(PublishError):
        publisher.publish_online()
    publisher.keys = KeyStore(publisher.data_dir / "keys", usb)
    last = publisher.publish()
    report = device.refresh()
    assert report.outcome is Outcome.UPDATED, report.detail
    assert device.content.content_version() == last.content_version


def test_delegating_needs_the_offline_targets_key(publisher, usb):
    with pytest.raises(SigningKeyError):
        delegate(publisher.repository)
    assert publisher.repository.delegation() is None


def test_a_hub_holding_every_key_publishes_online_without_a_delegation(publisher, device):
    published = publisher.publish_online()  # a demo hub: all four keys in its folder
    assert publisher.repository.delegation() is None
    assert device.refresh().outcome is Outcome.UPDATED
    assert device.content.content_version() == published.content_version
