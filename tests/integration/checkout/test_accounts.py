"""Optional customer accounts: register, sign in with the guest cart, order history."""

from core.auth import Role
from storefront.accounts.customers import register_customer
from storefront.accounts.service import find_user
from tests.integration.checkout.test_checkout_pages import place, to_review

PASSWORD = "long enough password"


def sign_in(client, email="ada@example.com"):
    return client.post("/account/sign-in", data={"email": email, "password": PASSWORD})


def test_registering_creates_a_signed_in_customer(client, app):
    response = client.post("/account/register", data={"email": "Ada@Example.com", "password": PASSWORD,
                                                      "confirm": PASSWORD, "name": "Ada"})
    assert response.status_code == 302
    assert find_user("ada@example.com").role == Role.CUSTOMER
    assert client.get("/account/orders").status_code == 200


def test_an_existing_email_cannot_register_again(client, app):
    register_customer("ada@example.com", PASSWORD)
    response = client.post("/account/register", data={"email": "ada@example.com", "password": PASSWORD,
                                                      "confirm": PASSWORD})
    assert response.status_code == 409


def test_guest_cart_merges_into_the_account_cart_on_sign_in(client, app, tea, mat):
    register_customer("ada@example.com", PASSWORD)
    sign_in(client)
    client.post("/cart/add", data={"sku": "TEA-1", "quantity": "1"})
    client.post("/account/sign-out")
    client.post("/cart/add", data={"sku": "TEA-1", "quantity": "2"})
    client.post("/cart/add", data={"sku": "MAT-1", "quantity": "1"})
    sign_in(client)
    page = client.get("/cart").get_data(as_text=True)
    assert 'value="3"' in page and "Yoga Mat" in page


def test_signed_in_orders_appear_in_the_history(client, app, tea):
    register_customer("ada@example.com", PASSWORD)
    sign_in(client)
    number = client.get(place(client, to_review(client)).location).request.path.rsplit("/", 1)[-1]
    assert number in client.get("/account/orders").get_data(as_text=True)


def test_order_history_needs_a_sign_in(client, app):
    assert "/account/sign-in" in client.get("/account/orders").location


def test_wrong_password_is_refused(client, app):
    register_customer("ada@example.com", PASSWORD)
    assert client.post("/account/sign-in", data={"email": "ada@example.com", "password": "nope"}).status_code == 401
