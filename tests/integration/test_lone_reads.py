"""`lone_read()`: reads outside any transaction see what is committed, reads inside a
transaction see its own writes, a lone read leaves the pooled connection as it found it, and a
connection the server dropped costs a read nothing (it is tried again) and a write nothing
(an idle connection is pinged before use)."""

import time

import pytest
from sqlalchemy import create_engine, event
from sqlalchemy.pool import NullPool

from catalog.models import Department
from core.extensions import db
from core.reads import lone_read
from core.transactions import write_transaction
from core.versions import read_versions
from storefront import database


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
        assert lone_read(lambda connection: connection) is db.session.connection()
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
    assert lone_read(lambda connection: connection.exec_driver_sql("SELECT count(*) FROM departments").scalar()) == 0
    if engine.dialect.name == "sqlite":
        assert statements[0] == "BEGIN"


def _backend_pid(connection) -> int:
    return connection.exec_driver_sql("SELECT pg_backend_pid()").scalar()


def _drop_server_side(pid: int) -> None:
    """What a database restart does to one pooled connection: the server ends it."""
    with create_engine(db.engine.url, poolclass=NullPool).connect() as admin:
        admin.exec_driver_sql(f"SELECT pg_terminate_backend({int(pid)})")
        while admin.exec_driver_sql(f"SELECT count(*) FROM pg_stat_activity WHERE pid = {int(pid)}").scalar():
            time.sleep(0.01)


def test_a_read_on_a_connection_the_server_dropped_is_tried_again(app):
    if db.engine.dialect.name == "sqlite":
        pytest.skip("the server dropping a connection is a PostgreSQL matter")
    db.engine.dispose()
    dropped = lone_read(_backend_pid)  # the pool's one connection, just used: trusted, no ping
    _drop_server_side(dropped)
    assert lone_read(_backend_pid) != dropped
    assert read_versions()


def test_a_connection_idle_in_the_pool_is_pinged_and_replaced_before_a_write(app, monkeypatch):
    if db.engine.dialect.name == "sqlite":
        pytest.skip("the server dropping a connection is a PostgreSQL matter")
    db.engine.dispose()
    dropped = lone_read(_backend_pid)
    _drop_server_side(dropped)
    monkeypatch.setattr(database, "TRUSTED_FOR_SECONDS", 0.0)  # as if it had sat idle for long
    with write_transaction():
        db.session.add(Department(slug="teas", name="Teas"))
        assert _backend_pid(db.session.connection()) != dropped
    db.session.remove()
    assert read_versions()
