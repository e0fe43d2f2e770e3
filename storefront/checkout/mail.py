"""Order mail through an outbox: written in the order's transaction, delivered after commit.

`MAIL_BACKEND=log` (default) writes each message to the app log; `MAIL_BACKEND=smtp` sends
through `SMTP_URL` (smtp://user:pass@host:port, or smtps:// for TLS). A failed delivery
stays in the outbox as `failed` with its attempt count, so nothing is silently lost.
"""

import smtplib
from datetime import UTC, datetime
from email.message import EmailMessage
from urllib.parse import unquote, urlparse

from flask import current_app, render_template
from sqlalchemy import update

from promotions.engine import format_cents
from storefront.checkout.models import Order, OutboxMessage, OutboxStatus
from storefront.extensions import db
from storefront.transactions import write_transaction


def enqueue_confirmation(order: Order) -> OutboxMessage:
    """Add the confirmation to the session; it commits (or rolls back) with the order."""
    store = current_app.config["STORE_NAME"]
    message = OutboxMessage(
        kind="order_confirmation",
        recipient=order.email,
        subject=f"{store}: order {order.number} confirmed ({format_cents(order.total_cents)})",
        body=render_template("checkout/confirmation_email.txt", order=order, store_name=store),
    )
    db.session.add(message)
    return message


def _send_smtp(message: OutboxMessage) -> None:
    url = urlparse(current_app.config["SMTP_URL"])
    email = EmailMessage()
    email["From"] = current_app.config.get("MAIL_FROM", "orders@localhost")
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email.set_content(message.body)
    client = smtplib.SMTP_SSL if url.scheme == "smtps" else smtplib.SMTP
    with client(url.hostname or "localhost", url.port or 25, timeout=10) as smtp:
        if url.username:
            smtp.login(unquote(url.username), unquote(url.password or ""))
        smtp.send_message(email)


def _send(message: OutboxMessage) -> None:
    if current_app.config.get("MAIL_BACKEND", "log") == "smtp":
        _send_smtp(message)
    else:
        current_app.logger.info("mail to %s: %s\n%s", message.recipient, message.subject, message.body)


def deliver(message_id: int) -> bool:
    """Send one message at most once: a conditional UPDATE claims it before sending."""
    table = OutboxMessage.__table__
    with write_transaction():
        claimed = db.session.execute(
            update(table)
            .where(table.c.id == message_id, table.c.status == OutboxStatus.PENDING.value)
            .values(status=OutboxStatus.SENT.value, attempts=table.c.attempts + 1, sent_at=datetime.now(UTC))
        ).rowcount
    if claimed != 1:
        return False
    message = db.session.get(OutboxMessage, message_id)
    try:
        _send(message)
    except (OSError, smtplib.SMTPException):
        current_app.logger.exception("mail delivery failed for outbox message %s", message_id)
        with write_transaction():
            failed = db.session.get(OutboxMessage, message_id)
            failed.status = OutboxStatus.FAILED
            failed.sent_at = None
        return False
    return True
