"""Reads that need no transaction: one pooled connection in autocommit, no ORM session.

A page that only shows what is stored (a cached shelf page's version numbers, the cart page's
cart) runs one statement; a session's transaction around it (BEGIN, ROLLBACK and the
session's own bookkeeping) costs more than the statement. Each statement is atomic by itself,
which is all these pages need. On SQLite, storefront.database emits no BEGIN for an
AUTOCOMMIT connection.

A read is tried again once on a new connection when the database dropped the one it was given
(a restart, a failover): pooled connections used in the last seconds are trusted without a
ping (storefront.database), and a read, unlike a write, is safe to repeat.

`lone_rows(statement, params)` serves the reads every page view makes (a kept shelf page's
versions, the cart page's cart) on the pooled driver connection itself. SQLAlchemy still
writes the SQL (once per statement and dialect), pools the connection and converts values
with the column types' own processors; what it skips is SQLAlchemy's per-execution machinery
(a Connection, an execution context, result metadata), which cost the worker more CPU than
the statement: skipping it took a tenth off a kept page's CPU on PostgreSQL. Such reads
pass no SQLAlchemy cursor events, so they announce themselves on `lone_rows_ran`
(storefront.instrumentation counts them). Any driver error takes the statement down
SQLAlchemy's own path instead, which handles a dropped connection and reports the rest.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from blinker import Namespace
from sqlalchemy import Connection, Dialect, Select
from sqlalchemy.exc import DBAPIError

from core.extensions import db

T = TypeVar("T")
lone_rows_ran = Namespace().signal("lone-rows-ran")


def lone_read(read: Callable[[Connection], T]) -> T:
    """`read(connection)` alone; inside a request's transaction, on that transaction's own
    connection, so the read sees what it has written."""
    if in_session_transaction():
        return read(db.session.connection())
    try:
        return _alone(read)
    except DBAPIError as error:
        if not error.connection_invalidated:
            raise
        return _alone(read)  # the pool has dropped the dead connections: this one is new


def in_session_transaction() -> bool:
    return db.session.registry.has() and db.session().in_transaction()


def _alone(read: Callable[[Connection], T]) -> T:
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        return read(connection)


def lone_rows(statement: Select, params: Mapping[str, object] | None = None) -> list[tuple]:
    """The rows of `statement` with `params` (plain values of its `bindparam`s), as tuples of
    converted values; inside a request's transaction, on that transaction's own connection.

    `statement` is built once (at module level or under functools.cache): its SQL is
    compiled once per statement object and dialect."""
    params = params or {}
    if in_session_transaction():
        return _through_sqlalchemy(statement, params)
    engine = db.engine
    plan = _plan(statement, engine.dialect)
    try:
        rows = _fetch(engine.raw_connection(), engine.dialect, plan, params)
    except engine.dialect.loaded_dbapi.Error:
        return _through_sqlalchemy(statement, params)
    lone_rows_ran.send(plan.sql)
    if not plan.result_processors:
        return rows
    return [plan.converted(row) for row in rows]


def _through_sqlalchemy(statement: Select, params: Mapping[str, object]) -> list[tuple]:
    return lone_read(lambda connection: [tuple(row) for row in connection.execute(statement, params)])


@dataclass(frozen=True)
class _Plan:
    """A statement compiled for one dialect, with what its values need on the way in and out."""

    sql: str
    positional_names: tuple[str, ...] | None  # a positional driver's order; None: by name
    fixed: dict[str, object]  # the values written into the statement, converted
    bind_processors: dict[str, Callable]
    result_processors: tuple[tuple[int, Callable], ...]

    def parameters(self, params: Mapping[str, object]):
        values = dict(self.fixed)
        for name, value in params.items():
            convert = self.bind_processors.get(name)
            values[name] = convert(value) if convert else value
        if self.positional_names is None:
            return values
        return tuple(values[name] for name in self.positional_names)

    def converted(self, row) -> tuple:
        row = list(row)
        for index, convert in self.result_processors:
            row[index] = convert(row[index])
        return tuple(row)


@lru_cache(maxsize=64)
def _plan(statement: Select, dialect: Dialect) -> _Plan:
    compiled = statement.compile(dialect=dialect)
    if compiled.escaped_bind_names or any(bind.expanding for bind in compiled.binds.values()):
        raise ValueError("lone_rows takes statements with plain parameter names and no IN lists")
    bind_processors = {
        name: processor
        for name, bind in compiled.binds.items()
        if (processor := bind.type.dialect_impl(dialect).bind_processor(dialect)) is not None
    }
    fixed = {}
    for name, bind in compiled.binds.items():
        if bind.value is not None or not bind.required:
            value = bind.effective_value
            fixed[name] = bind_processors[name](value) if name in bind_processors else value
    result_processors = tuple(
        (index, processor)
        for index, column in enumerate(statement.selected_columns)
        if (processor := column.type.dialect_impl(dialect).result_processor(dialect, None)) is not None
    )
    positional = tuple(compiled.positiontup) if compiled.positional else None
    return _Plan(compiled.string, positional, fixed, bind_processors, result_processors)


def _fetch(connection, dialect: Dialect, plan: _Plan, params: Mapping[str, object]) -> list[tuple]:
    """On a pooled driver connection in autocommit (set and reset as SQLAlchemy's own path
    does); a connection that failed is dropped from the pool, never handed back."""
    try:
        dialect.set_isolation_level(connection.dbapi_connection, "AUTOCOMMIT")
        cursor = connection.cursor()
        cursor.execute(plan.sql, plan.parameters(params))
        rows = cursor.fetchall()
        cursor.close()
        dialect.reset_isolation_level(connection.dbapi_connection)
    except BaseException:
        connection.invalidate()
        raise
    finally:
        connection.close()
    return rows
