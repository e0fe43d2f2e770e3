"""Bad input gets a 4xx in the error envelope (JSON) or a styled page (HTML), never a stack trace."""

import pytest


def error_of(response) -> dict:
    body = response.get_json()
    assert set(body) == {"error"}
    assert {"code", "message", "fields"} <= set(body["error"])
    return body["error"]


@pytest.fixture
def cart_token(client):
    return client.post("/api/v1/carts").get_json()["token"]


@pytest.fixture
def boom(app):
    """A route that fails the way a bug would (tests using it are marked `own_app`)."""

    def explode():
        raise RuntimeError("secret internals: /srv/app/db.py line 42")

    app.add_url_rule("/api/v1/_boom", "api_boom", explode)
    app.add_url_rule("/_boom", "page_boom", explode)
    return app


def test_malformed_json_is_a_400_in_the_envelope(client, cart_token):
    response = client.post(f"/api/v1/carts/{cart_token}/lines", data="{bad", content_type="application/json")
    assert response.status_code == 400
    assert error_of(response)["code"] == "bad_request"


def test_a_json_array_instead_of_an_object_is_refused(client, cart_token):
    response = client.post(f"/api/v1/carts/{cart_token}/lines", json=[1, 2])
    assert response.status_code == 422
    assert error_of(response)["code"] == "invalid"


def test_a_body_over_one_megabyte_is_a_413(client, cart_token):
    response = client.post(
        f"/api/v1/carts/{cart_token}/lines", data="x" * (1024 * 1024 + 1), content_type="application/json"
    )
    assert response.status_code == 413
    assert error_of(response)["code"] == "too_large"


def test_an_oversized_form_post_gets_the_styled_413_page(client):
    response = client.post("/cart/add", data={"sku": "x" * (1024 * 1024 + 1)})
    assert response.status_code == 413
    assert "error-page" in response.get_data(as_text=True)


def test_a_wrong_method_is_a_405_with_allow(client, cart_token):
    response = client.put(f"/api/v1/carts/{cart_token}", json={})
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]
    assert error_of(response)["code"] == "method_not_allowed"


def test_unknown_api_path_is_a_json_404(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_unknown_page_gets_the_styled_404_with_a_way_back(client):
    response = client.get("/no-such-page")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "Page not found" in html and 'class="error-page"' in html and 'href="/"' in html


@pytest.mark.own_app
def test_a_crash_in_the_api_answers_500_without_a_stack_trace(client, boom):
    response = client.get("/api/v1/_boom")
    assert response.status_code == 500
    assert error_of(response)["code"] == "server_error"
    text = response.get_data(as_text=True)
    assert "secret internals" not in text and "Traceback" not in text


@pytest.mark.own_app
def test_a_crash_in_a_page_answers_the_styled_500_without_a_stack_trace(client, boom):
    response = client.get("/_boom")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong" in html and "secret internals" not in html and "Traceback" not in html
