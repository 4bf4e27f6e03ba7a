"""`kiosk update install` (root, started by kiosk-update.path when the sync daemon staged a
bundle): verify it again, unpack it beside the running release, point /opt/kiosk/pending at it.

Never touches /opt/kiosk/current. The `ready` marker and the staged files are consumed whatever
the outcome, so the path unit does not start this again and again; a run killed midway leaves
the marker, and the next run removes what the killed one left half-done. A signed bundle that is not a usable
kiosk bundle (unsafe paths, no executable, wrong VERSION) is refused for good; staged files
that do not verify are not (the next sync stages them again).
"""

from __future__ import annotations

import logging
import shutil

from atomicfile import fsync_dir
from device.update.layout import Layout, point
from device.update.state import UpdateSettings, read_trial, refuse, refused_versions
from device.update.trust import UntrustedUpdateError, verify_staged
from device.update.unpack import BadBundleError, unpack

logger = logging.getLogger(__name__)

UNPACKED_FACTOR = 3
"""A bundle may unpack to at most this many times the largest bundle downloaded."""


def install(layout: Layout, settings: UpdateSettings) -> str:
    """Install the staged bundle if there is one; what happened, in one line."""
    if not layout.ready_marker.exists():
        return "nothing staged"
    _remove_leftovers(layout)
    try:
        return _install(layout, settings)
    finally:
        layout.ready_marker.unlink(missing_ok=True)
        for staged in (
            layout.incoming,
            layout.staged_dir / "targets",
            layout.staged_dir / "metadata",
        ):
            shutil.rmtree(staged, ignore_errors=True)


def _install(layout: Layout, settings: UpdateSettings) -> str:
    trial = read_trial(layout.trial_file)
    if trial is not None:
        return f"software {trial.version} is on trial; the staged one is installed after it"
    try:
        verified = verify_staged(layout, layout.incoming, settings.max_bundle_bytes)
    except UntrustedUpdateError as error:
        logger.error("staged software rejected: %s", error)
        return f"staged software rejected: {error}"
    version = verified.version
    if version in refused_versions(layout.refused_file):
        return f"software {version} is refused: it was rolled back or unusable before"
    if version in (layout.version_of(layout.current), layout.version_of(layout.pending)):
        return f"software {version} is already installed"
    scratch = layout.releases / f".{version}.new"
    try:
        bundle = unpack(
            verified.tarball, scratch, version, settings.max_bundle_bytes * UNPACKED_FACTOR
        )
        target = layout.release(version)
        if target.exists():
            shutil.rmtree(target)
        bundle.rename(target)
        fsync_dir(layout.releases)
    except BadBundleError as error:
        refuse(layout.refused_file, version)
        logger.error("software %s refused: %s", version, error)
        return f"software {version} refused: {error}"
    except OSError as error:
        logger.error("software %s not installed: %s", version, error)
        return f"software {version} not installed: {error}"
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    point(layout.pending, version)
    logger.info("software %s installed; it starts between sessions", version)
    return f"software {version} installed; it starts between sessions"


def _remove_leftovers(layout: Layout) -> None:
    """What a killed run left: half-unpacked releases; never a release a link names."""
    if not layout.releases.is_dir():
        return
    for leftover in layout.releases.glob(".*.new"):
        logger.warning("removing %s, left by an interrupted installation", leftover.name)
        shutil.rmtree(leftover, ignore_errors=True)
