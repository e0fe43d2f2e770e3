"""Every state-changing HTML route refuses a request without a CSRF token, and changes nothing.

Routes are read from app.url_map when the test runs, so a form another feature adds later is
checked too. The shopper has a cart and an admin is signed in, so a forged request would have
something to change.
"""

import pytest
from sqlalchemy import select

from core.extensions import db
from tests.factories import OWNER

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
SKU = "SLP-MEL-3-60"
PLAUSIBLE = {
    "sku": SKU,
    "slug": "sleep",
    "department": "sleep",
    "code": "BNR41921",
    "email": OWNER,
    "quantity": "1",
    "confirm": "yes",
}


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": True}


def unsafe_html_rules(app):
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/") or rule.endpoint == "static":
            continue
        for method in sorted(rule.methods & UNSAFE):
            yield method, rule


def urls(rule, cart_token: str) -> list[str]:
    """The rule's URLs with plausible values: real SKUs and slugs, id 1, the shopper's cart,
    and every choice of an `any(...)` part (each choice is its own action)."""
    choices = [{}]
    for name in rule.arguments:
        converter = rule._converters[name]
        kind = type(converter).__name__
        if kind == "AnyConverter":
            options = sorted(converter.items)
        elif kind in {"IntegerConverter", "FloatConverter"}:
            options = [1]
        elif name == "token":
            options = [cart_token]
        else:
            options = [PLAUSIBLE.get(name, "1")]
        choices = [{**values, name: option} for values in choices for option in options]
    return [rule.build(values, append_unknown=False)[1] for values in choices]


def database_state() -> dict:
    """Every row of every table, to prove nothing changed."""
    state = {}
    for table in db.metadata.sorted_tables:
        rows = db.session.execute(select(table)).all()
        state[table.name] = sorted(map(repr, rows))
    db.session.rollback()
    return state


@pytest.fixture
def signed_in_shopper_and_admin(demo_store, merchant):
    """One browser, signed in to the admin (the fixture asserts it), with a cart: its token."""
    response = merchant.submit("/cart/add", {"sku": SKU, "quantity": "1"}, page=product_page(SKU))
    assert response.status_code == 302, "the shopper could not add to the cart with a token"
    with merchant.session_transaction() as session:
        return session["cart_token"]


def product_page(sku: str) -> str:
    from catalog.models import Product

    return f"/products/{db.session.scalar(select(Product.slug).where(Product.sku == sku))}"


def test_forms_with_a_token_are_accepted(signed_in_shopper_and_admin):
    assert signed_in_shopper_and_admin


def test_state_changing_routes_are_enumerated(app):
    found = {rule.rule for _, rule in unsafe_html_rules(app)}
    assert {"/cart/add", "/admin/login", "/admin/logout"} <= found


def test_every_unsafe_html_route_refuses_a_request_without_csrf_token(app, merchant, signed_in_shopper_and_admin):
    failures = []
    before = database_state()
    for method, rule in unsafe_html_rules(app):
        for url in urls(rule, signed_in_shopper_and_admin):
            response = merchant.open(url, method=method, data=PLAUSIBLE)
            if response.status_code not in (400, 403):
                failures.append(f"{method} {url} answered {response.status_code}")
            if (after := database_state()) != before:
                failures.append(f"{method} {url} changed the database")
                before = after
    assert not failures, "CSRF not enforced: " + "; ".join(failures)


def test_a_forged_request_gets_the_error_page(merchant, signed_in_shopper_and_admin):
    response = merchant.post("/cart/add", data={"sku": SKU, "quantity": "5"})
    assert response.status_code == 400
    assert "error-page" in response.get_data(as_text=True)
