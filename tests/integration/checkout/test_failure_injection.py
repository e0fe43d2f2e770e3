"""Make each step fail in turn: no order, no stock taken, no use consumed, payment voided."""

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.exc import OperationalError

from catalog.models import Product
from core.extensions import db
from promotions import redemption
from promotions.models import Promotion, PromotionCode
from storefront.checkout import idempotency, mail
from storefront.checkout.models import IdempotencyKey, Order, OutboxMessage
from storefront.checkout.payments import provider
from tests.integration.checkout.helpers import DECLINED, checkout, checkout_body, fresh
from tests.integration.checkout.test_promotions_at_checkout import coded_cart
from tests.integration.promotions.builders import make_code_promotion


@pytest.fixture
def setup(client, tea, mat):
    promotion = make_code_promotion("SAVE5", amount_cents=500, usage_limit=10, code_limit=10)
    token = coded_cart(client, "SAVE5", ("TEA-1", 2), ("MAT-1", 1))
    return token, promotion


def assert_nothing_consumed(tea, mat, promotion):
    db.session.expire_all()
    assert db.session.scalar(select(func.count(Order.id))) == 0
    assert db.session.scalar(select(func.count(OutboxMessage.id))) == 0
    assert (fresh(type(tea), tea.id).stock, fresh(type(mat), mat.id).stock) == (10, 5)
    assert fresh(Promotion, promotion.id).times_used == 0
    assert db.session.scalar(select(PromotionCode.times_used)) == 0


def test_stock_failure_on_the_last_product_rolls_back_everything(client, setup, tea, mat, monkeypatch):
    token, promotion = setup
    gateway = provider()
    authorize = gateway.authorize

    def sold_out_meanwhile(*args, **kwargs):
        """Another shopper buys the last mats while the card is being authorised."""
        db.session.execute(update(Product).where(Product.id == mat.id).values(stock=0))
        db.session.commit()
        return authorize(*args, **kwargs)

    monkeypatch.setattr(gateway, "authorize", sold_out_meanwhile)
    response = checkout(client, token)
    assert response.status_code == 409 and "Yoga Mat is sold out." in response.get_json()["error"]["message"]
    db.session.execute(update(Product).where(Product.id == mat.id).values(stock=5))
    db.session.commit()
    assert_nothing_consumed(tea, mat, promotion)
    assert len(provider().voided) == 1


def test_code_claim_failure_rolls_back_everything(client, setup, tea, mat, monkeypatch):
    token, promotion = setup

    def refuse(claim):
        raise redemption.ClaimRefused(claim, "has reached its usage limit.")

    monkeypatch.setattr(redemption, "_claim_code", refuse)
    response = checkout(client, token)
    assert response.status_code == 409 and "SAVE5 has reached" in response.get_json()["error"]["message"]
    assert_nothing_consumed(tea, mat, promotion)


def test_payment_decline_consumes_nothing(client, setup, tea, mat):
    token, promotion = setup
    assert checkout(client, token, checkout_body(card=DECLINED)).status_code == 402
    assert_nothing_consumed(tea, mat, promotion)


def test_a_database_error_in_the_last_write_rolls_back_and_voids(client, setup, tea, mat, monkeypatch):
    """Recording the idempotency key's answer is the last write before the commit."""
    token, promotion = setup

    def explode(*args, **kwargs):
        raise OperationalError("UPDATE", {}, Exception("disk I/O error"))

    monkeypatch.setattr(idempotency, "finish", explode)
    response = checkout(client, token, key="boom")
    assert response.status_code == 500
    assert_nothing_consumed(tea, mat, promotion)
    assert len(provider().voided) == 1
    assert db.session.scalar(select(func.count(IdempotencyKey.id))) == 0


def test_a_lock_timeout_is_a_retryable_503_not_a_partial_order(client, setup, tea, mat, monkeypatch):
    token, promotion = setup

    def locked(order):
        """The confirmation mail is written after the order, its lines, stock and claims."""
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    monkeypatch.setattr(mail, "enqueue_confirmation", locked)
    response = checkout(client, token)
    assert response.status_code == 503 and response.get_json()["error"]["code"] == "busy"
    assert_nothing_consumed(tea, mat, promotion)
