"""The page cache's store: bounded, and an entry serves only its own stamp and only in time."""

from storefront.page_cache import Entry, ResponseCache


def entry(stamp=(1, 1, 1), expires=100.0, body="<p>page</p>") -> Entry:
    return Entry(stamp, expires, body, "text/html")


def test_an_entry_serves_while_its_stamp_matches_and_it_has_not_expired():
    cache = ResponseCache(size=10)
    cache.put("/", entry())
    assert cache.get("/", (1, 1, 1), now=50.0).body == "<p>page</p>"
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
