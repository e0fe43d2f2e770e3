"""HTTP throughput of key pages: gunicorn on 127.0.0.1, the demo store, a load tool on loopback.

Run from the repository root: `python -m benchmarks.http [--seconds 3] [--rounds 3] [--connections 16]`.
SQLite always (a fresh file in a temp dir); PostgreSQL too when BENCH_DATABASE_URL is set
(its tables are dropped and re-created: point it at a scratch database).

Shelf pages come from the shared cache as each database is deployed (storefront/shelf_cache.py,
Flask-Caching): in-process on SQLite (the embedded default), Redis on PostgreSQL (production,
where the version numbers that key the pages are mirrored in Redis too: core.version_mirror);
`--cache-backend simple|redis` picks one for both (`--redis-url`, default
redis://127.0.0.1:6379/1 — the cache's keys get a fresh prefix). `--cache off`
(NullCache) renders every request, which measures the rendering itself, and `--cache both`
runs the two one after the other. The cart page and the cart API are never cached.

Load comes from wrk when it is installed (`apt-get install wrk`), else from a bounded Python
load generator (threads and http.client; it tops out well below the server, so its figures are
a floor). Each row prints requests/s, p50 and p99 latency and the SQL statements the page ran
(X-SQL-Count, added under BENCHMARK_ROUTES=1). Not a test: nothing here is asserted.

wrk sends no cookie, so each shelf-page request is a shopper's first: the page creates and
signs a session for the CSRF token in its forms. One row shows /shop for a returning shopper,
who sends the session cookie back.

"CPU ms/req" is what a request cost the whole machine's CPU (the server, the database, Redis
and the load tool, from /proc/stat), the median over rounds: on a shared machine it moves much
less between runs than requests per second, and the ceiling's over a page's is the share of
the ceiling the page would reach if the CPU were all that limited both.

"of ceiling" is the page's throughput over the ceiling route's, measured just before it
(`--ceiling-seconds`); each page is measured `--rounds` times, round-robin over the pages,
and a row gives the medians. On a shared machine a route's throughput drifts by a third
within a run and sometimes falls to a third for a few seconds: one sample of each, minutes
apart, moved a page's ratio by twenty points from run to run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from benchmarks.live import ROOT, LiveServer, free_port, request
from benchmarks.load import Target, busy_cpu_seconds, run_python, run_wrk
from storefront.config import normalise_database_url

CODE = "BNR41921"
CART_SKUS = ["SLP-MEL-3-60", "SLP-MAG-GLY-120", "SUP-ASHW-60"]
PRODUCT_SKU = "SLP-MEL-3-60"
ARTICLE_SLUG = "small-fibre-nerves-and-fibromyalgia"


@dataclass(frozen=True)
class Result:
    name: str
    rps: float
    p50_ms: float
    p99_ms: float
    sql: str
    errors: int
    of_ceiling: float  # the median of the rounds' ratios to the ceiling measured just before
    ceiling_spread: tuple[float, float]  # the lowest and highest of those ceiling samples
    cpu_ms: float | None  # the whole machine's CPU per request (None: not measurable here)


@dataclass(frozen=True)
class Sample:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    ceiling_rps: float
    cpu_ms: float | None


def load_sample(load, port: int, target: Target, seconds: int, connections: int, ceiling_rps: float | None = None) -> Sample:
    """One load of `target`, with what it cost the whole machine's CPU per request."""
    before = busy_cpu_seconds()
    rps, p50, p99, errors = load(port, target, seconds, connections)
    after = busy_cpu_seconds()
    cpu_ms = 1000 * (after - before) / (rps * seconds) if before is not None and rps else None
    return Sample(rps, p50, p99, errors, ceiling_rps or rps, cpu_ms)


def summary(name: str, sql: str, samples: list[Sample]) -> Result:
    """One row from a page's rounds: medians, and the errors of all of them."""
    ceilings = [sample.ceiling_rps for sample in samples]
    cpu = [sample.cpu_ms for sample in samples]
    return Result(
        name,
        statistics.median(sample.rps for sample in samples),
        statistics.median(sample.p50_ms for sample in samples),
        statistics.median(sample.p99_ms for sample in samples),
        sql,
        sum(sample.errors for sample in samples),
        statistics.median(sample.rps / (sample.ceiling_rps or 1) for sample in samples),
        (min(ceilings), max(ceilings)),
        None if None in cpu else statistics.median(cpu),
    )


# ---------- the server ----------


def cache_backend(database_url: str, args) -> str:
    """The backend asked for, or as deployed: in-process on SQLite, Redis on PostgreSQL."""
    if args.cache_backend != "auto":
        return args.cache_backend
    return "simple" if database_url.startswith("sqlite") else "redis"


