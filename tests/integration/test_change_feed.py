"""On PostgreSQL workers hear of changes (LISTEN/NOTIFY) instead of asking on every request."""

import time

import pytest
from sqlalchemy import text

from catalog import service as catalog_service
from storefront.cart import service as cart_service
from storefront.change_feed import EXTENSION_KEY, TRUST_SECONDS
from storefront.extensions import db
from tests.conftest import build_app
from tests.factories import make_department, make_product


@pytest.fixture
def tea(app, backend):
    if backend != "postgresql":
        pytest.skip("SQLite has no NOTIFY: every request reads the versions")
    return make_product("TEA-1", price_cents=1000, department=make_department("sleep", image="img/departments/sleep.svg"))


def product_page(client) -> str:
    db.session.remove()  # test requests share the test's session: start from a fresh one, as a server does
    return client.get("/products/tea-1").get_data(as_text=True)


def eventually(check, seconds: float = 2.0) -> bool:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def test_a_change_made_by_another_worker_reaches_this_one(app, tea):
    client = app.test_client()
    assert "$10.00" in product_page(client)
    other_worker = build_app(app.config["SQLALCHEMY_DATABASE_URI"])
    with other_worker.app_context():
        catalog_service.update_product("TEA-1", {"price_cents": 1250})
        db.session.remove()
        db.engine.dispose()
    assert eventually(lambda: "$12.50" in product_page(client))


def test_a_lost_listening_connection_forgets_everything(app, tea):
    client = app.test_client()
    assert "$10.00" in product_page(client)
    feed = app.extensions[EXTENSION_KEY]
    listener_pid = feed.connection.info.backend_pid
    db.session.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": listener_pid})
    # A change nobody announces (as if its notification was lost with the connection).
    db.session.execute(text("UPDATE products SET price_cents = 1250 WHERE sku = 'TEA-1'"))
    db.session.execute(text("UPDATE catalog_version SET version = version + 1"))
    db.session.commit()
    assert eventually(lambda: "$12.50" in product_page(client))
    assert feed.connection.info.backend_pid != listener_pid


def test_a_rolled_back_change_announces_nothing(app, tea):
    client = app.test_client()
    product_page(client)
    feed = app.extensions[EXTENSION_KEY]
    generation = feed.generation
    product = catalog_service.update_product("TEA-1", {"price_cents": 1100})  # committed: heard
    assert eventually(lambda: product_page(client) and feed.generation >= generation + 2)
    generation = feed.generation
    product.price_cents = 1200
    db.session.flush()
    db.session.rollback()
    time.sleep(0.05)
    assert "$11.00" in product_page(client)
    assert feed.generation == generation


def test_a_cart_changed_by_another_worker_shows_here(app, tea):
    client = app.test_client()
    token = client.post("/api/v1/carts").get_json()["token"]
    client.post(f"/api/v1/carts/{token}/lines", json={"sku": "TEA-1"})
    with client.session_transaction() as session:
        session["cart_token"] = token
    db.session.remove()
    assert "$10.00" in client.get("/cart").get_data(as_text=True)
    other_worker = build_app(app.config["SQLALCHEMY_DATABASE_URI"])
    with other_worker.app_context():
        cart_service.set_quantity(cart_service.find_cart(token), "TEA-1", 2)
        db.session.remove()
        db.engine.dispose()

    def shows_two() -> bool:
        db.session.remove()
        return "$20.00" in client.get("/cart").get_data(as_text=True)

    assert eventually(shows_two)


def test_a_change_nobody_announced_shows_within_a_second(app, tea):
    client = app.test_client()
    assert "$10.00" in product_page(client)
    db.session.execute(text("UPDATE products SET price_cents = 1250 WHERE sku = 'TEA-1'"))
    db.session.execute(text("UPDATE catalog_version SET version = version + 1"))
    db.session.commit()
    started = time.monotonic()
    assert eventually(lambda: "$12.50" in product_page(client), seconds=3)
    assert time.monotonic() - started < TRUST_SECONDS + 0.5
