"""What a refresh ended with: a kind (with the exit code `sync once` returns) and why."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from tuf.api import exceptions as tuf_errors


class Outcome(Enum):
    """Each kind of ending, with its `python -m sync once` exit code."""

    UPDATED = ("updated", 0)
    CURRENT = ("current", 0)
    CONFIG_INVALID = ("config-invalid", 2)
    HUB_UNREACHABLE = ("hub-unreachable", 3)
    REJECTED = ("rejected", 4)
    BUDGET_EXCEEDED = ("budget-exceeded", 5)
    STORAGE_FAILED = ("storage-failed", 6)
    BUSY = ("busy", 7)

    def __init__(self, label: str, exit_code: int) -> None:
        self.label = label
        self.exit_code = exit_code

    @property
    def ok(self) -> bool:
        return self.exit_code == 0


@dataclass(frozen=True)
class RefreshReport:
    outcome: Outcome
    detail: str
    content_version: int | None = None
    requests: int = 0
    bytes_received: int = 0
    assets_downloaded: int = 0
    assets_pruned: int = 0

    def line(self) -> str:
        return f"{self.outcome.label}: {self.detail}"


class RejectedError(Exception):
    """Content verified by TUF but refused by the device (wrong channel, rollback, bad catalog)."""


def classify(error: BaseException) -> Outcome:
    """Translate an error from any layer into the outcome a technician reads."""
    from cache import CacheError, ContentDatabaseError, VersionRollbackError
    from catalog import CatalogError
    from sync.fetcher import BudgetExceededError

    if isinstance(error, BudgetExceededError):
        return Outcome.BUDGET_EXCEEDED
    if isinstance(
        error,
        tuf_errors.RepositoryError
        | tuf_errors.DownloadLengthMismatchError
        | RejectedError
        | CatalogError
        | ContentDatabaseError
        | VersionRollbackError,
    ):
        return Outcome.REJECTED
    if isinstance(error, tuf_errors.DownloadError):
        return Outcome.HUB_UNREACHABLE
    if isinstance(error, CacheError | OSError):
        return Outcome.STORAGE_FAILED
    raise error
