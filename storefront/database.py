"""Database engine tuning: SQLite gets WAL, a busy timeout, foreign keys and explicit BEGIN;
server databases get a ping for connections that have sat idle in the pool.

Writers begin through `core.transactions.write_transaction` (BEGIN IMMEDIATE here).
"""

import sqlite3
import time

from sqlalchemy import Engine, event
from sqlalchemy.exc import DisconnectionError

# Pooled server connections are replaced after this many seconds, before the usual idle
# timeouts of firewalls and poolers (an hour and more) can cut them.
POOL_RECYCLE_SECONDS = 1800


def engine_options(database_uri: str, busy_timeout: float = 10.0) -> dict:
    """Engine options by backend; SQLite waits `busy_timeout` seconds for the write lock.

    Server databases: connections are recycled every half hour, and `ping_idle_connections`
    (below) replaces SQLAlchemy's `pool_pre_ping`, which pings on every checkout.
    """
    if database_uri.startswith("sqlite"):
        # The driver runs in autocommit and SQLAlchemy emits BEGIN (below). Saying AUTOCOMMIT
        # here too tells SQLAlchemy the truth, so a connection that asks for AUTOCOMMIT (one
        # lone read, core.versions) is handed back to the pool as it found it.
        return {
            "connect_args": {"timeout": busy_timeout, "check_same_thread": False},
            "isolation_level": "AUTOCOMMIT",
        }
    return {"pool_recycle": POOL_RECYCLE_SECONDS, "pool_size": 10, "max_overflow": 20}


# A connection used this recently is handed out without a ping, as Rails does (rails/rails#53672).
TRUSTED_FOR_SECONDS = 2.0
_IDLE_SINCE = "idle_since"


def ping_idle_connections(engine: Engine) -> None:
    """Ping a pooled connection before use only when it has been idle for a while.

    A ping is a round trip, and on every checkout it was one of a cached page's two (under
    load a round trip to PostgreSQL costs more than the rest of such a page). It is for
    connections the server dropped while they sat in the pool (a restart, a failover, an idle
    timeout); one used a moment ago is as good as one in flight. A dead connection that is
    pinged is replaced before use; one that is trusted fails its statement, SQLAlchemy then
    drops every connection of the pool, and reads try again once on a new one (core.reads).
    """
    if engine.dialect.name == "sqlite":
        return  # a file in this process: nothing to drop it

    @event.listens_for(engine, "checkin")
    def remember_idle_since(_dbapi_connection, record) -> None:
        record.info[_IDLE_SINCE] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def ping_if_idle(dbapi_connection, record, _proxy) -> None:
        idle_since = record.info.get(_IDLE_SINCE)
        if idle_since is None or time.monotonic() - idle_since < TRUSTED_FOR_SECONDS:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            raise DisconnectionError("the pooled connection did not answer a ping") from error


@event.listens_for(Engine, "connect")
def _sqlite_on_connect(dbapi_connection, _record):
    """Hand transaction control to SQLAlchemy so write transactions can BEGIN IMMEDIATE."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_on_begin(connection):
    """Writers ask for `immediate=True` so two checkouts never deadlock upgrading read locks."""
    options = connection.get_execution_options()
    if connection.dialect.name != "sqlite" or options.get("isolation_level") == "AUTOCOMMIT":
        return
    immediate = options.get("immediate", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
