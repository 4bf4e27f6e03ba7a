"""A device image booted in QEMU, driven like a device: power, screen, touch and keys.

One virtual display card (`virtio-vga`, its preferred mode set through EDID to the panel's
size; cage's wlroots 0.15 cannot drive QEMU's standard VGA, bochs-drm, which has no PRIME
import), a USB tablet for absolute touch, a serial console in a file, QEMU's
monitor (QMP) and the guest agent's port (tests/deploy/guest_agent.py) on Unix sockets, and
user networking with `restrict=on`: the guest reaches only
the ports forwarded to it. The disk is a copy-on-write overlay, so the built image stays clean.
KVM when /dev/kvm is usable, plain emulation (TCG) otherwise. The kernel also logs to the serial
console (the image puts "console=ttyS0" on its kernel command line).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

from PIL import Image
from qemu.qmp.legacy import QEMUMonitorProtocol

from tests.deploy.guest_agent import GuestAgent

logger = logging.getLogger(__name__)

OVMF_CODE = Path("/usr/share/OVMF/OVMF_CODE_4M.fd")
OVMF_VARS = Path("/usr/share/OVMF/OVMF_VARS_4M.fd")
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")  # the boot menu's colours and cursor moves
TABLET_MAX = 0x7FFF  # the USB tablet's absolute axis range


def kvm_usable(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """/dev/kvm is there and the processor has hardware virtualisation. Some virtual machines
    offer /dev/kvm without it; QEMU then dies in the firmware ("emulation failure")."""
    if not os.access("/dev/kvm", os.R_OK | os.W_OK):
        return False
    flags = next(
        (line for line in cpuinfo.read_text().splitlines() if line.startswith("flags")), ""
    )
    return bool({"vmx", "svm"} & set(flags.split()))


class Guest:
    """One QEMU process booting `disk` through an overlay kept in `folder`."""

    def __init__(
        self, disk: Path, folder: Path, size: tuple[int, int] = (1080, 1920), memory_mb: int = 2048
    ) -> None:
        self.disk = disk
        self.folder = folder
        self.size = size
        self.memory_mb = memory_mb
        self.overlay = folder / "disk.qcow2"
        self.serial = folder / "serial.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.qmp: QEMUMonitorProtocol | None = None
        self.shots = 0
        self.powered_on = 0.0
        self.agent = GuestAgent(folder / "agent.sock")

    def command(self, forwards: tuple[str, ...] = ()) -> list[str]:
        width, height = self.size
        accel = ["-accel", "kvm"] if kvm_usable() else ["-accel", "tcg"]
        network = ",".join(["user", "restrict=on", "model=virtio-net-pci", *forwards])
        return [
            "qemu-system-x86_64", "-machine", "q35", *accel, "-smp", "2",
            "-m", str(self.memory_mb), "-nodefaults", "-no-user-config",
            "-drive", f"if=pflash,format=raw,readonly=on,file={OVMF_CODE}",
            "-drive", f"if=pflash,format=raw,file={self.folder / 'vars.fd'}",
            "-drive", f"file={self.overlay},format=qcow2,if=virtio",
            "-device", f"virtio-vga,xres={width},yres={height}",
            "-device", "qemu-xhci", "-device", "usb-tablet",
            "-nic", network,
            "-serial", f"file:{self.serial}",
            "-chardev", f"socket,id=agent,path={self.agent.path},server=on,wait=off",
            "-device", "virtio-serial",
            "-device", "virtserialport,chardev=agent,name=org.qemu.guest_agent.0",
            "-qmp", f"unix:{self.folder / 'qmp.sock'},server=on,wait=off",
            "-display", "none",
        ]  # fmt: skip

    def boot(self, forwards: tuple[str, ...] = ()) -> None:
        """Power on (the disk overlay is made on the first boot and kept across reboots)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        if not self.overlay.exists():
            backing = ["-F", "raw", "-b", str(self.disk.resolve())]
            subprocess.run(
                ["qemu-img", "create", "-q", "-f", "qcow2", *backing, str(self.overlay)],
                check=True,
            )
            shutil.copyfile(OVMF_VARS, self.folder / "vars.fd")
        socket = self.folder / "qmp.sock"
        for stale in (socket, self.agent.path):  # left by the last boot's power cut
            stale.unlink(missing_ok=True)
        log = (self.folder / "qemu.log").open("ab")
        self.process = subprocess.Popen(self.command(forwards), stdout=log, stderr=log)
        self.powered_on = time.monotonic()
        deadline = time.monotonic() + 60
        while not socket.exists():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((self.folder / "qemu.log").read_text()[-2000:])
            time.sleep(0.1)
        self.qmp = QEMUMonitorProtocol(str(socket))
        self.qmp.connect()

    def power_cut(self) -> None:
        """Pull the plug: QEMU is killed, nothing in the guest gets to finish."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.qmp is not None:
            self.qmp.close()
        self.process = self.qmp = None

    def shutdown(self) -> None:
        self.power_cut()

    def screenshot(self, name: str | None = None) -> Image.Image:
        """The guest's framebuffer, as the panel shows it."""
        assert self.qmp is not None, "the guest is not running"
        self.shots += 1
        target = self.folder / (name or f"screen-{self.shots:03d}.png")
        self.qmp.cmd("screendump", filename=str(target), format="png")
        with Image.open(target) as image:
            return image.convert("RGB")

    def tap(self, x: int, y: int, hold_s: float = 0.15) -> None:
        """A finger down and up at screen pixel (x, y), through the USB tablet."""
        assert self.qmp is not None, "the guest is not running"
        width, height = self.size
        axes = [
            {"type": "abs", "data": {"axis": "x", "value": round(x * TABLET_MAX / (width - 1))}},
            {"type": "abs", "data": {"axis": "y", "value": round(y * TABLET_MAX / (height - 1))}},
        ]
        self.qmp.cmd("input-send-event", events=axes)
        for down in (True, False):
            button = {"type": "btn", "data": {"down": down, "button": "left"}}
            self.qmp.cmd("input-send-event", events=[button])
            time.sleep(hold_s)

    def keys(self, *qcodes: str) -> None:
        """Press the keys together and release them (`keys("ctrl", "alt", "f2")`)."""
        assert self.qmp is not None, "the guest is not running"
        codes = [{"type": "qcode", "data": code} for code in qcodes]
        self.qmp.cmd("send-key", keys=codes)

    def serial_text(self) -> str:
        return self.serial.read_text(errors="replace") if self.serial.exists() else ""

    def serial_tail(self, lines: int = 30) -> str:
        """The serial console's last lines, to show with a failure."""
        text = ANSI_ESCAPE.sub("", self.serial_text())
        tail = "\n".join(line.rstrip() for line in text.splitlines()[-lines:])
        return f"serial console ({self.serial}), last {lines} lines:\n{tail}"
