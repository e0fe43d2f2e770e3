"""Every job the queue knows: thin wrappers that run a service function inside the app.

Periodic jobs run in whichever consumer has its scheduler on (each `flask --app wsgi worker`
by default); they are idempotent, so two schedulers at once do no harm.
"""

from datetime import UTC, datetime

from huey import crontab

from storefront.jobs import code_batches, exports  # noqa: F401  (register their handlers)
from storefront.jobs.queue import in_app, queue
from storefront.jobs.runner import run_job, stalled_jobs
from storefront.mail.delivery import deliver, due_messages


@queue.task()
@in_app
def deliver_mail(message_id: int) -> None:
    """Send one outbox message; on failure schedule the next try after its backoff."""
    retry = deliver(message_id)
    if retry is not None:
        deliver_mail.schedule((message_id,), delay=retry.total_seconds())


@queue.task()
@in_app
def do_job(job_id: int) -> None:
    run_job(job_id)


@queue.periodic_task(crontab(minute="*"))
@in_app
def sweep() -> None:
    """Queue again what a lost enqueue or a dead worker left behind: mail and jobs."""
    now = datetime.now(UTC)
    for message_id in due_messages(now):
        deliver_mail(message_id)
    for job_id in stalled_jobs(now):
        do_job(job_id)


@queue.periodic_task(crontab(minute="17"))
@in_app
def expire_old_rows() -> None:
    """Hourly: forget idempotency keys past their retention and carts abandoned for days."""
    from storefront.jobs.expiry import expire

    expire(datetime.now(UTC))
