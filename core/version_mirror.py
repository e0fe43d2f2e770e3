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
  with an older number can never take the mirror back.
The counters only grow, so the mirror is never ahead of the database, and it equals the
database as soon as the last writer has raised it: before that writer's request has answered.

Each counter is a key of the shelf cache holding a plain integer (Flask-Caching stores integers
so, for INCRBY), so a kept page can be read in the same MGET as the counters that key it
(storefront.shelf_cache).

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
from core.reads import in_session_transaction

log = logging.getLogger(__name__)
EXTENSION_KEY = "core.version_mirror"
LIFETIME_MS = 5000
_TIMEOUT_SECONDS = 1.0  # Redis answers in well under a millisecond; a stuck one must not hang pages

# KEYS: the counters' keys; ARGV[1]: a new key's lifetime in ms; ARGV[i + 1]: KEYS[i]'s number.
# Each key becomes the larger of the two numbers.
_RAISE = """
for i = 1, #KEYS do
  local held = tonumber(redis.call('GET', KEYS[i]))
  local number = tonumber(ARGV[i + 1])
  if held == nil then
    redis.call('SET', KEYS[i], number, 'PX', ARGV[1])
  elseif held < number then
    redis.call('SET', KEYS[i], number, 'KEEPTTL')
  end
end
return 0
"""


@dataclass(frozen=True)
class _Mirror:
    client: redis.Redis
    prefix: str  # the shelf cache's key prefix: Flask-Caching adds it to the keys it is given
    raise_script: Script


def init_app(app: Flask) -> None:
    """Mirror the counters when the shelf cache is Redis (shared by every worker and server); an
    in-process cache has no one to share them with, and pages read them from the database.
    After `cache.init_app(app)`."""
    url = app.config.get("CACHE_REDIS_URL")
    if not isinstance(app.extensions["cache"][cache], RedisCache) or not url:
        return
    client = redis.Redis.from_url(url, socket_timeout=_TIMEOUT_SECONDS, socket_connect_timeout=_TIMEOUT_SECONDS)
    app.extensions[EXTENSION_KEY] = _Mirror(client, app.config.get("CACHE_KEY_PREFIX", ""), client.register_script(_RAISE))


def mirroring(app: Flask) -> bool:
    """True when `app` keeps the mirror (its shelf cache is Redis)."""
    return EXTENSION_KEY in app.extensions


def _mirror() -> _Mirror | None:
    return current_app.extensions.get(EXTENSION_KEY) if has_app_context() else None


def counter_key(name: str) -> str:
    """The counter's key in the shelf cache (before the cache's prefix)."""
    return "version:" + name


def mirrored(names: Sequence[str], *entries: str) -> tuple[tuple[int, ...] | None, list]:
    """The counters `names` from the mirror, and the shelf cache's values under the keys
    `entries`, in one MGET: Redis reads them all at one instant.

    The counters are None when there is no mirror, it lacks one of them, Redis cannot be
    reached, or a transaction is open: the caller reads the database, which sees the
    transaction's own writes. The values are None too unless the MGET was made."""
    missing = None, [None] * len(entries)
    if _mirror() is None or in_session_transaction():
        return missing
    try:
        held = cache.get_many(*map(counter_key, names), *entries)
    except Exception:  # noqa: BLE001  any backend failure (Redis away) means "read the database"
        log.warning("Version mirror read failed; reading the database", exc_info=True)
        return missing
    counters, values = held[: len(names)], held[len(names):]
    if not all(type(number) is int for number in counters):
        return None, values
    return tuple(counters), values


def raise_to(numbers: Mapping[str, int]) -> None:
    """Raise the mirrored counters to `numbers` (committed), never lowering one."""
    if (mirror := _mirror()) is None or not numbers:
        return
    keys = [mirror.prefix + counter_key(name) for name in numbers]
    try:
        mirror.raise_script(keys=keys, args=[LIFETIME_MS, *numbers.values()])
    except redis.RedisError:
        log.warning("Version mirror raise failed; it catches up within %s ms", LIFETIME_MS, exc_info=True)
