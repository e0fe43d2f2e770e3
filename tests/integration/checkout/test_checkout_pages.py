"""The browser flow through the test shopper: details -> review -> place -> confirmation."""

import re

from sqlalchemy import func, select

from core.extensions import db
from storefront.checkout.models import Order


def to_review(shopper) -> str:
    """Two Sleepy Teas in the cart, the details entered: the review page."""
    shopper.add_to_cart("TEA-1", 2)
    return shopper.review()


def orders() -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count(Order.id)))


def test_shopper_places_an_order_and_sees_the_confirmation(shopper, tea):
    response = shopper.place(to_review(shopper))
    assert response.status_code == 302
    page = shopper.get(response.location).get_data(as_text=True)
    assert "Your order is placed" in page and re.search(r"VV-\w{4}-\w{4}", page)


def test_review_shows_shipping_tax_and_total(shopper, tea):
    page = to_review(shopper)
    assert "$25.00" in page and "$6.95" in page and "$31.95" in page


def test_missing_address_fields_get_their_own_messages(shopper, tea):
    shopper.add_to_cart("TEA-1")
    response = shopper.enter_details(city="", postal_code="12")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Enter a 5-digit ZIP code." in page and "Shorter than minimum length" not in page or "city" in page


def test_declined_card_shows_why_and_keeps_the_cart(shopper, tea):
    response = shopper.place(to_review(shopper), card_number="4000000000000002")
    assert response.status_code == 402 and "Your card was declined" in response.get_data(as_text=True)
    assert orders() == 0 and "2" in shopper.get("/cart").get_data(as_text=True)


def test_double_submit_of_the_review_form_places_one_order(shopper, tea):
    page = to_review(shopper)
    first, second = shopper.place(page), shopper.place(page)
    assert first.location == second.location and orders() == 1


def test_changed_price_shows_the_new_total_instead_of_placing(shopper, tea):
    page = to_review(shopper)
    tea.price_cents = 1500
    db.session.commit()
    response = shopper.place(page)
    assert response.status_code == 409 and "$36.95" in response.get_data(as_text=True)
    assert orders() == 0


def test_lookup_by_email_and_number_shows_the_order(shopper, tea, app):
    number = shopper.get(shopper.place(to_review(shopper)).location).request.path.rsplit("/", 1)[-1]
    other = app.test_client()
    assert other.get(f"/orders/{number}").status_code == 302
    response = other.post("/orders/lookup", data={"email": "ADA@example.com", "number": number.lower()})
    assert response.status_code == 302 and number in other.get(response.location).get_data(as_text=True)


def test_lookup_with_the_wrong_email_finds_nothing(shopper, tea):
    number = shopper.get(shopper.place(to_review(shopper)).location).request.path.rsplit("/", 1)[-1]
    assert shopper.post("/orders/lookup", data={"email": "eve@example.com", "number": number}).status_code == 404
