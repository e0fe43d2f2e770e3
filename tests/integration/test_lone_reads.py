"""`lone_read()` and `lone_rows()`: reads outside any transaction see what is committed, reads
inside a transaction see its own writes, a lone read leaves the pooled connection as it found
it, and a connection the server dropped costs a read nothing (it is tried again) and a write
nothing (an idle connection is pinged before use). `lone_rows()` hands back values as the
column types make them and says it ran."""

import time
from datetime import datetime

import pytest
from sqlalchemy import bindparam, create_engine, event, func, select
from sqlalchemy.pool import NullPool

from catalog.models import Department
from core.extensions import db
from core.reads import lone_read, lone_rows, lone_rows_ran
from core.transactions import write_transaction
from core.versions import read_versions
from storefront import database
from storefront.cart import service
from storefront.cart.models import Cart, CartStatus

BY_TOKEN = select(Cart.status, Cart.codes, Cart.created_at).where(Cart.token == bindparam("token"))
OPEN_BY_TOKEN = select(func.count()).where(Cart.token == bindparam("token"), Cart.status == CartStatus.OPEN)


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
    """What a database restart does to one pooled connection: the server ends it.

    pg_terminate_backend only signals the backend, so this waits until it is gone. In
    autocommit: inside one transaction PostgreSQL answers pg_stat_activity from the snapshot
    it took first, and a backend seen once would be seen for ever."""
    admin_engine = create_engine(db.engine.url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    deadline = time.monotonic() + 10
    with admin_engine.connect() as admin:
        admin.exec_driver_sql(f"SELECT pg_terminate_backend({int(pid)})")
        while admin.exec_driver_sql(f"SELECT count(*) FROM pg_stat_activity WHERE pid = {int(pid)}").scalar():
            assert time.monotonic() < deadline, f"backend {pid} still there 10 s after it was told to end"
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


def _cart_with_tea(codes: list[str]) -> str:
    with write_transaction():
        cart = service.create_cart()
        cart.codes = codes
    service.add_item(cart, "TEA-1", 2)
    return cart.token


def test_lone_rows_hands_back_values_as_the_column_types_make_them(app, tea):
    token = _cart_with_tea(["BNR41921"])
    db.session.remove()
    ((status, codes, created_at),) = lone_rows(BY_TOKEN, {"token": token})
    assert status is CartStatus.OPEN
    assert codes == ["BNR41921"]  # JSON, decoded
    assert isinstance(created_at, datetime)  # SQLite stores text
    assert lone_rows(BY_TOKEN, {"token": "no-such-cart"}) == []


def test_a_value_written_into_the_statement_is_sent_as_the_column_stores_it(app, tea):
    token = _cart_with_tea([])
    db.session.remove()
    assert lone_rows(OPEN_BY_TOKEN, {"token": token}) == [(1,)]
    with write_transaction():
        Cart.query.filter_by(token=token).one().status = CartStatus.COMPLETED
    db.session.remove()
    assert lone_rows(OPEN_BY_TOKEN, {"token": token}) == [(0,)]


def test_lone_rows_says_it_ran_with_its_sql(app, tea):
    token = _cart_with_tea([])
    db.session.remove()
    heard: list[str] = []
    listener = heard.append
    lone_rows_ran.connect(listener)
    try:
        lone_rows(BY_TOKEN, {"token": token})
    finally:
        lone_rows_ran.disconnect(listener)
    assert len(heard) == 1 and heard[0].startswith("SELECT carts.status")


def test_lone_rows_inside_a_transaction_sees_its_own_writes(app, tea):
    token = _cart_with_tea([])
    with pytest.raises(RuntimeError), write_transaction():
        Cart.query.filter_by(token=token).one().codes = ["WELCOME10"]
        db.session.flush()
        assert lone_rows(BY_TOKEN, {"token": token})[0][1] == ["WELCOME10"]
        raise RuntimeError("undo")
    assert lone_rows(BY_TOKEN, {"token": token})[0][1] == []


def test_lone_rows_refuses_a_statement_with_an_in_list(app):
    with pytest.raises(ValueError, match="no IN lists"):
        lone_rows(select(Cart.id).where(Cart.token.in_(bindparam("tokens", expanding=True))), {"tokens": ["a"]})


def test_lone_rows_on_a_connection_the_server_dropped_is_tried_again(app, tea):
    if db.engine.dialect.name == "sqlite":
        pytest.skip("the server dropping a connection is a PostgreSQL matter")
    token = _cart_with_tea([])
    db.session.remove()
    db.engine.dispose()
    dropped = lone_read(_backend_pid)  # the pool's one connection, just used: trusted, no ping
    _drop_server_side(dropped)
    assert lone_rows(BY_TOKEN, {"token": token})[0][0] is CartStatus.OPEN
    assert lone_read(_backend_pid) != dropped
