"""favicon.ico, robots.txt and sitemap.xml answer as crawlers and browsers expect."""

from tests.factories import make_department, make_product


def test_favicon_is_an_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response.mimetype == "image/vnd.microsoft.icon"
    assert response.data[:4] == b"\x00\x00\x01\x00"  # the ICO header


def test_robots_keeps_crawlers_out_of_private_pages_and_names_the_sitemap(client):
    text = client.get("/robots.txt").get_data(as_text=True)
    assert "Disallow: /admin" in text and "Disallow: /checkout" in text
    assert "Sitemap: http://localhost/sitemap.xml" in text


def test_sitemap_lists_departments_and_active_products_only(app, client):
    sleep = make_department("sleep")
    make_product("ON-SALE", slug="lavender-pillow-mist", department=sleep)
    make_product("GONE", slug="retired-tea", department=sleep, active=False)
    xml = client.get("/sitemap.xml").get_data(as_text=True)
    assert "<loc>http://localhost/shop/sleep</loc>" in xml
    assert "<loc>http://localhost/products/lavender-pillow-mist</loc>" in xml
    assert "retired-tea" not in xml
