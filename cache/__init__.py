"""The device cache: content.db (rebuildable content) and usage.db (precious device state).

The only kiosk-side package that touches SQLite. Everything is imported from here.
"""

from cache.content import ContentStore
from cache.database import SCHEMA as CONTENT_SCHEMA
from cache.database import ContentDatabaseError, DatabaseInfo
from cache.errors import CacheError, VersionRollbackError
from cache.recovery import open_content
from cache.snapshot import ContentSnapshot
from cache.state import StateStore
from cache.usage_limits import UsageLimits
from cache.usage_store import HourlyRow, UsageEvent, UsageStore
from cache.views import (
    ArticleCard,
    ArticleView,
    CatalogMeta,
    ContactView,
    SyncOutcome,
    TopicView,
)

__all__ = [
    "CONTENT_SCHEMA",
    "ArticleCard",
    "ArticleView",
    "CacheError",
    "CatalogMeta",
    "ContactView",
    "ContentDatabaseError",
    "ContentSnapshot",
    "ContentStore",
    "DatabaseInfo",
    "HourlyRow",
    "StateStore",
    "SyncOutcome",
    "TopicView",
    "UsageEvent",
    "UsageLimits",
    "UsageStore",
    "VersionRollbackError",
    "open_content",
]
