"""The hub's packaged content database: installed as it is when sound and as signed, refused
(old content kept) when not, and replaced by a build from the catalog when the hub has none of
this software's layout."""

from __future__ import annotations

import json

import pytest
import zstandard

from catalog.targets import database_target, manifest_target
from hub.publishing.repository import TargetSource
from sync.fetcher import CHUNK_BYTES
from sync.outcome import Outcome
from tests.sync.attacks import served_database


def _asked(hub, name: str) -> bool:
    return any(path.endswith(name) for path in hub.requests)


def _drafts(device) -> list:
    return list(device.config.content_db.parent.glob("content.db.draft-*"))


def _edit_database(publisher, edit_bytes=None, **custom: object) -> None:
    """Sign the channel's database again: its unpacked bytes and its description edited."""

    def change(files: dict[str, TargetSource]) -> None:
        source = files[database_target(publisher.channel)]
        inflated = zstandard.ZstdDecompressor().decompress(source.read())
        if edit_bytes is not None:
            inflated = edit_bytes(inflated)
        described = dict(source.custom or {})
        described.update(database_length=len(inflated))
        described.update(custom)
        files[database_target(publisher.channel)] = TargetSource(
            data=zstandard.ZstdCompressor().compress(inflated), custom=described
        )
        _without_patches(files)  # the device must take this database whole

    publisher.republish(change)


def _without_patches(files: dict[str, TargetSource]) -> None:
    for target in [path for path in files if "/patches/" in path]:
        del files[target]


def _kept(device, catalog) -> None:
    assert device.content.content_version() == catalog.content_version
    assert device.content.integrity_ok()
    assert _drafts(device) == []


def test_a_first_sync_installs_the_hubs_database_without_reading_the_catalog(
    publisher, device, hub
):
    published = publisher.publish(articles=4, assets=2)
    report = device.refresh()
    assert report.outcome is Outcome.UPDATED, report.detail
    assert _asked(hub, ".content.db.zst") and _asked(hub, ".assets.json")
    assert not _asked(hub, ".catalog.json")
    assert device.content.content_version() == published.content_version
    assert len(device.content.articles("entry-visa", "en")) == 4
    assert len(device.content.search("customs", "en")) == 4
    assert device.content.asset_ids() == {a.sha256 for a in published.assets}
    for asset in published.assets:
        assert (device.config.media_dir / asset.sha256).exists()


def test_a_hub_without_databases_still_updates_the_kiosk_from_the_catalog(publisher, device, hub):
    published = publisher.publish(articles=4)
    publisher.without_database()
    report = device.refresh()
    assert report.outcome is Outcome.UPDATED, report.detail
    assert _asked(hub, ".catalog.json")
    assert not _asked(hub, ".content.db.zst")
    assert device.content.content_version() == published.content_version
    assert len(device.content.articles("entry-visa", "en")) == 4


def test_a_database_of_another_layout_is_built_from_the_catalog_instead(publisher, device, hub):
    published = publisher.publish(articles=4)
    _edit_database(publisher, schema="content-db/a-future-layout")
    report = device.refresh()
    assert report.outcome is Outcome.UPDATED, report.detail
    assert _asked(hub, ".catalog.json")
    assert not _asked(hub, ".content.db.zst")
    assert device.content.content_version() == published.content_version


def test_a_database_that_unpacks_past_its_signed_length_is_refused(publisher, device, hub):
    first = publisher.publish()
    assert device.refresh().outcome is Outcome.UPDATED
    publisher.publish()
    _edit_database(publisher)
    signed = publisher.repository.targets().signed.targets[database_target(publisher.channel)]
    promised = signed.custom["database_length"] // 8

    def lie(files: dict[str, TargetSource]) -> None:
        source = files[database_target(publisher.channel)]
        files[database_target(publisher.channel)] = TargetSource(
            data=source.read(), custom={**(source.custom or {}), "database_length": promised}
        )
        _without_patches(files)

    publisher.republish(lie)
    report = device.refresh()
    assert report.outcome is Outcome.REJECTED, report.detail
    assert f"unpacks past the {promised} signed bytes" in report.detail
    _kept(device, first)


def _damage(inflated: bytes) -> bytes:
    middle = len(inflated) // 2
    return inflated[:middle] + bytes(4096) * 2 + inflated[middle + 8192 :]


@pytest.mark.parametrize(
    ("edit_bytes", "custom", "why"),
    [
        (_damage, {}, "content database"),
        (lambda _: b"not a database" * 500, {}, "content database"),
        (None, {"content_version": 999}, "signed as 'mong-cai' version 999"),
        (None, {"channel": "cau-treo"}, "for channel 'cau-treo'"),
    ],
    ids=["damaged", "not-sqlite", "other-version", "other-channel"],
)
def test_a_signed_database_that_is_not_what_it_claims_is_refused(
    publisher, device, hub, edit_bytes, custom, why
):
    first = publisher.publish(articles=60)
    assert device.refresh().outcome is Outcome.UPDATED
    publisher.publish(articles=60)
    _edit_database(publisher, edit_bytes, **custom)
    report = device.refresh()
    assert report.outcome is Outcome.REJECTED, report.detail
    assert why in report.detail
    _kept(device, first)


def test_a_database_that_disagrees_with_its_asset_list_is_refused(publisher, device, hub):
    first = publisher.publish(assets=2)
    assert device.refresh().outcome is Outcome.UPDATED
    second = publisher.publish(assets=2)

    def drop_one(files: dict[str, TargetSource]) -> None:
        listed = sorted(a.sha256 for a in second.assets)[1:]
        files[manifest_target(publisher.channel)] = TargetSource(data=json.dumps(listed).encode())

    publisher.republish(drop_one)
    report = device.refresh()
    assert report.outcome is Outcome.REJECTED, report.detail
    assert "asset list disagree" in report.detail
    _kept(device, first)


def test_a_malformed_asset_list_is_refused(publisher, device, hub):
    first = publisher.publish()
    assert device.refresh().outcome is Outcome.UPDATED
    publisher.publish()
    publisher.republish(
        lambda files: files.update(
            {manifest_target(publisher.channel): TargetSource(data=b'{"not": "a list"}')}
        )
    )
    report = device.refresh()
    assert report.outcome is Outcome.REJECTED, report.detail
    assert "asset list" in report.detail
    _kept(device, first)


def test_endless_data_in_place_of_the_database_is_cut_at_its_signed_length(publisher, device, hub):
    first = publisher.publish()
    assert device.refresh().outcome is Outcome.UPDATED
    second = publisher.publish()
    signed = publisher.repository.targets().signed.targets[database_target(publisher.channel)]
    genuine = served_database(publisher).read_bytes()

    def endless(handler) -> bool:  # the signed file, then more and more
        handler.send_response(200)
        handler.end_headers()
        try:
            handler.wfile.write(genuine)
            while True:
                handler.wfile.write(bytes(65536))
        except (BrokenPipeError, ConnectionResetError):
            return True

    hub.faults[".content.db.zst"] = endless
    report = device.refresh()
    assert report.outcome is Outcome.REJECTED, report.detail
    assert "DownloadLengthMismatch" in report.detail
    images = sum(asset.size for asset in second.assets)
    assert report.bytes_received <= signed.length + images + 64_000 + 2 * CHUNK_BYTES
    _kept(device, first)
