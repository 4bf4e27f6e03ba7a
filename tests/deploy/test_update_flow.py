"""A software update from the hub to the screen: publish, stage, install, switch, trial, commit."""

from __future__ import annotations

import json
from pathlib import Path

from tests.deploy.updatekit import RUNNING, update_rig


def test_a_published_bundle_is_staged_installed_switched_and_committed(tmp_path: Path) -> None:
    with update_rig(tmp_path) as rig:
        rig.publish("2.0")
        assert rig.stage() == "software 2.0 staged for installation"
        ready = json.loads(rig.layout.ready_marker.read_text())
        assert ready["version"] == "2.0"

        assert rig.install() == "software 2.0 installed; it starts between sessions"
        assert rig.pending() == "2.0" and rig.current() == RUNNING
        assert not rig.layout.ready_marker.exists()
        assert not (rig.layout.staged_dir / "targets").exists()  # the download's room is freed

        assert rig.switch() == "switched to software 2.0; on trial"
        assert rig.current() == "2.0" and rig.pending() is None
        assert rig.layout.version_of(rig.layout.previous) == RUNNING
        assert rig.services.calls == ["try-restart kiosk-sync.service"]

        assert "on trial" in rig.check(after_s=10)
        rig.report_health("2.0", ok=True, after_s=12)
        assert rig.check(after_s=30) == "software 2.0 committed"
        assert not rig.layout.trial_file.exists()
        assert sorted(p.name for p in rig.layout.releases.iterdir()) == [RUNNING, "2.0"]


def test_the_next_update_keeps_only_the_current_and_previous_releases(tmp_path: Path) -> None:
    with update_rig(tmp_path) as rig:
        for number, version in enumerate(("2.0", "3.0")):
            rig.publish(version)
            rig.stage()
            rig.install()
            rig.switch(after_s=number * 100)
            rig.report_health(version, after_s=number * 100 + 5)
            rig.check(after_s=number * 100 + 10)
            rig.running = version
        assert sorted(p.name for p in rig.layout.releases.iterdir()) == ["2.0", "3.0"]
        assert rig.current() == "3.0"


def test_the_running_version_is_not_downloaded(tmp_path: Path) -> None:
    with update_rig(tmp_path) as rig:
        rig.publish(RUNNING)
        assert rig.stage() == f"software {RUNNING} is running"
        assert not rig.layout.ready_marker.exists()


def test_an_installed_update_waiting_to_start_is_not_downloaded_again(tmp_path: Path) -> None:
    with update_rig(tmp_path) as rig:
        rig.publish("2.0")
        rig.stage()
        rig.install()
        downloads = len([r for r in rig.hub.requests if "kiosk.tar.gz" in r])
        assert rig.stage() == "software 2.0 is installed; it starts between sessions"
        assert len([r for r in rig.hub.requests if "kiosk.tar.gz" in r]) == downloads


def test_no_software_published_stages_nothing(tmp_path: Path) -> None:
    with update_rig(tmp_path) as rig:
        assert rig.stage() == "no software published"
        assert rig.install() == "nothing staged"
        assert rig.switch() == "nothing to switch"
