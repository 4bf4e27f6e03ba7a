"""Software updates against a hostile or broken world: every bad input leaves the running
release untouched and nothing pending."""

from __future__ import annotations

import errno
import signal
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest
from securesystemslib.signer import CryptoSigner
from tuf.api import exceptions
from tuf.api.metadata import Metadata, Targets

from device.update.state import UpdateSettings, refused_versions
from hub.publishing.keys import KeyStore
from sync.software import SoftwareStagingError
from tests.deploy.conftest import ROOT
from tests.deploy.updatekit import RUNNING, Rig, member, update_rig


def untouched(rig: Rig) -> bool:
    """The running release is current, whole, and nothing waits to replace it."""
    leftovers = [p.name for p in rig.layout.releases.iterdir() if p.name != RUNNING]
    return (
        rig.current() == RUNNING
        and (rig.layout.release(RUNNING) / "kiosk").is_file()
        and rig.pending() is None
        and leftovers == []
        and not rig.layout.ready_marker.exists()
    )


def staged_tarball(rig: Rig) -> Path:
    return next((rig.layout.staged_dir / "targets" / "software").iterdir())


def test_a_staged_bundle_changed_by_the_kiosk_user_is_rejected(tmp_path: Path) -> None:
    with update_rig(tmp_path) as rig:
        rig.publish("2.0")
        rig.stage()
        tarball = staged_tarball(rig)
        data = bytearray(tarball.read_bytes())
        data[-5] ^= 0xFF
        tarball.write_bytes(bytes(data))
        assert "rejected" in rig.install()
        assert untouched(rig)
        assert refused_versions(rig.layout.refused_file) == []  # the version is not to blame


def test_a_staged_bundle_with_bytes_added_is_rejected(tmp_path: Path) -> None:
    with update_rig(tmp_path) as rig:
        rig.publish("2.0")
        rig.stage()
        with staged_tarball(rig).open("ab") as handle:
            handle.write(b"\0" * 1024)
        assert "rejected" in rig.install()
        assert untouched(rig)


def test_a_bundle_changed_on_the_hub_is_not_staged(tmp_path: Path) -> None:
    with update_rig(tmp_path) as rig:
        release = rig.publish("2.0")
        stored = rig.publisher.repository_dir / "targets/software"
        (stored / f"{release.sha256}.kiosk.tar.gz").write_bytes(b"not the signed bundle")
        with pytest.raises(exceptions.LengthOrHashMismatchError):
            rig.stage()
        assert not rig.layout.ready_marker.exists()


def test_a_bundle_larger_than_the_cap_is_not_downloaded(tmp_path: Path) -> None:
    with update_rig(tmp_path) as rig:
        with rig.layout.config_file.open("a") as config:
            config.write("\n[update]\nmax_bundle_bytes = 1000000\n")
        big = rig.publish("2.0", extra=[member("kiosk/big", data_size=1_100_000)])
        assert big.length > 1_000_000
        with pytest.raises(SoftwareStagingError, match="at most 1000000"):
            rig.stage()
        assert not any("kiosk.tar.gz" in request for request in rig.hub.requests)
        assert not rig.layout.ready_marker.exists()


def test_software_signed_with_a_key_the_root_does_not_name_is_refused(tmp_path: Path) -> None:
    with update_rig(tmp_path) as rig:
        rig.publisher.keys.generate("targets", replace=True)  # not in the kiosks' root
        rig.publish("2.0")
        with pytest.raises(exceptions.UnsignedMetadataError):
            rig.stage()
        assert rig.install() == "nothing staged"
        assert untouched(rig)


