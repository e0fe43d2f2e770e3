"""The shop pages render the demo store and honour filters, sorting and the CBD age gate."""

import pytest


@pytest.fixture(autouse=True)
def _store(demo_store):
    return demo_store


@pytest.mark.parametrize(
    "url",
    ["/", "/shop", "/shop?page=2&sort=price_desc", "/shop/sleep", "/shop/supplements",
     "/search?q=gummies", "/products/arnica-gel-75g", "/cart", "/healthz"],
)
def test_every_public_page_renders(client, url):
    assert client.get(url).status_code == 200


def test_home_lists_departments_and_featured_products(client):
    html = client.get("/").get_data(as_text=True)
    assert "CBD Store" in html and "Featured products" in html


def test_shop_sorts_by_price_low_to_high(client):
    html = client.get("/shop?sort=price_asc").get_data(as_text=True)
    assert html.index("$4.99") < html.index("$12.99")


def test_shop_filters_by_price_range_in_dollars(client):
    html = client.get("/shop?min_price=150&max_price=189").get_data(as_text=True)
    assert "$189.00" in html and "$4.99" not in html


def test_shop_refuses_a_malformed_price_filter_with_a_message(client):
    response = client.get("/shop?min_price=cheap")
    assert response.status_code == 422
    assert "Enter an amount like 12.50." in response.get_data(as_text=True)


def test_search_matches_tags_as_well_as_names(client):
    html = client.get("/search?q=melatonin-free").get_data(as_text=True)
    assert "product-card" in html


def test_unknown_product_is_a_styled_404(client):
    response = client.get("/products/no-such-thing")
    assert response.status_code == 404 and "Page not found" in response.get_data(as_text=True)


def test_cbd_store_asks_for_age_before_showing_products(client):
    html = client.get("/cbd").get_data(as_text=True)
    assert "21 or older" in html and "product-card" not in html


def test_confirming_age_opens_the_cbd_store_for_the_session(client):
    client.post("/age-confirmation", data={"confirm": "yes", "next": "/cbd"})
    html = client.get("/cbd").get_data(as_text=True)
    assert "product-card" in html and "ID, NE, SD" in html


def test_declining_age_keeps_the_cbd_store_closed(client):
    assert client.post("/age-confirmation", data={"confirm": "no"}).status_code == 403
    assert "product-card" not in client.get("/cbd").get_data(as_text=True)


def test_age_confirmation_never_redirects_off_site(client):
    response = client.post("/age-confirmation", data={"confirm": "yes", "next": "//evil.example"})
    assert response.headers["Location"] == "/cbd"


def test_cbd_product_page_lists_regions_it_cannot_ship_to(client):
    client.post("/age-confirmation", data={"confirm": "yes"})
    html = client.get("/products/full-spectrum-cbd-oil-500mg").get_data(as_text=True)
    assert "Can't ship to: ID, NE, SD" in html


def test_sold_out_product_shows_sold_out_and_no_add_button(client, app):
    from sqlalchemy import select

    from catalog.models import Product
    from core.extensions import db

    product = db.session.scalar(select(Product).where(Product.stock == 0, Product.department.has(age_restricted=False)))
    html = client.get(f"/products/{product.slug}").get_data(as_text=True)
    assert "Sold out" in html and "Add to cart" not in html
