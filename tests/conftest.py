"""Fixtures shared by every test that needs the app: one per database backend.

Integration tests run once on SQLite and once on PostgreSQL (when TEST_DATABASE_URL is set;
REQUIRE_POSTGRES=1 turns a missing PostgreSQL into a failure). The schema is built once per
backend per run and every test starts from empty tables; the app with the default settings is
built once per backend too and reused. Who acts in the tests (shopper, merchant...) is in
tests/fixtures.py.
"""

import os
from contextlib import contextmanager

import pytest
from argon2 import PasswordHasher
from flask import g, request_started
from sqlalchemy import text

from core.extensions import db
from storefront import create_app
from tests.actors import Shopper

pytest_plugins = ["tests.fixtures"]  # the actors and everyday products, as fixtures
_schema_ready: set[str] = set()
_kept_apps: dict = {}  # database URL -> the app with default settings, reused by test after test


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


def _forget_earlier_tests(app) -> None:
    """Start a reused app as a new one starts: what it keeps between requests is emptied, and
    the process-wide queue and rate limiter are its own again (another test's app may have
    rebound them). State a new extension keeps per app belongs here too."""
    from core import fragments
    from core.extensions import cache, limiter
    from promotions import compile as compiled_promotions
    from storefront.queue import init_queue

    compiled_promotions.init_app(app)
    fragments.init_app(app)
    app.extensions.pop("payment_provider", None)
    limiter.enabled = app.config["RATELIMIT_ENABLED"]  # all Limiter.init_app does for a disabled app
    init_queue(app)
    with app.app_context():
        cache.clear()


def _test_app(database_url: str, app_config: dict, own: bool):
    """The app of one test. With the default settings it is built once per database and reused:
    building one (routes, OpenAPI document) costs more than most tests. A test that changes
    the app itself (`add_url_rule`) or its settings gets a new one."""
    if app_config or own:
        return build_app(database_url, **app_config)
    application = _kept_apps.get(database_url)
    if application is None:
        application = _kept_apps[database_url] = build_app(database_url)
    else:
        _forget_earlier_tests(application)
    return application


@pytest.fixture
def app(request, backend, sqlite_url, app_config):
    database_url = _database_url(backend, sqlite_url)
    application = _test_app(database_url, app_config, own=request.node.get_closest_marker("own_app") is not None)
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