def cache_env(backend: str | None, redis_url: str) -> dict:
    """Flask-Caching settings of the server: off (None), in-process or Redis (a fresh key prefix)."""
    if backend is None:
        return {"CACHE_TYPE": "NullCache"}
    if backend == "redis":
        prefix = f"bench-{os.getpid()}-{time.monotonic_ns()}:"
        return {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": redis_url, "CACHE_KEY_PREFIX": prefix}
    return {"CACHE_TYPE": "SimpleCache"}


def server_env(database_url: str, backend: str | None, redis_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        **cache_env(backend, redis_url),
        SECRET_KEY="benchmark-secret-key-benchmark-secret-key",
        BENCHMARK_ROUTES="1",
        GUNICORN_ACCESS_LOG="",
        LOG_LEVEL="warning",
        PYTHONPATH=str(ROOT),
    )
    return env


def prepare_database(database_url: str, env: dict) -> None:
    """A fresh demo store: tables from the models, then the demo data."""
    script = (
        "from storefront import create_app\n"
        "from core.extensions import db\n"
        "from storefront.demo import seed_demo_store\n"
        "from sqlalchemy import text\n"
        f"app = create_app({{'SQLALCHEMY_DATABASE_URI': {database_url!r}}})\n"
        "with app.app_context():\n"
        "    db.drop_all()\n"
        "    with db.engine.begin() as conn:\n"
        "        conn.execute(text('DROP TABLE IF EXISTS alembic_version'))\n"
        "    db.create_all()\n"
        "    seed_demo_store()\n"
    )
    subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, check=True)


def gunicorn(env: dict, workers: int | None, port: int | None) -> LiveServer:
    """gunicorn with the repository's gunicorn.conf.py, bound to a loopback port."""
    port = port or free_port()
    env = dict(env, BIND=f"127.0.0.1:{port}")
    if workers:
        env["WEB_CONCURRENCY"] = str(workers)
    command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"]
    return LiveServer(command, env, port)


# ---------- setting up the carts ----------


class Browser:
    """Just enough of a browser: one session cookie, CSRF tokens read from the forms."""

    def __init__(self, port: int):
        self.port, self.cookie = port, ""

    def _remember(self, headers: dict) -> None:
        for name, value in headers.items():
            if name.lower() == "set-cookie" and value.startswith("session="):
                self.cookie = value.split(";", 1)[0]

    def get(self, path: str) -> str:
        status, headers, body = request(self.port, path, headers={"Cookie": self.cookie})
        self._remember(headers)
        return body.decode()

    def post_form(self, path: str, fields: dict, token_page: str) -> int:
        match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', self.get(token_page))
        data = dict(fields, csrf_token=match.group(1) if match else "")
        status, headers, _ = request(
            self.port, path, method="POST", body=urllib.parse.urlencode(data),
            headers={"Cookie": self.cookie, "Content-Type": "application/x-www-form-urlencoded"},
        )
        self._remember(headers)
        return status


def product_slug(port: int, sku: str) -> str:
    status, _, body = request(port, f"/api/v1/products/{sku}")
    return json.loads(body)["slug"] if status == 200 else "melatonin"


def cart_page_session(port: int) -> tuple[str, str]:
    """A session cookie whose cart holds a few products and BNR41921, set up through the pages."""
    browser = Browser(port)
    for sku in CART_SKUS:
        browser.post_form("/cart/add", {"sku": sku, "quantity": "1"}, f"/products/{product_slug(port, sku)}")
    status = browser.post_form("/cart/codes", {"code": CODE}, "/cart")
    note = "code applied" if status in (302, 303) and CODE in browser.get("/cart") else f"code not applied ({status})"
    return browser.cookie, note


def returning_shopper_cookie(port: int) -> str:
    """The session cookie a shopper's first page sets (their CSRF token's secret): later pages
    read it instead of creating and signing a new session, as wrk's cookie-less rows do."""
    browser = Browser(port)
    browser.get("/shop")
    return browser.cookie


def api_cart_token(port: int) -> str:
    _, _, body = request(port, "/api/v1/carts", method="POST")
    token = json.loads(body)["token"]
    json_headers = {"Content-Type": "application/json"}
    for sku in CART_SKUS:
        request(port, f"/api/v1/carts/{token}/lines", method="POST", body=json.dumps({"sku": sku}), headers=json_headers)
    request(port, f"/api/v1/carts/{token}/codes", method="POST", body=json.dumps({"code": CODE}), headers=json_headers)
    return token


# ---------- load ----------


def sql_count(port: int, target: Target) -> str:
    """Statements of a warm request (after the warm-up load, every worker has its caches)."""
    status, headers, _ = request(port, target.path, headers=target.headers)
    count = headers.get("X-SQL-Count", "?")
    return count if status == 200 else f"{count} ({status})"


# ---------- the run ----------


