"""The database part of a backup when the hub runs on PostgreSQL: pg_dump's custom format into
the archive (`database.pgdump`), pg_restore from it into an empty database. Same major version
of the programs as the server is assumed (Debian installs them together)."""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

import psycopg

from hub.store.backend import pg_tools
from hub.store.backend.postgres import holds_hub_data

logger = logging.getLogger(__name__)

DUMP = "database.pgdump"
TIMEOUT_S = 3600


class DatabaseBackupError(Exception):
    """pg_dump or pg_restore failed, or the target database holds data already."""


def dump(url: str, destination: Path) -> None:
    """A consistent snapshot of the database (pg_dump runs in one transaction)."""
    _run("pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={destination}",
         f"--dbname={url}")  # fmt: skip


def restore(url: str, source: Path) -> None:
    """Load a dump into a database holding no hub data (empty, or only migrated): objects the
    dump has are dropped and made again, in one transaction."""
    if _holds_data(url):
        raise DatabaseBackupError("the database holds hub data: restore into an empty database")
    _run("pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
         "--single-transaction", "--exit-on-error", f"--dbname={url}", str(source))  # fmt: skip


def _holds_data(url: str) -> bool:
    try:
        return holds_hub_data(url)
    except psycopg.Error as error:
        raise DatabaseBackupError(f"cannot reach the database: {error}") from error


def _run(name: str, *args: str) -> None:
    try:
        program = pg_tools.tool(name)
    except pg_tools.ToolMissingError as error:
        raise DatabaseBackupError(str(error)) from error
    try:
        done = subprocess.run(
            [str(program), *args], capture_output=True, text=True, timeout=TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise DatabaseBackupError(f"{name} took longer than {TIMEOUT_S} s") from error
    if done.returncode != 0:
        raise DatabaseBackupError(f"{name} failed: {done.stderr.strip()[-1000:]}")
    logger.info("%s done", name)
