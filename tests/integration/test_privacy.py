"""No shopper ever sees another shopper's cart, total, email or CSRF token, cache on.

Several anonymous shoppers and signed-in customers hold carts of the same size, changed the
same number of times (so any per-cart counter would be equal), each with their own product
and total. Each loads every storefront page and their cart's API answer twice, in turn, so a
response kept for one could be served to the next. Every response is checked against what
belongs to the others. The same runs with two app instances sharing one Redis cache, as two
servers behind a load balancer would.
"""

import pytest
from itsdangerous import BadData, URLSafeTimedSerializer

from tests.actors import Shopper, csrf_tokens
from tests.factories import CUSTOMER_PASSWORD, make_customer, make_department, make_product
from tests.integration.content.builders import make_article
from tests.integration.promotions.builders import bnr_rule, make_promotion
from tests.integration.shared_cache import REDIS_URL, sharing_apps

SHELF_PAGES = (
    "/",
    "/shop",
    "/shop/sleep",
    "/cbd",
    "/products/public-tea",
    "/search?q=tea",
    "/articles/research",
)
PERSONAL_PAGES = ("/cart", "/checkout", "/checkout/review", "/account/orders")


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": True, "CACHE_TYPE": "SimpleCache"}


class Private:
    """One shopper's browser and what must stay theirs: a cart of three units of their own
    product, an email, a total, their orders."""

    def __init__(self, client: Shopper, number: int, *, signed_in: bool):
        self.client = client
        self.sku = f"PRIVATE-{number}"
        self.email = f"shopper{number}@example.com"
        self.signed_in = signed_in
        self.total = ""
        self.orders: list[str] = []

    def raw_csrf(self) -> str:
        with self.client.session_transaction() as session:
            return session["csrf_token"]


def _store():
    sleep = make_department("sleep", name="Sleep", image="img/departments/sleep.svg")
    cbd = make_department(
        "cbd", name="CBD", age_restricted=True, minimum_age=21, image="img/departments/sleep.svg"
    )
    make_product(
        "PUBLIC-TEA", name="Public Tea", slug="public-tea", price_cents=1500, department=sleep
    )
    make_product(
        "PUBLIC-OIL", name="Public Oil", slug="public-oil", price_cents=2500, department=cbd
    )
    for number in range(5):
        # Totals of three units ($40.11, $41.13, ...) appear on no shelf.
        make_product(
            f"PRIVATE-{number}",
            name=f"Private Remedy {number}",
            slug=f"private-{number}",
            price_cents=1337 + 34 * number,
            department=sleep,
        )
    make_article("research", title="Research")
    make_promotion(bnr_rule())


def _shoppers(apps) -> list[Private]:
    """Three anonymous shoppers and two customers, spread over the app instances."""
    shoppers = []
    for number in range(5):
        app = apps[number % len(apps)]
        shopper = Private(app.test_client(), number, signed_in=number >= 3)
        browser = shopper.client
        if shopper.signed_in:
            make_customer(shopper.email)
            assert browser.sign_in(shopper.email, CUSTOMER_PASSWORD).status_code == 302
        if number == 0:  # one shopper has confirmed their age; the CBD store differs for them
            assert browser.submit("/age-confirmation", {"confirm": "yes"}, page="/cbd").status_code == 302
        # The token comes from a shelf page, so a shelf page kept for another shopper would fail here.
        added = browser.submit("/cart/add", {"sku": shopper.sku, "quantity": "3"}, page="/shop")
        assert added.status_code == 302, added.get_data(as_text=True)
        assert browser.enter_details(email=shopper.email, name=f"Shopper {number}").status_code == 302
        shoppers.append(shopper)
    return shoppers


def _check(shopper: Private, others: list[Private], path: str, body: str, secret: str) -> None:
    for other in others:
        assert f"/cart/lines/{other.sku}" not in body, f"{path}: {other.sku}'s cart line"
        assert f'"sku": "{other.sku}"' not in body and f'"sku":"{other.sku}"' not in body, path
        assert other.email not in body, f"{path}: {other.email}"
        if other.total:
            assert other.total not in body, f"{path}: {other.email}'s total {other.total}"
    serializer = URLSafeTimedSerializer(secret, salt="wtf-csrf-token")
    own = shopper.raw_csrf()
    for token in csrf_tokens(body):
        try:
            assert serializer.loads(token) == own, f"{path}: someone else's CSRF token"
        except BadData:
            pytest.fail(f"{path}: a CSRF token that is nobody's: {token}")


def _load_everything(shoppers: list[Private], secret: str) -> None:
    for path in (*SHELF_PAGES, *PERSONAL_PAGES, "api"):
        for _round in range(2):
            for shopper in shoppers:
                if path == "/account/orders" and not shopper.signed_in:
                    continue
                if path == "api":
                    token = shopper.client.cart_token
                    response = shopper.client.get(f"/api/v1/carts/{token}")
                    actual = f"/api/v1/carts/{token}"
                else:
                    response, actual = shopper.client.get(path), path
                body = response.get_data(as_text=True)
                assert response.status_code == 200, f"{actual}: {response.status_code}"
                others = [other for other in shoppers if other is not shopper]
                _check(shopper, others, actual, body, secret)
                if path == "/cbd":
                    gate = "confirm" in body and "Public Oil" not in body
                    assert gate == (shopper is not shoppers[0]), "the age gate's answer leaked"


def _place_orders(shoppers: list[Private]) -> None:
    for shopper in shoppers:
        placed = shopper.client.place(shopper.client.get("/checkout/review").get_data(as_text=True))
        assert placed.status_code == 302, placed.get_data(as_text=True)[:500]
        shopper.orders.append(placed.headers["Location"])


def _check_orders(shoppers: list[Private], secret: str) -> None:
    for _round in range(2):
        for shopper in shoppers:
            others = [other for other in shoppers if other is not shopper]
            paths = [*shopper.orders, "/cart", "/", "/shop", "/products/public-tea"]
            if shopper.signed_in:
                paths.append("/account/orders")
            for path in paths:
                response = shopper.client.get(path)
                assert response.status_code == 200, path
                _check(shopper, others, path, response.get_data(as_text=True), secret)


def _totals(shoppers: list[Private]) -> None:
    for shopper in shoppers:
        cart = shopper.client.get(f"/api/v1/carts/{shopper.client.cart_token}").get_json()
        assert [line["sku"] for line in cart["lines"]] == [shopper.sku]
        shopper.total = f"${cart['subtotal_cents'] / 100:,.2f}"
    assert len({shopper.total for shopper in shoppers}) == len(shoppers)


def _run(apps) -> None:
    shoppers = _shoppers(apps)
    _totals(shoppers)
    secret = apps[0].config["SECRET_KEY"]
    _load_everything(shoppers, secret)
    _place_orders(shoppers)
    _check_orders(shoppers, secret)


def test_no_shopper_sees_anothers_cart_email_total_or_token(app):
    _store()
    _run([app])


@pytest.fixture
def two_servers(app):
    """Two app instances on one database sharing one Redis cache."""
    apps = sharing_apps(app, WTF_CSRF_ENABLED=True)
    if apps is None:
        pytest.skip(f"no Redis at {REDIS_URL}")
    return apps


def test_two_servers_sharing_redis_never_mix_shoppers(app, two_servers):
    _store()
    _run(list(two_servers))
