"""Mail leaves through the job queue: the task that sends one message, and how to queue it."""

from flask import current_app

from storefront.mail.delivery import deliver
from storefront.queue import in_app, queue


@queue.task()
@in_app
def deliver_mail(message_id: int) -> None:
    """Send one outbox message; on failure schedule the next try after its backoff."""
    retry = deliver(message_id)
    if retry is not None:
        deliver_mail.schedule((message_id,), delay=retry.total_seconds())


def send_after_commit(message_id: int) -> None:
    """Queue delivery; if the queue is down the periodic sweep still finds the pending row."""
    try:
        deliver_mail(message_id)
    except Exception:  # a lost enqueue must not fail an order that already committed
        current_app.logger.exception("could not queue mail %s; the sweep will pick it up", message_id)
