"""Reads that need no transaction: one pooled connection in autocommit, no ORM session.

A page that only shows what is stored (a cached shelf page's version numbers, the cart page's
cart) runs one or two statements; a session's transaction around them (BEGIN, ROLLBACK and
the session's own bookkeeping) costs more than the statements. Each statement is atomic by
itself, which is all these pages need. On SQLite, storefront.database emits no BEGIN for an
AUTOCOMMIT connection.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection

from core.extensions import db


@contextmanager
def lone_reads() -> Iterator[Connection]:
    """A connection for a few lone reads; inside a request's transaction, that transaction's
    own connection, so the reads see what it has written."""
    if db.session.registry.has() and db.session().in_transaction():
        yield db.session.connection()
        return
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        yield connection
