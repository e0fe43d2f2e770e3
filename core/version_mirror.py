"""The version counters, mirrored in the shared cache's Redis, so a kept shelf page needs no
database at all.

A kept shelf page is keyed by the version counters (core.versions), so each one read them from
the database: a round trip that, under load on PostgreSQL, cost the workers more CPU than the
rest of the page. With Redis as the shelf cache, the counters are also kept there, beside the
pages they key, and a cart-less shopper's kept page is read from Redis alone.

The database stays the truth; the mirror only ever holds numbers the database committed, and
never lowers one:
- a writer, once its transaction has committed, raises each counter it moved to the number it
  moved it to (core.versions);
- a reader that finds no mirror (or part of one) reads the database and raises the mirror to
  what it read;
- raising is one Redis script, per counter "the larger of the two", so a slow reader or writer
  with an older number can never take the mirror back. The counters only grow, so the mirror
  is never ahead of the database, and it equals the database as soon as the last writer has
  raised it: before that writer's request has answered.

A writer that could not reach Redis after committing leaves the mirror behind; the mirror is
made with a lifetime (LIFETIME_MS) and re-read from the database when it ends, so such a miss
shows old shelf pages for a few seconds at most. The same bounds a database restored from a
backup, whose counters are lower than the mirror's.
"""

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import redis
from flask import Flask, current_app, has_app_context
from flask_caching.backends.rediscache import RedisCache
from redis.commands.core import Script

from core.extensions import cache

log = logging.getLogger(__name__)
EXTENSION_KEY = "core.version_mirror"
LIFETIME_MS = 5000
_TIMEOUT_SECONDS = 1.0  # Redis answers in well under a millisecond; a stuck one must not hang pages

# KEYS[1]: the mirror (a hash of counter name to number); ARGV[1]: the lifetime of a new mirror
# in ms; then counter name, number pairs. Each counter becomes the larger of the two.
_RAISE = """
local made = redis.call('EXISTS', KEYS[1]) == 0
for i = 2, #ARGV, 2 do
  local held = tonumber(redis.call('HGET', KEYS[1], ARGV[i]))
  if held == nil or held < tonumber(ARGV[i + 1]) then
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
  end
end
if made then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return 0
"""


@dataclass(frozen=True)
class _Mirror:
    client: redis.Redis
    key: str
    raise_script: Script


def init_app(app: Flask) -> None:
    """Mirror the counters when the shelf cache is Redis (shared by every worker and server); an
    in-process cache has no one to share them with, and pages read them from the database.
    After `cache.init_app(app)`."""
    url = app.config.get("CACHE_REDIS_URL")
    if not isinstance(app.extensions["cache"][cache], RedisCache) or not url:
        return
    client = redis.Redis.from_url(url, socket_timeout=_TIMEOUT_SECONDS, socket_connect_timeout=_TIMEOUT_SECONDS)
    key = app.config.get("CACHE_KEY_PREFIX", "") + "versions"
    app.extensions[EXTENSION_KEY] = _Mirror(client, key, client.register_script(_RAISE))


def _mirror() -> _Mirror | None:
    return current_app.extensions.get(EXTENSION_KEY) if has_app_context() else None


def mirrored(names: Sequence[str]) -> tuple[int, ...] | None:
    """The counters `names` from the mirror; None when there is no mirror, it lacks one of
    them, or Redis cannot be reached (the caller reads the database)."""
    if (mirror := _mirror()) is None:
        return None
    try:
        held = mirror.client.hmget(mirror.key, names)
    except redis.RedisError:
        log.warning("Version mirror read failed; reading the database", exc_info=True)
        return None
    if None in held:
        return None
    return tuple(map(int, held))


def raise_to(numbers: Mapping[str, int]) -> None:
    """Raise the mirrored counters to `numbers` (committed), never lowering one."""
    if (mirror := _mirror()) is None or not numbers:
        return
    arguments = [LIFETIME_MS]
    for name, number in numbers.items():
        arguments += [name, number]
    try:
        mirror.raise_script(keys=[mirror.key], args=arguments)
    except redis.RedisError:
        log.warning("Version mirror raise failed; it catches up within %s ms", LIFETIME_MS, exc_info=True)
