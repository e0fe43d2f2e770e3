"""Flash-sale races over HTTP: no oversold stock, no overused code, no deadlock, no 5xx."""

import itertools

import pytest
from sqlalchemy import func, select

from catalog.models import Product
from core.extensions import db
from promotions.models import Promotion
from storefront.checkout.models import Order, OrderDiscount
from tests.factories import make_product
from tests.integration.checkout.helpers import checkout, checkout_body
from tests.integration.concurrency.conftest import make_carts, race, statuses
from tests.integration.promotions.builders import make_code_promotion

pytestmark = pytest.mark.postgres_only
_keys = itertools.count()


def buy(token, **body):
    return lambda client: checkout(client, token, checkout_body(**body), key=f"race-{next(_keys)}")


def count(query) -> int:
    db.session.rollback()  # a fresh snapshot (SQLite WAL keeps the old one)
    return db.session.scalar(query)


def test_200_checkouts_racing_for_a_code_limited_to_50_give_exactly_50_discounts(app):
    tea = make_product("TEA-1", price_cents=1000, stock=1000)
    promotion = make_code_promotion("FLASH50", amount_cents=300, usage_limit=50)
    tokens = make_carts(200, lambda i: [(tea.id, 1)], codes=["FLASH50"])
    # Every shopper saw the discounted total: $10.00 - $3.00 + $6.95 shipping.
    responses = race(app, [buy(token, expected_total_cents=1395) for token in tokens])
    assert statuses(responses) == {201: 50, 409: 150}
    assert count(select(func.count(OrderDiscount.id))) == 50
    assert count(select(Promotion.times_used).where(Promotion.id == promotion.id)) == 50
    assert count(select(Product.stock).where(Product.id == tea.id)) == 950


def test_50_checkouts_racing_for_5_units_sell_exactly_5(app):
    mat = make_product("MAT-1", price_cents=4000, stock=5)
    tokens = make_carts(50, lambda i: [(mat.id, 1)])
    responses = race(app, [buy(token) for token in tokens])
    assert statuses(responses) == {201: 5, 409: 45}
    assert count(select(func.count(Order.id))) == 5
    assert count(select(Product.stock).where(Product.id == mat.id)) == 0


def test_20_carts_buying_a_and_b_in_opposite_orders_never_deadlock(app):
    a = make_product("A-1", stock=100)
    b = make_product("B-1", stock=100)
    tokens = make_carts(20, lambda i: [(a.id, 1), (b.id, 2)] if i % 2 else [(b.id, 2), (a.id, 1)])
    responses = race(app, [buy(token) for token in tokens])
    assert statuses(responses) == {201: 20}
    assert count(select(Product.stock).where(Product.id == a.id)) == 80
    assert count(select(Product.stock).where(Product.id == b.id)) == 60


def test_one_key_sent_10_times_at_once_places_one_order(app):
    tea = make_product("TEA-1", price_cents=1000, stock=100)
    (token,) = make_carts(1, lambda i: [(tea.id, 2)])
    body = checkout_body()
    responses = race(app, [lambda client: checkout(client, token, body, key="same-key")] * 10)
    counted = statuses(responses)
    assert set(counted) <= {201, 409} and counted[201] >= 1
    assert len({r.get_json()["number"] for r in responses if r.status_code == 201}) == 1
    assert count(select(func.count(Order.id))) == 1
    assert count(select(Product.stock).where(Product.id == tea.id)) == 98
