"""Free gifts under load: gift stock never below zero, every order still placed, no deadlock."""

import itertools

import pytest
from sqlalchemy import func, select

from catalog.models import Product
from core.extensions import db
from promotions import service
from promotions.models import Promotion
from promotions.schemas import PromotionIn
from storefront.checkout.models import Order, OrderLine
from tests.factories import make_department, make_product
from tests.integration.checkout.helpers import checkout, checkout_body
from tests.integration.concurrency.conftest import make_carts, race, statuses
from tests.integration.promotions.builders import make_gift_promotion

pytestmark = pytest.mark.postgres_only
_keys = itertools.count()


def buy(token):
    return lambda client: checkout(client, token, checkout_body(), key=f"gift-race-{next(_keys)}")


def fresh(query):
    db.session.rollback()
    return db.session.scalar(query)


def gift_lines() -> int:
    return fresh(select(func.count(OrderLine.id)).where(OrderLine.gift_promotion_id.is_not(None)))


def test_30_orders_racing_for_5_gifts_all_go_through_and_exactly_5_get_one(app):
    mat = make_product("MAT-1", price_cents=4000, stock=100)
    tote = make_product("TOTE-1", price_cents=1500, stock=5)
    promotion = make_gift_promotion("TOTE-1", min_subtotal_cents=4000)
    responses = race(app, [buy(token) for token in make_carts(30, lambda i: [(mat.id, 1)])])
    assert statuses(responses) == {201: 30}
    assert sum(bool(r.get_json()["gifts"]) for r in responses) == 5
    assert sum(bool(r.get_json()["messages"]) for r in responses) == 25
    assert gift_lines() == 5 and fresh(select(func.count(Order.id))) == 30
    assert fresh(select(Product.stock).where(Product.id == tote.id)) == 0
    assert fresh(select(Product.stock).where(Product.id == mat.id)) == 70
    row = fresh(select(Promotion).where(Promotion.id == promotion.id))
    assert (row.times_used, row.given_cents) == (5, 5 * 1500)


def _gift_for(department: str, sku: str):
    rule = {
        "name": f"{sku} with {department}",
        "trigger": "automatic",
        "eligible": {"departments": [department]},
        "benefit": {"type": "free_gift", "sku": sku},
    }
    return service.create_promotion(PromotionIn().load(rule))


def test_gifts_crossing_paid_lines_never_deadlock_or_oversell(app):
    a = make_product("A-1", stock=20, department=make_department("aisle-a"))
    b = make_product("B-1", stock=20, department=make_department("aisle-b"))
    _gift_for("aisle-a", "B-1")  # buying A gives a B, buying B gives an A: opposite row orders
    _gift_for("aisle-b", "A-1")
    tokens = make_carts(20, lambda i: [(a.id, 1)] if i % 2 else [(b.id, 1)])
    responses = race(app, [buy(token) for token in tokens])
    assert statuses(responses) == {201: 20}  # 10 paid + 10 gifts of each: exactly the stock
    assert gift_lines() == 20
    assert fresh(select(Product.stock).where(Product.id == a.id)) == 0
    assert fresh(select(Product.stock).where(Product.id == b.id)) == 0
