"""Shelf pages from the shared cache: kept for everyone, never stale after a write or the clock.

Each invalidation test fills the cache through one app instance, changes something the
page shows the way the store changes it (a service, a checkout, the clock, a moderator),
then asks every instance. With Redis (CI has one) the instances share it as gunicorn
workers and app servers do; without it, one instance with the in-process cache.
"""

import time
from datetime import UTC, datetime, timedelta

import pytest

from catalog import service as catalog_service
from core.extensions import db
from storefront.content.comments import set_status
from storefront.content.models import CommentStatus
from tests.actors import Shopper, cart_count
from tests.conftest import build_app
from tests.factories import make_department, make_product
from tests.integration.checkout.helpers import checkout, checkout_body, new_cart
from tests.integration.content.builders import make_article, make_comment
from tests.integration.promotions.builders import department_sale_rule, make_promotion
from tests.integration.shared_cache import sharing_apps
from tests.sql_log import statements_run


@pytest.fixture
def workers(app):
    """Clients of two app instances sharing one Redis cache, or of `app` alone without Redis.
    The test's own writes are made in the first instance, as a worker of the store makes them
    (after committing, a writer raises the version mirror in the cache it shares)."""
    apps = sharing_apps(app) or [app]
    with apps[0].app_context():
        yield [instance.test_client() for instance in apps]


@pytest.fixture
def tea(app):
    sleep = make_department("sleep", image="img/departments/sleep.svg")
    return make_product("TEA-1", price_cents=1000, stock=50, department=sleep, name="Sleepy Tea")


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def everywhere(workers, path: str) -> list[str]:
    return [page(client, path) for client in workers]


def statements(client, path: str) -> list[str]:
    with statements_run() as seen:
        page(client, path)
    return seen


PRICED = ("/products/tea-1", "/shop", "/shop/sleep", "/search?q=tea")


def test_a_kept_shelf_page_costs_one_read_of_the_versions(app, tea):
    shopper = app.test_client()
    for path in (*PRICED, "/"):
        page(shopper, path)
        assert len(statements(shopper, path)) == 1, path


def test_shoppers_with_carts_each_get_their_own_count_on_a_kept_page_in_one_read(app, workers, tea):
    """The versions and the shopper's cart count are one statement; the kept page is shared,
    the count in its header is each shopper's own."""
    shoppers = []
    for units, client in zip((1, 3, 2), [*workers, *workers, *workers], strict=False):
        shopper = Shopper.of(client.application)
        shopper.get("/shop")  # a session whose CSRF token comes from a kept page
        added = shopper.submit("/cart/add", {"sku": "TEA-1", "quantity": units}, page="/products/tea-1")
        assert added.status_code == 302
        shoppers.append((units, shopper))
    for path in PRICED:
        for units, shopper in shoppers:
            assert cart_count(page(shopper, path)) == str(units), path
            if shopper.application is app:  # statements are counted on this instance's engine
                assert len(statements(shopper, path)) == 1, path


def test_a_price_change_shows_on_the_next_request_everywhere(workers, tea):
    for path in PRICED:
        assert all("$10.00" in html for html in everywhere(workers, path))
    catalog_service.update_product("TEA-1", {"price_cents": 1250})
    for path in PRICED:
        for html in everywhere(workers, path):
            assert "$12.50" in html and "$10.00" not in html, path


def test_a_renamed_and_a_new_department_show_in_every_header_on_the_next_request(workers, tea):
    for path in ("/", "/products/tea-1", "/cart"):
        assert all(">Sleep</a>" in html for html in everywhere(workers, path))
    catalog_service.update_department("sleep", {"name": "Rest"})
    catalog_service.create_department({"slug": "focus", "name": "Focus"})
    for path in ("/", "/products/tea-1", "/cart"):  # the cart page is never cached
        for html in everywhere(workers, path):
            assert ">Rest</a>" in html and ">Sleep</a>" not in html, path
            assert 'href="/shop/focus">Focus</a>' in html, path


