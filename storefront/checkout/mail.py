"""The mail a store sends about an order, written to the outbox in the order's own transaction.

A message exists exactly when the change it tells about committed; `send_after_commit`
(storefront/mail/tasks.py) then hands it to a job, so no shopper waits on a mail server.
"""

from flask import current_app, has_request_context, render_template, url_for

from core.extensions import db
from promotions.engine import format_cents
from storefront.checkout.models import Order
from storefront.mail.models import OutboxMessage


def _order_link(order: Order) -> str:
    """Absolute link when we know the host (a request); else the path under STORE_URL."""
    if has_request_context():
        return url_for("checkout.order", number=order.number, _external=True)
    return current_app.config.get("STORE_URL", "") + f"/orders/{order.number}"


def _write(order: Order, template: str, subject: str) -> OutboxMessage:
    store = current_app.config["STORE_NAME"]
    context = {"order": order, "store_name": store, "link": _order_link(order)}
    message = OutboxMessage(
        kind=f"order_{template}",
        recipient=order.email,
        subject=f"{store}: {subject}",
        body=render_template(f"checkout/{template}_email.txt", **context),
        html_body=render_template(f"checkout/{template}_email.html", **context),
    )
    db.session.add(message)
    return message


def enqueue_confirmation(order: Order) -> OutboxMessage:
    """Add the confirmation to the session; it commits (or rolls back) with the order."""
    return _write(order, "confirmation", f"order {order.number} confirmed ({format_cents(order.total_cents)})")


def enqueue_cancellation(order: Order) -> OutboxMessage:
    """Add the cancellation notice to the session; it commits with the cancellation."""
    return _write(order, "cancellation", f"order {order.number} cancelled")
