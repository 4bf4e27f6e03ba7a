"""Where the update machinery keeps things, under a root folder (`/` on a device, a scratch
folder in tests), and the atomic symlink swaps deploy/install.sh also does."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from atomicfile import fsync_dir

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Layout:
    root: Path = Path("/")

    @property
    def opt(self) -> Path:
        return self.root / "opt/kiosk"

    @property
    def releases(self) -> Path:
        return self.opt / "releases"

    @property
    def current(self) -> Path:
        return self.opt / "current"

    @property
    def previous(self) -> Path:
        return self.opt / "previous"

    @property
    def pending(self) -> Path:
        return self.opt / "pending"

    @property
    def state_dir(self) -> Path:
        """Root's own: the trusted metadata, the trial and the refused versions."""
        return self.root / "var/lib/kiosk-update"

    @property
    def trust_dir(self) -> Path:
        return self.state_dir / "tuf"

    @property
    def trial_file(self) -> Path:
        return self.state_dir / "trial.json"

    @property
    def refused_file(self) -> Path:
        return self.state_dir / "refused.json"

    @property
    def incoming(self) -> Path:
        """Root's hash-checked copy of the bundle being installed."""
        return self.state_dir / "incoming"

    @property
    def staged_dir(self) -> Path:
        """Written by the sync daemon (user kiosk): never trusted as it is."""
        return self.root / "var/lib/kiosk/updates"

    @property
    def ready_marker(self) -> Path:
        return self.staged_dir / "ready"

    @property
    def health_file(self) -> Path:
        return self.root / "var/lib/kiosk/health/ui.json"

    @property
    def config_file(self) -> Path:
        return self.root / "etc/kiosk/kiosk.toml"

    @property
    def enrolled_root(self) -> Path:
        return self.root / "etc/kiosk/root.json"

    def release(self, version: str) -> Path:
        return self.releases / version

    def version_of(self, link: Path) -> str | None:
        """The release a symlink (current, previous, pending) names, or None."""
        try:
            target = link.readlink()
        except OSError:
            return None
        return target.name or None


def point(link: Path, version: str) -> None:
    """Make `link` name releases/<version>, atomically (a new symlink renamed over the old)."""
    staged = link.with_name(link.name + ".new")
    staged.unlink(missing_ok=True)
    staged.symlink_to(f"releases/{version}")
    staged.replace(link)
    fsync_dir(link.parent)


def remove_link(link: Path) -> None:
    link.unlink(missing_ok=True)
    fsync_dir(link.parent)
