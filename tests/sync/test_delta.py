"""Small updates: a kiosk a few versions behind rebuilds the new database from a signed patch;
every kind of unusable patch falls back to the whole database, with the same content."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cache import UsageStore
from catalog.targets import database_target, patch_target
from hub.publishing.delta import make_patch
from hub.publishing.publish import ChannelContent, publish_channels
from hub.publishing.repository import TargetSource
from sync.delta import LAST_DELTA_KEY
from sync.heartbeat import heartbeat_document, sync_status
from tests.storage import disk_full_after
from tests.sync.hubkit import Device, Publisher, StaticHub, enrol_device, reply

CHANNEL = "mong-cai"


@pytest.fixture
def publisher(tmp_path: Path) -> Publisher:
    return Publisher(tmp_path / "hub")


@pytest.fixture
def hub(publisher: Publisher):
    with StaticHub(publisher.repository_dir) as served:
        yield served


@pytest.fixture
def device(tmp_path: Path, publisher: Publisher, hub: StaticHub) -> Device:
    publisher.publish()
    made = Device(enrol_device(tmp_path / "kiosk", hub.url, publisher.repository.root_bytes()))
    assert made.refresh().outcome.label == "updated"
    return made


def _fetched(hub: StaticHub, needle: str) -> list[str]:
    return [path for path in hub.requests if needle in path]


def _whole_database_fetched(hub: StaticHub) -> bool:
    return any("/patches/" not in path for path in _fetched(hub, "content.db.zst"))


def _update(device: Device, hub: StaticHub) -> str:
    hub.requests.clear()
    report = device.refresh()
    assert report.outcome.label == "updated", report.detail
    return report.detail


def test_one_version_behind_moves_a_patch_not_the_database(device, publisher, hub):
    publisher.publish()
    detail = _update(device, hub)
    assert "patch from version 1" in detail
    assert not _whole_database_fetched(hub)
    assert device.content.content_version() == 2
    assert "patch from version 1" in device.state.get(LAST_DELTA_KEY)
    assert "patch_fallbacks" not in _heartbeat(device)["errors"]


def test_three_versions_behind_moves_one_patch(device, publisher, hub):
    for _ in range(3):
        publisher.publish()
    detail = _update(device, hub)
    assert "patch from version 1" in detail
    assert device.content.content_version() == 4
    assert len(_fetched(hub, "/patches/")) == 1


def test_too_old_a_base_downloads_the_whole_database(device, publisher, hub):
    for _ in range(4):
        publisher.publish()
    detail = _update(device, hub)
    assert "full download" in detail and "no patch from version 1" in detail
    assert device.content.content_version() == 5


def test_unchanged_images_are_not_fetched_again(device, publisher, hub):
    held = set(device.content.asset_ids())
    publisher.edition = 0
    catalog, images = publisher.next_edition()  # the first edition's images again
    edited = [article.model_copy(update={"priority": 500}) for article in catalog.articles]
    changed = catalog.model_copy(update={"articles": edited})
    publish_channels([ChannelContent(changed, images)], publisher.data_dir, publisher.keys)
    detail = _update(device, hub)
    assert "patch from version 1" in detail and device.content.content_version() == 2
    assert set(device.content.asset_ids()) == held
    assert not _fetched(hub, "/assets/")


@pytest.mark.parametrize(
    "fault",
    [
        reply(404, b"gone"),
        reply(200, b"\x28\xb5\x2f\xfd not a patch at all"),
    ],
    ids=["missing", "corrupt"],
)
def test_a_missing_or_corrupt_patch_falls_back_to_the_whole_database(device, publisher, hub, fault):
    publisher.publish()
    hub.faults["/patches/"] = fault
    detail = _update(device, hub)
    assert "full download" in detail
    assert _whole_database_fetched(hub) and device.content.content_version() == 2
    assert _heartbeat(device)["errors"]["patch_fallbacks"] == 1


def test_a_truncated_patch_falls_back_to_the_whole_database(device, publisher, hub):
    publisher.publish()
    patch = _stored(publisher, patch_target(CHANNEL, 1))
    data = patch.read_bytes()

    def half(handler) -> bool:
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(data) // 2))
        handler.end_headers()
        handler.wfile.write(data[: len(data) // 2])
        return True

    hub.faults["/patches/"] = half
    detail = _update(device, hub)
    assert "full download" in detail and device.content.content_version() == 2
    assert _whole_database_fetched(hub)


def test_a_signed_patch_that_builds_other_bytes_is_not_installed(device, publisher, hub):
    publisher.publish()
    base = device.content.path.read_bytes()
    wrong = publisher.data_dir / "wrong.patch"
    wrong.write_bytes(make_patch(base, base[:-4096]))
    target = patch_target(CHANNEL, 1)
    signed = publisher.repository.content_targets().signed.targets[target].custom

    publisher.republish(
        lambda files: files.__setitem__(target, TargetSource(path=wrong, custom=signed))
    )
    detail = _update(device, hub)
    assert "full download" in detail and "differs from the signed one" in detail
    assert device.content.content_version() == 2
    assert device.content.integrity_ok()


def test_a_database_that_is_not_the_base_downloads_the_whole_database(device, publisher, hub):
    publisher.publish()
    target = patch_target(CHANNEL, 1)

    def other_base(files: dict[str, TargetSource]) -> None:
        source = files[target]
        files[target] = TargetSource(
            path=source.path, custom={**source.custom, "base_sha256": "0" * 64}
        )

    publisher.republish(other_base)
    detail = _update(device, hub)
    assert "not the patch's base" in detail and device.content.content_version() == 2


def test_the_hub_keeps_patches_only_from_the_last_three_versions(publisher):
    for _ in range(5):
        publisher.publish()
    targets = publisher.repository.content_targets().signed.targets
    patches = sorted(path for path in targets if "/patches/" in path)
    assert patches == [patch_target(CHANNEL, version) for version in (2, 3, 4)]
    assert targets[patches[0]].custom["content_version"] == 5
    assert database_target(CHANNEL) in targets


def _stored(publisher: Publisher, target: str) -> Path:
    info = publisher.repository.content_targets().signed.targets[target]
    folder, _, name = target.rpartition("/")
    return publisher.repository_dir / "targets" / folder / f"{info.hashes['sha256']}.{name}"


def test_a_full_disk_while_patching_keeps_the_old_version_and_the_heartbeat_says_so(
    device, publisher, hub
):
    publisher.publish(articles=300)
    with disk_full_after(device.content.path.stat().st_size + 8192):
        report = device.refresh()
    assert report.outcome.label == "storage-failed", report.detail
    assert device.content.content_version() == 1 and device.content.integrity_ok()
    assert list(device.config.data_dir.glob("content.db.draft-*")) == []
    beat = _heartbeat(device)
    assert beat["last_sync"]["ok"] is False
    assert "storage-failed" in beat["last_sync"]["error"]


def _heartbeat(device: Device) -> dict:
    usage = UsageStore(device.config.usage_db)
    try:
        return heartbeat_document(device.config, sync_status(device.config), usage, time.time)
    finally:
        usage.close()
