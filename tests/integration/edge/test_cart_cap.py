"""A cart holds at most 100 different products, so no client can grow one without bound."""

from storefront.cart import service
from tests.factories import make_department, make_product


def test_a_cart_refuses_a_101st_different_product(client):
    department = make_department()
    products = [make_product(department=department) for _ in range(service.MAX_LINES + 1)]
    token = client.post("/api/v1/carts").get_json()["token"]
    cart = service.find_cart(token)
    for product in products[:-1]:
        service.add_item(cart, product.sku, 1)
    response = client.post(f"/api/v1/carts/{token}/lines", json={"sku": products[-1].sku})
    assert service.MAX_LINES == 100
    assert response.status_code == 422
    assert "at most 100" in response.get_json()["error"]["message"]
    assert len(service.find_cart(token).lines) == 100
