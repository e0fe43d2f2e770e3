"""gunicorn settings for production (`gunicorn -c gunicorn.conf.py wsgi:app`), read from the env.

Workers hold no state that matters (carts, orders and rate limits live in PostgreSQL and Redis),
so any number of them, on any number of machines behind a load balancer, serve the same store.
"""

import multiprocessing
import os

bind = os.environ.get("BIND") or f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"
# Classic sync workers: (2 x cores) + 1 keeps the CPUs busy while some workers wait on the database.
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
# "gthread" keeps client connections alive where sync closes each one; with a client that talks
# to gunicorn directly that doubled the benchmark ceiling and added about a quarter on light
# pages, but worsened p99 (connections stay pinned to busy workers). Behind a buffering proxy,
# sync is the safe default; see benchmarks/http.py to measure both.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow without bound; jitter avoids a herd.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500
# Import the app once in the master: faster worker starts and shared memory pages.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
# Behind a load balancer or proxy that sets X-Forwarded-*; list its addresses in FORWARDED_ALLOW_IPS.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def when_ready(server):
    """With the app loaded in the master, compile every template there too: each worker, and
    each one started later to replace a recycled one (max_requests), then begins with them,
    instead of compiling them while shoppers wait on its first pages."""
    if preload_app:
        import wsgi

        environment = wsgi.app.jinja_env
        for name in environment.list_templates(filter_func=lambda name: name.endswith(".html")):
            environment.get_template(name)


def post_fork(server, worker):
    """Each worker opens its own database connections; never reuse any the master opened."""
    import wsgi
    from core.extensions import db

    with wsgi.app.app_context():
        for engine in db.engines.values():
            engine.dispose(close=False)
