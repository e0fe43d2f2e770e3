"""Configuration read from the environment when the app is created, never at import time."""

import os
import secrets
from pathlib import Path


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
        "STORE_NAME": os.environ.get("STORE_NAME", "Verdant & Vale"),
        "STORE_TIMEZONE": os.environ.get("STORE_TIMEZONE", "America/New_York"),
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
        "MAIL_BACKEND": os.environ.get("MAIL_BACKEND", "log"),
        "SMTP_URL": os.environ.get("SMTP_URL"),
        "PRODUCTS_PER_PAGE": 12,
        **_cache_settings(),
        # flask-smorest: the OpenAPI document lives at /api/v1/openapi.json
        "API_TITLE": "Verdant & Vale Store API",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api/v1",
        "OPENAPI_JSON_PATH": "openapi.json",
    }
