"""The page cache's store: bounded, and an entry serves only its own stamp and only in time."""

from storefront.page_cache import (
    CART_ITEM_COUNT,
    CSRF_TOKEN,
    Entry,
    Hole,
    ResponseCache,
    fill_holes,
    split_holes,
)


def entry(stamp=(1, 1, 1), expires=100.0, body="<p>page</p>") -> Entry:
    return Entry(stamp, expires, (body,), "text/html")


def test_an_entry_serves_while_its_stamp_matches_and_it_has_not_expired():
    cache = ResponseCache(size=10)
    cache.put("/", entry())
    assert cache.get("/", (1, 1, 1), now=50.0).parts == ("<p>page</p>",)
    assert cache.get("/", (1, 2, 1), now=50.0) is None  # a version moved
    cache.put("/", entry())
    assert cache.get("/", (1, 1, 1), now=100.0) is None  # expired


def test_the_least_recently_used_page_goes_first_when_full():
    cache = ResponseCache(size=2)
    cache.put("/a", entry())
    cache.put("/b", entry())
    cache.get("/a", (1, 1, 1), now=0.0)
    cache.put("/c", entry())
    assert cache.get("/b", (1, 1, 1), now=0.0) is None
    assert cache.get("/a", (1, 1, 1), now=0.0) is not None
    assert len(cache.entries) == 2


def test_a_page_split_at_its_holes_is_filled_per_request_and_escaped():
    parts = split_holes(f"<form>{CSRF_TOKEN.marker}|{CART_ITEM_COUNT.marker}</form>")
    assert parts == ("<form>", CSRF_TOKEN, "|", CART_ITEM_COUNT, "</form>")
    filled = fill_holes(tuple(Hole(lambda: "<3>") if part is CSRF_TOKEN else part for part in parts[:2]))
    assert filled == "<form>&lt;3&gt;"
