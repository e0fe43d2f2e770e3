"""Database engine tuning: SQLite gets WAL, a busy timeout, foreign keys and explicit BEGIN.

Writers begin through `core.transactions.write_transaction` (BEGIN IMMEDIATE here).
"""

import sqlite3

from sqlalchemy import Engine, event

# Pooled server connections are replaced after this many seconds, before the usual idle
# timeouts of firewalls and poolers (an hour and more) can cut them.
POOL_RECYCLE_SECONDS = 1800


def engine_options(database_uri: str, busy_timeout: float = 10.0) -> dict:
    """Engine options by backend; SQLite waits `busy_timeout` seconds for the write lock.

    PostgreSQL keeps `pool_pre_ping`: it costs a round trip per checkout of a connection (about
    0.3 ms, measured), but without it a connection the server dropped (a restart, a failover)
    fails a shopper's request with a 500; connections are also recycled every half hour.
    """
    if database_uri.startswith("sqlite"):
        # The driver runs in autocommit and SQLAlchemy emits BEGIN (below). Saying AUTOCOMMIT
        # here too tells SQLAlchemy the truth, so a connection that asks for AUTOCOMMIT (one
        # lone read, core.versions) is handed back to the pool as it found it.
        return {
            "connect_args": {"timeout": busy_timeout, "check_same_thread": False},
            "isolation_level": "AUTOCOMMIT",
        }
    return {"pool_pre_ping": True, "pool_recycle": POOL_RECYCLE_SECONDS, "pool_size": 10, "max_overflow": 20}


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
