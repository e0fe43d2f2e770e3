"""A write lock held longer than the busy timeout is a 503 with Retry-After, never a 500."""

import sqlite3

import pytest

from tests.factories import make_product


@pytest.fixture
def backend():
    return "sqlite"  # the lock being waited for is SQLite's; PostgreSQL writers queue on rows


@pytest.fixture
def app_config():
    return {"SQLITE_BUSY_TIMEOUT": 0.2}


@pytest.fixture
def locked(app):
    """Another process holding the database's write lock (BEGIN IMMEDIATE) until the test ends."""
    from core.extensions import db

    path = db.engine.url.database
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    yield
    holder.execute("ROLLBACK")
    holder.close()


@pytest.fixture
def cart_token(client):
    make_product("TEA-1")
    return client.post("/api/v1/carts").get_json()["token"]


def test_a_lock_outlasting_the_wait_answers_503_with_retry_after_in_the_envelope(client, cart_token, locked):
    response = client.post(f"/api/v1/carts/{cart_token}/lines", json={"sku": "TEA-1", "quantity": 1})
    assert response.status_code == 503
    assert response.headers["Retry-After"].isdigit()
    error = response.get_json()["error"]
    assert error["code"] == "busy"
    assert "try again" in error["message"]


def test_a_shopper_adding_from_the_page_is_told_the_store_is_busy(client, cart_token, locked):
    response = client.post("/cart/add", data={"sku": "TEA-1", "quantity": "1"}, headers={"Accept": "text/html"})
    assert response.status_code == 503
    assert response.headers["Retry-After"].isdigit()
    page = response.get_data(as_text=True)
    assert "very busy" in page and "try again" in page


def test_the_store_works_again_once_the_lock_is_gone(client, cart_token):
    response = client.post(f"/api/v1/carts/{cart_token}/lines", json={"sku": "TEA-1", "quantity": 1})
    assert response.status_code == 200
