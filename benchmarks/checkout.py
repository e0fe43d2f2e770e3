"""Checkout throughput over HTTP: gunicorn on 127.0.0.1, PostgreSQL and SQLite, 1/8/32 clients.

    python -m benchmarks.checkout                      # both backends (PostgreSQL from BENCH_DATABASE_URL)
    python -m benchmarks.checkout --backends sqlite --orders 10

Each client first builds its carts (untimed), then all clients place their orders at once
over keep-alive connections; the run is bounded by --orders per client and --deadline.
Prints orders/s and p50/p99 latency of the checkout POST. Never asserted in tests.
"""

import argparse
import http.client
import json
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from benchmarks.live import LiveServer, free_port

BODY = {
    "email": "bench@example.com",
    "shipping_address": {"name": "Bench", "line1": "1 Main St", "city": "Portland", "region": "OR",
                         "postal_code": "97201", "country": "US"},
    "shipping_method": "standard",
    "payment": {"card_number": "4242424242424242", "exp_month": 12, "exp_year": 2099, "cvc": "123"},
}


def prepare_database(url: str) -> None:
    """Fresh schema and one product with plenty of stock."""
    from catalog.models import Department, Product
    from core.extensions import db
    from storefront import create_app
    from storefront.config import normalise_database_url

    app = create_app({"SQLALCHEMY_DATABASE_URI": normalise_database_url(url), "SECRET_KEY": "bench"})
    with app.app_context():
        db.drop_all()
        db.create_all()
        department = Department(slug="bench", name="Bench")
        db.session.add(Product(sku="BENCH-1", slug="bench-tea", name="Bench Tea", price_cents=2500,
                               stock=10_000_000, department=department))
        db.session.commit()
        db.engine.dispose()


def gunicorn(url: str, port: int, workers: int) -> LiveServer:
    """gunicorn with threaded workers, so many clients check out at once."""
    env = os.environ | {"DATABASE_URL": url, "SECRET_KEY": "bench", "RATELIMIT_ENABLED": "0"}
    command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
               "--threads", "4", "--worker-class", "gthread", "--log-level", "warning", "wsgi:app"]
    return LiveServer(command, env, port)


def call(conn, method, path, body=None, headers=None):
    conn.request(method, path, body=json.dumps(body) if body is not None else None,
                 headers={"Content-Type": "application/json"} | (headers or {}))
    response = conn.getresponse()
    return response.status, json.loads(response.read() or b"{}")


def make_carts(port: int, count: int) -> list[str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    tokens = []
    for _ in range(count):
        _, cart = call(conn, "POST", "/api/v1/carts")
        call(conn, "POST", f"/api/v1/carts/{cart['token']}/lines", {"sku": "BENCH-1", "quantity": 1})
        tokens.append(cart["token"])
    conn.close()
    return tokens


def run(port: int, clients: int, orders: int, deadline: float) -> dict:
    carts = [make_carts(port, orders) for _ in range(clients)]
    latencies: list[float] = []
    outcomes: dict[int, int] = {}
    lock = threading.Lock()
    barrier = threading.Barrier(clients + 1)

    def client(tokens):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        barrier.wait()
        for token in tokens:
            if time.monotonic() > stop_at:
                break
            started = time.perf_counter()
            status, _ = call(conn, "POST", f"/api/v1/carts/{token}/checkout", BODY,
                             {"Idempotency-Key": uuid.uuid4().hex})
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                outcomes[status] = outcomes.get(status, 0) + 1
        conn.close()

    threads = [threading.Thread(target=client, args=(tokens,)) for tokens in carts]
    for thread in threads:
        thread.start()
    stop_at = time.monotonic() + deadline
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()
    placed = outcomes.get(201, 0)
    return {
        "clients": clients,
        "orders": placed,
        "other": {k: v for k, v in outcomes.items() if k != 201},
        "orders_per_s": placed / wall if wall else 0.0,
        "p50_ms": statistics.median(latencies) * 1000 if latencies else 0.0,
        "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000 if latencies else 0.0,
    }


def add_database_arguments(parser: argparse.ArgumentParser) -> None:
    """--backends and --pg-url, shared by the benchmarks that run on both databases."""
    parser.add_argument("--backends", default="postgresql,sqlite")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_DATABASE_URL",
                                                          "postgresql://postgres@127.0.0.1:5432/bench_checkout"))


def database_urls(args: argparse.Namespace, tmp: str) -> list[tuple[str, str]]:
    """(backend, scratch database) for each of --backends: the given PostgreSQL one, a SQLite file in `tmp`."""
    urls = {"postgresql": args.pg_url, "sqlite": f"sqlite:///{Path(tmp) / 'bench.db'}"}
    return [(backend, urls[backend]) for backend in args.backends.split(",")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", default="1,8,32")
    parser.add_argument("--orders", type=int, default=20, help="orders per client")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--deadline", type=float, default=60.0, help="seconds per run, at most")
    parser.add_argument("--port", type=int, default=0, help="port of the server (default: any free one)")
    add_database_arguments(parser)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for backend, url in database_urls(args, tmp):
            prepare_database(url)
            port = args.port or free_port()
            with gunicorn(url, port, args.workers):
                for clients in (int(c) for c in args.clients.split(",")):
                    rows.append((backend, run(port, clients, args.orders, args.deadline)))
    print(f"\ncheckout over HTTP, gunicorn {args.workers} workers x 4 threads, {args.orders} orders/client")
    print(f"{'backend':<11} {'clients':>7} {'orders':>7} {'orders/s':>9} {'p50 ms':>8} {'p99 ms':>8}  non-201")
    for backend, row in rows:
        print(f"{backend:<11} {row['clients']:>7} {row['orders']:>7} {row['orders_per_s']:>9.1f} "
              f"{row['p50_ms']:>8.1f} {row['p99_ms']:>8.1f}  {row['other'] or '-'}")


if __name__ == "__main__":
    main()