def measure(label: str, database_url: str, cache: bool, args) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-http-") as tmp:
        url = database_url or f"sqlite:///{Path(tmp) / 'store.db'}"
        backend = cache_backend(url, args) if cache else None
        env = server_env(url, backend, args.redis_url)
        label = f"{label}, shelf cache {f'on ({backend})' if cache else 'off'}"
        prepare_database(url, env)
        with gunicorn(env, args.workers, args.port) as server:
            port = server.port
            cookie, note = cart_page_session(port)
            targets = [
                Target("ceiling (tiny template, no DB)", "/_bench/ceiling", {}),
                Target("home", "/", {}),
                Target("/shop", "/shop", {}),
                Target("/shop, returning shopper (cookie)", "/shop", {"Cookie": returning_shopper_cookie(port)}),
                Target("department /shop/sleep", "/shop/sleep", {}),
                Target("product page", f"/products/{product_slug(port, PRODUCT_SKU)}", {}),
                Target("search /search?q=sleep", "/search?q=sleep", {}),
                Target("article", f"/articles/{ARTICLE_SLUG}", {}),
                Target(f"cart page, 3 lines + {CODE}", "/cart", {"Cookie": cookie}),
                Target(f"GET /api/v1/carts/<token> + {CODE}", f"/api/v1/carts/{api_cart_token(port)}", {}),
            ]
            load = run_wrk if shutil.which("wrk") and not args.python_load else run_python
            sql = []
            for target in targets:
                load(port, target, 1, args.connections)  # warm-up: every worker imports and caches
                sql.append(sql_count(port, target))
            samples: list[list[Sample]] = [[] for _ in targets]
            for _ in range(args.rounds):
                for index, target in enumerate(targets[1:], start=1):
                    ceiling = load_sample(load, port, targets[0], args.ceiling_seconds, args.connections)
                    samples[0].append(ceiling)
                    samples[index].append(load_sample(load, port, target, args.seconds, args.connections, ceiling.rps))
            results = [summary(target.name, count, rounds) for target, count, rounds in zip(targets, sql, samples, strict=True)]
            rss = server.worker_rss_mb()
        report(label, results, rss, note, load.__name__, args)


def report(label: str, results: list[Result], rss: list[float], note: str, tool: str, args) -> None:
    print(f"\n{label} — {os.cpu_count()} cores, {len(rss)} gunicorn workers, "
          f"{'wrk' if tool == 'run_wrk' else 'python threads'} with {args.connections} connections, "
          f"{args.rounds} rounds of {args.seconds} s per page, medians; cart: {note}")
    print(f"{'page':40} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'SQL/req':>8} {'of ceiling':>10} "
          f"{'CPU ms/req':>10} {'errors':>7}")
    for row in results:
        cpu = f"{row.cpu_ms:10.3f}" if row.cpu_ms is not None else f"{'?':>10}"
        print(f"{row.name:40} {row.rps:8.0f} {row.p50_ms:8.2f} {row.p99_ms:8.2f} {row.sql:>8} "
              f"{row.of_ceiling:10.0%} {cpu} {row.errors:7d}")
    low, high = results[0].ceiling_spread
    print(f"the ceiling, measured before each page's rounds: {low:.0f}–{high:.0f} req/s")
    if rss:
        print(f"worker RSS: {', '.join(f'{size:.0f}' for size in rss)} MB "
              f"(median {statistics.median(rss):.0f} MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=3, help="load per page and round (default 3)")
    parser.add_argument("--rounds", type=int, default=3, help="times each page is measured (default 3)")
    parser.add_argument("--ceiling-seconds", type=int, default=2,
                        help="the ceiling's load before each page's round, for its ratio (default 2)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=None, help="default: gunicorn.conf.py (2 x cores + 1)")
    parser.add_argument("--python-load", action="store_true", help="use the Python load generator even if wrk exists")
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--port", type=int, default=None, help="serve on this loopback port (default: a free one)")
    parser.add_argument("--cache", "--page-cache", choices=["on", "off", "both"], default="on",
                        help="the shelf cache (default on)")
    parser.add_argument("--cache-backend", choices=["auto", "simple", "redis"], default="auto",
                        help="auto (default): in-process on SQLite, Redis on PostgreSQL, as deployed")
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_CACHE_REDIS_URL", "redis://127.0.0.1:6379/1"))
    args = parser.parse_args()
    databases = [("SQLite", "")]
    if (postgres := os.environ.get("BENCH_DATABASE_URL")) and not args.sqlite_only:
        databases.append(("PostgreSQL", normalise_database_url(postgres)))
    for cache in {"on": [True], "off": [False], "both": [True, False]}[args.cache]:
        for label, url in databases:
            measure(label, url, cache, args)


if __name__ == "__main__":
    main()
