"""PostgreSQL tells every worker what moved (LISTEN/NOTIFY), so a cached page needs no query.

Writers `announce(channel, key)` inside their transaction; PostgreSQL delivers it only when
the transaction commits (a rollback announces nothing). Each worker process keeps one
listening connection and, before trusting what it remembers, drains the notifications that
have arrived: a non-blocking read of a socket, no round trip. What they name is forgotten
and read again on next use. The committing process forgets at once, after its commit, so
its own next request never sees the old state; other workers as soon as the notification
reaches them (well under a millisecond on one host). A broken listening connection makes the
worker forget everything and listen again before it reads anything. Nothing is trusted for
longer than `TRUST_SECONDS` either, so a connection that dies silently (a dropped NAT
entry) can leave a worker behind by a second at most, for about one query a second.

SQLite has no NOTIFY (and its reads cost no round trip): there nothing is remembered and
every request reads.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Hashable

import psycopg
from flask import current_app, g, has_app_context, has_request_context
from sqlalchemy import event, text
from sqlalchemy.orm import Session

from storefront.extensions import db

EXTENSION_KEY = "storefront.change_feed"
VERSIONS = "store_versions"  # a version counter moved: payload unused
CARTS = "store_carts"  # a cart moved: payload is its token
CHANNELS = (VERSIONS, CARTS)
MAX_CARTS = 20_000
TRUST_SECONDS = 1.0
_PENDING = "change_feed.pending"


class ChangeFeed:
    """What this process remembers, and the connection that says when to forget it."""

    def __init__(self, url: str):
        self.url = url
        self.lock = threading.RLock()
        self.connection: psycopg.Connection | None = None
        self.versions: tuple[float, Hashable] | None = None  # (read at, value)
        self.carts: OrderedDict[str, tuple[float, Hashable]] = OrderedDict()
        self.generation = 0  # moves with every forget: a read that crossed one is not kept

    # --- listening -------------------------------------------------------------------------

    def _listen(self) -> None:
        self.forget_all()
        self.connection = psycopg.connect(self.url, autocommit=True)
        for channel in CHANNELS:
            self.connection.execute(f"LISTEN {channel}")

    def drain(self) -> None:
        """Apply every notification that has arrived; reconnect (forgetting all) if need be."""
        with self.lock:
            try:
                if self.connection is None or self.connection.closed:
                    self._listen()
                pgconn = self.connection.pgconn
                pgconn.consume_input()
                while (note := pgconn.notifies()) is not None:
                    self.forget(note.relname.decode(), note.extra.decode())
            except psycopg.Error:
                self.close()
                self._listen()

    def close(self) -> None:
        with self.lock:
            if self.connection is not None and not self.connection.closed:
                self.connection.close()
            self.connection = None
            self.forget_all()

    # --- remembering -----------------------------------------------------------------------

    def lookup(self, channel: str, key: str) -> tuple[bool, Hashable]:
        """(True, value) when `key` of `channel` is remembered, else (False, None)."""
        with self.lock:
            kept = self.versions if channel == VERSIONS else self.carts.get(key)
            if kept is None or time.monotonic() - kept[0] > TRUST_SECONDS:
                return False, None
            return True, kept[1]

    def remember(self, channel: str, key: str, value: Hashable, generation: int) -> None:
        """Keep `value`, read after `generation`, unless something was forgotten since then."""
        with self.lock:
            if generation != self.generation:
                return  # a notification may have crossed the read: read again next time
            kept = (time.monotonic(), value)
            if channel == VERSIONS:
                self.versions = kept
            else:
                self.carts[key] = kept
                self.carts.move_to_end(key)
                while len(self.carts) > MAX_CARTS:
                    self.carts.popitem(last=False)

    def forget(self, channel: str, key: str) -> None:
        with self.lock:
            self.generation += 1
            if channel == VERSIONS:
                self.versions = None
            else:
                self.carts.pop(key, None)

    def forget_all(self) -> None:
        with self.lock:
            self.generation += 1
            self.versions = None
            self.carts.clear()


def _start_feed() -> ChangeFeed | bool:
    """This app's feed; False (remembered, so asked once) on databases without NOTIFY."""
    engine = db.engine
    if engine.dialect.name != "postgresql":
        return False
    feed = ChangeFeed(engine.url.set(drivername="postgresql").render_as_string(hide_password=False))
    event.listen(engine, "engine_disposed", lambda _engine: feed.close())
    return feed


_DRAINED = "change_feed.drained"


def current_feed() -> ChangeFeed | None:
    """This app's feed, drained once per request; None without NOTIFY or when it can't listen."""
    if has_request_context() and _DRAINED in g:
        return g.get(_DRAINED)
    feed = _drained_feed()
    if has_request_context():
        setattr(g, _DRAINED, feed)
    return feed


def _drained_feed() -> ChangeFeed | None:
    feed = current_app.extensions.get(EXTENSION_KEY)
    if feed is None:
        feed = current_app.extensions[EXTENSION_KEY] = _start_feed()
    if not feed:
        return None
    try:
        feed.drain()
    except psycopg.Error:
        return None  # the database is unreachable: read everything, as on SQLite
    return feed


def announce(channel: str, key: str = "", session: Session | None = None) -> None:
    """Tell every worker, when the current transaction commits, that `key` of `channel` moved."""
    session = session or db.session
    session.info.setdefault(_PENDING, set()).add((channel, key))


@event.listens_for(Session, "before_commit")
def _notify(session: Session) -> None:
    if not session.in_transaction() or session.get_bind().dialect.name != "postgresql":
        return
    session.flush()  # the commit's own flush comes after this event: writes there announce too
    pending = session.info.get(_PENDING)
    if pending:
        for channel, key in sorted(pending):
            session.execute(text("SELECT pg_notify(:channel, :key)"), {"channel": channel, "key": key})


@event.listens_for(Session, "after_commit")
def _forget_here(session: Session) -> None:
    """This process need not wait for its own notification."""
    pending = session.info.pop(_PENDING, None)
    if pending and has_app_context() and (feed := current_app.extensions.get(EXTENSION_KEY)):
        for channel, key in pending:
            feed.forget(channel, key)


@event.listens_for(Session, "after_rollback")
def _drop_pending(session: Session) -> None:
    session.info.pop(_PENDING, None)
