"""POST /api/v1/carts/<token>/checkout: one order, exact totals, clear refusals."""

from sqlalchemy import func, select

from core.extensions import db
from storefront.cart.models import Cart, CartStatus
from storefront.checkout.models import Order, Payment
from storefront.mail.models import OutboxMessage
from tests.integration.checkout.helpers import (
    DECLINED,
    INSUFFICIENT,
    address,
    checkout,
    checkout_body,
    fresh,
    new_cart,
)


def order_count() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count(Order.id)))


def test_checkout_creates_an_order_with_every_documented_field(client, tea):
    response = checkout(client, new_cart(client, ("TEA-1", 2)))
    body = response.get_json()
    assert response.status_code == 201
    assert {"number", "status", "lines", "discounts", "subtotal_cents", "discount_cents",
            "shipping_cents", "tax_cents", "total_cents"} <= body.keys()
    assert body["status"] == "placed"
    assert body["lines"][0] | {"sku": "TEA-1", "quantity": 2, "unit_price_cents": 1250} == body["lines"][0]


def test_order_number_is_human_friendly_and_unique(client, tea):
    numbers = {checkout(client, new_cart(client, ("TEA-1", 1))).get_json()["number"] for _ in range(3)}
    assert len(numbers) == 3
    assert all(n.startswith("VV-") and len(n) == 12 for n in numbers)


def test_checkout_takes_stock_and_completes_the_cart(client, tea):
    token = new_cart(client, ("TEA-1", 3))
    checkout(client, token)
    assert fresh(type(tea), tea.id).stock == 7
    assert db.session.scalar(select(Cart.status).where(Cart.token == token)) == CartStatus.COMPLETED


def test_total_is_subtotal_plus_shipping_plus_tax(client, tea):
    body = checkout(client, new_cart(client, ("TEA-1", 2)),
                    checkout_body(shipping_address=address(region="CA", postal_code="94110"))).get_json()
    # CA 7.25% on $25.00 + $6.95 shipping = $2.316... -> $2.32
    assert (body["subtotal_cents"], body["shipping_cents"], body["tax_cents"]) == (2500, 695, 232)
    assert body["total_cents"] == 2500 + 695 + 232


def test_only_last4_and_brand_of_the_card_are_stored(client, tea):
    number = checkout(client, new_cart(client, ("TEA-1", 1))).get_json()["number"]
    payment = db.session.scalar(select(Payment).join(Order).where(Order.number == number))
    assert (payment.last4, payment.brand, payment.status) == ("4242", "visa", "authorized")
    assert not any("4242424242424242" in str(value) for value in vars(payment).values())


def test_confirmation_mail_is_written_to_the_outbox(client, tea):
    number = checkout(client, new_cart(client, ("TEA-1", 1))).get_json()["number"]
    message = db.session.scalar(select(OutboxMessage))
    assert message.recipient == "ada@example.com" and number in message.subject
    assert message.status == "sent"  # the log backend delivered it


def test_declined_card_is_402_and_consumes_nothing(client, tea):
    token = new_cart(client, ("TEA-1", 2))
    response = checkout(client, token, checkout_body(card=DECLINED))
    assert response.status_code == 402
    assert response.get_json()["error"]["code"] == "payment_declined"
    assert order_count() == 0 and fresh(type(tea), tea.id).stock == 10
    assert client.get(f"/api/v1/carts/{token}").get_json()["item_count"] == 2


def test_insufficient_funds_is_402_with_its_own_reason(client, tea):
    response = checkout(client, new_cart(client, ("TEA-1", 1)), checkout_body(card=INSUFFICIENT))
    assert response.status_code == 402
    assert "insufficient funds" in response.get_json()["error"]["message"]


def test_expired_card_is_refused_per_field(client, tea):
    body = checkout_body()
    body["payment"] |= {"exp_year": 2001}
    response = checkout(client, new_cart(client, ("TEA-1", 1)), body)
    assert response.status_code == 422
    assert "expired" in str(response.get_json()["error"]["fields"]["payment"])


def test_card_number_failing_the_checksum_is_refused(client, tea):
    body = checkout_body(card="4242424242424241")
    response = checkout(client, new_cart(client, ("TEA-1", 1)), body)
    assert response.status_code == 422 and order_count() == 0


def test_client_sent_totals_are_refused_not_used(client, tea):
    response = checkout(client, new_cart(client, ("TEA-1", 1)), checkout_body(total_cents=1))
    assert response.status_code == 422
    assert "total_cents" in response.get_json()["error"]["fields"]


def test_address_problems_are_named_per_field(client, tea):
    body = checkout_body(shipping_address=address(postal_code="abc", region="ZZ", city=""))
    fields = checkout(client, new_cart(client, ("TEA-1", 1)), body).get_json()["error"]["fields"]
    assert set(fields["shipping_address"]) >= {"postal_code", "region", "city"}


def test_empty_cart_cannot_be_checked_out(client, app):
    response = checkout(client, new_cart(client))
    assert response.status_code == 422 and order_count() == 0


def test_a_changed_total_is_409_with_the_repriced_cart_and_no_order(client, tea):
    token = new_cart(client, ("TEA-1", 2))
    response = checkout(client, token, checkout_body(expected_total_cents=2000))
    body = response.get_json()
    assert response.status_code == 409 and body["error"]["code"] == "cart_changed"
    assert body["cart"]["total_cents"] == 2500 + 695 and body["cart"]["fingerprint"]
    assert order_count() == 0


def test_the_expected_total_from_the_409_places_the_order(client, tea):
    token = new_cart(client, ("TEA-1", 2))
    cart = checkout(client, token, checkout_body(expected_total_cents=1)).get_json()["cart"]
    response = checkout(client, token, checkout_body(expected_total_cents=cart["total_cents"]))
    assert response.status_code == 201


def test_stock_sold_elsewhere_is_409_saying_how_many_are_left(client, tea):
    token = new_cart(client, ("TEA-1", 5))
    tea.stock = 2
    db.session.commit()
    response = checkout(client, token)
    assert response.status_code == 409
    assert "Only 2 left of Sleepy Tea." in response.get_json()["error"]["message"]
    assert order_count() == 0 and fresh(type(tea), tea.id).stock == 2


def test_guest_reads_their_order_with_the_matching_email(client, tea):
    number = checkout(client, new_cart(client, ("TEA-1", 1))).get_json()["number"]
    response = client.get(f"/api/v1/orders/{number}?email=ADA@example.com")
    assert response.status_code == 200 and response.get_json()["number"] == number


def test_order_is_hidden_from_a_different_email(client, tea):
    number = checkout(client, new_cart(client, ("TEA-1", 1))).get_json()["number"]
    assert client.get(f"/api/v1/orders/{number}?email=eve@example.com").status_code == 404


def test_order_lookup_without_an_email_is_422(client, tea):
    number = checkout(client, new_cart(client, ("TEA-1", 1))).get_json()["number"]
    assert client.get(f"/api/v1/orders/{number}").status_code == 422
