"""Everything the staff pages share, built once per app: stores, gate list, content, templates."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from hub.reports.cache import TtlCache
from hub.reports.content import ContentIndex
from hub.reports.gates import GateDirectory
from hub.staff.accounts import Accounts
from hub.staff.db import StaffDb
from hub.staff.figures import GateFigures
from hub.staff.qr_opens import OpenLimiter, QrOpens
from hub.staff.sessions import Sessions
from hub.staff.settings import StaffSettings
from hub.store import HubStore

STAFF_DB = "staff.db"
HUB_DB = "hub.db"
SECRET_FILE = "staff-secret"  # noqa: S105 (a file name, not a secret)


@dataclass
class StaffContext:
    settings: StaffSettings
    data_dir: Path
    db: StaffDb
    accounts: Accounts
    sessions: Sessions
    figures: GateFigures
    qr: QrOpens
    store: HubStore
    gates: GateDirectory
    content: ContentIndex
    secret: bytes
    qr_limiter: OpenLimiter = field(default_factory=OpenLimiter)
    reports: TtlCache = field(default_factory=TtlCache)
    """Report query results for a few minutes (usage arrives by the hour)."""
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    """The current moment (UTC): a period still running is counted up to it."""

    def now(self) -> datetime:
        return self.clock()

    @property
    def content_dir(self) -> Path:
        return self.settings.content_dir or default_content_dir(self.data_dir)

    def close(self) -> None:
        self.db.close()


def default_content_dir(data_dir: Path) -> Path:
    """The authoring folder: $HUB_CONTENT_DIR, else `<data>/content`."""
    chosen = os.environ.get("HUB_CONTENT_DIR")
    return Path(chosen) if chosen else Path(data_dir) / "content"


def open_staff_db(data_dir: Path) -> StaffDb:
    return StaffDb(Path(data_dir) / STAFF_DB)


def build_context(
    data_dir: Path, settings: StaffSettings | None = None, store: HubStore | None = None
) -> StaffContext:
    settings = settings or StaffSettings()
    data_dir = Path(data_dir)
    content_dir = settings.content_dir or default_content_dir(data_dir)
    db = open_staff_db(data_dir)
    return StaffContext(
        settings=settings,
        data_dir=data_dir,
        db=db,
        accounts=Accounts(db),
        sessions=Sessions(db, settings.sessions),
        figures=GateFigures(db),
        qr=QrOpens(db),
        store=store or HubStore(data_dir / HUB_DB),
        gates=GateDirectory(content_dir, data_dir / "catalogs"),
        content=ContentIndex(content_dir, data_dir),
        secret=load_secret(data_dir / SECRET_FILE),
        reports=TtlCache(settings.report_cache_seconds),
    )


def load_secret(path: Path) -> bytes:
    """The key CSRF tokens are signed with: 32 random bytes, made on first use, mode 0600.
    Several workers starting at once all end up with the first one written: the file appears
    whole or not at all (a hard link of a finished file), and a loser reads the winner's."""
    try:
        data = path.read_bytes()
        if len(data) >= 32:
            return data
        path.unlink(missing_ok=True)  # too short to be a key: replace it
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(secrets.token_bytes(32))
        handle.flush()
        os.fsync(handle.fileno())
    try:
        os.link(draft, path)
    except FileExistsError:
        pass  # another worker won
    finally:
        draft.unlink()
    return path.read_bytes()
