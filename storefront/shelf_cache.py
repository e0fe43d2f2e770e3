"""Shelf pages, which are the same for every anonymous shopper, kept in the shared cache.

Which pages: home, /shop, departments, the CBD store, product pages, search and articles,
each marked with `@shelf_page` (core.shelf) and wrapped here by `register` when the app is built. Signed-in shoppers and shoppers with a message waiting get
a fresh render. Personal pages (cart, checkout, orders, accounts, the cart API) are never
marked, so they are rendered for each request and never stored.

The key is everything the page depends on: the full URL (scheme, host, path, query), the
age gate's answer, what the view adds (`vary`), the promotions, catalog and content
versions (a write anywhere moves one: core.versions) and the moment a promotion next
starts or ends (a page made before a sale starts is never served after). So a write or the
clock changes the key and nothing has to be deleted; old entries age out
(CACHE_DEFAULT_TIMEOUT). The cache is Flask-Caching's: Redis in production, shared by every
worker and server; in-process on the embedded default.

The CSRF token and the header's cart count are each shopper's own: the kept body holds a
marker in their place, filled for each request. Markers are derived from SECRET_KEY, so every
server sharing the cache knows them and no page text can forge them.
"""

import hashlib
import hmac
import logging
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache, wraps

from flask import Flask, Response, current_app, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from catalog.age import age_confirmed
from core import version_mirror
from core.extensions import cache
from core.shelf import PERSONAL, shelf_vary
from core.versions import COUNTERS, Versions, mirrored_from_database
from promotions.compile import compiled_promotions
from storefront.cart.session import cart_token, item_count, versions_and_item_count

log = logging.getLogger(__name__)
_SEEN = "storefront.shelf_cache.seen"
_FOR_CACHE: ContextVar[bool] = ContextVar("rendering_for_the_shared_cache", default=False)


@lru_cache(maxsize=8)
def _marker(secret: str, name: str) -> str:
    return "hole-" + hmac.new(secret.encode(), name.encode(), hashlib.sha256).hexdigest()[:32]


def _hole(name: str, fill: Callable[[], object]) -> Callable[[], object]:
    """A template function: its value, or a marker while a page renders for the cache."""

    def value():
        if _FOR_CACHE.get():
            return _marker(current_app.config["SECRET_KEY"], name)
        return fill()

    return value


csrf_token = _hole("csrf_token", generate_csrf)
cart_item_count = _hole("cart_item_count", item_count)


def fill_holes(body: str, cart_count: int) -> str:
    """The body with this shopper's own CSRF token and cart count in place of the markers."""
    secret = current_app.config["SECRET_KEY"]
    for name, fill in (("csrf_token", generate_csrf), ("cart_item_count", lambda: cart_count)):
        marker = _marker(secret, name)
        if marker in body:
            body = body.replace(marker, str(fill()))
        # Markers are hex and the values are escaped already (a signed token, a number).
    return body


def _shared() -> bool:
    """True when this request may be answered with the page everyone gets."""
    return (
        request.method in ("GET", "HEAD")
        and "_flashes" not in session
        and not current_user.is_authenticated
    )


# What a request's URL is made of (after ProxyFix, where proxies are trusted), as the server
# received it: Werkzeug builds `request.url` from these, and building it (decoding, quoting,
# the host's punycode) cost a kept page more than the rest of its key. Two spellings of one
# URL get two entries, each rendered for its own request.
_URL_PARTS = ("wsgi.url_scheme", "HTTP_HOST", "SERVER_NAME", "SERVER_PORT", "SCRIPT_NAME", "PATH_INFO", "QUERY_STRING")


def _key(extra: tuple, versions: Versions) -> tuple[str, int]:
    """The cache key of this request's page, and how long the page may be kept."""
    now = time.time()
    turn = compiled_promotions(versions[0]).fresh_until(datetime.fromtimestamp(now, UTC))
    url = tuple(map(request.environ.get, _URL_PARTS))
    parts = (url, age_confirmed(), extra, versions, turn.timestamp() if turn else None)
    timeout = current_app.config["CACHE_DEFAULT_TIMEOUT"]
    if turn is not None:
        timeout = max(1, min(timeout, int(turn.timestamp() - now) + 1))
    return "shelf:" + hashlib.sha256(repr(parts).encode()).hexdigest(), timeout


def _lookup(extra: tuple) -> tuple[str, int, tuple | None, int]:
    """This request's key and timeout, the page kept under it (None: not kept) and the
    shopper's cart count.

    For a shopper without a cart, the mirror's versions (core.version_mirror) are read in one
    MGET with the page kept under the versions this process saw last: while nothing has
    changed, that is this request's page, served only when the versions read with it are the
    ones in its key. After a change, the page for the versions read with it is read next; when
    the mirror lacks them, they come from the database (core.versions.mirrored_from_database)."""
    seen: _Seen | None = current_app.extensions.get(_SEEN)  # with a mirror only
    versions, cart_count = None, 0
    if seen is not None and seen.versions is not None and cart_token() is None:
        key, timeout = _key(extra, seen.versions)
        versions, (kept,) = version_mirror.mirrored(COUNTERS, key)
        if versions is None:  # the mirror was just read and lacks them: the database, not it again
            versions = mirrored_from_database()
        if versions == seen.versions:
            return key, timeout, kept, 0
    if versions is None:
        versions, cart_count = versions_and_item_count()
    if seen is not None:
        seen.versions = versions
    key, timeout = _key(extra, versions)
    return key, timeout, _cache_call("get", key), cart_count


def _cache_call(method: str, *args):
    """A cache that is down costs a render, never an error page."""
    try:
        return getattr(cache, method)(*args)
    except Exception:  # noqa: BLE001  any backend failure (Redis away) means "not cached"
        log.warning("Shelf cache %s failed", method, exc_info=True)
        return None


def _render(view, args, kwargs) -> Response:
    marked = _FOR_CACHE.set(True)
    try:
        return current_app.make_response(view(*args, **kwargs))
    finally:
        _FOR_CACHE.reset(marked)


def _kept(view, vary: Callable[..., tuple | None]):
    """Serve an anonymous shopper the page kept for this URL; `vary(**view_args)` adds to the
    key, and answering PERSONAL (None) renders this request fresh."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        extra = vary(**kwargs) if _shared() else PERSONAL
        if extra is PERSONAL:
            return view(*args, **kwargs)
        key, timeout, kept, cart_count = _lookup(extra)
        if kept is None:
            response = _render(view, args, kwargs)
            if response.direct_passthrough:
                return response
            body = response.get_data(as_text=True)
            if response.status_code == 200:
                _cache_call("set", key, (body, response.mimetype), timeout)
            response.set_data(fill_holes(body, cart_count))
            return response
        body, mimetype = kept
        return Response(fill_holes(body, cart_count), mimetype=mimetype)

    return wrapper


@dataclass
class _Seen:
    """The versions this process's last kept page was keyed by: the next one's likely key."""

    versions: Versions | None = None


def register(app: Flask) -> None:
    """Wrap every view marked as a shelf page (after the blueprints are registered)."""
    if version_mirror.mirroring(app):
        app.extensions[_SEEN] = _Seen()
    for endpoint, view in app.view_functions.items():
        if (vary := shelf_vary(view)) is not None:
            app.view_functions[endpoint] = _kept(view, vary)
