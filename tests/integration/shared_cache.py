"""App instances sharing one Redis shelf cache, as gunicorn workers and app servers do.

Redis is read from TEST_CACHE_REDIS_URL (default: database 1 on 127.0.0.1). Without it the
callers skip or fall back; REQUIRE_REDIS=1 turns a missing Redis into a failure (CI has one).
"""

import os
import uuid

import pytest

from tests.conftest import build_app

REDIS_URL = os.environ.get("TEST_CACHE_REDIS_URL", "redis://127.0.0.1:6379/1")


def redis_cache_settings() -> dict | None:
    """Settings of a Redis-backed cache under a fresh key prefix; None when Redis is away."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.exceptions.RedisError:
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail(f"REQUIRE_REDIS=1 but no Redis at {REDIS_URL}")
        return None
    return {
        "CACHE_TYPE": "RedisCache",
        "CACHE_REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": f"test-{uuid.uuid4().hex}:",
    }


def sharing_apps(app, count: int = 2, **overrides) -> list | None:
    """`count` instances on `app`'s database sharing one Redis cache; None without Redis."""
    settings = redis_cache_settings()
    if settings is None:
        return None
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    return [build_app(url, **settings, **overrides) for _ in range(count)]
