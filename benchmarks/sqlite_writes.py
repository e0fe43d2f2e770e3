"""Bursts of concurrent writes against the embedded SQLite default, over HTTP, in several processes.

    python -m benchmarks.sqlite_writes                    # gunicorn (4 workers) and `flask run`
    python -m benchmarks.sqlite_writes --servers gunicorn --burst 40

A fresh demo store on a temporary SQLite file is served by gunicorn (sync workers: separate
processes, like `make serve-prod`) or by `flask run` (threads in one process, like `make run`).
Then four bursts of `--burst` requests, all released together: add-to-cart (one cart, one
product, so every add must land), code apply (one cart each), admin promotion edits (one
promotion each, Bearer token) and comment posts. Afterwards the database is read directly to
count the changes that were kept. Prints requests, 5xx, other non-2xx, p50/p99 and changes
kept per burst. tests/integration/concurrency/test_sqlite_write_bursts.py runs the same bursts
and asserts no 5xx and every change kept (never timings).
"""

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.live import LiveServer, call_json, free_port

APP = 'storefront:create_app({"RATELIMIT_ENABLED": False})'
SKU = "SUP-D3-K2-60"
EDITED = "Edited in a burst"


@dataclass
class Store:
    """What the bursts need: the SQLite file, a Bearer token and the rows they write to."""

    path: Path
    token: str = ""
    article: str = ""
    promotion_ids: list[int] = field(default_factory=list)


@dataclass
class Burst:
    name: str
    statuses: Counter
    latencies: list[float]
    kept: int
    expected: int

    @property
    def errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000


def prepare(path: Path, promotions: int) -> Store:
    """A demo store with a staff token and `promotions` copies of a demo promotion to edit."""
    from core.auth import Role
    from core.extensions import db
    from promotions.queries import list_promotions
    from promotions.service import duplicate_promotion
    from storefront import create_app
    from storefront.accounts.service import save_user
    from storefront.accounts.tokens import issue_token
    from storefront.content.models import Article
    from storefront.demo import seed_demo_store

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "SECRET_KEY": "bench"})
    store = Store(path)
    with app.app_context():
        db.create_all()
        seed_demo_store()
        _, store.token = issue_token(
            save_user("burst@example.com", "a long password", Role.OWNER), "burst"
        )
        store.article = db.session.scalar(db.select(Article.slug))
        source = list_promotions()[0].id
        store.promotion_ids = [duplicate_promotion(source).id for _ in range(promotions)]
        db.engine.dispose()
    return store


