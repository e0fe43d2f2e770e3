"""Reads that need no transaction: one pooled connection in autocommit, no ORM session.

A page that only shows what is stored (a cached shelf page's version numbers, the cart page's
cart) runs one statement; a session's transaction around it (BEGIN, ROLLBACK and the
session's own bookkeeping) costs more than the statement. Each statement is atomic by itself,
which is all these pages need. On SQLite, storefront.database emits no BEGIN for an
AUTOCOMMIT connection.

A read is tried again once on a new connection when the database dropped the one it was given
(a restart, a failover): pooled connections used in the last seconds are trusted without a
ping (storefront.database), and a read, unlike a write, is safe to repeat.
"""

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from core.extensions import db

T = TypeVar("T")


def lone_read(read: Callable[[Connection], T]) -> T:
    """`read(connection)` alone; inside a request's transaction, on that transaction's own
    connection, so the read sees what it has written."""
    if db.session.registry.has() and db.session().in_transaction():
        return read(db.session.connection())
    try:
        return _alone(read)
    except DBAPIError as error:
        if not error.connection_invalidated:
            raise
        return _alone(read)  # the pool has dropped the dead connections: this one is new


def _alone(read: Callable[[Connection], T]) -> T:
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        return read(connection)
