"""Shop listings: tags filter, mistyped filters keep the page, pages past the end say so."""

from tests.factories import make_product


def test_a_tag_filters_the_listing_to_products_with_exactly_that_tag(app, client):
    make_product("CALM", name="Calm Tea", tags=["sleep", "tea"])
    make_product("SLEEPY", name="Sleepy Socks", tags=["sleepwear"])
    page = client.get("/shop?tag=sleep").get_data(as_text=True)
    assert "Calm Tea" in page and "Sleepy Socks" not in page
    assert "<h1>Products tagged “sleep”</h1>" in page


def test_a_mistyped_price_shows_the_listing_with_the_message_beside_the_filter(app, client):
    make_product("CALM", name="Calm Tea")
    response = client.get("/shop?min_price=ten")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="f-min_price-error">Enter an amount like 12.50.' in page
    assert "Calm Tea" in page and "min_price:" not in page


def test_a_page_past_the_end_is_a_404_that_names_the_last_page(app, client):
    make_product("CALM", name="Calm Tea")
    response = client.get("/shop?page=99")
    assert response.status_code == 404
    assert "There is no page 99: these products fill 1 page." in response.get_data(as_text=True)


def test_an_unknown_query_parameter_is_ignored(app, client):
    make_product("CALM", name="Calm Tea")
    assert client.get("/shop?utm_source=newsletter").status_code == 200