def server(kind: str, path: Path, port: int, workers: int = 4) -> LiveServer:
    """gunicorn with sync workers (processes) or `flask run` (threads), on a loopback port."""
    env = os.environ | {"DATABASE_URL": f"sqlite:///{path}", "SECRET_KEY": "bench", "CACHE_TYPE": "NullCache"}
    bin_dir = Path(sys.executable).parent
    if kind == "gunicorn":
        command = [
            str(bin_dir / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
            "--worker-class", "sync", "--timeout", "60", "--log-level", "warning", APP,
        ]
    else:
        command = [str(bin_dir / "flask"), "--app", APP, "run", "--host", "127.0.0.1", "--port", str(port)]
    return LiveServer(command, env, port)


def new_cart(port: int) -> str:
    status, body = call_json(port, "POST", "/api/v1/carts")
    if status != 201:
        raise RuntimeError(f"creating a cart answered {status}")
    return body["token"]


def burst(port: int, requests: list[tuple[str, str, dict, dict]]) -> tuple[Counter, list[float]]:
    """Send every request at once (one thread each, released together)."""
    barrier = threading.Barrier(len(requests))
    statuses: list[int] = [0] * len(requests)
    latencies: list[float] = [0.0] * len(requests)

    def send(i, method, path, body, headers):
        barrier.wait()
        started = time.perf_counter()
        try:
            statuses[i] = call_json(port, method, path, body, headers)[0]
        except OSError:
            statuses[i] = 599  # connection refused or reset: count it as a server failure
        latencies[i] = time.perf_counter() - started

    threads = [threading.Thread(target=send, args=(i, *r)) for i, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return Counter(statuses), latencies


def scalar(store: Store, sql: str, *params) -> int:
    with sqlite3.connect(store.path, timeout=30) as conn:
        return conn.execute(sql, params).fetchone()[0]


def run_bursts(port: int, store: Store, size: int) -> Iterator[Burst]:
    """The four bursts, each followed by a count of what the database kept."""
    cart = new_cart(port)
    statuses, times = burst(
        port, [("POST", f"/api/v1/carts/{cart}/lines", {"sku": SKU, "quantity": 1}, {})] * size
    )
    kept = scalar(
        store,
        "SELECT COALESCE(SUM(l.quantity), 0) FROM cart_lines l JOIN carts c ON c.id = l.cart_id "
        "WHERE c.token = ?",
        cart,
    )
    yield Burst("add to cart", statuses, times, kept, size)

    carts = [new_cart(port) for _ in range(size)]
    statuses, times = burst(
        port, [("POST", f"/api/v1/carts/{t}/codes", {"code": "bnr41921"}, {}) for t in carts]
    )
    marks = ",".join("?" * len(carts))
    kept = scalar(
        store,
        f"SELECT COUNT(*) FROM carts WHERE token IN ({marks}) AND codes LIKE '%BNR41921%'",
        *carts,
    )
    yield Burst("code apply", statuses, times, kept, size)

    bearer = {"Authorization": f"Bearer {store.token}"}
    ids = store.promotion_ids[:size]
    statuses, times = burst(
        port,
        [
            ("PATCH", f"/api/v1/admin/promotions/{pid}", {"name": f"{EDITED} {pid}"}, bearer)
            for pid in ids
        ],
    )
    marks = ",".join("?" * len(ids))
    kept = scalar(
        store,
        f"SELECT COUNT(*) FROM promotions WHERE id IN ({marks}) AND name = ? || ' ' || id",
        *ids,
        EDITED,
    )
    yield Burst("promotion edit", statuses, times, kept, len(ids))

    before = scalar(store, "SELECT COUNT(*) FROM article_comments")
    comment = {"name": "Burst", "email": "burst@example.com", "body": "Written in a burst."}
    statuses, times = burst(
        port, [("POST", f"/api/v1/articles/{store.article}/comments", comment, {})] * size
    )
    kept = scalar(store, "SELECT COUNT(*) FROM article_comments") - before
    yield Burst("comment post", statuses, times, kept, size)


def measure(kind: str, size: int, port: int | None = None) -> Iterator[Burst]:
    """A fresh store, one server of `kind`, the four bursts."""
    with tempfile.TemporaryDirectory() as tmp:
        store = prepare(Path(tmp) / "store.db", size)
        with server(kind, store.path, port or free_port()) as running:
            yield from run_bursts(running.port, store, size)


def row(kind: str, result: Burst) -> str:
    return (
        f"{kind:<9} {result.name:<15} {sum(result.statuses.values()):>8} {result.errors:>4} "
        f"{statistics.median(result.latencies) * 1000:>8.0f} {result.percentile(0.99):>8.0f} "
        f"{result.kept:>4}/{result.expected:<4}  {dict(sorted(result.statuses.items()))}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--servers", default="gunicorn,flask")
    parser.add_argument("--burst", type=int, default=40)
    parser.add_argument("--port", type=int, default=None)
    args = parser.parse_args()
    print(
        f"\n{'server':<9} {'burst':<15} {'requests':>8} {'5xx':>4} {'p50 ms':>8} {'p99 ms':>8} {'kept':>9}  statuses"
    )
    for kind in args.servers.split(","):
        started = time.perf_counter()
        try:
            for result in measure(kind, args.burst, args.port):
                print(row(kind, result), flush=True)
        except (OSError, RuntimeError) as error:  # the store stopped answering between bursts
            print(f"{kind}: stopped: {error!r}", flush=True)
        print(f"{kind}: {time.perf_counter() - started:.1f} s in all", flush=True)


if __name__ == "__main__":
    main()
