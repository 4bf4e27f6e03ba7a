"""`python -m hub publish-software`: the kiosk bundle as a signed target of the repository,
signed with the offline targets key, kept by every content publish and by delegation."""

from __future__ import annotations

from pathlib import Path

import pytest
from tuf.api.metadata import Targets

from hub.__main__ import main
from hub.publishing.delegation import delegate, revoke
from hub.publishing.keys import DELEGATED_ROLE, KeyStore
from hub.publishing.online import publish_channel_online
from hub.publishing.publish import repository_for
from hub.publishing.repository import Repository
from hub.publishing.software import SoftwareError, publish_software
from tests.deploy.updatekit import bundle_tarball
from tests.sync.hubkit import Publisher

TARGET = "software/kiosk.tar.gz"


@pytest.fixture
def publisher(tmp_path: Path) -> Publisher:
    hub = Publisher(tmp_path / "hub")
    hub.publish()
    return hub


def not_a_tarball(path: Path) -> Path:
    path.write_bytes(b"not gzip")
    return path


def signed_version(targets: Targets) -> str:
    return targets.targets[TARGET].unrecognized_fields["custom"]["version"]


def test_the_cli_signs_the_bundle_with_its_version(
    publisher: Publisher, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tarball = bundle_tarball(tmp_path, "2.0")
    code = main(["publish-software", str(tarball), "--data-dir", str(publisher.data_dir)])
    assert code == 0
    assert "software 2.0 signed and published" in capsys.readouterr().out
    top = publisher.repository.targets()
    assert signed_version(top.signed) == "2.0"
    assert top.signed.targets[TARGET].length == tarball.stat().st_size
    keys = KeyStore(publisher.data_dir / "keys")
    publisher.repository.root().verify_delegate("targets", top)  # the top-level targets key
    assert keys.path("targets").exists()


def test_a_content_publish_keeps_the_software(publisher: Publisher, tmp_path: Path) -> None:
    publish_software(publisher.repository, publisher.data_dir, bundle_tarball(tmp_path, "2.0"))
    publisher.publish()
    assert signed_version(publisher.repository.targets().signed) == "2.0"


def test_delegating_and_revoking_keep_the_software_with_the_offline_key(
    publisher: Publisher, tmp_path: Path
) -> None:
    publish_software(publisher.repository, publisher.data_dir, bundle_tarball(tmp_path, "2.0"))
    repository: Repository = repository_for(publisher.data_dir, publisher.keys)
    delegate(repository)
    assert signed_version(repository.targets().signed) == "2.0"
    assert TARGET not in repository.role(DELEGATED_ROLE).signed.targets
    catalog, images = publisher.next_edition()
    publish_channel_online(publisher.data_dir, catalog, actor="desk", asset_files=images)
    assert signed_version(repository.targets().signed) == "2.0"
    revoke(repository)
    assert signed_version(repository.targets().signed) == "2.0"


def test_the_desk_key_alone_cannot_publish_software(publisher: Publisher, tmp_path: Path) -> None:
    delegate(repository_for(publisher.data_dir, publisher.keys))
    (publisher.data_dir / "keys" / "targets.pem").rename(tmp_path / "offline-targets.pem")
    code = main(
        ["publish-software", str(bundle_tarball(tmp_path, "2.0")), "--data-dir",
         str(publisher.data_dir)]
    )  # fmt: skip
    assert code == 1
    assert TARGET not in publisher.repository.targets().signed.targets


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda folder: folder / "missing.tar.gz", "No such file"),
        (lambda folder: not_a_tarball(folder / "x.tar.gz"), "not a readable tarball"),
        (lambda folder: bundle_tarball(folder, "2.0", stamp="../../etc"), "unusable version"),
    ],
    ids=["missing", "not-a-tarball", "bad-version"],
)  # fmt: skip
def test_what_is_not_a_bundle_is_not_published(
    publisher: Publisher, tmp_path: Path, make, message: str
) -> None:
    with pytest.raises(SoftwareError, match=message):
        publish_software(publisher.repository, publisher.data_dir, make(tmp_path))
    assert TARGET not in publisher.repository.targets().signed.targets


def test_a_tarball_without_a_version_file_is_not_published(
    publisher: Publisher, tmp_path: Path
) -> None:
    import tarfile

    tarball = tmp_path / "other.tar.gz"
    with tarfile.open(tarball, "w:gz") as archive:
        archive.add(__file__, arcname="kiosk/kiosk")
    with pytest.raises(SoftwareError, match="no kiosk/_internal/VERSION"):
        publish_software(publisher.repository, publisher.data_dir, tarball)


def test_a_bundle_over_the_cap_is_not_published(
    publisher: Publisher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("hub.publishing.software.MAX_BUNDLE_BYTES", 100)
    with pytest.raises(SoftwareError, match="at most 100 are published"):
        publish_software(publisher.repository, publisher.data_dir, bundle_tarball(tmp_path, "2.0"))
