"""Which SQL statements ran, for tests that count them (no N+1 queries, one read per kept page)."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from core.extensions import db
from core.reads import lone_rows_ran


@contextmanager
def statements_run() -> Iterator[list[str]]:
    """The SQL text of every statement run meanwhile, BEGIN left out: those that pass
    SQLAlchemy's cursor events and the page-view reads core.reads runs on the driver, which
    announce themselves on `lone_rows_ran` instead."""
    seen: list[str] = []

    def on_cursor(_conn, _cursor, statement, *_rest) -> None:
        if statement != "BEGIN":
            seen.append(statement)

    def on_lone_rows(sql: str) -> None:
        seen.append(sql)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", on_cursor)
    lone_rows_ran.connect(on_lone_rows)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", on_cursor)
        lone_rows_ran.disconnect(on_lone_rows)
