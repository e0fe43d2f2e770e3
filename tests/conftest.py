"""Fixtures shared by every test that needs the app: one per database backend.

Integration tests run once on SQLite and once on PostgreSQL (when TEST_DATABASE_URL is set;
REQUIRE_POSTGRES=1 turns a missing PostgreSQL into a failure). The schema is built once per
backend per run and every test starts from empty tables.
"""

import os
from contextlib import contextmanager

import pytest
from argon2 import PasswordHasher
from flask import g, request_started
from sqlalchemy import text

from core.auth import Role
from core.extensions import db
from storefront import create_app
from tests.actors import Merchant, Shopper, basic_auth
from tests.factories import MARKETER, OWNER, PASSWORD, make_admin, make_department, make_product

_schema_ready: set[str] = set()


def postgres_url() -> str | None:
    return os.environ.get("TEST_DATABASE_URL")


def require_postgres():
    if postgres_url():
        return
    if os.environ.get("REQUIRE_POSTGRES") == "1":
        pytest.fail("REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set")
    pytest.skip("PostgreSQL tests need TEST_DATABASE_URL")


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


def _database_url(backend: str, sqlite_url: str) -> str:
    if backend == "postgresql":
        require_postgres()
        from storefront.config import normalise_database_url

        return normalise_database_url(postgres_url())
    return sqlite_url


def empty_tables() -> None:
    """Start a test from nothing: TRUNCATE on PostgreSQL, DELETE on SQLite."""
    tables = [table.name for table in db.metadata.sorted_tables]
    if db.engine.dialect.name == "postgresql":
        quoted = ", ".join(f'"{name}"' for name in tables)
        db.session.execute(text(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE"))
    else:
        for name in reversed(tables):
            db.session.execute(text(f'DELETE FROM "{name}"'))
    db.session.commit()


def build_app(database_url: str, **overrides):
    config = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "SECRET_KEY": "test-secret",
        "RATELIMIT_ENABLED": False,
        "SERVER_NAME": None,
        "QUEUE_URL": "immediate",  # jobs run inline; tests/integration/jobs use a real queue
    }
    config.update(overrides)
    app = create_app(config)
    app.test_client_class = Shopper  # every test client can shop (tests/actors.py)
    return app


@contextmanager
def cheap_password_hashing():
    """argon2 at the lowest cost: production's costs ~0.1 s a hash, and tests hash hundreds.

    Verifying reads the cost from the hash itself, so what a test proves does not change.
    """
    from storefront.accounts import passwords

    production = passwords._hasher
    passwords._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    try:
        yield
    finally:
        passwords._hasher = production


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashing():
    with cheap_password_hashing():
        yield


def prepare_schema(app, database_url: str) -> None:
    with app.app_context():
        if database_url not in _schema_ready:
            db.drop_all()
            db.create_all()
            _schema_ready.add(database_url)
        else:
            empty_tables()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request) -> str:
    return request.param


@pytest.fixture
def app_config() -> dict:
    """Override in a test module to change settings for its app."""
    return {}


def _fresh_g(sender, **extra):
    """Test requests reuse the test's app context; start each with an empty `g`, as a server does."""
    for name in list(vars(g)):
        g.pop(name, None)


@pytest.fixture
def app(backend, sqlite_url, app_config):
    database_url = _database_url(backend, sqlite_url)
    application = build_app(database_url, **app_config)
    prepare_schema(application, database_url)
    request_started.connect(_fresh_g, application)
    with application.app_context():
        yield application
        db.session.remove()
        db.engine.dispose()
    request_started.disconnect(_fresh_g, application)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def demo_store(app):
    from storefront.demo import seed_demo_store

    seed_demo_store()
    return app


@pytest.fixture
def tea(app):
    return make_product("TEA-1", price_cents=1250, stock=10, name="Sleepy Tea")


@pytest.fixture
def mat(app):
    return make_product("MAT-1", price_cents=4000, stock=5, name="Yoga Mat")


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
def as_owner(merchant) -> Merchant:
    """The old name of `merchant`, kept while other branches' new tests still use it."""
    return merchant


@pytest.fixture
def owner_headers(owner) -> dict:
    """HTTP Basic headers of the store's owner, for the admin API."""
    return basic_auth(OWNER, PASSWORD)
