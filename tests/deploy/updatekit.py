"""Software updates end to end without a device: a signed hub on 127.0.0.1, a kiosk's sync side,
and root's update steps on a scratch root folder laid out like a device (/opt/kiosk, /var/lib)."""

from __future__ import annotations

import io
import os
import tarfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from device.update.install import install
from device.update.layout import Layout, point
from device.update.services import RecordedServices
from device.update.state import Health, UpdateSettings, write_health
from device.update.switch import switch
from device.update.trial import check
from device.update.trust import seed_trust
from hub.publishing.software import SoftwareRelease, publish_software
from sync.config import DeviceConfig, load_device_config
from sync.software import stage_software
from tests.sync.hubkit import Publisher, StaticHub, enrol_device

RUNNING = "1.0"
STARTED = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def bundle_tarball(
    where: Path,
    version: str,
    *,
    stamp: str | None = None,
    kiosk: bytes | None = b"#!/bin/sh\nexit 0\n",
    extra: list[tuple[tarfile.TarInfo, bytes]] | None = None,
) -> Path:
    """A small stand-in for `make bundle`'s tarball: kiosk/kiosk and kiosk/_internal/VERSION."""
    path = where / f"kiosk-{version}.tar.gz"
    members = [
        (_info("kiosk", tarfile.DIRTYPE, 0o755), b""),
        *([(_info("kiosk/kiosk", tarfile.REGTYPE, 0o755), kiosk)] if kiosk is not None else []),
        (_info("kiosk/_internal", tarfile.DIRTYPE, 0o755), b""),
        (
            _info("kiosk/_internal/VERSION", tarfile.REGTYPE, 0o644),
            f"{stamp or version}\n".encode(),
        ),
        *(extra or []),
    ]
    with tarfile.open(path, "w:gz") as archive:
        for info, data in members:
            info.size = len(data) if info.isfile() else 0
            archive.addfile(info, io.BytesIO(data) if info.isfile() else None)
    return path


def _info(name: str, kind: bytes, mode: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.mode = kind, mode
    return info


def member(
    name: str, kind: bytes = tarfile.REGTYPE, link: str = "", data_size: int = 4
) -> tuple[tarfile.TarInfo, bytes]:
    """One more tarball member; a regular file holds `data_size` random bytes."""
    info = _info(name, kind, 0o644)
    info.linkname = link
    return info, os.urandom(data_size) if kind == tarfile.REGTYPE else b""


def release_on_disk(layout: Layout, version: str) -> Path:
    folder = layout.release(version)
    (folder / "_internal").mkdir(parents=True)
    (folder / "kiosk").write_text("#!/bin/sh\nexit 0\n")
    (folder / "kiosk").chmod(0o755)
    (folder / "_internal" / "VERSION").write_text(version + "\n")
    return folder


@dataclass
class Rig:
    """One hub and one kiosk running RUNNING, with its update steps on a scratch root."""

    publisher: Publisher
    hub: StaticHub
    layout: Layout
    bundles: Path
    settings: UpdateSettings = field(default_factory=UpdateSettings)
    services: RecordedServices = field(default_factory=RecordedServices)
    running: str = RUNNING

    @property
    def config(self) -> DeviceConfig:
        return load_device_config(self.layout.config_file)

    def publish(self, version: str, **kwargs: object) -> SoftwareRelease:
        tarball = bundle_tarball(self.bundles, version, **kwargs)  # type: ignore[arg-type]
        return publish_software(self.publisher.repository, self.publisher.data_dir, tarball)

    def stage(self) -> str:
        return stage_software(
            self.config, datetime.now(UTC), layout=self.layout, running=self.running
        )

    def install(self) -> str:
        return install(self.layout, self.settings)

    def switch(self, after_s: float = 0) -> str:
        return switch(
            self.layout, self.settings, STARTED + timedelta(seconds=after_s), self.services
        )

    def check(self, after_s: float) -> str:
        return check(
            self.layout, self.settings, STARTED + timedelta(seconds=after_s), self.services
        )

    def report_health(self, version: str, ok: bool = True, after_s: float = 5) -> None:
        at = (STARTED + timedelta(seconds=after_s)).isoformat()
        write_health(self.layout.health_file, Health(version, ok, at))

    def current(self) -> str | None:
        return self.layout.version_of(self.layout.current)

    def pending(self) -> str | None:
        return self.layout.version_of(self.layout.pending)


@contextmanager
def update_rig(tmp_path: Path) -> Iterator[Rig]:
    publisher = Publisher(tmp_path / "hub")
    publisher.publish()
    layout = Layout(tmp_path / "device")
    release_on_disk(layout, RUNNING)
    point(layout.current, RUNNING)
    bundles = tmp_path / "bundles"
    bundles.mkdir()
    with StaticHub(publisher.repository_dir) as hub:
        data_dir = layout.root / "var/lib/kiosk"
        enrol_device(
            layout.config_file.parent,
            hub.url,
            publisher.repository.root_bytes(),
            data_dir=str(data_dir),
        )
        seed_trust(layout, publisher.repository.root_bytes())
        yield Rig(publisher, hub, layout, bundles)
