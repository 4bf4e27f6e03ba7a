"""Commands inside a booted guest through the QEMU guest agent (the image carries
qemu-guest-agent, which starts only when the virtual machine offers its virtio port: never on a
real device).

The agent speaks JSON lines on a Unix socket: `guest-sync` clears what an earlier, interrupted
conversation left, `guest-exec` starts a program and `guest-exec-status` collects its exit code
and output.
"""

from __future__ import annotations

import base64
import json
import logging
import random
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

READ_CHUNK = 1 << 20


class GuestAgentError(RuntimeError):
    """The agent did not answer, or answered with an error."""


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


class GuestAgent:
    def __init__(self, path: Path) -> None:
        self.path = path

    def _talk(self, connection: socket.socket, command: dict[str, Any], limit_s: float) -> Any:
        connection.settimeout(limit_s)
        connection.sendall(json.dumps(command).encode() + b"\n")
        reader = connection.makefile("rb")
        while True:
            line = reader.readline()
            if not line:
                raise GuestAgentError(f"the agent closed the connection ({command['execute']})")
            reply = json.loads(line.lstrip(b"\xff"))
            if "error" in reply:
                raise GuestAgentError(f"{command['execute']}: {reply['error']}")
            return reply["return"]

    def call(self, execute: str, limit_s: float = 30, **arguments: Any) -> Any:
        """One agent command, after a `guest-sync` that skips any stale reply."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.connect(str(self.path))
            token = random.randrange(1, 2**31)
            while (
                self._talk(connection, {"execute": "guest-sync", "arguments": {"id": token}}, 10)
                != token
            ):
                pass
            return self._talk(connection, {"execute": execute, "arguments": arguments}, limit_s)

    def wait_until_up(self, limit_s: float) -> None:
        """Until the agent answers (it starts during the guest's boot)."""
        deadline = time.monotonic() + limit_s
        while True:
            try:
                self.call("guest-ping", limit_s=10)
                return
            except (OSError, GuestAgentError) as error:
                if time.monotonic() > deadline:
                    raise GuestAgentError(
                        f"no guest agent after {limit_s:.0f} s: {error}"
                    ) from error
                time.sleep(2)

    def run(self, *argv: str, limit_s: float = 120) -> Ran:
        """Run `argv` in the guest as root and wait for it (at most `limit_s`)."""
        started = self.call(
            "guest-exec", path=argv[0], arg=list(argv[1:]), **{"capture-output": True}
        )
        deadline = time.monotonic() + limit_s
        while True:
            status = self.call("guest-exec-status", pid=started["pid"])
            if status["exited"]:
                return Ran(
                    status.get("exitcode", -1),
                    _text(status.get("out-data")),
                    _text(status.get("err-data")),
                )
            if time.monotonic() > deadline:
                raise GuestAgentError(f"{' '.join(argv)} still running after {limit_s:.0f} s")
            time.sleep(1)

    def shell(self, script: str, limit_s: float = 120) -> Ran:
        return self.run("/bin/sh", "-c", script, limit_s=limit_s)

    def start(self, *argv: str) -> int:
        """Start `argv` in the guest and return at once (its guest pid)."""
        return self.call("guest-exec", path=argv[0], arg=list(argv[1:]))["pid"]

    def fetch(self, path: str) -> bytes | None:
        """The bytes of the guest's file at `path`, None when there is none."""
        if self.run("/usr/bin/test", "-f", path).returncode != 0:
            return None
        handle = self.call("guest-file-open", path=path, mode="rb")
        chunks = []
        try:
            while True:
                read = self.call("guest-file-read", handle=handle, count=READ_CHUNK)
                chunks.append(base64.b64decode(read["buf-b64"]))
                if read["eof"]:
                    return b"".join(chunks)
        finally:
            self.call("guest-file-close", handle=handle)


def _text(data: str | None) -> str:
    return base64.b64decode(data).decode(errors="replace") if data else ""
