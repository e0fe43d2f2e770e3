"""The site banner, the terms page it links to, and automatic sale prices on the shelf."""

from core.extensions import cache
from tests.factories import make_department, make_product
from tests.integration.promotions.builders import (
    BNR_TERMS,
    bnr_rule,
    days,
    department_sale_rule,
    make_promotion,
    use_up,
)
from tests.sql_log import statements_run


def banner_html(client) -> str:
    html = client.get("/").get_data(as_text=True)
    start = html.find('class="promo-banner"')
    return "" if start < 0 else html[start : html.find("</div>", start)]


def test_the_banner_shows_the_offer_the_code_and_links_the_star_to_the_terms(client, app):
    promotion = make_promotion(bnr_rule())
    banner = banner_html(client)
    assert "SAVE $50 on $200 Orders" in banner
    assert f'<a href="/offers/{promotion.id}/terms" aria-label="Offer terms">*</a>' in banner
    assert "Use code <strong>BNR41921</strong>" in banner


def test_the_terms_page_shows_the_terms(client, app):
    promotion = make_promotion(bnr_rule())
    html = client.get(f"/offers/{promotion.id}/terms").get_data(as_text=True)
    assert "One use per customer. Cannot be combined with other codes." in html
    assert BNR_TERMS.startswith("*Offer applies to merchandise subtotal")


def test_no_banner_when_no_promotion_is_active(client, app):
    assert banner_html(client) == ""


def test_no_banner_for_a_paused_ended_future_or_used_up_promotion(client, app):
    make_promotion(bnr_rule(), status="paused")
    make_promotion(bnr_rule(codes=["OLDCODE"], starts_at=days(-9), ends_at=days(-1)))
    make_promotion(bnr_rule(codes=["SOONCODE"], starts_at=days(2)))
    use_up(make_promotion(bnr_rule(codes=["GONECODE"], usage_limit=5)))
    assert banner_html(client) == ""


def test_a_promotion_without_banner_text_is_not_in_the_banner(client, app):
    make_promotion(bnr_rule(banner=None))
    assert banner_html(client) == ""


def test_draft_terms_are_not_public(client, app):
    promotion = make_promotion(bnr_rule(), status="draft")
    assert client.get(f"/offers/{promotion.id}/terms").status_code == 404


def test_unknown_terms_page_is_404(client, app):
    assert client.get("/offers/999/terms").status_code == 404


def make_tea():
    return make_product(
        "TEA-1", price_cents=1000, department=make_department("sleep", image="img/departments/sleep.svg"), name="Sleepy Tea", slug="sleepy-tea"
    )


def test_product_page_shows_the_automatic_sale_price(client, app):
    make_tea()
    make_promotion(department_sale_rule("sleep", 20))
    html = client.get("/products/sleepy-tea").get_data(as_text=True)
    assert 'class="sale-note"' in html and "$8.00" in html and "20% off sleep" in html


def test_listing_cards_show_the_automatic_sale_price(client, app):
    make_tea()
    make_promotion(department_sale_rule("sleep", 20))
    html = client.get("/shop/sleep").get_data(as_text=True)
    assert '<span class="sale-price">$8.00</span>' in html


def test_order_level_and_code_promotions_do_not_change_shelf_prices(client, app):
    make_tea()
    make_promotion(bnr_rule(conditions=[]))
    make_promotion({"name": "Ten off", "trigger": "automatic", "benefit": {"type": "percent_off", "percent": 10}})
    html = client.get("/products/sleepy-tea").get_data(as_text=True)
    assert 'class="sale-note"' not in html


def test_a_listing_prices_its_products_without_a_query_per_product(client, app):
    sleep = make_department("sleep", image="img/departments/sleep.svg")
    for n in range(6):
        make_product(f"TEA-{n}", price_cents=1000, department=sleep)
    make_promotion(department_sale_rule("sleep", 20, usage_limit=1000))
    client.get("/shop/sleep")
    cache.clear()  # the rendering itself is measured, not the shelf cache
    with statements_run() as seen:
        html = client.get("/shop/sleep").get_data(as_text=True)
    assert html.count('<span class="sale-price">$8.00</span>') == 6
    assert len([s for s in seen if "FROM promotions" in s]) == 1