def test_staged_metadata_forged_by_the_kiosk_user_is_rejected(tmp_path: Path) -> None:
    with update_rig(tmp_path) as rig:
        rig.publish("2.0")
        rig.stage()
        evil = rig.publish("6.6.6")  # a bundle the kiosk user wants root to install
        metadata = rig.layout.staged_dir / "metadata"
        name = next(p.name for p in metadata.glob("*.targets.json"))
        forged = Metadata[Targets].from_file(str(metadata / name))
        signed = rig.publisher.repository.targets().signed.targets["software/kiosk.tar.gz"]
        forged.signed.targets["software/kiosk.tar.gz"] = signed
        forged.signatures.clear()
        forged.sign(CryptoSigner.generate_ed25519())
        (metadata / name).write_bytes(forged.to_bytes())
        (rig.layout.staged_dir / "targets/software" / f"{evil.sha256}.kiosk.tar.gz").write_bytes(
            (rig.bundles / "kiosk-6.6.6.tar.gz").read_bytes()
        )
        assert "rejected" in rig.install()
        assert untouched(rig)


def test_staged_metadata_replaced_by_a_link_is_not_followed(tmp_path: Path) -> None:
    with update_rig(tmp_path) as rig:
        rig.publish("2.0")
        rig.stage()
        timestamp = rig.layout.staged_dir / "metadata/timestamp.json"
        secret = tmp_path / "root-only"
        secret.write_text("{}")
        timestamp.unlink()
        timestamp.symlink_to(secret)
        assert "rejected" in rig.install()
        assert untouched(rig)


def test_a_staged_folder_replaced_by_a_link_is_not_followed(tmp_path: Path) -> None:
    with update_rig(tmp_path) as rig:
        rig.publish("2.0")
        rig.stage()
        metadata = rig.layout.staged_dir / "metadata"
        elsewhere = tmp_path / "elsewhere"
        metadata.rename(elsewhere)
        metadata.symlink_to(elsewhere)
        assert "is a link" in rig.install()
        assert untouched(rig)


@pytest.mark.parametrize(
    "bad",
    [
        member("kiosk/../../../etc/evil"),
        member("/etc/evil"),
        member("kiosk/passwd", tarfile.SYMTYPE, "/etc/passwd"),
        member("kiosk/up", tarfile.SYMTYPE, "../../../../etc"),
        member("kiosk/hard", tarfile.LNKTYPE, "/etc/passwd"),
        member("elsewhere"),
    ],
    ids=["dotdot", "absolute", "symlink-absolute", "symlink-up", "hardlink", "outside-kiosk"],
)
def test_a_tarball_reaching_outside_its_folder_is_refused(
    tmp_path: Path, bad: tuple[tarfile.TarInfo, bytes]
) -> None:
    with update_rig(tmp_path) as rig:
        rig.publish("2.0", extra=[bad])
        rig.stage()
        assert "software 2.0 refused" in rig.install()
        assert untouched(rig)
        assert not (rig.layout.root / "etc/evil").exists()
        assert refused_versions(rig.layout.refused_file) == ["2.0"]
        assert rig.stage() == "software 2.0 is refused: it was rolled back on this kiosk"


def test_a_bundle_whose_version_file_disagrees_with_its_signature_is_refused(
    tmp_path: Path,
) -> None:
    with update_rig(tmp_path) as rig:
        rig.publish("2.0", stamp="2.1")  # signed as 2.1: what publish-software reads
        repository = rig.publisher.repository
        top = repository.targets()
        top.signed.targets["software/kiosk.tar.gz"].unrecognized_fields["custom"] = {
            "version": "2.0"
        }
        top.signed.version += 1
        repository.write_role(top, KeyStore(rig.publisher.data_dir / "keys").signer("targets"))
        repository.write_snapshot_and_timestamp({"targets": top.signed.version})
        rig.stage()
        assert (
            rig.install()
            == "software 2.0 refused: the tarball's VERSION says '2.1'; signed as '2.0'"
        )
        assert untouched(rig)


