"""Public and admin product API."""

import pytest

from tests.actors import basic_auth
from tests.factories import OWNER, make_department, make_product


def test_product_list_filters_by_department(client, app):
    sleep = make_department("sleep")
    make_product("A-1", department=sleep)
    make_product("B-1")
    body = client.get("/api/v1/products?department=sleep").get_json()
    assert [item["sku"] for item in body["items"]] == ["A-1"]
    assert body["total"] == 1


def test_product_detail_has_the_documented_fields(client, app):
    make_product("A-1", price_cents=499, tags=["tea"])
    body = client.get("/api/v1/products/A-1").get_json()
    assert {"sku", "name", "slug", "department", "price_cents", "stock", "tags"} <= body.keys()
    assert body["price_cents"] == 499


def test_unknown_sku_is_404(client, app):
    assert client.get("/api/v1/products/NOPE").status_code == 404


@pytest.mark.parametrize("method,url", [("get", "/api/v1/admin/products"), ("post", "/api/v1/admin/products"), ("patch", "/api/v1/admin/products/A-1")])
def test_admin_product_api_refuses_anonymous(client, method, url):
    response = getattr(client, method)(url, json={})
    assert response.status_code == 401
    assert any(value.startswith("Basic") for value in response.headers.getlist("WWW-Authenticate"))


def test_admin_product_api_refuses_a_wrong_password(client, owner):
    assert client.get("/api/v1/admin/products", headers=basic_auth(OWNER, "wrong")).status_code == 401


def test_admin_creates_and_changes_a_product(client, owner_headers):
    make_department("sleep")
    created = client.post("/api/v1/admin/products", headers=owner_headers, json={
        "sku": "NEW-1", "name": "Lavender Pillow Mist", "price_cents": 1499, "stock": 3, "department": "sleep"})
    assert created.status_code == 201 and created.get_json()["slug"] == "lavender-pillow-mist"
    changed = client.patch("/api/v1/admin/products/NEW-1", headers=owner_headers, json={"price_cents": 1299})
    assert changed.get_json()["price_cents"] == 1299
    assert client.get("/api/v1/products/NEW-1").get_json()["price_cents"] == 1299


def test_admin_product_with_a_float_price_is_refused(client, owner_headers):
    make_department("sleep")
    response = client.post("/api/v1/admin/products", headers=owner_headers, json={
        "sku": "NEW-1", "name": "Mist", "price_cents": 14.99, "department": "sleep"})
    assert response.status_code == 422 and "price_cents" in response.get_json()["error"]["fields"]


def test_admin_product_in_an_unknown_department_is_refused(client, owner_headers):
    response = client.post("/api/v1/admin/products", headers=owner_headers, json={
        "sku": "NEW-1", "name": "Mist", "price_cents": 1499, "department": "nope"})
    assert response.status_code == 422


def test_duplicate_sku_is_a_conflict(client, owner_headers):
    product = make_product("DUP-1")
    response = client.post("/api/v1/admin/products", headers=owner_headers, json={
        "sku": "DUP-1", "name": "Again", "price_cents": 100, "department": product.department.slug})
    assert response.status_code == 409
