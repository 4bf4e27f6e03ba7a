"""The booted image in the field (#14.3): it enrols, syncs and uploads usage against a hub on
the host, over QEMU user networking with `restrict=on` and one forwarded port (so the guest
reaches nothing else); `kiosk doctor` then passes, read over the serial console; a killed kiosk
comes back by itself; the console never blanks. That the clock and the journal survive is
checked after each power cut (tests/deploy/test_boot_power_cuts.py): a harder reboot, and no
extra boot to wait for.

Runs on the guest the boot tests booted (tests/deploy/conftest.py), after them. Commands run in
the guest through the QEMU guest agent (tests/deploy/guest_agent.py). Waits are bounded by the
limits measured for the boot tests."""

from __future__ import annotations

import re
import time

import pytest
from PIL import Image

from tests.deploy.conftest import is_root
from tests.deploy.guest import Guest
from tests.deploy.host_hub import HostHub
from tests.deploy.watch import BOOT_LIMIT_S, SCREEN_LIMIT_S, shown

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not is_root(), reason="building the disk image needs root (loop devices, chroot)"
    ),
]

DOCTOR_START = "doctor-report-starts"
DOCTOR_DONE = "doctor-exited-"
VM_HAS_NO_TOUCHSCREEN = "touch"
"""QEMU 7.2 offers an absolute tablet, not a touchscreen (no INPUT_PROP_DIRECT): doctor rightly
reports no touch panel in the virtual machine; every other check must pass."""


def test_the_guest_enrols_syncs_and_uploads_to_the_host_hub(enrolled: Guest) -> None:
    once = enrolled.agent.run("/usr/local/bin/kiosk", "sync", "once", limit_s=300)
    assert once.returncode == 0, once.stdout + once.stderr
    assert "content version" in (once.stdout + once.stderr).lower()
    upload = enrolled.agent.run("/usr/local/bin/kiosk", "sync", "upload", limit_s=300)
    assert upload.returncode == 0, upload.stdout + upload.stderr


def test_the_guest_reaches_nothing_but_the_hub(enrolled: Guest, host_hub: HostHub) -> None:
    probe = "timeout 10 bash -c 'exec 3<>/dev/tcp/{}/{}' && echo open || echo closed"
    for address, port in (("10.0.2.2", host_hub.port), ("1.1.1.1", 443), ("10.0.2.100", 22)):
        reached = enrolled.agent.shell(probe.format(address, port)).stdout.strip()
        assert reached == "closed", f"{address}:{port} is reachable from the guest"
    reached = enrolled.agent.shell(probe.format("10.0.2.100", 8080)).stdout.strip()
    assert reached == "open"


def doctor_report(serial: str) -> list[str]:
    """The PASS/FAIL lines of the last doctor run written to the serial console."""
    report = serial[serial.rfind(DOCTOR_START) :]
    report = report[: report.find(DOCTOR_DONE)]
    return [line.strip() for line in report.splitlines() if re.match(r"^(PASS|FAIL)  ", line)]


def test_doctor_passes_read_over_the_serial_console(enrolled: Guest) -> None:
    enrolled.agent.shell(
        f"echo {DOCTOR_START} >/dev/ttyS0; /usr/local/bin/kiosk doctor >/dev/ttyS0 2>&1;"
        f" echo {DOCTOR_DONE}$? >/dev/ttyS0",
        limit_s=300,
    )
    lines = doctor_report(enrolled.serial_text())
    assert len(lines) > 10, enrolled.serial_tail()
    failed = [line.split()[1] for line in lines if line.startswith("FAIL")]
    assert failed in ([], [VM_HAS_NO_TOUCHSCREEN]), "\n".join(lines)


def restarts(guest: Guest) -> int:
    return int(guest.agent.run("/usr/bin/systemctl", "show", "-P", "NRestarts", "kiosk").stdout)


def test_a_killed_kiosk_comes_back_by_itself(
    enrolled: Guest, references: dict[str, Image.Image], targets: dict
) -> None:
    before = restarts(enrolled)
    killed = enrolled.agent.shell(
        "for p in /proc/[0-9]*; do tr '\\0' ' ' <$p/cmdline 2>/dev/null | "
        "grep -q '^/opt/kiosk/current/kiosk run' && kill -KILL ${p#/proc/} && echo ${p#/proc/}; "
        "done"
    )
    assert killed.stdout.strip(), "no kiosk process found to kill"
    deadline = time.monotonic() + SCREEN_LIMIT_S
    while restarts(enrolled) == before:  # systemd saw cage end: the old frame is gone
        assert time.monotonic() < deadline, "kiosk.service was not restarted"
        time.sleep(2)
    shown(
        enrolled,
        references["attract"],
        "attract-after-kill.png",
        BOOT_LIMIT_S,
        tuple(targets["rotating"]),
    )


def test_the_console_never_blanks(enrolled: Guest) -> None:
    blank = enrolled.agent.run("/bin/cat", "/sys/module/kernel/parameters/consoleblank")
    assert blank.stdout.strip() == "0"
