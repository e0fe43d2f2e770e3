"""Version counters: one-row tables whose number moves whenever what they stand for changes.

They are the keys of what is cached (shelf pages in the shared cache, each process's
compiled promotions): a write changes the key, so nothing cached needs to be found and
deleted. This module is the one place that moves them. SQLAlchemy session events watch
every write to the tables below — ORM flushes and Core statements alike — and the counters
they stand for move once, just before the transaction commits, in a fixed order (after the
writer's own row locks, so concurrent writers cannot deadlock on them). A rolled-back
transaction moves nothing.
"""

from functools import cache

from sqlalchemy import event, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from core.extensions import db

# What shoppers see, by table: a write to the table on the left moves the counter on the right.
WATCHED = {
    "products": "catalog_version",
    "departments": "catalog_version",
    "promotions": "promotion_version",
    "promotion_codes": "promotion_version",
    "articles": "content_version",
    "article_ratings": "content_version",
    "article_comments": "content_version",
}
COUNTERS = ("promotion_version", "catalog_version", "content_version")
_MOVED = "versions.moved"


class VersionCounter:
    """Columns of a version table; the row with id 1 is the counter (the migration adds it)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=0)


def _counter(name: str):
    return db.metadata.tables[name]


@cache
def _versions_query():
    """Built once: composing the statement costs more than running it."""
    columns = [
        select(_counter(name).c.version).where(_counter(name).c.id == 1).scalar_subquery()
        for name in COUNTERS
    ]
    return select(*columns)


def read_versions() -> tuple[int, int, int]:
    """(promotions, catalog, content) as committed now, in one query.

    A cached shelf page needs nothing else from the database, so on PostgreSQL, when the
    request has no transaction going yet, the query runs on its own outside any transaction:
    no BEGIN and no ROLLBACK round trips (a single SELECT is atomic by itself). SQLite keeps the
    session's path: its transactions are in-process, and leaving AUTOCOMMIT would undo the
    explicit-BEGIN setup of storefront.database.
    """
    session = db.session()
    if session.in_transaction() or db.engine.dialect.name == "sqlite":
        # Core on the session's connection: a plain row, none of the ORM's result machinery.
        row = session.connection().execute(_versions_query()).one()
    else:
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            row = connection.execute(_versions_query()).one()
    return tuple(value or 0 for value in row)


def _note(session: Session, table_name: str | None) -> None:
    if (counter := WATCHED.get(table_name)) is not None:
        session.info.setdefault(_MOVED, set()).add(counter)


@event.listens_for(Session, "before_flush")
def _noted_flush(session: Session, _context, _instances) -> None:
    """ORM writes: new, deleted and really changed rows of watched tables."""
    for obj in (*session.new, *session.dirty, *session.deleted):
        table = getattr(obj, "__table__", None)
        if table is not None and (obj not in session.dirty or session.is_modified(obj)):
            _note(session, table.name)


@event.listens_for(Session, "do_orm_execute")
def _noted_statement(state) -> None:
    """Core and bulk writes (stock taken, usage claimed): any INSERT, UPDATE or DELETE."""
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        _note(state.session, getattr(table, "name", None))


@event.listens_for(Session, "before_commit")
def _move_counters(session: Session) -> None:
    session.flush()  # the commit's own flush comes after this event: its writes count too
    for name in sorted(session.info.pop(_MOVED, ())):
        table = _counter(name)
        moved = session.execute(
            update(table).where(table.c.id == 1).values(version=table.c.version + 1)
        ).rowcount
        if not moved:  # a schema made without the migration (tests): the first move adds it
            session.execute(table.insert().values(id=1, version=1))


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_MOVED, None)
