"""Promotions at checkout: uses are claimed atomically, shares add up, the rule is frozen."""

from sqlalchemy import select

from core.extensions import db
from promotions import service
from promotions.models import Promotion, PromotionCode, PromotionCustomerUse
from storefront.checkout.models import OrderDiscount
from tests.integration.checkout.helpers import checkout, checkout_body, new_cart
from tests.integration.promotions.builders import make_code_promotion


def cart_with_code(client, code: str, *lines) -> str:
    token = new_cart(client, *lines)
    client.post(f"/api/v1/carts/{token}/codes", json={"code": code})
    return token


def add_code(client, token, code):
    from storefront.cart.models import Cart

    cart = db.session.scalar(select(Cart).where(Cart.token == token))
    cart.codes = [code]
    db.session.commit()


def coded_cart(client, code, *lines):
    token = new_cart(client, *lines)
    add_code(client, token, code)
    return token


def used(promotion_id):
    db.session.expire_all()
    return db.session.get(Promotion, promotion_id).times_used


def test_a_code_discount_is_on_the_order_and_its_use_counted(client, tea):
    promotion = make_code_promotion("SAVE5", amount_cents=500, usage_limit=10)
    body = checkout(client, coded_cart(client, "SAVE5", ("TEA-1", 2))).get_json()
    assert body["discount_cents"] == 500 and body["discounts"][0]["code"] == "SAVE5"
    assert used(promotion.id) == 1


def test_line_discount_shares_add_up_to_the_discount(client, tea, mat):
    make_code_promotion("SAVE10", amount_cents=1001)
    body = checkout(client, coded_cart(client, "SAVE10", ("TEA-1", 1), ("MAT-1", 1))).get_json()
    assert sum(line["discount_cents"] for line in body["lines"]) == 1001
    assert sum(line["total_cents"] for line in body["lines"]) == body["subtotal_cents"] - 1001


def test_tax_is_charged_on_the_discounted_merchandise(client, tea):
    from tests.integration.checkout.helpers import address

    make_code_promotion("SAVE5", amount_cents=500)
    token = coded_cart(client, "SAVE5", ("TEA-1", 4))
    body = checkout(client, token, checkout_body(shipping_address=address(region="NY", postal_code="10001"))).get_json()
    # NY 4% of ($50.00 - $5.00 + $6.95) = $2.078 -> $2.08
    assert body["tax_cents"] == 208


def test_code_at_its_limit_is_409_naming_the_code_and_places_nothing(client, tea):
    promotion = make_code_promotion("LAST1", amount_cents=500, usage_limit=1)
    first = coded_cart(client, "LAST1", ("TEA-1", 1))
    second = coded_cart(client, "LAST1", ("TEA-1", 1))
    seen = checkout(client, second, checkout_body(expected_total_cents=1)).get_json()["cart"]["total_cents"]
    assert checkout(client, first).status_code == 201
    response = checkout(client, second, checkout_body(expected_total_cents=seen))
    assert response.status_code == 409
    assert "LAST1 has reached its usage limit" in response.get_json()["error"]["message"]
    assert response.get_json()["cart"]["discount_cents"] == 0
    assert used(promotion.id) == 1


def test_a_code_limit_is_enforced_per_code(client, tea):
    make_code_promotion("ONCE", amount_cents=500, code_limit=1)
    checkout(client, coded_cart(client, "ONCE", ("TEA-1", 1)))
    db.session.expire_all()
    assert db.session.scalar(select(PromotionCode.times_used).where(PromotionCode.code == "ONCE")) == 1


def test_per_customer_use_is_recorded_for_the_shopper(client, tea):
    promotion = make_code_promotion("MINE", amount_cents=500, per_customer=1)
    checkout(client, coded_cart(client, "MINE", ("TEA-1", 1)), checkout_body(email="Ada@Example.com"))
    row = db.session.scalar(select(PromotionCustomerUse).where(PromotionCustomerUse.promotion_id == promotion.id))
    assert (row.customer_key, row.uses) == ("ada@example.com", 1)


def test_second_use_by_the_same_customer_gets_no_discount(client, tea):
    make_code_promotion("MINE", amount_cents=500, per_customer=1)
    checkout(client, coded_cart(client, "MINE", ("TEA-1", 1)))
    body = checkout(client, coded_cart(client, "MINE", ("TEA-1", 1))).get_json()
    assert body["discount_cents"] == 0


def test_budget_is_spent_in_cents(client, tea):
    promotion = make_code_promotion("BUDGET", amount_cents=500, budget_cents=1200)
    checkout(client, coded_cart(client, "BUDGET", ("TEA-1", 1)))
    checkout(client, coded_cart(client, "BUDGET", ("TEA-1", 1)))
    db.session.expire_all()
    assert db.session.get(Promotion, promotion.id).given_cents == 1000


def test_the_order_keeps_the_rule_as_it_was_when_placed(client, tea):
    promotion = make_code_promotion("SAVE5", amount_cents=500)
    checkout(client, coded_cart(client, "SAVE5", ("TEA-1", 1)))
    service.update_promotion(promotion.id, {"name": "Renamed later"})
    rule = db.session.scalar(select(OrderDiscount.rule))
    assert rule["name"] == "SAVE5 promotion" and rule["benefit"]["amount_cents"] == 500
