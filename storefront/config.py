"""Configuration read from the environment when the app is created, never at import time."""

import os
import secrets
from pathlib import Path
from urllib.parse import unquote, urlparse


def _secret_key(instance_path: Path, production: bool) -> str:
    """Production must set SECRET_KEY; a local run keeps a generated key in the instance folder."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    if production:
        raise RuntimeError("SECRET_KEY must be set when APP_ENV=production")
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
    return key_file.read_text().strip()


def normalise_database_url(url: str) -> str:
    """Let DATABASE_URL say plain `postgresql://` (as hosts do) while we drive psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _mail_settings(backend: str, smtp_url: str | None) -> dict:
    """Flask-Mailman settings from MAIL_BACKEND (log or smtp) and SMTP_URL (smtp[s]://user:pass@host:port)."""
    settings = {
        "MAIL_BACKEND": backend,
        "MAIL_DEFAULT_SENDER": os.environ.get("MAIL_FROM", "orders@localhost"),
        "MAIL_TIMEOUT": 10,
    }
    if smtp_url:
        url = urlparse(smtp_url)
        settings |= {
            "MAIL_SERVER": url.hostname or "localhost",
            "MAIL_PORT": url.port or (465 if url.scheme == "smtps" else 25),
            "MAIL_USERNAME": unquote(url.username) if url.username else None,
            "MAIL_PASSWORD": unquote(url.password) if url.password else None,
            "MAIL_USE_SSL": url.scheme == "smtps",
        }
    return settings


def _queue_settings(instance: Path, production: bool) -> dict:
    """The job queue: SQLite file by default (a worker thread in `flask run`), Redis in production."""
    url = os.environ.get("QUEUE_URL") or f"sqlite:///{instance / 'queue.db'}"
    embedded = "1" if url.startswith("sqlite") and not production else "0"
    return {"QUEUE_URL": url, "EMBEDDED_WORKER": os.environ.get("EMBEDDED_WORKER", embedded) == "1"}


def _cache_settings() -> dict:
    """Flask-Caching for shelf pages: Redis when CACHE_REDIS_URL is set, else in-process.

    CACHE_TYPE=NullCache turns it off. Redis is shared by every worker and every server.
    """
    redis_url = os.environ.get("CACHE_REDIS_URL")
    default_type = "RedisCache" if redis_url else "SimpleCache"
    return {
        "CACHE_TYPE": os.environ.get("CACHE_TYPE", default_type),
        "CACHE_REDIS_URL": redis_url,
        "CACHE_DEFAULT_TIMEOUT": int(os.environ.get("CACHE_DEFAULT_TIMEOUT", "300")),
        "CACHE_KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "store:"),
        "CACHE_THRESHOLD": int(os.environ.get("CACHE_THRESHOLD", "2000")),  # SimpleCache's size
        "CACHE_NO_NULL_WARNING": True,  # NullCache is how the cache is turned off
    }


def load_config(instance_path: str) -> dict:
    """Build the settings dict for create_app from environment variables."""
    instance = Path(instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    production = os.environ.get("APP_ENV", "development") == "production"
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{instance / 'store.db'}"
    return {
        "APP_ENV": "production" if production else "development",
        "SECRET_KEY": _secret_key(instance, production),
        "SQLALCHEMY_DATABASE_URI": normalise_database_url(database_url),
        # Seconds a SQLite writer waits for the write lock before the request answers 503.
        "SQLITE_BUSY_TIMEOUT": float(os.environ.get("SQLITE_BUSY_TIMEOUT", "10")),
        # Uploaded product and department pictures (catalog/images.py) and their size limit,
        # which must leave room in a request under MAX_CONTENT_LENGTH.
        "MEDIA_ROOT": os.environ.get("MEDIA_ROOT") or str(instance / "media"),
        "MEDIA_MAX_BYTES": int(os.environ.get("MEDIA_MAX_BYTES", str(900 * 1024))),
        "STORE_NAME": os.environ.get("STORE_NAME", "Verdant & Vale"),
        "STORE_TIMEZONE": os.environ.get("STORE_TIMEZONE", "America/New_York"),
        # The price floor promotions can't go below (promotions/engine/floor.py): a line keeps at
        # least this % of its price / of its cost. Unset: no floor beyond zero.
        "PRICE_FLOOR_PERCENT_OF_PRICE": os.environ.get("PRICE_FLOOR_PERCENT_OF_PRICE") or None,
        "PRICE_FLOOR_PERCENT_OF_COST": os.environ.get("PRICE_FLOOR_PERCENT_OF_COST") or None,
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": os.environ.get("SECURE_COOKIES", "0") == "1" or production,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SECURE": os.environ.get("SECURE_COOKIES", "0") == "1" or production,
        # Static URLs carry a ?v=<mtime> (storefront/security.py), so browsers may keep a year.
        "SEND_FILE_MAX_AGE_DEFAULT": int(os.environ.get("STATIC_MAX_AGE", 365 * 24 * 3600)),
        # The ceiling route and the X-SQL-Count header of benchmarks/http.py; never in production.
        "BENCHMARK_ROUTES": os.environ.get("BENCHMARK_ROUTES", "0") == "1",
        # How many proxies (load balancer, nginx) sit in front and set X-Forwarded-For/-Proto:
        # rate limits key on the client's address, not the load balancer's.
        "TRUSTED_PROXIES": int(os.environ.get("TRUSTED_PROXIES", "0")),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        **_mail_settings(os.environ.get("MAIL_BACKEND", "log"), os.environ.get("SMTP_URL")),
        # Failed mail is retried after 30 s, 60 s, 120 s ... up to MAIL_MAX_ATTEMPTS sends.
        "MAIL_RETRY_DELAY": float(os.environ.get("MAIL_RETRY_DELAY", "30")),
        "MAIL_MAX_ATTEMPTS": int(os.environ.get("MAIL_MAX_ATTEMPTS", "8")),
        **_queue_settings(instance, production),
        # A running job silent this long lost its worker; the sweep runs it again.
        "JOB_STALE_AFTER": int(os.environ.get("JOB_STALE_AFTER", "120")),
        "IDEMPOTENCY_KEY_RETENTION_HOURS": int(os.environ.get("IDEMPOTENCY_KEY_RETENTION_HOURS", "48")),
        "CART_RETENTION_DAYS": int(os.environ.get("CART_RETENTION_DAYS", "30")),
        "PRODUCTS_PER_PAGE": 12,
        **_cache_settings(),
        # flask-smorest: the OpenAPI document lives at /api/v1/openapi.json
        "API_TITLE": "Verdant & Vale Store API",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api/v1",
        "OPENAPI_JSON_PATH": "openapi.json",
    }
