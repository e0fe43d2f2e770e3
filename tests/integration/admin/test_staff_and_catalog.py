"""Owners manage staff and the catalog through the admin pages."""

from catalog.queries import department_by_slug, product_by_sku
from core.auth import Role
from storefront.accounts.service import find_user
from tests.actors import Merchant
from tests.factories import OWNER, make_department, make_product


def test_an_owner_adds_a_marketing_colleague_who_can_sign_in(app, merchant):
    response = merchant.post("/admin/users", data={
        "email": "new@example.com", "name": "Nia", "role": "marketing", "password": "a long enough secret"})
    assert response.status_code == 302
    assert find_user("new@example.com").role is Role.MARKETING
    assert Merchant.of(app).sign_in("new@example.com", "a long enough secret").status_code == 302


def test_an_existing_email_is_not_taken_over(app, merchant):
    response = merchant.post("/admin/users", data={
        "email": OWNER, "role": "marketing", "password": "a long enough secret"})
    assert response.status_code == 409
    assert find_user(OWNER).role is Role.OWNER


def test_a_deactivated_colleague_cannot_sign_in(app, merchant, marketer):
    merchant.post(f"/admin/users/{marketer.id}/deactivate")
    assert Merchant.of(app).sign_in(marketer.email).status_code == 401


def test_an_owner_cannot_deactivate_themselves(app, merchant, owner):
    response = merchant.post(f"/admin/users/{owner.id}/deactivate")
    assert response.status_code == 409
    assert find_user(OWNER).active


def test_a_product_created_in_dollars_is_stored_in_cents(app, merchant):
    make_department("cbd")
    response = merchant.post("/admin/catalog/products/new", data={
        "sku": "cbd-oil-9", "name": "CBD Oil 9", "department": "cbd", "price": "49.99",
        "compare_at": "59.00", "cost": "$12.50", "stock": "7", "tags": "Oil, vegan", "active": "y"})
    assert response.status_code == 302
    product = product_by_sku("CBD-OIL-9")
    assert (product.price_cents, product.compare_at_cents, product.cost_cents) == (4999, 5900, 1250)
    assert product.tags == ["oil", "vegan"] and product.stock == 7


def test_a_bad_price_is_reported_next_to_the_field(app, merchant):
    make_department("cbd")
    response = merchant.post("/admin/catalog/products/new", data={
        "sku": "X-1", "name": "X", "department": "cbd", "price": "twelve", "stock": "1"})
    assert response.status_code == 422
    assert "Enter an amount like 12.50." in response.get_data(as_text=True)


def test_a_compare_at_price_below_the_price_is_refused(app, merchant):
    product = make_product("SKU-A", price_cents=2000)
    response = merchant.post(f"/admin/catalog/products/{product.sku}", data={
        "sku": product.sku, "name": product.name, "department": product.department.slug,
        "price": "20.00", "compare_at": "10.00", "stock": "3"})
    assert response.status_code == 422
    assert "Must be above the price." in response.get_data(as_text=True)


def test_the_product_list_finds_inactive_products_by_search(app, merchant):
    make_product("SKU-Z", name="Hidden Lavender Balm", active=False)
    html = merchant.get("/admin/catalog/products?q=lavender").get_data(as_text=True)
    assert "SKU-Z" in html


def test_bulk_stock_sets_every_listed_product(app, merchant):
    make_product("SKU-1", stock=1)
    make_product("SKU-2", stock=2)
    merchant.post("/admin/catalog/products/stock", data={"levels": "SKU-1 10\nsku-2, 20\n"})
    assert (product_by_sku("SKU-1").stock, product_by_sku("SKU-2").stock) == (10, 20)


def test_bulk_stock_with_an_unknown_sku_changes_nothing(app, merchant):
    make_product("SKU-1", stock=1)
    response = merchant.post("/admin/catalog/products/stock", data={"levels": "SKU-1 10\nNOPE 5"}, follow_redirects=True)
    assert "Unknown SKU NOPE" in response.get_data(as_text=True)
    assert product_by_sku("SKU-1").stock == 1


def test_the_cbd_store_restricted_regions_are_edited_as_a_list(app, merchant):
    make_department("cbd", name="CBD", age_restricted=True, minimum_age=21)
    response = merchant.post("/admin/catalog/departments/cbd", data={
        "slug": "cbd", "name": "CBD", "position": "1", "age_restricted": "y", "minimum_age": "21",
        "restricted_regions": "id, ne sd"})
    assert response.status_code == 302
    assert department_by_slug("cbd").restricted_regions == ["ID", "NE", "SD"]


def test_a_bad_region_code_is_refused(app, merchant):
    make_department("cbd")
    response = merchant.post("/admin/catalog/departments/cbd", data={
        "slug": "cbd", "name": "CBD", "position": "1", "restricted_regions": "Idaho!"})
    assert response.status_code == 422
    assert "Not a region code" in response.get_data(as_text=True)
