"""Starting a write transaction the same way everywhere.

On SQLite a deferred transaction that reads and then writes fails at once with "database
is locked" (SQLITE_BUSY_SNAPSHOT) when another writer committed in between, busy timeout
or not. BEGIN IMMEDIATE takes the write lock first and waits for it instead.
PostgreSQL ignores the option.
"""

from storefront.extensions import db


def begin_write() -> None:
    """End any read transaction, then begin a write one (BEGIN IMMEDIATE on SQLite)."""
    db.session.rollback()
    db.session.connection(execution_options={"immediate": True})