def test_selling_the_last_units_shows_sold_out_everywhere(workers, tea):
    catalog_service.update_product("TEA-1", {"stock": 2})
    assert all("Only 2 left" in html for html in everywhere(workers, "/products/tea-1"))
    response = checkout(workers[0], new_cart(workers[0], ("TEA-1", 2)), checkout_body())
    assert response.status_code == 201, response.get_json()
    for html in everywhere(workers, "/products/tea-1"):
        assert "Sold out" in html and "Only 2 left" not in html


def _at(seconds: float) -> str:
    return (datetime.now(UTC) + timedelta(seconds=seconds)).replace(microsecond=0).isoformat()


def _wait_until(moment: str) -> None:
    time.sleep(
        max(0.0, (datetime.fromisoformat(moment) - datetime.now(UTC)).total_seconds()) + 0.05
    )


def test_a_promotion_starting_and_ending_shows_when_the_clock_turns(workers, tea):
    starts, ends = _at(4), _at(6)  # at least 3 s to see "not yet" on both workers, on a slow machine too
    make_promotion(department_sale_rule("sleep", 20, starts_at=starts, ends_at=ends))
    for html in everywhere(workers, "/products/tea-1"):
        assert "$8.00" not in html  # not yet: and now the page without the sale is kept
    _wait_until(starts)
    for html in everywhere(workers, "/products/tea-1"):
        assert "$8.00" in html
    _wait_until(ends)
    for html in everywhere(workers, "/products/tea-1"):
        assert "$8.00" not in html and "$10.00" in html


def test_an_approved_comment_shows_on_the_next_request_everywhere(workers, app):
    article = make_article("research", title="Research")
    waiting = make_comment(article, status=CommentStatus.PENDING, body="Moderated words here.")
    for html in everywhere(workers, "/articles/research"):
        assert "Moderated words here." not in html
    set_status(waiting.id, CommentStatus.APPROVED)
    for html in everywhere(workers, "/articles/research"):
        assert "Moderated words here." in html


def test_each_host_scheme_and_mount_point_gets_its_own_kept_page(app):
    """The article's share links carry its full URL: a page kept for one address is never
    served for another."""
    make_article("research", title="Research")
    shopper = app.test_client()
    addresses = [
        ("http://shop.example", ""),
        ("https://shop.example", ""),
        ("http://other.example", ""),
        ("http://shop.example", "/store"),
    ]
    for _ in range(2):  # the second round is served from the cache
        for base, mount in addresses:
            html = shopper.get(
                "/articles/research", base_url=base + mount, environ_overrides={"SCRIPT_NAME": mount}
            ).get_data(as_text=True)
            canonical = [f'rel="canonical" href="{b}{m}/articles/research"' in html for b, m in addresses]
            assert canonical == [(b, m) == (base, mount) for b, m in addresses], (base, mount)


def test_a_rolled_back_write_moves_no_version(app, tea):
    from core.versions import read_versions

    before = read_versions()
    tea.price_cents = 1
    db.session.flush()
    db.session.rollback()
    assert read_versions() == before
    tea = db.session.merge(tea)
    tea.price_cents = 2
    db.session.commit()
    assert read_versions()[1] == before[1] + 1


def test_a_shopper_with_a_message_waiting_gets_a_fresh_page(app, tea):
    shopper = app.test_client()
    page(shopper, "/products/tea-1")
    shopper.post("/cart/add", data={"sku": "TEA-1", "quantity": "1"})
    assert "Added 1 × Sleepy Tea" in page(shopper, "/products/tea-1")
    assert "Added 1 × Sleepy Tea" not in page(app.test_client(), "/products/tea-1")


def test_a_cache_that_is_down_costs_a_render_not_an_error(app, tea):
    down = build_app(
        app.config["SQLALCHEMY_DATABASE_URI"],
        CACHE_TYPE="RedisCache",
        CACHE_REDIS_URL="redis://127.0.0.1:1/0",
    )
    assert "$10.00" in page(down.test_client(), "/products/tea-1")
