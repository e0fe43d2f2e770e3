"""One customer, one rule: `Ada+1@Example.com` is Ada for per-customer limits, first-order
offers, guest order lookup and accounts (promotions/engine/customers.py)."""

from promotions import service
from promotions.schemas import PromotionIn
from tests.integration.checkout.helpers import checkout, checkout_body, new_cart
from tests.integration.promotions.builders import make_code_promotion


def coded_cart(client, code: str, *lines) -> str:
    token = new_cart(client, *lines)
    assert client.post(f"/api/v1/carts/{token}/codes", json={"code": code}).status_code == 200
    return token


def order_as(client, email: str, code: str | None = None) -> dict:
    token = coded_cart(client, code, ("TEA-1", 1)) if code else new_cart(client, ("TEA-1", 1))
    response = checkout(client, token, checkout_body(email=email))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_a_plus_tag_does_not_make_a_new_customer_for_a_once_per_customer_code(client, tea):
    make_code_promotion("ONCE", amount_cents=500, per_customer=1)
    assert order_as(client, "ada@example.com", "ONCE")["discount_cents"] == 500
    assert order_as(client, "Ada+1@Example.com", "ONCE")["discount_cents"] == 0
    assert order_as(client, "ada+shopping@example.com", "ONCE")["discount_cents"] == 0


def test_the_tagged_address_used_first_counts_for_the_plain_one(client, tea):
    make_code_promotion("ONCE", amount_cents=500, per_customer=1)
    assert order_as(client, "ada+news@example.com", "ONCE")["discount_cents"] == 500
    assert order_as(client, "ADA@example.com", "ONCE")["discount_cents"] == 0


def test_another_customer_still_gets_the_code(client, tea):
    make_code_promotion("ONCE", amount_cents=500, per_customer=1)
    order_as(client, "ada@example.com", "ONCE")
    assert order_as(client, "ada.lovelace@example.com", "ONCE")["discount_cents"] == 500  # dots are kept


def test_a_first_order_offer_is_not_renewed_by_a_plus_tag(client, tea):
    rule = {
        "name": "First order $3 off",
        "trigger": "automatic",
        "conditions": [{"type": "first_order"}],
        "benefit": {"type": "amount_off_order", "amount_cents": 300},
    }
    service.create_promotion(PromotionIn().load(rule))
    assert order_as(client, "ada@example.com")["discount_cents"] == 300
    assert order_as(client, "ada+2@example.com")["discount_cents"] == 0


def test_a_guest_order_is_found_with_or_without_the_tag_but_not_by_someone_else(client, tea):
    number = order_as(client, "ada+shop@example.com")["number"]
    for email in ("ada@example.com", "Ada+Shop@Example.com", "ada+other@example.com"):
        assert client.get(f"/api/v1/orders/{number}", query_string={"email": email}).status_code == 200
    assert client.get(f"/api/v1/orders/{number}", query_string={"email": "bob@example.com"}).status_code == 404


def test_a_plus_tag_cannot_open_a_second_account(shopper):
    assert shopper.register("ada@example.com", "a long password").status_code == 302
    shopper.sign_out()
    response = shopper.register("Ada+2@example.com", "a long password")
    assert response.status_code != 302
    assert "already exists" in response.get_data(as_text=True)
