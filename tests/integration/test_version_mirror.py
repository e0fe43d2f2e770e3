"""The version counters mirrored in the shelf cache's Redis (core.version_mirror): a cart-less
shopper's kept page reads no database, and the mirror never shows numbers the database has
not committed, nor goes back."""

import random
import threading

import pytest
import redis
from sqlalchemy import literal, select, update

from catalog import service as catalog_service
from catalog.models import Product
from core import version_mirror
from core.extensions import cache, db
from core.versions import COUNTERS, read_versions, shared_versions
from tests.factories import make_department, make_product
from tests.integration.shared_cache import REDIS_URL, sharing_apps
from tests.sql_log import statements_run


@pytest.fixture
def store(app):
    """An app instance whose shelf cache is Redis (a fresh key prefix), its context pushed."""
    apps = sharing_apps(app, count=1)
    if apps is None:
        pytest.skip(f"no Redis at {REDIS_URL}")
    with apps[0].app_context():
        make_product("TEA-1", price_cents=1000, stock=50, department=make_department("sleep"), name="Sleepy Tea")
        yield apps[0]


def unreachable(*_args, **_kwargs):
    raise redis.ConnectionError("Redis is away")


def mirror_keys() -> list[str]:
    held = version_mirror._mirror()
    return [held.prefix + version_mirror.counter_key(name) for name in COUNTERS]


def mirror():
    """What the mirror holds, counter by counter (None: not there)."""
    client = version_mirror._mirror().client
    return dict(zip(COUNTERS, (int(v) if v else None for v in client.mget(mirror_keys())), strict=True))


def forget_mirror() -> None:
    version_mirror._mirror().client.delete(*mirror_keys())


