"""Publishing on the hub: the CLI, content versions, publish order, timestamp re-signing."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest.mock import patch

import pytest
from fastapi.testclient import TestClient
from tuf.api.metadata import Metadata

from hub.__main__ import main
from hub.publishing.keys import KeyStore, SigningKeyError
from hub.publishing.publish import publish_content
from hub.publishing.repository import Repository
from hub.publishing.timestamp_job import resign_timestamp
from hub.settings import HubSettings
from tests.hub.hubui_support import app_for, csrf_from, login, make_data_dir
from tests.hub.test_compiler import CONTACTS, GATES, TOPICS, add_article


@pytest.fixture
def authoring(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "gates.yaml").write_text(GATES)
    (folder / "topics.yaml").write_text(TOPICS)
    (folder / "contacts.yaml").write_text(CONTACTS)
    add_article(folder, "e-visa", "gates: all", {"en": "Apply for an e-visa", "vi": "Thị thực"})
    return folder


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    data = tmp_path / "hub"
    assert main(["keys", "init", "--data-dir", str(data)]) == 0
    return data


def _targets(data_dir: Path) -> dict:
    return Repository(data_dir / "repository", KeyStore(data_dir / "keys")).targets().signed.targets


def test_publish_signs_every_channel_and_bumps_versions_only_on_change(authoring, data_dir):
    assert main(["publish", str(authoring), "--data-dir", str(data_dir)]) == 0
    targets = _targets(data_dir)
    assert {"channels/mong-cai/catalog.json", "channels/moc-bai/catalog.json"} <= set(targets)
    versions = json.loads((data_dir / "content_versions.json").read_text())
    assert versions["mong-cai"]["version"] == 1
    report = publish_content(authoring, data_dir, KeyStore(data_dir / "keys"))
    assert not report.signed and report.content_versions["mong-cai"] == 1
    add_article(authoring, "moc-bai-only", "gates: [moc-bai]", {"en": "About Moc Bai"})
    report = publish_content(authoring, data_dir, KeyStore(data_dir / "keys"))
    assert report.changed_channels == ["moc-bai"]
    assert report.content_versions == {"mong-cai": 1, "moc-bai": 2}


def test_targets_are_content_addressed_files(authoring, data_dir):
    main(["publish", str(authoring), "--data-dir", str(data_dir)])
    info = _targets(data_dir)["channels/mong-cai/catalog.json"]
    served = (
        data_dir / "repository/targets/channels/mong-cai" / f"{info.hashes['sha256']}.catalog.json"
    )
    assert json.loads(served.read_bytes())["channel"] == "mong-cai"


def test_a_failed_publish_leaves_the_served_state_untouched(authoring, data_dir, tmp_path):
    timestamp = data_dir / "repository/metadata/timestamp.json"
    before = timestamp.read_bytes()
    offline = tmp_path / "usb"
    offline.mkdir()
    (data_dir / "keys/snapshot.pem").rename(offline / "snapshot.pem")  # snapshot key not here
    assert main(["publish", str(authoring), "--data-dir", str(data_dir)]) == 1
    assert timestamp.read_bytes() == before
    # with the offline key folder given, the publish goes through
    args = ["publish", str(authoring), "--data-dir", str(data_dir), "--offline-keys", str(offline)]
    (data_dir / "keys/root.pem").rename(offline / "root.pem")
    (data_dir / "keys/targets.pem").rename(offline / "targets.pem")
    assert main(args) == 0
    assert timestamp.read_bytes() != before


def test_timestamp_is_resigned_only_when_it_nears_expiry(data_dir):
    keys = KeyStore(data_dir / "keys")
    now = datetime.now(UTC)
    fresh = Repository(data_dir / "repository", keys, clock=lambda: now)
    assert not fresh.resign_timestamp()
    later = now + timedelta(days=1, hours=6)
    aging = Repository(data_dir / "repository", keys, clock=lambda: later)
    version = aging.timestamp().signed.version
    assert aging.resign_timestamp()
    renewed = aging.timestamp().signed
    assert renewed.version == version + 1 and renewed.expires > later + timedelta(days=1)


def test_only_the_timestamp_key_is_needed_to_resign(data_dir, tmp_path):
    for role in ("root", "targets", "snapshot"):
        (data_dir / f"keys/{role}.pem").unlink()
    assert main(["timestamp", "--force", "--data-dir", str(data_dir)]) == 0
    with pytest.raises(SigningKeyError):
        KeyStore(data_dir / "keys").signer("root")


def test_rotation_writes_a_new_root_signed_by_old_and_new_keys(data_dir):
    old = KeyStore(data_dir / "keys").signer("root").public_key.keyid
    assert main(["keys", "rotate", "--role", "root", "--data-dir", str(data_dir)]) == 0
    root = Metadata.from_file(str(data_dir / "repository/metadata/2.root.json"))
    assert root.signed.version == 2
    assert old in root.signatures and len(root.signatures) == 2
    assert old not in root.signed.roles["root"].keyids


def test_delegate_cli_lets_the_folder_publish_go_through_without_the_offline_keys(
    authoring, data_dir, tmp_path
):
    usb = tmp_path / "usb"
    usb.mkdir()
    for role in ("root", "targets", "snapshot"):
        (data_dir / f"keys/{role}.pem").rename(usb / f"{role}.pem")
    publish = ["publish", str(authoring), "--data-dir", str(data_dir)]
    assert main(publish) == 1
    offline = ["--data-dir", str(data_dir), "--offline-keys", str(usb)]
    assert main(["keys", "delegate", *offline]) == 0
    assert main(publish) == 0
    repository = Repository(data_dir / "repository", KeyStore(data_dir / "keys"))
    assert "channels/mong-cai/catalog.json" in repository.role("desk").signed.targets
    assert repository.targets().signed.targets == {}
    assert main(["keys", "revoke-delegation", *offline]) == 0
    assert not (data_dir / "keys/desk.pem").exists()
    assert "channels/mong-cai/catalog.json" in repository.targets().signed.targets
    assert main(["keys", "revoke-delegation", *offline]) == 1


def test_the_timestamp_job_resigns_an_aging_delegated_role_with_the_hubs_keys(data_dir):
    assert main(["keys", "delegate", "--data-dir", str(data_dir)]) == 0
    for role in ("root", "targets"):
        (data_dir / f"keys/{role}.pem").unlink()
    later = datetime.now(UTC) + timedelta(days=61)
    aging = Repository(data_dir / "repository", KeyStore(data_dir / "keys"), clock=lambda: later)
    version = aging.role("desk").signed.version
    settings = HubSettings(data_dir)
    with patch("hub.publishing.timestamp_job.Repository", lambda *args: aging):
        assert resign_timestamp(settings)
    assert aging.role("desk").signed.version == version + 1
    assert aging.role("desk").signed.expires > later + timedelta(days=100)


def test_publish_now_on_the_staff_page_needs_no_offline_key_once_delegated(tmp_path):
    data = make_data_dir(tmp_path)
    usb = tmp_path / "usb"
    assert main(["keys", "init", "--data-dir", str(data)]) == 0
    usb.mkdir()
    for role in ("root", "targets", "snapshot"):
        (data / f"keys/{role}.pem").rename(usb / f"{role}.pem")
    assert main(["keys", "delegate", "--data-dir", str(data), "--offline-keys", str(usb)]) == 0
    client = TestClient(app_for(data))
    login(client, "admin")
    page = client.get("/publishing")
    assert '<td class="">desk</td>' in page.text  # the delegated key, listed with the others
    published = client.post(
        "/publishing/publish", data={"csrf_token": csrf_from(page.text)}, follow_redirects=False
    )
    assert published.status_code == 303, published.text[:500]
    repository = Repository(data / "repository", KeyStore(data / "keys"))
    assert "channels/moc-bai/catalog.json" in repository.role("desk").signed.targets
