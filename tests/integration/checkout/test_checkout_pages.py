"""The browser flow through the test client: details -> review -> place -> confirmation."""

import re

from sqlalchemy import func, select

from core.extensions import db
from storefront.checkout.models import Order

DETAILS = {"email": "ada@example.com", "name": "Ada Shopper", "line1": "1 Main St", "city": "Springfield",
           "region": "OR", "postal_code": "97477", "country": "US", "shipping_method": "standard"}
CARD = {"card_number": "4242 4242 4242 4242", "exp_month": "12", "exp_year": "2099", "cvc": "123"}


def hidden(page: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', page).group(1)


def to_review(client) -> str:
    client.post("/cart/add", data={"sku": "TEA-1", "quantity": "2"})
    assert client.post("/checkout", data=DETAILS).status_code == 302
    return client.get("/checkout/review").get_data(as_text=True)


def place(client, page, **card):
    form = CARD | card | {name: hidden(page, name) for name in ("idempotency_key", "fingerprint", "expected_total_cents")}
    return client.post("/checkout/place", data=form)


def orders() -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count(Order.id)))


def test_shopper_places_an_order_and_sees_the_confirmation(client, tea):
    response = place(client, to_review(client))
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "Your order is placed" in page and re.search(r"VV-\w{4}-\w{4}", page)


def test_review_shows_shipping_tax_and_total(client, tea):
    page = to_review(client)
    assert "$25.00" in page and "$6.95" in page and "$31.95" in page


def test_missing_address_fields_get_their_own_messages(client, tea):
    client.post("/cart/add", data={"sku": "TEA-1", "quantity": "1"})
    response = client.post("/checkout", data=DETAILS | {"city": "", "postal_code": "12"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Enter a 5-digit ZIP code." in page and "Shorter than minimum length" not in page or "city" in page


def test_declined_card_shows_why_and_keeps_the_cart(client, tea):
    response = place(client, to_review(client), card_number="4000000000000002")
    assert response.status_code == 402 and "Your card was declined" in response.get_data(as_text=True)
    assert orders() == 0 and "2" in client.get("/cart").get_data(as_text=True)


def test_double_submit_of_the_review_form_places_one_order(client, tea):
    page = to_review(client)
    first, second = place(client, page), place(client, page)
    assert first.location == second.location and orders() == 1


def test_changed_price_shows_the_new_total_instead_of_placing(client, tea):
    page = to_review(client)
    tea.price_cents = 1500
    db.session.commit()
    response = place(client, page)
    assert response.status_code == 409 and "$36.95" in response.get_data(as_text=True)
    assert orders() == 0


def test_lookup_by_email_and_number_shows_the_order(client, tea, app):
    number = client.get(place(client, to_review(client)).location).request.path.rsplit("/", 1)[-1]
    other = app.test_client()
    assert other.get(f"/orders/{number}").status_code == 302
    response = other.post("/orders/lookup", data={"email": "ADA@example.com", "number": number.lower()})
    assert response.status_code == 302 and number in other.get(response.location).get_data(as_text=True)


def test_lookup_with_the_wrong_email_finds_nothing(client, tea):
    number = client.get(place(client, to_review(client)).location).request.path.rsplit("/", 1)[-1]
    assert client.post("/orders/lookup", data={"email": "eve@example.com", "number": number}).status_code == 404
