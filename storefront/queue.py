"""The one Huey instance, bound to the app's QUEUE_URL by `init_queue` (never at import time).

`QUEUE_URL` is a SQLite file by default (SqliteHuey storage: nothing else to install, and
`flask run` starts a consumer thread in the server process), `redis://host:port/db` in
production (any number of `flask --app wsgi worker` processes on any machine), or
`immediate` (tests: a job runs inline when it is enqueued).
"""

import functools
import logging
from pathlib import Path

import click
from flask import Flask
from huey import Huey
from huey.consumer import Consumer
from huey.storage import RedisStorage, SqliteStorage

log = logging.getLogger(__name__)

# Unbound until init_queue: an in-memory queue that runs jobs inline, so importing is harmless.
queue = Huey("verdant-store", immediate=True, results=False)
_bound: dict[str, Flask] = {}


def _storage(url: str) -> tuple[type, dict]:
    if url.startswith("redis"):
        return RedisStorage, {"url": url}
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        return SqliteStorage, {"filename": str(path)}
    raise ValueError(f"QUEUE_URL must be sqlite:///path, redis://host:port/db or immediate, not {url!r}")


def init_queue(app: Flask) -> None:
    """Point the queue at the app's storage and run jobs inside this app's context.

    The tasks register themselves when their modules are imported: create_app imports them
    before it calls this (storefront.jobs.tasks brings in every task).
    """
    _bound["app"] = app
    url = app.config["QUEUE_URL"]
    if url == "immediate":
        queue.immediate = True
        return
    queue.storage_class, queue.storage_kwargs = _storage(url)
    queue.immediate = False
    queue.storage = queue.create_storage()
    if app.config.get("EMBEDDED_WORKER") and _serving_with_flask_run():
        start_worker(workers=2)


def _serving_with_flask_run() -> bool:
    """True inside `flask run` (as `make run` does); not in gunicorn, tests or other commands."""
    context = click.get_current_context(silent=True)
    return context is not None and context.info_name == "run"


class EmbeddedConsumer(Consumer):
    """Worker threads inside another program: the signals (Ctrl-C) stay that program's."""

    def _set_signal_handlers(self):
        pass


def start_worker(workers: int = 1, **options) -> Consumer:
    """A consumer in this process (daemon threads): the dev server's, or a test's."""
    consumer = EmbeddedConsumer(queue, workers=workers, worker_type="thread", **options)
    consumer.start()
    log.info("job worker started in this process (%s threads)", workers)
    return consumer


def in_app(func):
    """Run a job inside the bound app's context, with its own database session."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with _bound["app"].app_context():
            return func(*args, **kwargs)

    return wrapper
