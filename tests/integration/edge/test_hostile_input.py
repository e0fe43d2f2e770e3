"""Input no handler could use gets a 4xx with a message on every route, never a 500:
JSON nested 1,000 deep, 5,000-digit numbers, NUL characters, ids beyond the id columns."""

import re

import pytest

from tests.factories import make_product

DEEP_ARRAY = "[" * 1000 + "]" * 1000
DEEP_OBJECT = '{"a":' * 1000 + "1" + "}" * 1000
HUGE_INTEGER = '{"quantity": ' + "9" * 5000 + ', "sku": "TEA-1"}'
HOSTILE_BODIES = {
    "deep array": DEEP_ARRAY,
    "deep object": DEEP_OBJECT,
    "huge integer": HUGE_INTEGER,
}
BODY_METHODS = {"POST", "PATCH", "PUT"}


def error_of(response) -> dict:
    body = response.get_json()
    assert body and set(body) == {"error"}, response.get_data(as_text=True)[:200]
    assert body["error"]["message"]
    return body["error"]


def json_routes(app) -> list[tuple[str, str]]:
    """Every (method, path) of the API that takes a body, path values filled in."""
    routes = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/"):
            continue
        path = re.sub(r"<int:[^>]+>", "1", rule.rule)
        path = re.sub(r"<[^>]+>", "TEA-1", path)
        routes += [(method, path) for method in sorted(rule.methods & BODY_METHODS)]
    return routes


@pytest.mark.parametrize("kind", HOSTILE_BODIES)
def test_every_json_route_refuses_unusable_json_with_a_4xx(app, client, owner_headers, kind):
    make_product("TEA-1")
    routes = json_routes(app)
    assert len(routes) >= 10  # the enumeration found the API
    answers = {
        (method, path): client.open(
            path,
            method=method,
            data=HOSTILE_BODIES[kind],
            content_type="application/json",
            headers=owner_headers,
        )
        for method, path in routes
    }
    wrong = {route: r.status_code for route, r in answers.items() if not 400 <= r.status_code < 500}
    assert wrong == {}
    for response in answers.values():
        assert error_of(response)["code"] == "bad_request"


def test_the_depth_refusal_says_why(client):
    response = client.post(
        "/api/v1/carts/anything/lines", data=DEEP_OBJECT, content_type="application/json"
    )
    assert response.status_code == 400
    assert "nests deeper than" in error_of(response)["message"]


def test_the_number_refusal_says_why(client):
    response = client.post(
        "/api/v1/carts/anything/lines", data=HUGE_INTEGER, content_type="application/json"
    )
    assert "at most 40 characters" in error_of(response)["message"]


def test_ordinary_nesting_and_numbers_still_work(client):
    make_product("TEA-1")
    token = client.post("/api/v1/carts").get_json()["token"]
    response = client.post(f"/api/v1/carts/{token}/lines", json={"sku": "TEA-1", "quantity": 2})
    assert response.status_code in (200, 201)


@pytest.mark.parametrize(
    "path", ["/api/v1/products/AB%00C", "/api/v1/carts/abc%00def", "/api/v1/articles/a%00b"]
)
def test_a_nul_in_a_path_names_nothing(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


@pytest.mark.parametrize("path", ["/api/v1/products?q=%00", "/search?q=tea%00"])
def test_a_nul_in_a_query_is_a_422_naming_the_field(client, path):
    response = client.get(path, headers={"Accept": "application/json"})
    assert response.status_code == 422
    assert list(error_of(response)["fields"]) == ["q"]


def test_the_search_page_refuses_a_nul_with_a_page(client):
    response = client.get("/search?q=%00")
    assert response.status_code == 422
    assert "error-page" in response.get_data(as_text=True)


def test_a_nul_in_a_json_field_is_a_422_naming_it(client):
    make_product("TEA-1")
    token = client.post("/api/v1/carts").get_json()["token"]
    response = client.post(f"/api/v1/carts/{token}/lines", json={"sku": "AB\u0000C", "quantity": 1})
    assert response.status_code == 422
    assert list(error_of(response)["fields"]) == ["sku"]


def test_a_nul_in_a_form_field_is_a_422(client):
    response = client.post("/cart/add", data={"sku": "TEA\x00", "quantity": "1"})
    assert response.status_code == 422


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
def test_a_promotion_id_beyond_the_column_is_a_404(client, owner_headers, method):
    response = client.open(
        "/api/v1/admin/promotions/18014398509481984",
        method=method,
        json={"name": "x"},
        headers=owner_headers,
    )
    assert response.status_code == 404


def test_the_largest_possible_id_is_looked_up(client, owner_headers):
    response = client.get("/api/v1/admin/promotions/2147483647", headers=owner_headers)
    assert response.status_code == 404
    assert "promotion" in error_of(response)["message"].lower()


@pytest.mark.parametrize("promotion", ["99999999999", "9" * 40])
def test_a_report_for_an_impossible_promotion_is_a_422_naming_it(client, owner_headers, promotion):
    response = client.get(
        f"/api/v1/admin/reports/promotions?promotion={promotion}", headers=owner_headers
    )
    assert response.status_code == 422
    assert list(error_of(response)["fields"]) == ["promotion"]
