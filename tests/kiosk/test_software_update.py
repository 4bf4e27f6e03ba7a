"""New kiosk software starts only between sessions: with a release pending, the kiosk goes on
serving the traveller in front of it, and stops (exit 0, its service starts the new release)
once it is back at the attract screen with nobody's session open. After its first frame it
reports its health, which decides whether the new release is kept."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.software_update import SoftwareUpdate
from tests.kiosk.driver import Driver


@pytest.fixture
def pending(tmp_path: Path) -> Path:
    return tmp_path / "opt" / "pending"


@pytest.fixture
def updating(
    kiosk_config: Any, font_dir: object, tmp_path: Path, pending: Path
) -> Iterator[tuple[Driver, list[int]]]:
    """The kiosk with a software update path; records when it stops instead of stopping."""
    from tests.kiosk.catalogs import kiosk_catalog
    from tests.kiosk.fake_content import FakeContent

    drive = Driver()
    update = SoftwareUpdate(pending, tmp_path / "health" / "ui.json")
    drive.start(kiosk_config, FakeContent(kiosk_catalog()), update=update)
    stops: list[int] = []
    drive.app.stop = lambda *_args: stops.append(drive.app.exit_code)
    yield drive, stops
    drive.stop()


def release_pending(pending: Path) -> None:
    pending.parent.mkdir(parents=True, exist_ok=True)
    pending.symlink_to("releases/2.0")


def test_a_pending_release_waits_while_a_traveller_uses_the_kiosk(
    updating: tuple[Driver, list[int]], pending: Path
) -> None:
    drive, stops = updating
    drive.start_session("en")
    release_pending(pending)
    drive.app.poll_content()
    assert stops == [] and drive.screen == "home"
    drive.tap(drive.current().ids.tiles.children[-1])  # the traveller opens a topic
    drive.app.poll_content()
    assert stops == [] and drive.screen == "topic"
    drive.tap(drive.footer("home"))
    drive.app.poll_content()
    assert stops == [] and drive.screen == "home"

    drive.idle_for(71)  # the traveller walks away: the session ends at the attract screen
    assert drive.screen == "attract"
    drive.app.poll_content()
    assert stops == [0]


def test_a_pending_release_starts_at_once_when_nobody_is_there(
    updating: tuple[Driver, list[int]], pending: Path
) -> None:
    drive, stops = updating
    drive.app.poll_content()
    assert stops == []  # nothing pending: the kiosk goes on
    release_pending(pending)
    drive.app.poll_content()
    assert stops == [0]


def test_a_tap_on_the_attract_screen_starts_a_session_that_the_update_waits_for(
    updating: tuple[Driver, list[int]], pending: Path
) -> None:
    drive, stops = updating
    release_pending(pending)
    drive.tap(drive.current())  # a traveller taps the attract screen: language choice
    assert drive.screen == "language"
    drive.app.poll_content()
    assert stops == []


def test_the_first_frame_reports_the_kiosk_healthy(
    updating: tuple[Driver, list[int]], tmp_path: Path
) -> None:
    drive, _stops = updating
    drive.frames(3)
    report = json.loads((tmp_path / "health" / "ui.json").read_text())
    assert report["ok"] is True and report["problems"] == []
    assert report["version"].endswith("+source")
