"""Cart API: prices from the catalog, quantities validated, one error shape."""

import pytest

from tests.factories import make_product


@pytest.fixture
def cart(client):
    return client.post("/api/v1/carts").get_json()


def add(client, token, **body):
    return client.post(f"/api/v1/carts/{token}/lines", json=body)


def test_new_cart_is_empty_and_created(client):
    response = client.post("/api/v1/carts")
    body = response.get_json()
    assert response.status_code == 201
    assert body["lines"] == [] and body["total_cents"] == 0 and body["token"]


def test_adding_a_line_prices_it_from_the_catalog(client, cart, tea):
    body = add(client, cart["token"], sku="TEA-1", quantity=3).get_json()
    assert body["lines"][0] | {} == body["lines"][0]
    assert body["lines"][0]["unit_price_cents"] == 1250
    assert body["lines"][0]["subtotal_cents"] == 3750
    assert body["subtotal_cents"] == 3750


def test_adding_the_same_sku_again_adds_to_the_line(client, cart, tea):
    add(client, cart["token"], sku="TEA-1", quantity=2)
    body = add(client, cart["token"], sku="TEA-1", quantity=1).get_json()
    assert [line["quantity"] for line in body["lines"]] == [3]


def test_a_client_sent_price_is_refused_not_used(client, cart, tea):
    response = add(client, cart["token"], sku="TEA-1", quantity=1, unit_price_cents=1)
    assert response.status_code == 422
    assert "unit_price_cents" in response.get_json()["error"]["fields"]
    assert client.get(f"/api/v1/carts/{cart['token']}").get_json()["lines"] == []


@pytest.mark.parametrize("quantity", [0, -1, 2.5, "2", "two", True, 100, 10**12, None])
def test_bad_quantities_are_refused_and_change_nothing(client, cart, tea, quantity):
    response = add(client, cart["token"], sku="TEA-1", quantity=quantity)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "invalid" and error["message"]
    assert client.get(f"/api/v1/carts/{cart['token']}").get_json()["lines"] == []


def test_more_than_in_stock_is_refused_with_how_many_are_left(client, cart, tea):
    response = add(client, cart["token"], sku="TEA-1", quantity=11)
    assert response.status_code == 422
    assert response.get_json()["error"]["message"] == "Only 10 left of Sleepy Tea."


def test_unknown_product_is_refused(client, cart):
    response = add(client, cart["token"], sku="NOPE", quantity=1)
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"] == {"sku": ["Unknown product."]}


def test_inactive_product_is_refused(client, cart, app):
    make_product("OLD-1", active=False)
    assert add(client, cart["token"], sku="OLD-1", quantity=1).status_code == 422


def test_changing_a_quantity_reprices(client, cart, tea):
    add(client, cart["token"], sku="TEA-1", quantity=1)
    body = client.patch(f"/api/v1/carts/{cart['token']}/lines/TEA-1", json={"quantity": 4}).get_json()
    assert body["subtotal_cents"] == 5000


def test_removing_a_line_empties_the_cart(client, cart, tea):
    add(client, cart["token"], sku="TEA-1", quantity=1)
    body = client.delete(f"/api/v1/carts/{cart['token']}/lines/TEA-1").get_json()
    assert body["lines"] == [] and body["subtotal_cents"] == 0


def test_changing_a_line_not_in_the_cart_is_404(client, cart, tea):
    response = client.patch(f"/api/v1/carts/{cart['token']}/lines/TEA-1", json={"quantity": 1})
    assert response.status_code == 404


def test_unknown_cart_is_404_in_the_error_shape(client):
    body = client.get("/api/v1/carts/nope").get_json()
    assert body["error"]["code"] == "not_found"


def test_malformed_json_is_a_4xx_not_a_500(client, cart):
    response = client.post(
        f"/api/v1/carts/{cart['token']}/lines", data="{not json", content_type="application/json"
    )
    assert 400 <= response.status_code < 500


def test_cart_body_has_every_documented_field(client, cart, tea):
    body = add(client, cart["token"], sku="TEA-1", quantity=1).get_json()
    assert {"token", "lines", "subtotal_cents", "discount_cents", "shipping_cents", "tax_cents",
            "total_cents", "messages"} <= body.keys()
    assert {"sku", "name", "quantity", "unit_price_cents", "subtotal_cents", "discount_cents",
            "total_cents"} <= body["lines"][0].keys()
