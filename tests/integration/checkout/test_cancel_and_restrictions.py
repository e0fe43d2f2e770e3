"""Cancelling gives stock and uses back once; CBD orders respect age and shipping rules."""

from core.extensions import db
from promotions.models import Promotion, PromotionCode
from tests.factories import OWNER, PASSWORD, make_admin
from tests.integration.checkout.helpers import address, checkout, checkout_body, fresh, new_cart
from tests.integration.checkout.test_promotions_at_checkout import coded_cart
from tests.integration.promotions.builders import make_code_promotion

ADMIN = (OWNER, PASSWORD)


def cancel(client, number, auth=ADMIN):
    return client.post(f"/api/v1/orders/{number}/cancel", auth=auth)


def test_cancel_restores_stock_and_releases_uses(client, tea):
    make_admin()
    promotion = make_code_promotion("SAVE5", amount_cents=500, usage_limit=5, code_limit=5)
    number = checkout(client, coded_cart(client, "SAVE5", ("TEA-1", 3))).get_json()["number"]
    response = cancel(client, number)
    assert response.status_code == 200 and response.get_json()["status"] == "cancelled"
    assert fresh(type(tea), tea.id).stock == 10
    row = fresh(Promotion, promotion.id)
    assert (row.times_used, row.given_cents) == (0, 0)
    assert db.session.scalar(db.select(PromotionCode.times_used)) == 0


def test_cancelling_twice_releases_once(client, tea):
    make_admin()
    number = checkout(client, new_cart(client, ("TEA-1", 3))).get_json()["number"]
    cancel(client, number)
    second = cancel(client, number)
    assert second.status_code == 409
    assert fresh(type(tea), tea.id).stock == 10


def test_cancel_needs_an_admin(client, tea):
    number = checkout(client, new_cart(client, ("TEA-1", 1))).get_json()["number"]
    assert cancel(client, number, auth=None).status_code == 401


def test_cancel_voids_the_payment(client, tea):
    make_admin()
    number = checkout(client, new_cart(client, ("TEA-1", 1))).get_json()["number"]
    assert cancel(client, number).get_json()["payment"]["status"] == "voided"


def test_cbd_to_a_restricted_state_is_refused_naming_item_and_state(client, cbd_oil):
    body = checkout_body(shipping_address=address(region="ID", postal_code="83702"), age_confirmed=True)
    response = checkout(client, new_cart(client, ("CBD-1", 1)), body)
    assert response.status_code == 422
    message = response.get_json()["error"]["message"]
    assert "CBD Oil 500mg" in message and "ID" in message
    assert fresh(type(cbd_oil), cbd_oil.id).stock == 10


def test_cbd_needs_the_age_confirmation(client, cbd_oil):
    response = checkout(client, new_cart(client, ("CBD-1", 1)))
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "age_confirmation_required"


def test_cbd_with_age_confirmed_ships_to_an_allowed_state(client, cbd_oil):
    response = checkout(client, new_cart(client, ("CBD-1", 1)), checkout_body(age_confirmed=True))
    assert response.status_code == 201
