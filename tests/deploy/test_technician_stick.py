"""A technician's USB stick (`kiosk stick PATH`, what kiosk-stick@.service runs as root): it
enrols a fresh device with the code it carries, only with the hub the device was built for, and
always leaves a report with `kiosk doctor`'s findings on the stick."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from hub.devices.enrolment import issue_device
from hub.store import HubStore
from tests.deploy.conftest import run_device
from tests.usage_support import hub_app, running


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[tuple[str, HubStore]]:
    app, store = hub_app(tmp_path / "hub")
    with running(app) as url:
        yield url, store
    store.close()


def device_config(folder: Path, hub_url: str | None) -> Path:
    """A device's /etc/kiosk with kiosk.toml, built for `hub_url` (or for no hub)."""
    folder.mkdir(parents=True)
    line = f'hub_url = "{hub_url}"\n' if hub_url else ""
    (folder / "kiosk.toml").write_text(
        f'[kiosk]\ndata_dir = "{folder / "data"}"\n[sync]\ndata_dir = "{folder / "data"}"\n{line}'
    )
    return folder / "kiosk.toml"


def plug(stick: Path, config: Path) -> str:
    """Plug the stick in: run the stick service's command; the report it left on the stick."""
    result = run_device("stick", str(stick), env={"KIOSK_CONFIG": str(config)})
    assert result.returncode == 0, result.stderr
    reports = sorted((stick / "kiosk-reports").glob("*.txt"))
    assert len(reports) == 1, reports
    return reports[0].read_text()


def stick_with(tmp_path: Path, enrol: str | None) -> Path:
    stick = tmp_path / "stick"
    stick.mkdir()
    if enrol is not None:
        (stick / "kiosk-enrol.toml").write_text(enrol)
    return stick


def test_a_stick_with_a_code_enrols_a_fresh_device_and_reports_it(
    hub: tuple[str, HubStore], tmp_path: Path
) -> None:
    url, store = hub
    device, code = issue_device(store, "mong-cai")
    config = device_config(tmp_path / "etc", url)
    report = plug(stick_with(tmp_path, f'code = "{code}"\n'), config)
    assert "enrol (exit 0)" in report, report
    enrolled = tomllib.loads((tmp_path / "etc" / "device.toml").read_text())
    assert enrolled["device_id"] == device.id and enrolled["hub_url"] == url
    assert store.device(device.id).status == "active"  # type: ignore[union-attr]
    assert report.startswith("kiosk ") and f"device {device.id}" in report.splitlines()[0]
    assert "kiosk doctor (exit" in report and "PASS  config" in report, report
    assert "kiosk update status (exit 0):" in report, report
    assert code not in report  # the code is the stick's secret; the report may be shared


def test_a_stick_never_chooses_the_hub(hub: tuple[str, HubStore], tmp_path: Path) -> None:
    url, store = hub
    _, code = issue_device(store, "mong-cai")
    config = device_config(tmp_path / "etc", url)
    stick = stick_with(tmp_path, f'hub = "https://elsewhere.example"\ncode = "{code}"\n')
    report = plug(stick, config)
    assert "enrol: refused" in report and "belongs to " + url in report, report
    assert not (tmp_path / "etc" / "device.toml").exists()


def test_a_device_built_for_no_hub_is_not_enrolled_by_a_stick(
    hub: tuple[str, HubStore], tmp_path: Path
) -> None:
    _, store = hub
    _, code = issue_device(store, "mong-cai")
    config = device_config(tmp_path / "etc", None)
    report = plug(stick_with(tmp_path, f'code = "{code}"\n'), config)
    assert "enrol: refused" in report and "names no hub" in report, report
    assert not (tmp_path / "etc" / "device.toml").exists()


def test_an_unreadable_enrolment_file_is_named_in_the_report(tmp_path: Path) -> None:
    config = device_config(tmp_path / "etc", "https://hub.example")
    report = plug(stick_with(tmp_path, "code = \n"), config)
    assert "enrol: refused: kiosk-enrol.toml is unreadable" in report, report


def test_a_wrong_code_is_reported_and_nothing_is_written(
    hub: tuple[str, HubStore], tmp_path: Path
) -> None:
    url, _ = hub
    config = device_config(tmp_path / "etc", url)
    report = plug(stick_with(tmp_path, 'code = "WRONG-CODE"\n'), config)
    assert "enrol (exit" in report and "enrol (exit 0)" not in report, report
    assert "refused" in report, report
    assert not (tmp_path / "etc" / "device.toml").exists()


def test_a_plain_stick_gets_the_doctor_report_of_an_unenrolled_device(tmp_path: Path) -> None:
    config = device_config(tmp_path / "etc", None)
    report = plug(stick_with(tmp_path, None), config)
    assert report.startswith("kiosk ") and "enrol" not in report.splitlines()[1]
    assert "FAIL  trusted root" in report, report


def test_the_stick_command_wants_a_folder(tmp_path: Path) -> None:
    result = run_device("stick", str(tmp_path / "missing"))
    assert result.returncode == 2 and "is not a folder" in result.stderr


def test_an_enrolled_device_updates_from_the_stick_and_says_so(
    hub: tuple[str, HubStore], tmp_path: Path
) -> None:
    url, store = hub
    _, code = issue_device(store, "mong-cai")
    config = device_config(tmp_path / "etc", url)
    first = stick_with(tmp_path, f'code = "{code}"\n')
    assert "enrol (exit 0)" in plug(first, config)
    update = tmp_path / "update"
    update.mkdir()
    (update / "stick.json").write_text('{"channel": "moc-bai"}')
    report = plug(update, config)
    assert "update from the stick (exit" in report, report
    assert "the stick is for channel 'moc-bai'; this kiosk shows 'mong-cai'" in report, report
