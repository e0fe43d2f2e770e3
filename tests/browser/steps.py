"""What a person does in the browser tests, written once: sign in, confirm their age, order."""

import uuid

from tests.actors import basic_auth
from tests.factories import OWNER, PASSWORD

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
ADDRESS = {"name": "Ada", "line1": "1 Main St", "city": "Portland", "region": "OR", "postal_code": "97201"}
CARD = {"card_number": "4242424242424242", "exp_month": 12, "exp_year": 2099, "cvc": "123"}


def confirm_age(page) -> None:
    page.goto("/cbd")
    page.get_by_role("button", name="Yes, I am 21 or older").click()


def sign_in_admin(page) -> None:
    """Sign the store's owner in through the login form."""
    page.goto("/admin/login")
    page.get_by_label("Email").fill(OWNER)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def page_width(page) -> int:
    """How wide the page really is: more than the viewport means sideways scrolling."""
    return page.evaluate("document.documentElement.scrollWidth")


def place_order(request, email: str = "dashboard@example.com", code: str | None = "BNR41921") -> dict:
    """Two blankets ($200), with BNR41921 by default, through the JSON API; the order as answered."""
    cart = request.post("/api/v1/carts", data={}).json()
    request.post(f"/api/v1/carts/{cart['token']}/lines", data={"sku": "SLP-BLANKET-15", "quantity": 2})
    if code:
        request.post(f"/api/v1/carts/{cart['token']}/codes", data={"code": code})
    order = request.post(
        f"/api/v1/carts/{cart['token']}/checkout",
        data={"email": email, "shipping_address": ADDRESS, "payment": CARD},
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert order.status == 201, order.text()
    return order.json()


def cancel_order(request, number: str):
    """Cancel through the admin API as the owner."""
    return request.post(f"/api/v1/admin/orders/{number}/cancel", headers=basic_auth(OWNER, PASSWORD))