def test_a_bundle_without_its_executable_is_refused(tmp_path: Path) -> None:
    with update_rig(tmp_path) as rig:
        rig.publish("2.0", kiosk=None)
        rig.stage()
        assert rig.install() == "software 2.0 refused: no executable kiosk/kiosk in the tarball"
        assert untouched(rig)


def test_a_full_disk_while_unpacking_leaves_the_running_release(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with update_rig(tmp_path) as rig:
        rig.publish("2.0")
        rig.stage()
        monkeypatch.setattr(tarfile.TarFile, "makefile", disk_full)
        assert "software 2.0 not installed: [Errno 28]" in rig.install()
        assert untouched(rig)
        assert refused_versions(rig.layout.refused_file) == []
        monkeypatch.undo()
        rig.stage()  # the next sync stages it again; now there is room
        assert rig.install() == "software 2.0 installed; it starts between sessions"


def test_an_installation_killed_midway_is_finished_by_the_next_run(tmp_path: Path) -> None:
    with update_rig(tmp_path) as rig:
        rig.publish("2.0")
        rig.stage()
        # what a SIGKILL during the unpacking leaves: the marker, half a release, root's copy
        half = rig.layout.releases / ".2.0.new/kiosk/_internal"
        half.mkdir(parents=True)
        (half / "base_library.zip").write_bytes(b"half")
        rig.layout.incoming.mkdir(parents=True)
        (rig.layout.incoming / "kiosk.tar.gz").write_bytes(b"half")
        assert rig.current() == RUNNING
        assert rig.install() == "software 2.0 installed; it starts between sessions"
        assert sorted(p.name for p in rig.layout.releases.iterdir()) == [RUNNING, "2.0"]
        assert not (rig.layout.release("2.0") / "_internal/base_library.zip").exists()
        assert rig.current() == RUNNING and rig.pending() == "2.0"


def test_unpacking_more_than_the_cap_is_refused(tmp_path: Path) -> None:
    with update_rig(tmp_path) as rig:
        rig.settings = UpdateSettings.model_construct(
            trial_seconds=300, max_restarts=3, max_bundle_bytes=10_000
        )
        zeros, _ = member("kiosk/zeros")
        rig.publish("2.0", extra=[(zeros, bytes(40_000))])  # a few hundred bytes packed
        rig.stage()
        assert "unpacks to more than 30000 bytes" in rig.install()
        assert untouched(rig)


KILLED_INSTALL = """
import sys, tarfile, time
from pathlib import Path
from device.update.install import install
from device.update.layout import Layout
from device.update.state import UpdateSettings

unpack_file = tarfile.TarFile.makefile

def unpack_then_hang(self, member, target):
    unpack_file(self, member, target)
    Path(sys.argv[2]).touch()  # a file is unpacked: now the power goes
    time.sleep(600)

tarfile.TarFile.makefile = unpack_then_hang
install(Layout(Path(sys.argv[1])), UpdateSettings())
"""


def test_an_installation_killed_while_unpacking_leaves_the_running_release(
    tmp_path: Path,
) -> None:
    with update_rig(tmp_path) as rig:
        rig.publish("2.0")
        rig.stage()
        unpacking = tmp_path / "unpacking"
        child = subprocess.Popen(
            [sys.executable, "-c", KILLED_INSTALL, str(rig.layout.root), str(unpacking)], cwd=ROOT
        )
        try:
            for _tick in range(600):  # at most a minute for the child to start unpacking
                if unpacking.exists() or child.poll() is not None:
                    break
                time.sleep(0.1)
            assert unpacking.exists(), "the installation never started unpacking"
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait()
        assert (rig.layout.releases / ".2.0.new").exists() and rig.layout.ready_marker.exists()
        assert rig.current() == RUNNING and rig.pending() is None
        assert rig.install() == "software 2.0 installed; it starts between sessions"
        assert sorted(p.name for p in rig.layout.releases.iterdir()) == [RUNNING, "2.0"]
        assert rig.current() == RUNNING and rig.pending() == "2.0"
