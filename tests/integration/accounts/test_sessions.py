"""Anonymous shoppers' cookies stay put; signed-in sessions stay bound to their client."""

from tests.factories import make_product


def test_an_anonymous_shoppers_cookie_is_not_rewritten_on_every_page(shopper, app):
    make_product("TEA-1")
    shopper.add_to_cart("TEA-1")
    shopper.get("/shop")  # shows the flash message and mints the CSRF token: the session changes
    response = shopper.get("/shop")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers


def test_a_signed_in_session_moved_to_another_client_is_signed_out(merchant):
    assert merchant.get("/admin").status_code == 200
    stolen = merchant.get("/admin", headers={"User-Agent": "someone else"})
    assert stolen.status_code == 302 and "/admin/login" in stolen.headers["Location"]
