"""Sending outbox messages: at most once each, retried with exponential backoff when sending fails.

A worker claims a message with a conditional UPDATE (`pending`/`failed` -> `sending`) before it
talks to the mail server, so two workers (or a retry and the sweep) never both send it. A
message whose worker died after the claim stays `sending`: it may have gone out, and sending
it again could mean a second confirmation, so it is left for a person to look at.
"""

import smtplib
from datetime import UTC, datetime, timedelta

from flask import current_app
from flask_mailman import EmailMultiAlternatives
from sqlalchemy import or_, select, update

from core.extensions import db
from core.transactions import write_transaction
from storefront.mail.models import OutboxMessage, OutboxStatus

# A pending message this old was never picked up (its job was lost): the sweep queues it again.
STRANDED_AFTER = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=1)


def backoff(attempts: int) -> timedelta:
    """Wait before try number `attempts + 1`: MAIL_RETRY_DELAY, doubled per failure, at most an hour."""
    delay = timedelta(seconds=current_app.config["MAIL_RETRY_DELAY"] * 2 ** max(attempts - 1, 0))
    return min(delay, LONGEST_WAIT)


def _claim(message_id: int) -> bool:
    table = OutboxMessage.__table__
    with write_transaction():
        claimed = db.session.execute(
            update(table)
            .where(
                table.c.id == message_id,
                table.c.status.in_([OutboxStatus.PENDING.value, OutboxStatus.FAILED.value]),
                table.c.attempts < current_app.config["MAIL_MAX_ATTEMPTS"],
            )
            .values(status=OutboxStatus.SENDING.value, attempts=table.c.attempts + 1)
        ).rowcount
    return claimed == 1


def _send(message: OutboxMessage) -> None:
    email = EmailMultiAlternatives(message.subject, message.body, to=[message.recipient])
    if message.html_body:
        email.attach_alternative(message.html_body, "text/html")
    email.send()


def _finish(message_id: int, **values) -> None:
    with write_transaction():
        db.session.execute(update(OutboxMessage.__table__).where(OutboxMessage.__table__.c.id == message_id).values(**values))


def deliver(message_id: int) -> timedelta | None:
    """Send one message if it is still due; return how long to wait before retrying, or None."""
    if not _claim(message_id):
        return None
    message = db.session.get(OutboxMessage, message_id)
    try:
        _send(message)
    except (OSError, smtplib.SMTPException) as error:
        current_app.logger.warning("mail %s not delivered (try %s): %s", message_id, message.attempts, error)
        retry = backoff(message.attempts) if message.attempts < current_app.config["MAIL_MAX_ATTEMPTS"] else None
        next_at = datetime.now(UTC) + retry if retry else None
        _finish(message_id, status=OutboxStatus.FAILED.value, next_attempt_at=next_at)
        return retry
    _finish(message_id, status=OutboxStatus.SENT.value, sent_at=datetime.now(UTC), next_attempt_at=None)
    return None


def due_messages(now: datetime) -> list[int]:
    """Messages the sweep should queue again: stranded pending ones and failed ones past their wait."""
    table = OutboxMessage.__table__
    return list(
        db.session.scalars(
            select(table.c.id).where(
                or_(
                    (table.c.status == OutboxStatus.PENDING.value) & (table.c.created_at < now - STRANDED_AFTER),
                    (table.c.status == OutboxStatus.FAILED.value) & (table.c.next_attempt_at <= now),
                ),
                table.c.attempts < current_app.config["MAIL_MAX_ATTEMPTS"],
            ).order_by(table.c.id).limit(1000)
        )
    )
