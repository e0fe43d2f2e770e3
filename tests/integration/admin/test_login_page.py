"""Admin pages need a signed-in staff user."""

from tests.factories import OWNER


def test_anonymous_admin_visit_goes_to_login(client):
    response = client.get("/admin")
    assert response.status_code == 302 and "/admin/login" in response.headers["Location"]


def test_owner_signs_in_and_sees_the_dashboard(admin_visitor, owner):
    response = admin_visitor.sign_in(OWNER)
    assert response.status_code == 302
    assert "Dashboard" in admin_visitor.get("/admin").get_data(as_text=True)


def test_wrong_password_gets_a_generic_message(admin_visitor, owner):
    response = admin_visitor.sign_in(OWNER, "nope")
    assert response.status_code == 401
    assert "don&#39;t match an admin account" in response.get_data(as_text=True)
