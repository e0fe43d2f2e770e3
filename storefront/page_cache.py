"""Rendered responses kept per process and reused while everything they show is unchanged.

A shop page looks the same to every anonymous shopper but for two holes: the CSRF token
in its forms and the cart count in its header. Pages are rendered once with markers in
those holes, kept, and filled per request. An entry is reused only while its stamp still
matches: the promotions, catalog and content versions (one query per request; any write
on any server moves them, see `storefront.versions`), plus whatever the page adds (the
cart's revision), and only until the clock could change a price (a promotion starting or
ending) or `PAGE_CACHE_MAX_AGE` passes. Signed-in shoppers and shoppers with a message
waiting get a fresh render; prices at checkout are always computed afresh.
"""

import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import wraps

from flask import Response, current_app, g, request, session
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape
from sqlalchemy import select

from catalog.age import age_confirmed
from catalog.models import CatalogVersion
from promotions.compile import compiled_promotions
from promotions.models import PromotionVersion
from promotions.service import remember_version
from storefront.cart.session import cart_token, item_count
from storefront.cart.state import CART_STATE_COLUMNS, remember_state, state_known
from storefront.change_feed import VERSIONS, current_feed
from storefront.content.models import ContentVersion
from storefront.quick_reads import quick_rows

EXTENSION_KEY = "storefront.page_cache"
_PUNCHING = "page_cache_punching"
_VERSIONS_MEMO = "store_versions"
# Session keys that mean the page is someone's own (Flask-Login's user, pending flashes).
_PERSONAL_SESSION_KEYS = ("_user_id", "_flashes")


class Hole:
    """A template function: its value normally, a marker while a page renders for the cache."""

    def __init__(self, fill: Callable[[], object]):
        self.fill = fill
        self.marker = f"hole-{secrets.token_hex(12)}"  # per process, so no page can forge one

    def __call__(self):
        return Markup(self.marker) if g.get(_PUNCHING) else self.fill()


CSRF_TOKEN = Hole(generate_csrf)
CART_ITEM_COUNT = Hole(item_count)
HOLES = (CSRF_TOKEN, CART_ITEM_COUNT)


_MARKERS = re.compile("(" + "|".join(hole.marker for hole in HOLES) + ")")
_BY_MARKER = {hole.marker: hole for hole in HOLES}


def split_holes(html: str) -> tuple:
    """`html` as text and holes in turn, so filling it is one join, not a search per hole."""
    return tuple(_BY_MARKER.get(part, part) for part in _MARKERS.split(html) if part)


def fill_holes(parts: tuple) -> str:
    """Each hole filled once (a page has a CSRF token in every form), the text as it was."""
    holes = {part for part in parts if isinstance(part, Hole)}
    values = {hole: str(escape(hole.fill())) for hole in holes}
    return "".join([values.get(part, part) for part in parts])


def _counter(model) -> object:
    table = model.__table__  # plain Core: no ORM compile step on a query every request runs
    return select(table.c.version).where(table.c.id == 1).scalar_subquery()


_COUNTERS = (_counter(PromotionVersion), _counter(CatalogVersion), _counter(ContentVersion))
_VERSIONS = select(*_COUNTERS)
_VERSIONS_AND_CART = select(*_COUNTERS, *CART_STATE_COLUMNS)


def store_versions() -> tuple:
    """(promotions, catalog, content) versions, at most one query per request.

    On PostgreSQL a worker reads them only after they moved (storefront.change_feed); a
    shopper's cart state, when not known yet, comes in the same query.
    """
    if _VERSIONS_MEMO not in g:
        feed = current_feed()
        found, versions = feed.lookup(VERSIONS, "") if feed else (False, None)
        if not found:
            generation = feed.generation if feed else None
            token = cart_token()
            if token and not state_known(token):
                row = quick_rows(_VERSIONS_AND_CART, {"token": token})[0]
                remember_state(token, row[len(_COUNTERS):], feed, generation)
            else:
                row = quick_rows(_VERSIONS)[0]
            versions = tuple(row[: len(_COUNTERS)])
            if feed:
                feed.remember(VERSIONS, "", versions, generation)
        remember_version(versions[0])  # a page rendered now prices with the same promotions
        setattr(g, _VERSIONS_MEMO, versions)
    return g.get(_VERSIONS_MEMO)


@dataclass(frozen=True, slots=True)
class Entry:
    stamp: tuple
    expires: float  # time.time()
    parts: tuple  # the body, split at its holes
    mimetype: str


class ResponseCache:
    """A bounded, thread-safe LRU of rendered bodies."""

    def __init__(self, size: int):
        self.size = size
        self.entries: OrderedDict[Hashable, Entry] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: Hashable, stamp: tuple, now: float) -> Entry | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            if entry.stamp != stamp or entry.expires <= now:
                del self.entries[key]
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key: Hashable, entry: Entry) -> None:
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)


def _cache() -> ResponseCache | None:
    size = current_app.config["PAGE_CACHE_SIZE"]
    if size <= 0:
        return None
    return current_app.extensions.setdefault(EXTENSION_KEY, ResponseCache(size))


def _expires(now: float) -> float:
    """The safety cap, or sooner when a promotion starts or ends (prices change then)."""
    expires = now + current_app.config["PAGE_CACHE_MAX_AGE"]
    turn = compiled_promotions().fresh_until(datetime.fromtimestamp(now, UTC))
    return min(expires, turn.timestamp()) if turn else expires


def cached_response(key: Hashable, stamp: tuple, make: Callable[[], Response]) -> Response:
    """`make()`'s response, or the one kept under `key` while `stamp` matches; holes filled.

    Only 200 responses are kept; anything else (an error, a redirect) is made every time.
    """
    cache = _cache()
    now = time.time()
    entry = cache.get(key, stamp, now) if cache else None
    if entry is None:
        setattr(g, _PUNCHING, True)
        try:
            response = current_app.make_response(make())
        finally:
            g.pop(_PUNCHING, None)
        if response.direct_passthrough:
            return response
        parts = split_holes(response.get_data(as_text=True))
        if cache and response.status_code == 200:
            cache.put(key, Entry(stamp, _expires(now), parts, response.mimetype))
        response.set_data(fill_holes(parts))
        return response
    return Response(fill_holes(entry.parts), mimetype=entry.mimetype)


def _personal() -> bool:
    return any(name in session for name in _PERSONAL_SESSION_KEYS)


def cached_page(vary: Callable[[], tuple] = tuple):
    """Serve an anonymous shopper the page kept for this URL; `vary()` adds to the stamp."""

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if _personal() or _cache() is None:
                return view(*args, **kwargs)
            key = (request.endpoint, request.full_path, age_confirmed())
            return cached_response(key, (*store_versions(), *vary()), lambda: view(*args, **kwargs))

        return wrapper

    return decorate
