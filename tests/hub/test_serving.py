"""The hub web service serves the signed repository as static files, and a kiosk syncs from it."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from fastapi.testclient import TestClient

from hub.settings import HubSettings
from hub.web import create_app
from sync.outcome import Outcome
from tests.sync.hubkit import Device, Publisher, enrol_device, free_port


@pytest.fixture
def publisher(tmp_path) -> Publisher:
    publisher = Publisher(tmp_path / "hub")
    publisher.publish()
    return publisher


@pytest.fixture
def client(publisher) -> Iterator[TestClient]:
    app = create_app(HubSettings(publisher.data_dir, resign_timestamp_every_minutes=0))
    with TestClient(app) as test_client:
        yield test_client


def test_metadata_is_json_and_the_timestamp_is_not_cached(client):
    response = client.get("/tuf/metadata/timestamp.json")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.headers["cache-control"] == "no-cache"
    versioned = client.get("/tuf/metadata/1.root.json")
    assert "immutable" in versioned.headers["cache-control"]


def test_targets_are_served_by_their_hashed_names(client, publisher):
    info = publisher.repository.targets().signed.targets["channels/mong-cai/catalog.json"]
    name = f"/tuf/targets/channels/mong-cai/{info.hashes['sha256']}.catalog.json"
    response = client.get(name)
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"


def test_the_kiosk_software_is_served_by_its_hashed_name(client, publisher, tmp_path):
    from hub.publishing.software import publish_software
    from tests.deploy.updatekit import bundle_tarball

    tarball = bundle_tarball(tmp_path, "2.0")
    release = publish_software(publisher.repository, publisher.data_dir, tarball)
    response = client.get(f"/tuf/targets/software/{release.sha256}.kiosk.tar.gz")
    assert response.status_code == 200 and response.content == tarball.read_bytes()


@pytest.mark.parametrize(
    "path",
    [
        "/tuf/metadata/",
        "/tuf/targets/",
        "/tuf/targets/assets/",
        "/tuf/metadata/../keys/root.pem",
        "/tuf/targets/assets/..%2F..%2Fkeys%2Ftimestamp.pem",
        "/tuf/metadata/secret.json",
    ],
)
def test_no_listings_and_nothing_outside_the_repository(client, path):
    assert client.get(path).status_code == 404


def test_a_kiosk_syncs_from_the_hub_service(tmp_path, publisher):
    port = free_port()
    app = create_app(HubSettings(publisher.data_dir, resign_timestamp_every_minutes=0))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(200):
            if server.started:
                break
            time.sleep(0.05)
        config = enrol_device(
            tmp_path / "kiosk", f"http://127.0.0.1:{port}", publisher.repository.root_bytes()
        )
        device = Device(config)
        try:
            report = device.refresh()
            assert report.outcome is Outcome.UPDATED, report.detail
        finally:
            device.close()
    finally:
        server.should_exit = True
        thread.join(10)
