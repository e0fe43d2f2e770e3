"""Rate limits live in Redis in production, so every worker and app server sees the same count.

Runs against the Redis on 127.0.0.1:6379 when it answers (CI has one) and is skipped otherwise.
Each `worker()` is a fresh app whose limiter opens its own storage from RATELIMIT_STORAGE_URI,
as a new gunicorn worker would: with Redis the count carries over, with memory it starts again.
"""

import uuid

import pytest

from core.extensions import limiter
from tests.conftest import build_app

REDIS_URL = "redis://127.0.0.1:6379"


def redis_or_skip() -> None:
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.exceptions.RedisError:
        pytest.skip(f"no Redis at {REDIS_URL}")


def worker(sqlite_url: str, storage: str, prefix: str = "store"):
    """A client of an app like a production worker's: limits on, one throwaway limited route."""
    app = build_app(
        sqlite_url, RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=storage, RATELIMIT_KEY_PREFIX=prefix
    )

    @limiter.limit("3 per minute")
    def guarded():
        return {"ok": True}

    app.add_url_rule("/_limited", "limited_probe", guarded)
    return app.test_client()


def test_the_default_storage_is_in_memory():
    assert build_app("sqlite://").config["RATELIMIT_STORAGE_URI"] == "memory://"


def test_workers_sharing_redis_see_one_limit(sqlite_url):
    redis_or_skip()
    prefix = f"test-{uuid.uuid4().hex}"
    first = worker(sqlite_url, REDIS_URL, prefix)
    assert [first.get("/_limited").status_code for _ in range(2)] == [200, 200]
    second = worker(sqlite_url, REDIS_URL, prefix)
    assert second.get("/_limited").status_code == 200
    refused = second.get("/_limited", headers={"Accept": "application/json"})
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    assert refused.get_json()["error"]["code"] == "too_many_requests"


def test_workers_with_memory_storage_would_each_count_alone(sqlite_url):
    """Why production sets RATELIMIT_STORAGE_URI to Redis: in-memory counts die with the worker."""
    first = worker(sqlite_url, "memory://")
    assert [first.get("/_limited").status_code for _ in range(4)] == [200, 200, 200, 429]
    second = worker(sqlite_url, "memory://")
    assert second.get("/_limited").status_code == 200