def html(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    db.session.remove()  # requests share the test's app context: end the request's session as a server does
    return response.get_data(as_text=True)


def test_a_cartless_shoppers_kept_page_reads_no_database(store):
    shopper = store.test_client()
    for path in ("/products/tea-1", "/shop"):
        html(shopper, path)
    with statements_run() as seen:
        assert "$10.00" in html(shopper, "/products/tea-1")
        assert "$10.00" in html(store.test_client(), "/shop")  # a first visit too
    assert seen == []


def redis_reads() -> int:
    """Read commands Redis has answered so far (every client's)."""
    stats = version_mirror._mirror().client.info("commandstats")
    return sum(stats.get(f"cmdstat_{name}", {}).get("calls", 0) for name in ("get", "mget", "hmget"))


def test_a_cartless_shoppers_kept_page_is_one_read_of_redis_while_nothing_changes(store):
    """The mirror's versions and the page kept under the versions this process saw last come
    in one MGET; after a write, the versions and the page are read again."""
    shopper = store.test_client()
    for _ in range(2):
        html(shopper, "/products/tea-1")
    before = redis_reads()
    html(shopper, "/products/tea-1")
    assert redis_reads() - before == 1
    catalog_service.update_product("TEA-1", {"price_cents": 1250})
    assert "$12.50" in html(shopper, "/products/tea-1")
    before = redis_reads()
    assert "$12.50" in html(shopper, "/products/tea-1")
    assert redis_reads() - before == 1


def test_a_shopper_with_a_cart_reads_count_and_versions_in_one_statement(store):
    shopper = store.test_client()
    shopper.add_to_cart("TEA-1", 2)
    html(shopper, "/shop")  # shows the "added" message: not a kept page
    html(shopper, "/shop")
    with statements_run() as seen:
        assert 'class="cart-count"' in html(shopper, "/shop")
    assert len(seen) == 1


def test_the_mirror_is_made_from_the_database_when_it_is_missing(store):
    forget_mirror()
    assert shared_versions() == read_versions()
    assert tuple(mirror().values()) == read_versions()


def test_a_commit_raises_the_counters_it_moved(store):
    before = read_versions()
    shared_versions()
    catalog_service.update_product("TEA-1", {"price_cents": 1250})
    assert mirror()["catalog_version"] == before[1] + 1 == read_versions()[1]
    assert mirror()["promotion_version"] == before[0]


def test_a_rolled_back_write_leaves_the_mirror_alone(store):
    shared_versions()
    held = mirror()
    db.session.execute(update(Product).values(price_cents=1))
    db.session.rollback()
    assert mirror() == held


def test_an_older_number_never_takes_the_mirror_back(store):
    version_mirror.raise_to({"catalog_version": 40, "content_version": 7})
    version_mirror.raise_to({"catalog_version": 39, "content_version": 8})
    assert mirror()["catalog_version"] == 40
    assert mirror()["content_version"] == 8


def test_racing_raises_leave_the_largest_number(store):
    numbers = list(range(1, 201))
    random.Random(11).shuffle(numbers)
    app = store

    def raise_some(chunk):
        with app.app_context():
            for number in chunk:
                version_mirror.raise_to({"promotion_version": number})

    threads = [threading.Thread(target=raise_some, args=(numbers[i::8],)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert mirror()["promotion_version"] == 200


def test_a_partial_mirror_is_completed_from_the_database(store):
    forget_mirror()
    version_mirror.raise_to({"catalog_version": read_versions()[1]})  # a writer made it
    assert shared_versions() == read_versions()
    assert None not in mirror().values()


def test_a_missed_raise_shows_old_pages_only_until_the_mirror_ends(store, monkeypatch):
    """A writer that could not reach Redis after committing (or a database restored with lower
    counters) leaves the mirror behind only until its lifetime ends and it is read again from
    the database."""
    forget_mirror()
    shopper = store.test_client()
    assert "$10.00" in html(shopper, "/products/tea-1")
    held = version_mirror._mirror()
    assert all(0 < held.client.pttl(key) <= version_mirror.LIFETIME_MS for key in mirror_keys())
    monkeypatch.setattr(held.client, "evalsha", unreachable)
    catalog_service.update_product("TEA-1", {"price_cents": 1250})
    monkeypatch.undo()
    assert "$10.00" in html(shopper, "/products/tea-1")  # the mirror is behind: the kept page
    forget_mirror()  # what the end of its lifetime does
    assert "$12.50" in html(shopper, "/products/tea-1")


def test_a_writer_and_a_reader_that_cannot_reach_redis_use_the_database(store, monkeypatch):
    held = version_mirror._mirror()
    monkeypatch.setattr(held.client, "evalsha", unreachable)
    monkeypatch.setattr(cache, "get_many", unreachable)
    catalog_service.update_product("TEA-1", {"price_cents": 1250})
    assert "$12.50" in html(store.test_client(), "/products/tea-1")  # read from the database


def test_inside_a_transaction_the_versions_come_from_the_database(store):
    shared_versions()
    version_mirror.raise_to({"catalog_version": 10**9})
    db.session.execute(select(literal(1)))  # a transaction is open
    assert shared_versions() == read_versions() != tuple(mirror().values())
    db.session.rollback()
    assert shared_versions()[1] == 10**9


def test_a_page_read_when_the_mirror_has_ended_reads_the_cache_once(store, monkeypatch):
    """The versions then come from the database, and the page read in the mirror's MGET is the
    one they key: neither is read from the cache again."""
    shopper = store.test_client()
    for _ in range(2):
        html(shopper, "/products/tea-1")
    forget_mirror()  # what the end of its lifetime does
    reads = []
    for method in ("get", "get_many"):
        read = getattr(cache, method)
        monkeypatch.setattr(cache, method, lambda *keys, read=read: reads.append(keys) or read(*keys))
    with statements_run() as seen:
        assert "$10.00" in html(shopper, "/products/tea-1")
    assert len(reads) == 1
    assert len(seen) == 1
    assert tuple(mirror().values()) == read_versions()
