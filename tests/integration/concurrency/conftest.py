"""Races: real threads, each with its own app context, session and connection, released by a barrier.

They run on both backends: PostgreSQL (from TEST_DATABASE_URL) and a file SQLite database.
"""

import threading
from collections import Counter
from collections.abc import Callable

import pytest

from core.extensions import db
from storefront.cart.models import Cart, CartLine


@pytest.fixture
def app_config(backend):
    pool = {"pool_size": 20, "max_overflow": 20, "pool_timeout": 60}
    if backend == "postgresql":
        return {"SQLALCHEMY_ENGINE_OPTIONS": pool | {"pool_pre_ping": True}}
    return {"SQLALCHEMY_ENGINE_OPTIONS": pool | {"connect_args": {"timeout": 30, "check_same_thread": False}}}


def make_carts(count: int, lines: Callable[[int], list[tuple[int, int]]], codes=()) -> list[str]:
    """`count` open carts straight in the database (fast setup outside the race)."""
    carts = [
        Cart(codes=list(codes), lines=[CartLine(product_id=pid, quantity=q) for pid, q in lines(i)])
        for i in range(count)
    ]
    db.session.add_all(carts)
    db.session.commit()
    return [cart.token for cart in carts]


def race(app, jobs: list[Callable]) -> list:
    """Run every job in its own thread; all start together at the barrier."""
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def run(i, job):
        client = app.test_client()
        with app.app_context():
            barrier.wait()
            try:
                results[i] = job(client)
            except Exception as error:  # noqa: BLE001 (a failure is a result to assert on)
                results[i] = error
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def statuses(responses) -> Counter:
    return Counter(getattr(r, "status_code", type(r).__name__) for r in responses)
