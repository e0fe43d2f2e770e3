"""Cancelling an order gives back its stock and its promotion uses exactly once, and tells the shopper.

The status flip `placed -> cancelled` is a conditional UPDATE: of two admins clicking
Cancel at the same moment one wins and releases; the other gets a 409 and releases nothing.
"""

from datetime import UTC, datetime

from sqlalchemy import update

from catalog.stock import give_back_stock
from core.errors import Conflict, NotFound
from core.extensions import db
from core.transactions import write_transaction
from promotions.redemption import Claim, release_all
from storefront.checkout import mail
from storefront.checkout.models import Order, OrderStatus, Payment, PaymentStatus
from storefront.checkout.payments import provider
from storefront.checkout.queries import order_by_number
from storefront.mail.tasks import send_after_commit


class AlreadyCancelled(Conflict):
    code = "already_cancelled"

    def __init__(self, number: str):
        super().__init__(f"Order {number} is already cancelled.")


def cancel_order(number: str, actor: str) -> Order:
    """Cancel order `number` on behalf of `actor` (an admin's email, or "api")."""
    with write_transaction():
        order = order_by_number(number)
        if order is None:
            raise NotFound(f"No order {number}.")
        table = Order.__table__
        flipped = db.session.execute(
            update(table)
            .where(table.c.id == order.id, table.c.status == OrderStatus.PLACED.value)
            .values(status=OrderStatus.CANCELLED.value, cancelled_at=datetime.now(UTC), cancelled_by=actor)
        ).rowcount
        if flipped != 1:
            raise AlreadyCancelled(number)
        release_all(
            Claim(d.promotion_id, d.name, d.amount_cents, code=d.code, customer_key=d.customer_key)
            for d in order.discounts
            if d.promotion_id is not None
        )
        give_back_stock(
            (line.product_id, line.quantity) for line in order.lines if line.product_id is not None
        )
        authorization_id = order.payment.authorization_id if order.payment else None
        if order.payment is not None:
            payments = Payment.__table__
            db.session.execute(
                update(payments)
                .where(payments.c.id == order.payment.id)
                .values(status=PaymentStatus.VOIDED.value)
            )
        message = mail.enqueue_cancellation(order)
        db.session.flush()
        message_id = message.id
    send_after_commit(message_id)
    if authorization_id:
        provider().void(authorization_id)
    db.session.refresh(order)
    return order
