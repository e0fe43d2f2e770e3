"""Periodic upkeep: rows that have outlived their purpose are deleted in small batches."""

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select

from core.extensions import db
from core.transactions import write_transaction
from storefront.cart.models import Cart, CartLine, CartStatus
from storefront.checkout.models import IdempotencyKey, KeyStatus, Order

BATCH = 500


def _delete_in_batches(ids_query, *deletes) -> int:
    removed = 0
    while True:
        with write_transaction():
            ids = list(db.session.scalars(ids_query.limit(BATCH)))
            for make_delete in deletes:
                if ids:
                    db.session.execute(make_delete(ids))
        if not ids:
            return removed
        removed += len(ids)


def expire(now: datetime) -> tuple[int, int]:
    """Delete finished idempotency keys past retention and open carts untouched for days."""
    keys_before = now - timedelta(hours=current_app.config["IDEMPOTENCY_KEY_RETENTION_HOURS"])
    carts_before = now - timedelta(days=current_app.config["CART_RETENTION_DAYS"])
    keys = _delete_in_batches(
        select(IdempotencyKey.id).where(IdempotencyKey.status == KeyStatus.DONE, IdempotencyKey.created_at < keys_before),
        lambda ids: delete(IdempotencyKey).where(IdempotencyKey.id.in_(ids)),
    )
    carts = _delete_in_batches(
        select(Cart.id).where(
            Cart.status == CartStatus.OPEN, Cart.updated_at < carts_before,
            ~select(Order.id).where(Order.cart_id == Cart.id).exists(),
        ),
        lambda ids: delete(CartLine).where(CartLine.cart_id.in_(ids)),
        lambda ids: delete(Cart).where(Cart.id.in_(ids)),
    )
    current_app.logger.info("expired %s idempotency keys and %s abandoned carts", keys, carts)
    return keys, carts
