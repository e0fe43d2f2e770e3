"""`lone_reads()`: reads outside any transaction see what is committed, reads inside a
transaction see its own writes, and a lone read leaves the pooled connection as it found it."""

import pytest
from sqlalchemy import event

from catalog.models import Department
from core.extensions import db
from core.reads import lone_reads
from core.transactions import write_transaction
from core.versions import read_versions


def test_a_lone_read_sees_what_was_committed_and_opens_no_session(app):
    before = read_versions()
    with write_transaction():
        db.session.add(Department(slug="teas", name="Teas"))
    db.session.remove()
    assert read_versions()[1] == before[1] + 1
    assert not db.session.registry.has()  # the read made no session


def test_inside_a_transaction_the_read_sees_its_own_writes(app):
    before = read_versions()
    with pytest.raises(RuntimeError), write_transaction():
        db.session.add(Department(slug="teas", name="Teas"))
        db.session.flush()
        with lone_reads() as connection:
            assert connection is db.session.connection()
        raise RuntimeError("undo")
    assert read_versions() == before


def test_a_write_after_a_lone_read_still_runs_in_a_transaction(app):
    """On SQLite the lone read uses AUTOCOMMIT; the pooled connection must still BEGIN."""
    read_versions()
    statements: list[str] = []
    engine = db.engine
    listener = lambda _conn, _cursor, statement, *_rest: statements.append(statement.split()[0].upper())  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        with pytest.raises(RuntimeError), write_transaction():
            db.session.add(Department(slug="teas", name="Teas"))
            db.session.flush()
            raise RuntimeError("undo")
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    db.session.remove()
    with lone_reads() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM departments").scalar() == 0
    if engine.dialect.name == "sqlite":
        assert statements[0] == "BEGIN"
