"""Fixtures shared by every test that needs the app: one per database backend.

Integration tests run once on SQLite and once on PostgreSQL (when TEST_DATABASE_URL is set;
REQUIRE_POSTGRES=1 turns a missing PostgreSQL into a failure). The schema is built once per
backend per run and every test starts from empty tables.
"""

import os

import pytest
from flask import g, request_started
from sqlalchemy import text

from core.extensions import db
from storefront import create_app

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
    return create_app(config)


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
