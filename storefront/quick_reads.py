"""The small reads every request makes, on a connection each thread keeps open in autocommit.

Checking a connection out of the pool costs more than these reads: a ping
(`pool_pre_ping`), BEGIN and ROLLBACK around one SELECT, three round trips to PostgreSQL
for one number. Version counters and a cart's revision need no transaction (each is one
committed value), so each thread keeps one autocommit connection for them. A connection
the database dropped is replaced once; a thread's connection is closed when the thread ends
(servers that start a thread per request then pay a connect per request: development only),
and `engine.dispose()` closes them all.
"""

import threading
import weakref

from flask import current_app
from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import DBAPIError

from storefront.extensions import db

EXTENSION_KEY = "storefront.quick_reads"


def _release(connection: Connection) -> None:
    """Close the DBAPI connection outright: it never goes back to the pool in autocommit."""
    if not connection.closed:
        connection.invalidate()
        connection.close()


class _Held:
    """One thread's connection; released when the thread (and so this holder) goes away."""

    def __init__(self, connection: Connection):
        self.connection = connection
        self.release = weakref.finalize(self, _release, connection)


class QuickReader:
    """One autocommit connection per thread, for small read-only statements."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.local = threading.local()
        self.held: weakref.WeakSet[_Held] = weakref.WeakSet()
        event.listen(engine, "engine_disposed", lambda _engine: self.close())

    def _connection(self) -> Connection:
        held = getattr(self.local, "held", None)
        if held is None or held.connection.invalidated or held.connection.closed:
            connection = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            held = self.local.held = _Held(connection)
            self.held.add(held)
        return held.connection

    def rows(self, statement, parameters: dict | None = None) -> list:
        try:
            return self._connection().execute(statement, parameters).all()
        except DBAPIError as error:
            if not error.connection_invalidated:
                raise
            return self._connection().execute(statement, parameters).all()

    def close(self) -> None:
        """Release every thread's connection (`engine.dispose()`)."""
        for held in list(self.held):
            held.release()


def quick_rows(statement, parameters: dict | None = None) -> list:
    """Rows of a small read-only `statement`, outside the request's session and transaction."""
    reader = current_app.extensions.get(EXTENSION_KEY)
    if reader is None or reader.engine is not db.engine:
        reader = current_app.extensions[EXTENSION_KEY] = QuickReader(db.engine)
    return reader.rows(statement, parameters)
