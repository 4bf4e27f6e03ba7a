"""The trial of new software: a release that does not report itself healthy in time, or keeps
failing to start, is rolled back by itself, refused, and never downloaded again."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from device.update.state import Health, read_trial, refused_versions, write_health
from tests.deploy.conftest import ROOT
from tests.deploy.updatekit import RUNNING, Rig, update_rig

WRAPPER = ROOT / "deploy" / "kiosk-update"


def on_trial(rig: Rig, version: str = "2.0") -> None:
    rig.publish(version)
    rig.stage()
    rig.install()
    rig.switch()


def rolled_back(rig: Rig, version: str = "2.0") -> bool:
    return (
        rig.current() == RUNNING
        and not rig.layout.release(version).exists()
        and rig.layout.version_of(rig.layout.previous) is None
        and not rig.layout.trial_file.exists()
        and version in refused_versions(rig.layout.refused_file)
    )


def test_no_healthy_first_frame_within_the_trial_rolls_back(tmp_path: Path) -> None:
    with update_rig(tmp_path) as rig:
        on_trial(rig)
        assert "on trial" in rig.check(after_s=299)
        line = rig.check(after_s=301)
        assert line == "software 2.0 rolled back to 1.0: no healthy first frame in 300 s"
        assert rolled_back(rig)
        assert rig.services.calls[-2:] == [
            "try-restart kiosk-sync.service",
            "restart kiosk.service",
        ]


def test_a_release_that_keeps_failing_to_start_is_rolled_back_at_its_third_restart(
    tmp_path: Path,
) -> None:
    with update_rig(tmp_path) as rig:
        on_trial(rig)  # start 1
        assert rig.switch(after_s=3) == "software 2.0 on trial: start 2"
        assert rig.switch(after_s=6) == "software 2.0 on trial: start 3"
        line = rig.switch(after_s=9)  # the third restart: the old release starts instead
        assert line.startswith("software 2.0 rolled back to 1.0: the kiosk restarted 3 times")
        assert rolled_back(rig)
        assert "restart kiosk.service" not in rig.services.calls  # it is starting already


def test_a_rolled_back_version_is_not_downloaded_again(tmp_path: Path) -> None:
    with update_rig(tmp_path) as rig:
        on_trial(rig)
        rig.check(after_s=400)
        downloads = [r for r in rig.hub.requests if "kiosk.tar.gz" in r]
        assert rig.stage() == "software 2.0 is refused: it was rolled back on this kiosk"
        assert [r for r in rig.hub.requests if "kiosk.tar.gz" in r] == downloads
        rig.publish("2.1")  # a fixed release is welcome
        assert rig.stage() == "software 2.1 staged for installation"


def test_a_health_report_that_fails_or_is_old_or_of_another_version_does_not_commit(
    tmp_path: Path,
) -> None:
    with update_rig(tmp_path) as rig:
        on_trial(rig)
        rig.report_health("2.0", ok=False)
        assert "on trial" in rig.check(after_s=20)
        rig.report_health(RUNNING, ok=True)
        assert "on trial" in rig.check(after_s=20)
        rig.report_health("2.0", ok=True, after_s=-60)  # written before the switch
        assert "on trial" in rig.check(after_s=20)
        write_health(rig.layout.health_file, Health("2.0", True, "2026-12-01T10:00:30"))
        assert "on trial" in rig.check(after_s=40)  # a time without its offset is not believed
        rig.report_health("2.0", ok=True, after_s=21)
        assert rig.check(after_s=25) == "software 2.0 committed"


def test_a_healthy_restart_during_the_trial_commits(tmp_path: Path) -> None:
    with update_rig(tmp_path) as rig:
        on_trial(rig)
        rig.report_health("2.0", after_s=4)
        assert rig.switch(after_s=10) == "software 2.0 committed"
        assert rig.current() == "2.0" and read_trial(rig.layout.trial_file) is None


def test_a_power_cut_in_the_middle_of_the_switch_is_finished_at_the_next_start(
    tmp_path: Path,
) -> None:
    with update_rig(tmp_path) as rig:
        rig.publish("2.0")
        rig.stage()
        rig.install()
        rig.switch()
        # as if the power went after the trial was written, before the links changed
        (rig.layout.previous).unlink()
        (rig.layout.current).unlink()
        rig.layout.current.symlink_to(f"releases/{RUNNING}")
        rig.layout.pending.symlink_to("releases/2.0")
        assert rig.switch(after_s=30) == "switched to software 2.0; on trial"
        assert rig.current() == "2.0" and rig.layout.version_of(rig.layout.previous) == RUNNING


def test_the_update_steps_run_from_the_previous_release_while_one_is_on_trial(
    tmp_path: Path,
) -> None:
    with update_rig(tmp_path) as rig:
        on_trial(rig)
        for version in (RUNNING, "2.0"):  # each release's kiosk says which one ran
            kiosk = rig.layout.release(version) / "kiosk"
            kiosk.write_text(f'#!/bin/sh\necho "{version} $*"\n')
            kiosk.chmod(0o755)
        environment = {**os.environ, "KIOSK_ROOT": str(rig.layout.root)}

        def wrapper() -> str:
            return subprocess.run(
                [str(WRAPPER), "check"], env=environment, capture_output=True, text=True, check=True
            ).stdout.strip()

        assert wrapper() == f"{RUNNING} update check --root {rig.layout.root}"
        rig.report_health("2.0")
        rig.check(after_s=10)  # committed: the new release runs its own steps from now on
        assert wrapper() == f"2.0 update check --root {rig.layout.root}"


def test_a_kiosk_start_without_new_software_does_not_start_the_bundle(tmp_path: Path) -> None:
    with update_rig(tmp_path) as rig:
        kiosk = rig.layout.release(RUNNING) / "kiosk"
        kiosk.write_text("#!/bin/sh\necho ran\n")
        environment = {**os.environ, "KIOSK_ROOT": str(rig.layout.root)}
        said = subprocess.run(
            [str(WRAPPER), "switch"], env=environment, capture_output=True, text=True, check=True
        )
        assert said.stdout.strip() == "nothing to switch"
