"""Who acts in the tests and what they buy, as fixtures (tests/conftest.py loads this module).

`shopper` and `merchant` are the actors of tests/actors.py; the other fixtures are the people
and products many tests share. Anything more particular is built with tests/factories.py.
"""

import pytest

from core.auth import Role
from tests.actors import Merchant, Shopper, basic_auth
from tests.factories import MARKETER, OWNER, PASSWORD, make_admin, make_department, make_product


@pytest.fixture
def tea(app):
    return make_product("TEA-1", price_cents=1250, stock=10, name="Sleepy Tea")


@pytest.fixture
def mat(app):
    return make_product("MAT-1", price_cents=4000, stock=5, name="Yoga Mat")


@pytest.fixture
def tote(app):
    """A $15.00 tote with three in stock: the free gift of the gift tests."""
    return make_product("TOTE-1", price_cents=1500, stock=3, name="Canvas Tote")


@pytest.fixture
def cbd_oil(app):
    """An oil in an age-restricted CBD department that cannot ship to three states."""
    cbd = make_department(
        "cbd", name="CBD", age_restricted=True, minimum_age=21, restricted_regions=["ID", "NE", "SD"]
    )
    return make_product("CBD-1", price_cents=4999, stock=10, name="CBD Oil 500mg", department=cbd)


@pytest.fixture
def shopper(app) -> Shopper:
    """A shopper's browser of its own (tests/actors.py)."""
    return Shopper.of(app)


@pytest.fixture
def owner(app):
    return make_admin(OWNER, role=Role.OWNER)


@pytest.fixture
def marketer(app):
    return make_admin(MARKETER, role=Role.MARKETING)


@pytest.fixture
def admin_visitor(app) -> Merchant:
    """An admin's browser at the login page, not signed in yet."""
    return Merchant.of(app)


def _signed_in(app, email: str) -> Merchant:
    merchant = Merchant.of(app)
    assert merchant.sign_in(email).status_code == 302, f"{email} could not sign in"
    return merchant


@pytest.fixture
def merchant(app, owner) -> Merchant:
    """The store's owner, signed in to the admin."""
    return _signed_in(app, OWNER)


@pytest.fixture
def as_marketer(app, marketer) -> Merchant:
    """A marketing colleague, signed in to the admin."""
    return _signed_in(app, MARKETER)


@pytest.fixture
def owner_headers(owner) -> dict:
    """HTTP Basic headers of the store's owner, for the admin API."""
    return basic_auth(OWNER, PASSWORD)
