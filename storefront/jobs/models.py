"""Job state lives in the database, so every worker and every app server sees the same progress."""

import enum
from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.columns import enum_type, utcnow
from core.extensions import db


class JobKind(enum.StrEnum):
    CODE_BATCH = "code_batch"
    ORDERS_CSV = "orders_csv"
    CODE_USAGE_CSV = "code_usage_csv"


class JobStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class Job(db.Model):
    """One piece of background work: what to do, how far it got, and what it made.

    `lock_key` holds e.g. "code_batch:7" while the job is queued or running and is cleared when
    it ends; its unique constraint is what refuses a second batch for the same promotion.
    `attempt` grows each time a worker claims the job, so a worker that lost it (the sweep
    handed it to another) stops at its next progress report instead of writing on.
    """

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[JobKind] = mapped_column(enum_type(JobKind))
    status: Mapped[JobStatus] = mapped_column(enum_type(JobStatus), default=JobStatus.QUEUED, index=True)
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    lock_key: Mapped[str | None] = mapped_column(String(80), unique=True)
    attempt: Mapped[int] = mapped_column(default=0)
    done: Mapped[int] = mapped_column(default=0)
    total: Mapped[int] = mapped_column(default=0)
    result: Mapped[str | None] = mapped_column(String(200))
    error: Mapped[str | None] = mapped_column(String(500))
    output: Mapped[str | None] = mapped_column(Text)
    output_name: Mapped[str | None] = mapped_column(String(120))
    created_by: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        return min(99, self.done * 100 // self.total) if self.total else 0


class StagedCode(db.Model):
    """A generated code waiting for its batch to finish; only a finished batch publishes its codes."""

    __tablename__ = "staged_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
