"""Who uses the store in tests: a shopper and a merchant, each a test client filling in forms.

Both post forms as a browser does, with the CSRF token of a page they were shown, so the same
test works with CSRF on or off. Every `app.test_client()` of a test app is a `Shopper`
(tests/conftest.py sets it); a `Merchant` is asked for with `Merchant.of(app)`.
"""

import base64
import re

from flask.testing import FlaskClient

from tests.factories import OWNER, PASSWORD

_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')

DETAILS = {"email": "ada@example.com", "name": "Ada Shopper", "line1": "1 Main St", "city": "Springfield",
           "region": "OR", "postal_code": "97477", "country": "US", "shipping_method": "standard"}
CARD = {"card_number": "4242 4242 4242 4242", "exp_month": "12", "exp_year": "2099", "cvc": "123"}
REVIEW_FIELDS = ("idempotency_key", "fingerprint", "expected_total_cents")


def csrf_token(html: str) -> str:
    """The CSRF token of the first form on the page; empty when the page has none (CSRF off)."""
    match = _CSRF.search(html)
    return (match.group(1) or match.group(2)) if match else ""


def csrf_tokens(html: str) -> list[str]:
    """Every CSRF token on the page (a page holding someone else's would show up here)."""
    return [first or second for first, second in _CSRF.findall(html)]


def hidden(html: str, name: str) -> str:
    """The value of the hidden form field `name`."""
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


def cart_count(html: str) -> str:
    """The count in the page header's cart link."""
    return re.search(r'<span class="cart-count"[^>]*>([^<]*)</span>', html).group(1)


def basic_auth(email: str = OWNER, password: str = PASSWORD) -> dict:
    """HTTP Basic headers for the admin API."""
    raw = base64.b64encode(f"{email}:{password}".encode()).decode()
    return {"Authorization": f"Basic {raw}"}


class Actor(FlaskClient):
    """A test client that submits forms with the token of the page it was shown."""

    token_page = "/orders/lookup"  # a page with a form whatever the actor's state

    @classmethod
    def of(cls, app):
        return cls(app, app.response_class, use_cookies=True)

    def csrf_token(self, page: str | None = None) -> str:
        return csrf_token(self.get(page or self.token_page).get_data(as_text=True))

    def submit(self, path: str, data: dict | None = None, *, page: str | None = None, **kwargs):
        """POST a form; with CSRF on, first open `page` (default: a page with a form) for its token."""
        data = dict(data or {})
        if self.application.config.get("WTF_CSRF_ENABLED", True):
            data["csrf_token"] = self.csrf_token(page)
        return self.post(path, data=data, **kwargs)


class Shopper(Actor):
    """A shopper's browser: the cart, codes, checkout, and an optional customer account."""

    def add_to_cart(self, sku: str, quantity: int = 1):
        return self.submit("/cart/add", {"sku": sku, "quantity": str(quantity)})

    def apply_code(self, code: str):
        return self.submit("/cart/codes", {"code": code})

    def enter_details(self, **overrides):
        return self.submit("/checkout", DETAILS | overrides, page="/checkout")

    def review(self, **details) -> str:
        """Enter the delivery details and open the review page."""
        assert self.enter_details(**details).status_code == 302
        return self.get("/checkout/review").get_data(as_text=True)

    def place(self, review: str, **card):
        """Place the order shown on `review` (the review page's HTML) with `card`."""
        form = CARD | card | {name: hidden(review, name) for name in REVIEW_FIELDS}
        return self.submit("/checkout/place", form, page="/checkout/review")

    def check_out(self, **card):
        """Details, review, place: the confirmation redirect."""
        return self.place(self.review(), **card)

    def register(self, email: str, password: str, **fields):
        form = {"email": email, "password": password, "confirm": password} | fields
        return self.submit("/account/register", form, page="/account/register")

    def sign_in(self, email: str, password: str):
        return self.submit("/account/sign-in", {"email": email, "password": password}, page="/account/sign-in")

    def sign_out(self):
        return self.submit("/account/sign-out")

    @property
    def cart_token(self) -> str:
        with self.session_transaction() as session:
            return session["cart_token"]


class Merchant(Actor):
    """An admin's browser: signs in through the login form and posts admin forms."""

    token_page = "/admin/login"

    def sign_in(self, email: str = OWNER, password: str = PASSWORD):
        """Sign in through the form; signed in, admin pages are the token pages."""
        response = self.submit("/admin/login", {"email": email, "password": password}, page="/admin/login")
        if response.status_code == 302:
            self.token_page = "/admin/tokens"
        return response

    def sign_out(self):
        return self.submit("/admin/logout")
