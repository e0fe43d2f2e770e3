"""Version counters: one-row tables whose number moves whenever what they stand for changes.

They are the keys of what is cached (shelf pages in the shared cache, each process's
compiled promotions): a write changes the key, so nothing cached needs to be found and
deleted. This module is the one place that moves them. SQLAlchemy session events watch
every write to the tables below — ORM flushes and Core statements alike — and the counters
they stand for move once, just before the transaction commits, in a fixed order (after the
writer's own row locks, so concurrent writers cannot deadlock on them). A rolled-back
transaction moves nothing. Once the transaction has committed, the numbers it moved them to
raise the mirror in the shared cache (core.version_mirror).
"""

from functools import lru_cache

from sqlalchemy import Select, event, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from core import version_mirror
from core.extensions import db
from core.reads import lone_rows

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
_MOVED_TO = "versions.moved_to"


class VersionCounter:
    """Columns of a version table; the row with id 1 is the counter (the migration adds it)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=0)


def _counter(name: str):
    return db.metadata.tables[name]


Versions = tuple[int, int, int]  # (promotions, catalog, content)


def read_versions() -> Versions:
    """(promotions, catalog, content) as committed now, in one query (core.reads): a cached
    shelf page needs nothing else from the database."""
    return versions_of(lone_rows(versions_query())[0])


def shared_versions() -> Versions:
    """The versions for a kept shelf page: from the mirror in the shared cache when it holds
    them, else from the database (raising the mirror to what was read). Inside a transaction,
    from the database, which sees the transaction's own writes."""
    if (mirrored := version_mirror.mirrored(COUNTERS)[0]) is not None:
        return mirrored
    return mirrored_from_database()


def mirrored_from_database() -> Versions:
    """The versions read from the database, the mirror raised to them: for a reader that found
    no mirror (or part of one)."""
    versions = read_versions()
    version_mirror.raise_to(dict(zip(COUNTERS, versions, strict=True)))
    return versions


def versions_of(row) -> Versions:
    """The versions from the first three columns of a row of `versions_query()`."""
    return row[0] or 0, row[1] or 0, row[2] or 0


@lru_cache(maxsize=1)
def versions_query() -> Select:
    """One row of the three counters: a read that selects from it (outer-joining its own
    tables) gets the versions in the same statement, so a page is one round trip."""
    return select(
        *(
            select(_counter(name).c.version).where(_counter(name).c.id == 1).scalar_subquery().label(name)
            for name in COUNTERS
        )
    )


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
    moved_to = {}
    for name in sorted(session.info.pop(_MOVED, ())):
        table = _counter(name)
        moved_to[name] = session.execute(
            update(table).where(table.c.id == 1).values(version=table.c.version + 1).returning(table.c.version)
        ).scalar()
        if moved_to[name] is None:  # a schema made without the migration (tests): the first move adds it
            session.execute(table.insert().values(id=1, version=1))
            moved_to[name] = 1
    if moved_to:
        session.info[_MOVED_TO] = moved_to


@event.listens_for(Session, "after_commit")
def _mirror_moved(session: Session) -> None:
    if moved_to := session.info.pop(_MOVED_TO, None):
        version_mirror.raise_to(moved_to)


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_MOVED, None)
    session.info.pop(_MOVED_TO, None)
