"""A session cookie stops working once its user signs out, changes password or role, or is
signed out everywhere: sessions are signed cookies, so a copy captured earlier would live on."""

import pytest

from core.auth import Role
from storefront.accounts.service import save_user
from tests.actors import Merchant
from tests.factories import CUSTOMER_PASSWORD, MARKETER, OWNER, PASSWORD, make_customer

CUSTOMER = "ada@example.com"


def captured_cookie(client) -> str:
    return client.get_cookie("session").value


def replay(client, cookie: str) -> None:
    client.set_cookie("session", cookie)


def admin_pages_open(client) -> bool:
    return client.get("/admin/orders").status_code == 200


def test_an_admin_cookie_captured_before_sign_out_is_refused_after_it(merchant):
    stolen = captured_cookie(merchant)
    merchant.post("/admin/logout")
    replay(merchant, stolen)
    response = merchant.get("/admin/orders")
    assert response.status_code == 302 and "/admin/login" in response.headers["Location"]
    created = merchant.post("/api/v1/admin/promotions", json={})  # the API never takes cookies
    assert created.status_code == 401


def test_signing_out_ends_the_admins_sessions_in_other_browsers(app, merchant):
    other = Merchant.of(app)
    assert other.sign_in(OWNER).status_code == 302
    merchant.post("/admin/logout")
    assert not admin_pages_open(other)


def test_a_password_reset_ends_earlier_sessions(app, merchant):
    save_user(OWNER, "a brand new password", Role.OWNER)
    assert not admin_pages_open(merchant)


def test_a_role_change_ends_earlier_sessions(app, as_marketer):
    assert as_marketer.get("/admin").status_code == 200
    save_user(MARKETER, PASSWORD, Role.OWNER)
    response = as_marketer.get("/admin")
    assert response.status_code == 302 and "/admin/login" in response.headers["Location"]


def test_the_staff_page_signs_a_colleague_out_everywhere(app, merchant, marketer, as_marketer):
    colleague = as_marketer
    assert colleague.get("/admin/promotions").status_code == 200
    response = merchant.post(f"/admin/users/{marketer.id}/sign-out-everywhere")
    assert response.status_code == 302
    assert colleague.get("/admin/promotions").status_code == 302
    assert admin_pages_open(merchant)  # the owner's own session is untouched
    assert colleague.sign_in(MARKETER).status_code == 302  # signing in again works


def test_signing_yourself_out_everywhere_ends_this_session_too(app, merchant):
    owner = save_user(OWNER, PASSWORD, Role.OWNER)
    assert merchant.sign_in(OWNER).status_code == 302
    response = merchant.post(f"/admin/users/{owner.id}/sign-out-everywhere")
    assert "/admin/login" in response.headers["Location"]
    assert not admin_pages_open(merchant)


def test_the_staff_page_offers_sign_out_everywhere(merchant):
    assert "Sign out everywhere" in merchant.get("/admin/users").get_data(as_text=True)


def test_a_cookie_from_before_session_versions_signs_nobody_in(app, client, owner):
    with client.session_transaction() as session:
        session["_user_id"] = str(owner.id)  # what cookies held before: the bare id
        session["_fresh"] = True
    response = client.get("/admin")
    assert response.status_code == 302 and "/admin/login" in response.headers["Location"]


@pytest.fixture
def customer_client(shopper):
    make_customer(CUSTOMER)
    assert shopper.sign_in(CUSTOMER, CUSTOMER_PASSWORD).status_code == 302
    return shopper


def account_open(client) -> bool:
    return client.get("/account/orders").status_code == 200


def test_a_customer_cookie_captured_before_sign_out_is_refused_after_it(customer_client):
    stolen = captured_cookie(customer_client)
    assert account_open(customer_client)
    customer_client.post("/account/sign-out")
    replay(customer_client, stolen)
    response = customer_client.get("/account/orders")
    assert response.status_code == 302 and "/account/sign-in" in response.headers["Location"]


def test_a_customer_password_change_ends_earlier_sessions(customer_client):
    save_user(CUSTOMER, "another long password", Role.CUSTOMER)
    assert not account_open(customer_client)


def test_a_signed_in_customer_on_an_admin_page_is_told_they_lack_admin_rights(customer_client):
    response = customer_client.get("/admin/promotions")
    html = response.get_data(as_text=True)
    assert response.status_code == 403
    assert CUSTOMER in html and "without admin rights" in html


def test_changing_the_password_keeps_this_browser_and_ends_the_others(app, customer_client):
    elsewhere = app.test_client()
    elsewhere.sign_in(CUSTOMER, CUSTOMER_PASSWORD)
    assert account_open(elsewhere)
    stolen = captured_cookie(customer_client)
    new = "a different long password"
    response = customer_client.post(
        "/account/password", data={"current": CUSTOMER_PASSWORD, "password": new, "confirm": new}
    )
    assert response.status_code == 302
    assert account_open(customer_client)
    assert not account_open(elsewhere)
    thief = app.test_client()
    replay(thief, stolen)
    assert not account_open(thief)


def test_the_password_is_changed_only_with_the_current_one(customer_client):
    new = "a different long password"
    response = customer_client.post(
        "/account/password", data={"current": "a wrong guess", "password": new, "confirm": new}
    )
    assert response.status_code == 422
    assert "current password" in response.get_data(as_text=True)
    assert account_open(customer_client)


def test_the_account_page_links_to_the_password_change(customer_client):
    html = customer_client.get("/account/orders").get_data(as_text=True)
    assert 'href="/account/password"' in html
    assert customer_client.get("/account/password").status_code == 200
