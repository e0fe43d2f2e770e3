"""The periodic jobs, and the modules whose tasks and handlers a worker must know.

Importing this module registers every task with the queue (create_app does): the job runner's
`do_job`, mail's `deliver_mail`, and the handlers of code batches and exports. Periodic jobs
run in whichever consumer has its scheduler on (each `flask --app wsgi worker` by default);
they are idempotent, so two schedulers at once do no harm.
"""

from datetime import UTC, datetime

from huey import crontab

from storefront.jobs import code_batches, exports  # noqa: F401  (register their handlers)
from storefront.jobs.expiry import expire
from storefront.jobs.runner import do_job, stalled_jobs
from storefront.mail.delivery import due_messages
from storefront.mail.tasks import deliver_mail
from storefront.queue import in_app, queue


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
    expire(datetime.now(UTC))
