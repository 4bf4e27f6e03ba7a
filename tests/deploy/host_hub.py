"""A real hub on the host for a booted guest: keys, the sample content published and signed,
one enrolment code, and `python -m hub serve` on 127.0.0.1 (the guest reaches it only through
QEMU's forwarded port, tests/deploy/guest.py).
"""

from __future__ import annotations

import logging
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
GATE = "mong-cai"
GUEST_ADDRESS = "10.0.2.100"  # where the guest finds the hub (QEMU's guestfwd)
GUEST_PORT = 8080


class HostHubError(RuntimeError):
    """The hub did not set up or did not start."""


def _hub(*arguments: str, data: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "hub", *arguments, "--data-dir", str(data)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        raise HostHubError(f"hub {' '.join(arguments)}: {result.stderr[-2000:]}")
    return result.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class HostHub:
    def __init__(self, data: Path) -> None:
        self.data = data
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.first_version = 0

    @property
    def guest_forward(self) -> str:
        """The one port the guest may open: its 10.0.2.100:8080 is the hub on the host."""
        relay = f"{sys.executable} {ROOT / 'tests' / 'deploy' / 'relay.py'} 127.0.0.1 {self.port}"
        return f"guestfwd=tcp:{GUEST_ADDRESS}:{GUEST_PORT}-cmd:{relay}"

    @property
    def guest_url(self) -> str:
        return f"http://{GUEST_ADDRESS}:{GUEST_PORT}"

    def set_up(self) -> None:
        """Keys, and the sample content signed as the gate's first version."""
        _hub("keys", "init", data=self.data)
        self.first_version = self.publish_version(ROOT / "assets" / "content")

    def publish_version(self, content: Path) -> int:
        """Sign and publish an authoring folder; the gate's new content version."""
        said = _hub("publish", str(content), data=self.data)
        found = re.search(rf"^{GATE}: content version (\d+)", said, re.M)
        if found is None:
            raise HostHubError(f"no content version for {GATE} in: {said}")
        return int(found.group(1))

    def publish_software(self, tarball: Path) -> str:
        """Sign a kiosk bundle tarball for the devices (`hub publish-software`)."""
        return _hub("publish-software", str(tarball), data=self.data)

    def enrolment_code(self) -> str:
        found = re.search(
            r"^code:\s+(\S+)", _hub("devices", "add", "--gate", GATE, data=self.data), re.M
        )
        if found is None:
            raise HostHubError("no enrolment code in the hub's answer")
        return found.group(1)

    def start(self, limit_s: float = 60) -> None:
        log = (self.data / "serve.log").open("ab")
        where = ["--host", "127.0.0.1", "--port", str(self.port), "--data-dir", str(self.data)]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "hub", "serve", *where],
            cwd=ROOT,
            stdout=log,
            stderr=log,
        )
        deadline = time.monotonic() + limit_s
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise HostHubError((self.data / "serve.log").read_text()[-2000:]) from None
                time.sleep(0.5)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.process = None
