"""Every write starts the same way: `with write_transaction():` (or `@write_transaction()`).

On SQLite a deferred transaction that reads and then writes fails at once with "database is
locked" (SQLITE_BUSY_SNAPSHOT) when another writer committed in between, busy timeout or not.
So every write path ends the read transaction the request may hold and begins with BEGIN
IMMEDIATE, which takes the write lock first and waits (the busy timeout,
`SQLITE_BUSY_TIMEOUT`) for it instead; reads go on meanwhile (WAL). A lock still held when
the wait runs out becomes `StoreBusy`, a 503 with Retry-After, never a 500. On PostgreSQL it
is an ordinary transaction (the `immediate` option is ignored there).

The block commits when it ends and rolls back on any exception; a nested block joins the
outer one, so a service may call another without committing half of the caller's work.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from core.errors import StoreError
from core.extensions import db

_WRITING = "storefront.writing"
RETRY_AFTER_SECONDS = 2
_SQLITE_BUSY_CODES = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}


class StoreBusy(StoreError):
    """The database stayed locked longer than we wait; nothing was changed, try again."""

    status = 503
    code = "busy"
    headers = (("Retry-After", str(RETRY_AFTER_SECONDS)),)

    def __init__(self):
        super().__init__(
            "The store is very busy right now. Nothing was changed or charged; please try again in a moment."
        )


def is_lock_timeout(error: DBAPIError) -> bool:
    """SQLite's "database is locked" (SQLITE_BUSY or _LOCKED, any extended code): a wait ran out."""
    code = getattr(error.orig, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _SQLITE_BUSY_CODES
    return "database is locked" in str(error.orig)  # a driver that gives the message only


@contextmanager
def write_transaction() -> Iterator[Session]:
    """Run the block in one write transaction, begun with the write lock (BEGIN IMMEDIATE)."""
    session = db.session
    if session.info.get(_WRITING):
        yield session  # joined: the outermost block commits or rolls back
        return
    session.rollback()  # a read transaction begun earlier in the request would be deferred
    session.info[_WRITING] = True
    try:
        session.connection(execution_options={"immediate": True})
        yield session
        session.commit()
    except DBAPIError as error:
        session.rollback()
        if is_lock_timeout(error):
            raise StoreBusy() from error
        raise
    except BaseException:
        session.rollback()
        raise
    finally:
        session.info.pop(_WRITING, None)
