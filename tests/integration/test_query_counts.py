"""Pages run a fixed number of SQL statements whatever they show: no N+1 queries.

Counted with the X-SQL-Count header that BENCHMARK_ROUTES adds (storefront/instrumentation.py),
with the shelf cache off (NullCache) so that the rendering itself is counted.
"""

import pytest

from storefront.cart import service
from tests.factories import make_department, make_product


@pytest.fixture
def app_config():
    return {"BENCHMARK_ROUTES": True, "PRODUCTS_PER_PAGE": 40, "CACHE_TYPE": "NullCache"}


def statements(client, path: str) -> int:
    """Statements of a warm request (the compiled-promotions cache is filled on first use)."""
    client.get(path)
    response = client.get(path)
    assert response.status_code == 200, path
    return int(response.headers["X-SQL-Count"])


def shopper_with_lines(client, products) -> None:
    """A browser session whose cart holds one line per product."""
    token = client.post("/api/v1/carts").get_json()["token"]
    cart = service.find_cart(token)
    for product in products:
        service.add_item(cart, product.sku, 1)
    with client.session_transaction() as session:
        session["cart_token"] = token


def test_the_ceiling_route_runs_no_sql(client):
    assert statements(client, "/_bench/ceiling") == 0


def test_shop_page_statements_do_not_grow_with_the_products_listed(app):
    department = make_department("sleep", image="img/departments/sleep.svg")
    make_product(department=department)
    one = statements(app.test_client(), "/shop")
    for _ in range(29):
        make_product(department=department, tags=["calm", "night"])
    assert statements(app.test_client(), "/shop") == one


def test_department_page_statements_do_not_grow_with_the_products_listed(app):
    department = make_department("sleep", image="img/departments/sleep.svg")
    make_product(department=department)
    one = statements(app.test_client(), "/shop/sleep")
    for _ in range(29):
        make_product(department=department)
    assert statements(app.test_client(), "/shop/sleep") == one


def test_the_cart_page_and_the_cart_api_read_cart_and_versions_in_one_statement(app, client):
    """The header's department links come from the per-version store, the promotions from the
    compiled index: one statement reads the cart outer-joined onto the three versions, so the
    page is one round trip to the database."""
    shopper = app.test_client()
    shopper_with_lines(shopper, [make_product(department=make_department())])
    assert statements(shopper, "/cart") == 1
    token = client.post("/api/v1/carts").get_json()["token"]
    assert statements(client, f"/api/v1/carts/{token}") == 1


def test_cart_page_statements_do_not_grow_with_the_lines(app):
    departments = [make_department() for _ in range(3)]
    products = [make_product(department=departments[n % 3]) for n in range(30)]
    small, large = app.test_client(), app.test_client()
    shopper_with_lines(small, products[:1])
    shopper_with_lines(large, products)
    assert statements(large, "/cart") == statements(small, "/cart")


def test_cart_api_statements_do_not_grow_with_the_lines(client):
    departments = [make_department() for _ in range(3)]
    products = [make_product(department=departments[n % 3]) for n in range(30)]
    small = client.post("/api/v1/carts").get_json()["token"]
    large = client.post("/api/v1/carts").get_json()["token"]
    service.add_item(service.find_cart(small), products[0].sku, 1)
    for product in products:
        service.add_item(service.find_cart(large), product.sku, 1)
    assert statements(client, f"/api/v1/carts/{large}") == statements(client, f"/api/v1/carts/{small}")
