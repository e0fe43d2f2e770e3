"""Idempotency-Key: a replay gets the first answer; a different request with the key is refused."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from core.extensions import db
from storefront.checkout.idempotency import request_fingerprint
from storefront.checkout.models import IdempotencyKey, KeyStatus, Order
from tests.integration.checkout.helpers import DECLINED, checkout, checkout_body, new_cart


def orders() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count(Order.id)))


def test_same_key_replayed_returns_the_same_status_and_body(client, tea):
    token = new_cart(client, ("TEA-1", 1))
    first = checkout(client, token, key="k-1")
    again = checkout(client, token, key="k-1")
    assert (again.status_code, again.get_json()) == (first.status_code, first.get_json())
    assert orders() == 1


def test_same_key_with_a_different_body_is_422(client, tea):
    token = new_cart(client, ("TEA-1", 1))
    checkout(client, token, key="k-1")
    response = checkout(client, token, checkout_body(email="other@example.com"), key="k-1")
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "idempotency_key_reused"


def test_a_key_still_in_flight_is_409(client, tea, app):
    token = new_cart(client, ("TEA-1", 1))
    body = checkout_body()
    with app.test_request_context(json=body):
        fingerprint = request_fingerprint("api", token, body)
    db.session.add(IdempotencyKey(key="api:k-1", fingerprint=fingerprint, status=KeyStatus.IN_FLIGHT))
    db.session.commit()
    response = checkout(client, token, body, key="k-1")
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "request_in_progress"
    assert orders() == 0


def test_a_key_abandoned_in_flight_is_taken_over(client, tea, app):
    token = new_cart(client, ("TEA-1", 1))
    body = checkout_body()
    with app.test_request_context(json=body):
        fingerprint = request_fingerprint("api", token, body)
    long_ago = datetime.now(UTC) - timedelta(minutes=10)
    db.session.add(IdempotencyKey(key="api:k-1", fingerprint=fingerprint, created_at=long_ago))
    db.session.commit()
    assert checkout(client, token, body, key="k-1").status_code == 201


def test_a_declined_payment_is_replayed_as_402(client, tea):
    token = new_cart(client, ("TEA-1", 1))
    first = checkout(client, token, checkout_body(card=DECLINED), key="k-1")
    again = checkout(client, token, checkout_body(card=DECLINED), key="k-1")
    assert first.status_code == again.status_code == 402
    assert first.get_json() == again.get_json()


def test_a_changed_cart_frees_the_key_for_a_confirmed_retry(client, tea):
    token = new_cart(client, ("TEA-1", 1))
    assert checkout(client, token, checkout_body(expected_total_cents=1), key="k-1").status_code == 409
    db.session.expire_all()
    assert db.session.scalar(select(func.count(IdempotencyKey.id))) == 0


def test_double_submit_without_a_key_places_one_order(client, tea):
    token = new_cart(client, ("TEA-1", 1))
    assert checkout(client, token, key=None).status_code == 201
    second = checkout(client, token, key=None)
    assert second.status_code == 409 and orders() == 1
