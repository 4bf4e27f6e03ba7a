"""A PostgreSQL server of its own in a folder, from Debian's postgresql packages (initdb and
pg_ctl), listening only on 127.0.0.1: for the tests, the benchmarks and trying the hub on
PostgreSQL without touching the machine's own server. Never for production (docs/hub.md)."""

from __future__ import annotations

import contextlib
import logging
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg

from hub.store.backend import pg_tools

logger = logging.getLogger(__name__)

START_TIMEOUT_S = 60


class LocalServerError(RuntimeError):
    """The scratch server cannot be found, made or started."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LocalServer:
    """initdb into `folder`, then start and stop with pg_ctl. PostgreSQL refuses to run as
    root, so as root the server runs as the `nobody` account, in a folder of its own under the
    temporary folder (which `nobody` can reach), removed by `running`."""

    def __init__(self, folder: Path) -> None:
        self._user: pwd.struct_passwd | None = pwd.getpwnam("nobody") if os.getuid() == 0 else None
        if self._user is not None:
            folder = Path(tempfile.mkdtemp(prefix="hub-postgresql-"))
        self.folder = Path(folder)
        self.data = self.folder / "data"
        self.port = _free_port()

    @property
    def admin_url(self) -> str:
        return self.url("postgres")

    def url(self, database: str) -> str:
        return f"postgresql://hub@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if self._user is not None:
            os.chown(self.folder, self._user.pw_uid, self._user.pw_gid)
        if not (self.data / "PG_VERSION").exists():
            self._run(
                "initdb", "-D", str(self.data), "-U", "hub", "--auth=trust",
                "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync",
            )  # fmt: skip
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories=''"
            " -c fsync=on -c max_connections=200 -c shared_buffers=128MB"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"),
            "-o", options, "-w", "-t", str(START_TIMEOUT_S), "start",
        )  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def create_database(self, name: str, template: str = "template1") -> str:
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _run(self, tool: str, *args: str, check: bool = True) -> None:
        command = [str(pg_tools.tool(tool)), *args]
        if self._user is not None:
            command = ["setpriv", f"--reuid={self._user.pw_uid}", f"--regid={self._user.pw_gid}",
                       "--clear-groups", *command]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if check and done.returncode != 0:
            log = self.folder / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise LocalServerError(f"{tool} failed: {done.stderr.strip()}\n{tail}")


@contextlib.contextmanager
def running(folder: Path) -> Iterator[LocalServer]:
    server = LocalServer(folder)
    server.start()
    try:
        yield server
    finally:
        server.stop("immediate")
        if server.folder != Path(folder):
            shutil.rmtree(server.folder, ignore_errors=True)
