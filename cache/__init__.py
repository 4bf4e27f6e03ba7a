"""The device cache: content.db (rebuildable content) and usage.db (precious device state).

The only kiosk-side package that touches SQLite. Everything is imported from here.
"""

from cache.content import ContentStore
from cache.errors import CacheError, VersionRollbackError
from cache.recovery import open_content
from cache.state import StateStore
from cache.views import (
    ArticleCard,
    ArticleView,
    CatalogMeta,
    ContactView,
    SyncOutcome,
    TopicView,
)

__all__ = [
    "ArticleCard",
    "ArticleView",
    "CacheError",
    "CatalogMeta",
    "ContactView",
    "ContentStore",
    "StateStore",
    "SyncOutcome",
    "TopicView",
    "VersionRollbackError",
    "open_content",
]
