"""Anonymous shoppers' cookies stay put; signed-in sessions stay bound to their client."""

from tests.factories import make_admin, make_product


def test_an_anonymous_shoppers_cookie_is_not_rewritten_on_every_page(client, app):
    make_product("TEA-1")
    client.post("/cart/add", data={"sku": "TEA-1", "quantity": "1"})
    client.get("/shop")  # shows the flash message and mints the CSRF token: the session changes
    response = client.get("/shop")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers


def test_a_signed_in_session_moved_to_another_client_is_signed_out(client, app):
    make_admin()
    client.post("/admin/login", data={"email": "owner@example.com", "password": "correct horse battery"})
    assert client.get("/admin").status_code == 200
    stolen = client.get("/admin", headers={"User-Agent": "someone else"})
    assert stolen.status_code == 302 and "/admin/login" in stolen.headers["Location"]
