"""Idempotency keys: a retried request gets the first answer, never a second order.

The key is inserted `in_flight` in its own short transaction (the unique constraint decides
who owns it); the owner finishes it with the response inside the order's transaction, so
"order exists" and "key says done" commit together. Outcomes worth retrying (the cart
changed, the store was busy) release the key instead, so the same key can try again.
"""

import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from core.errors import Conflict, Invalid
from core.extensions import db
from core.transactions import write_transaction
from storefront.checkout.models import IdempotencyKey, KeyStatus

# A key left in flight this long belongs to a request that died; a retry may take it over.
ABANDONED_AFTER = timedelta(minutes=2)


class KeyReused(Invalid):
    code = "idempotency_key_reused"

    def __init__(self):
        super().__init__("This Idempotency-Key was already used for a different request.")


class KeyInFlight(Conflict):
    code = "request_in_progress"

    def __init__(self):
        super().__init__("A request with this Idempotency-Key is still being processed. Retry shortly.")


@dataclass(frozen=True, slots=True)
class Replay:
    status: int
    body: dict


def request_fingerprint(*parts) -> str:
    """HMAC of the canonical request: a card number never sits in the database, even hashed plainly."""
    canonical = json.dumps(parts, sort_keys=True, separators=(",", ":"), default=str)
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, canonical.encode(), hashlib.sha256).hexdigest()


def _stored(key: str) -> IdempotencyKey | None:
    db.session.expire_all()
    return db.session.scalar(select(IdempotencyKey).where(IdempotencyKey.key == key))


def _take_over_abandoned(key: str, fingerprint: str) -> bool:
    table = IdempotencyKey.__table__
    now = datetime.now(UTC)
    with write_transaction():
        taken = db.session.execute(
            update(table)
            .where(
                table.c.key == key,
                table.c.fingerprint == fingerprint,
                table.c.status == KeyStatus.IN_FLIGHT.value,
                table.c.created_at < now - ABANDONED_AFTER,
            )
            .values(created_at=now)
        ).rowcount
    return taken == 1


def begin(key: str, fingerprint: str, *, wait_seconds: float = 0.0) -> Replay | None:
    """Own `key` (None) or get the stored answer (Replay); KeyReused / KeyInFlight otherwise."""
    try:
        with write_transaction():
            db.session.add(IdempotencyKey(key=key, fingerprint=fingerprint, status=KeyStatus.IN_FLIGHT))
        return None
    except IntegrityError:
        pass  # the key exists: replay, refuse or wait below
    deadline = time.monotonic() + wait_seconds
    while True:
        row = _stored(key)
        db.session.rollback()
        if row is None:  # released between our insert and this read: try once more
            return begin(key, fingerprint, wait_seconds=max(0.0, deadline - time.monotonic()))
        if row.fingerprint != fingerprint:
            raise KeyReused()
        if row.status == KeyStatus.DONE:
            return Replay(row.response_status, row.response_body)
        if _take_over_abandoned(key, fingerprint):
            return None
        if time.monotonic() >= deadline:
            raise KeyInFlight()
        time.sleep(0.1)


def order_number_for(key: str) -> str | None:
    """The order a finished key placed (a double submit's second request finds it here)."""
    return db.session.scalar(
        select(IdempotencyKey.order_number).where(
            IdempotencyKey.key == key, IdempotencyKey.status == KeyStatus.DONE
        )
    )


def finish(key: str, status: int, body: dict, order_number: str | None = None) -> None:
    """Record the answer; call inside the order's transaction or after a final refusal."""
    table = IdempotencyKey.__table__
    db.session.execute(
        update(table)
        .where(table.c.key == key, table.c.status == KeyStatus.IN_FLIGHT.value)
        .values(
            status=KeyStatus.DONE.value,
            response_status=status,
            response_body=body,
            order_number=order_number,
        )
    )


def finish_now(key: str, status: int, body: dict) -> None:
    with write_transaction():
        finish(key, status, body)


def release(key: str) -> None:
    """Forget an in-flight key whose request ended in a retryable outcome."""
    table = IdempotencyKey.__table__
    with write_transaction():
        db.session.execute(
            delete(table).where(table.c.key == key, table.c.status == KeyStatus.IN_FLIGHT.value)
        )
