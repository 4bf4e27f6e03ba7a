"""The store's errors, the same whichever database is behind it."""

from __future__ import annotations

import sqlite3

import psycopg
import psycopg_pool


class StoreError(RuntimeError):
    """The hub store cannot be opened or written."""


class StoreUnavailableError(StoreError):
    """The database cannot be reached or is busy past its timeout; the request may be retried."""


DATABASE_ERRORS: tuple[type[Exception], ...] = (
    sqlite3.Error,
    psycopg.Error,
    psycopg_pool.PoolTimeout,
)
"""What a store method may raise from either database, before translation."""
