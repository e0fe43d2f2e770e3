"""Optional customer accounts: register, sign in with the guest cart, order history."""

from core.auth import Role
from storefront.accounts.service import find_user
from tests.factories import CUSTOMER_PASSWORD, make_customer


def test_registering_creates_a_signed_in_customer(shopper, app):
    response = shopper.register("Ada@Example.com", CUSTOMER_PASSWORD, name="Ada")
    assert response.status_code == 302
    assert find_user("ada@example.com").role == Role.CUSTOMER
    assert shopper.get("/account/orders").status_code == 200


def test_an_existing_email_cannot_register_again(shopper, app):
    make_customer("ada@example.com")
    response = shopper.register("ada@example.com", CUSTOMER_PASSWORD)
    assert response.status_code == 409


def test_guest_cart_merges_into_the_account_cart_on_sign_in(shopper, app, tea, mat):
    make_customer("ada@example.com")
    shopper.sign_in("ada@example.com", CUSTOMER_PASSWORD)
    shopper.add_to_cart("TEA-1", 1)
    shopper.sign_out()
    shopper.add_to_cart("TEA-1", 2)
    shopper.add_to_cart("MAT-1", 1)
    shopper.sign_in("ada@example.com", CUSTOMER_PASSWORD)
    page = shopper.get("/cart").get_data(as_text=True)
    assert 'value="3"' in page and "Yoga Mat" in page


def test_signed_in_orders_appear_in_the_history(shopper, app, tea):
    make_customer("ada@example.com")
    shopper.sign_in("ada@example.com", CUSTOMER_PASSWORD)
    shopper.add_to_cart("TEA-1", 2)
    number = shopper.get(shopper.check_out().location).request.path.rsplit("/", 1)[-1]
    assert number in shopper.get("/account/orders").get_data(as_text=True)


def test_order_history_needs_a_sign_in(shopper, app):
    assert "/account/sign-in" in shopper.get("/account/orders").location


def test_wrong_password_is_refused(shopper, app):
    make_customer("ada@example.com")
    assert shopper.sign_in("ada@example.com", "nope").status_code == 401
