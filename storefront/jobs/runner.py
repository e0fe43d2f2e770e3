"""Starting, claiming and finishing jobs; the kinds of work register their handler here.

Every state change is a short committed UPDATE, so the admin's progress bar (any app server)
reads the same row the worker (any machine) writes.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from core.errors import JobAlreadyRunning, NotFound
from core.extensions import db
from core.transactions import write_transaction
from storefront.jobs.models import Job, JobKind, JobStatus, StagedCode

JOBS = Job.__table__


class JobLost(Exception):
    """This worker's claim on the job ended (the sweep gave it to another worker)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    result: str  # what the admin reads: "5,000 codes created."
    output: str | None = None  # a CSV to download
    output_name: str | None = None


class Progress:
    """How far a claimed job got; each report commits and proves the claim is still ours."""

    def __init__(self, job_id: int, attempt: int):
        self.job_id, self.attempt = job_id, attempt

    def report(self, done: int, total: int | None = None) -> None:
        values = {"done": done, "heartbeat_at": datetime.now(UTC)}
        if total is not None:
            values["total"] = total
        with write_transaction():
            mine = db.session.execute(
                update(JOBS).where(JOBS.c.id == self.job_id, JOBS.c.attempt == self.attempt,
                                   JOBS.c.status == JobStatus.RUNNING.value).values(**values)
            ).rowcount
        if mine != 1:
            raise JobLost(self.job_id)


Handler = Callable[[Job, Progress], Outcome]
HANDLERS: dict[JobKind, Handler] = {}
LABELS: dict[JobKind, str] = {}


def handles(kind: JobKind, label: str):
    """Register the function that does one kind of job."""

    def register(handler: Handler) -> Handler:
        HANDLERS[kind] = handler
        LABELS[kind] = label
        return handler

    return register


def create_job(kind: JobKind, params: dict, *, lock_key: str, actor: str) -> int:
    """Write the job row (committed) and return its id; a second job with the same lock_key is refused.

    The id is read before the commit, so no read transaction stays open here (on SQLite in WAL
    mode one would keep seeing the job as it was before a worker took it).
    """
    try:
        with write_transaction():
            job = Job(kind=kind, params=params, lock_key=lock_key, created_by=actor)
            db.session.add(job)
            db.session.flush()
            job_id = job.id
    except IntegrityError:
        raise JobAlreadyRunning(job_holding(lock_key), LABELS[kind]) from None
    return job_id


def get_job(job_id: int) -> Job:
    """The job as the database has it now (workers elsewhere keep changing it)."""
    job = db.session.get(Job, job_id, populate_existing=True)
    if job is None:
        raise NotFound(f"No job {job_id}.")
    return job


def job_holding(lock_key: str) -> int | None:
    """The queued or running job that holds `lock_key`, if any."""
    return db.session.scalar(select(Job.id).where(Job.lock_key == lock_key))


def recent_jobs(limit: int = 20) -> list[Job]:
    return list(db.session.scalars(select(Job).order_by(Job.id.desc()).limit(limit)))


def _claim(job_id: int) -> int | None:
    """queued -> running, counting the attempt; None when another worker has it or it ended."""
    with write_transaction():
        claimed = db.session.execute(
            update(JOBS).where(JOBS.c.id == job_id, JOBS.c.status == JobStatus.QUEUED.value)
            .values(status=JobStatus.RUNNING.value, attempt=JOBS.c.attempt + 1, done=0,
                    heartbeat_at=datetime.now(UTC))
        ).rowcount
    return db.session.scalar(select(Job.attempt).where(Job.id == job_id)) if claimed == 1 else None


def _end(job_id: int, attempt: int, status: JobStatus, **values) -> None:
    with write_transaction():
        db.session.execute(delete(StagedCode).where(StagedCode.job_id == job_id))
        db.session.execute(
            update(JOBS).where(JOBS.c.id == job_id, JOBS.c.attempt == attempt)
            .values(status=status.value, lock_key=None, finished_at=datetime.now(UTC), **values)
        )


def run_job(job_id: int) -> None:
    """Do the job if it is still queued; a failure ends it with a message, never half-done."""
    attempt = _claim(job_id)
    if attempt is None:
        return
    job = db.session.get(Job, job_id)
    try:
        outcome = HANDLERS[job.kind](job, Progress(job_id, attempt))
    except JobLost:
        db.session.rollback()
        return
    except Exception as error:
        db.session.rollback()
        current_app.logger.exception("job %s (%s) failed", job_id, job.kind)
        message = getattr(error, "message", None) or "The job stopped with an error; nothing was saved."
        _end(job_id, attempt, JobStatus.FAILED, error=message[:500])
        return
    _end(job_id, attempt, JobStatus.DONE, result=outcome.result, output=outcome.output,
         output_name=outcome.output_name, done=JOBS.c.total)


def stalled_jobs(now: datetime) -> list[int]:
    """Requeue jobs whose worker went silent (killed mid-job) and return every job to enqueue.

    Their staged work is thrown away and the job starts over, so a crash costs time, not data.
    Queued jobs are returned too: their queue entry may have been lost with the worker.
    """
    stale = now - timedelta(seconds=current_app.config["JOB_STALE_AFTER"])
    with write_transaction():
        dead = list(db.session.scalars(
            select(Job.id).where(Job.status == JobStatus.RUNNING, Job.heartbeat_at < stale)
        ))
        if dead:
            db.session.execute(delete(StagedCode).where(StagedCode.job_id.in_(dead)))
            db.session.execute(
                update(JOBS).where(JOBS.c.id.in_(dead), JOBS.c.status == JobStatus.RUNNING.value)
                .values(status=JobStatus.QUEUED.value, done=0)
            )
    waiting = now - timedelta(minutes=1)
    forgotten = db.session.scalars(
        select(Job.id).where(Job.status == JobStatus.QUEUED, Job.created_at < waiting)
    )
    return sorted({*forgotten, *dead})
