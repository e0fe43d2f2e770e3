"""Cached shop pages: the same page for every anonymous shopper, never a stale one.

Each test first fills the cache with a request, changes something the page shows the way
the store changes it (a service, a checkout, a vote), then asks again.
"""

import re
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event

from catalog import service as catalog_service
from catalog.stock import give_back_stock, take_stock
from promotions.redemption import Claim, claim_all, release_all
from promotions.service import current_version
from storefront.cart import service as cart_service
from storefront.content.seed import seed_articles
from storefront.extensions import db
from storefront.page_cache import CSRF_TOKEN
from tests.factories import make_admin, make_department, make_product
from tests.integration.promotions.builders import bnr_rule, department_sale_rule, make_promotion


@pytest.fixture
def tea(app):
    return make_product("TEA-1", price_cents=1000, stock=50, department=make_department("sleep", image="img/departments/sleep.svg"), name="Sleepy Tea")


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def queries(client, path: str) -> list[str]:
    """The statements a request ran (SQLite's explicit BEGIN aside)."""
    seen = []

    def record(_conn, _cursor, statement, *_args):
        if statement != "BEGIN":
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        page(client, path)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return seen


def csrf_token(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def cart_count(html: str) -> str:
    return re.search(r'<span class="cart-count"[^>]*>(\d+)</span>', html).group(1)


def shopper_with(client, product, quantity: int = 1) -> str:
    token = client.post("/api/v1/carts").get_json()["token"]
    cart_service.add_item(cart_service.find_cart(token), product.sku, quantity)
    with client.session_transaction() as session:
        session["cart_token"] = token
    return token


# SQLite: one in-process read of the versions (and the cart). PostgreSQL: none, the worker
# hears of every change (storefront/change_feed.py).
READS_PER_CACHED_PAGE = {"sqlite": 1, "postgresql": 0}


def test_a_cached_page_costs_at_most_one_read_with_or_without_a_cart(app, backend, tea):
    reads = READS_PER_CACHED_PAGE[backend]
    shopper = app.test_client()
    page(shopper, "/products/tea-1")
    assert len(queries(shopper, "/products/tea-1")) == reads  # the versions
    shopper_with(shopper, tea, quantity=2)
    page(shopper, "/products/tea-1")
    assert len(queries(shopper, "/products/tea-1")) == reads  # with the header's cart count
    page(shopper, "/cart")
    assert len(queries(shopper, "/cart")) == reads  # and the cart's revision


def test_every_visitor_gets_their_own_working_csrf_token_in_a_cached_page(app, tea):
    app.config["WTF_CSRF_ENABLED"] = True
    first, second = app.test_client(), app.test_client()
    first_token = csrf_token(page(first, "/products/tea-1"))
    second_token = csrf_token(page(second, "/products/tea-1"))
    assert first_token != second_token
    assert CSRF_TOKEN.marker not in page(second, "/products/tea-1")
    added = second.post("/cart/add", data={"sku": "TEA-1", "quantity": "1", "csrf_token": second_token})
    assert added.status_code == 302


def test_the_header_counts_each_visitors_own_cart(app, tea):
    buyer, browser = app.test_client(), app.test_client()
    page(browser, "/")
    shopper_with(buyer, tea, quantity=3)
    assert cart_count(page(buyer, "/")) == "3"
    assert cart_count(page(browser, "/")) == "0"


def test_a_price_change_shows_at_once(client, tea):
    assert "$10.00" in page(client, "/products/tea-1")
    catalog_service.update_product("TEA-1", {"price_cents": 1250})
    html = page(client, "/products/tea-1")
    assert "$12.50" in html and "$10.00" not in html


def test_stock_running_low_shows_at_once_and_plenty_left_needs_no_refresh(client, tea):
    assert "In stock" in page(client, "/products/tea-1")
    version = sql_version(client)
    take_stock([(tea.id, 10)])
    db.session.commit()
    assert sql_version(client) == version  # 40 left still reads "In stock": pages stay cached
    take_stock([(tea.id, 37)])
    db.session.commit()
    assert "Only 3 left" in page(client, "/products/tea-1")
    give_back_stock([(tea.id, 37)])
    db.session.commit()
    assert "In stock" in page(client, "/products/tea-1")


def sql_version(client) -> tuple:
    from storefront.page_cache import store_versions

    with client.application.test_request_context():
        return store_versions()


def test_a_new_promotion_shows_in_the_banner_and_on_the_shelf_at_once(client, tea):
    assert "SAVE $50" not in page(client, "/")
    assert 'class="sale-price"' not in page(client, "/shop/sleep")
    make_promotion(bnr_rule())
    make_promotion(department_sale_rule("sleep", 20))
    assert "SAVE $50 on $200 Orders" in page(client, "/")
    assert '<span class="sale-price">$8.00</span>' in page(client, "/shop/sleep")


def test_a_promotion_starting_soon_shows_when_it_starts(client, tea):
    starts = datetime.now(UTC) + timedelta(seconds=1)
    make_promotion(department_sale_rule("sleep", 20, starts_at=starts.isoformat()))
    assert 'class="sale-price"' not in page(client, "/shop/sleep")
    time.sleep(max(0.0, (starts - datetime.now(UTC)).total_seconds()) + 0.05)
    assert '<span class="sale-price">$8.00</span>' in page(client, "/shop/sleep")


def test_claims_move_the_promotions_version_only_when_shoppers_would_see_it(app):
    unlimited = make_promotion(bnr_rule(codes=["OPEN1"], usage_limit_per_customer=None))
    limited = make_promotion(bnr_rule(codes=["LAST1"], usage_limit=2))
    budgeted = make_promotion(bnr_rule(codes=["BUDGET1"], budget_cents=50_000))
    claims = {
        promotion.id: Claim(promotion.id, code, 5000, code=code)
        for promotion, code in ((unlimited, "OPEN1"), (limited, "LAST1"), (budgeted, "BUDGET1"))
    }

    def moves(action, promotion) -> bool:
        before = current_version()
        action([claims[promotion.id]])
        db.session.commit()
        return current_version() != before

    assert not moves(claim_all, unlimited)
    assert not moves(claim_all, limited)  # one use of two left
    assert moves(claim_all, limited)  # the last use: the code stops working for everyone
    assert moves(release_all, limited)  # and works again after a cancellation
    assert moves(claim_all, budgeted)  # what is left of a budget caps the next discount


def test_a_flash_message_is_shown_once_and_not_kept(client, tea):
    page(client, "/products/tea-1")
    client.post("/cart/add", data={"sku": "TEA-1", "quantity": "1"})
    assert "to your cart" in page(client, "/products/tea-1")
    assert "to your cart" not in page(client, "/products/tea-1")


def test_a_signed_in_shopper_sees_their_own_header(client, tea):
    assert "Sign in" in page(client, "/")
    make_admin()
    client.post("/admin/login", data={"email": "owner@example.com", "password": "correct horse battery"})
    assert "Your orders" in page(client, "/")


def test_the_age_gate_and_the_product_are_cached_apart(client):
    make_product("CBD-1", department=make_department("cbd", age_restricted=True, image="img/departments/cbd.svg"), name="Calm Drops")
    assert "Calm Drops" not in page(client, "/products/cbd-1").split("<main", 1)[1]
    client.post("/age-confirmation", data={"confirm": "yes"})
    assert "Add to cart" in page(client, "/products/cbd-1")
    assert "Add to cart" not in page(client.application.test_client(), "/products/cbd-1")


def test_the_cart_page_follows_every_change_to_the_cart(client, tea):
    token = shopper_with(client, tea)
    assert "$10.00" in page(client, "/cart")
    cart_service.set_quantity(cart_service.find_cart(token), "TEA-1", 3)
    assert "$30.00" in page(client, "/cart")
    other = client.application.test_client()
    assert "Your cart is empty" in page(other, "/cart")


def test_a_cart_change_moves_its_revision_every_time(app, tea):
    cart = cart_service.create_cart()
    revisions = [cart.revision]
    cart_service.add_item(cart, "TEA-1", 1)
    revisions.append(cart_service.find_cart(cart.token).revision)
    cart_service.set_quantity(cart, "TEA-1", 2)
    revisions.append(cart_service.find_cart(cart.token).revision)
    cart_service.remove_item(cart, "TEA-1")
    revisions.append(cart_service.find_cart(cart.token).revision)
    assert revisions == [0, 1, 2, 3]


def test_a_new_vote_shows_on_the_home_page_at_once(client, app):
    seed_articles()
    db.session.commit()
    assert "156 votes" in page(client, "/")
    client.post("/articles/small-fibre-nerves-and-fibromyalgia/ratings", data={"stars": "5"})
    assert "157 votes" in page(client, "/")


def test_a_cache_size_of_zero_renders_every_time(client, app, tea):
    app.config["PAGE_CACHE_SIZE"] = 0
    page(client, "/products/tea-1")
    assert len(queries(client, "/products/tea-1")) > 1


def test_the_cart_api_answers_from_the_cache_until_the_cart_changes(client, backend, tea):
    token = client.post("/api/v1/carts").get_json()["token"]
    client.post(f"/api/v1/carts/{token}/lines", json={"sku": "TEA-1"})
    fresh = client.get(f"/api/v1/carts/{token}").get_json()
    reads = {"sqlite": 2, "postgresql": 0}[backend]  # the versions and the cart's revision
    assert len(queries(client, f"/api/v1/carts/{token}")) == reads
    assert client.get(f"/api/v1/carts/{token}").get_json() == fresh
    client.patch(f"/api/v1/carts/{token}/lines/TEA-1", json={"quantity": 3})
    assert client.get(f"/api/v1/carts/{token}").get_json()["subtotal_cents"] == 3000
