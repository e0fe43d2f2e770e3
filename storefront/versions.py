"""Version counters: one-row tables whose number moves whenever what they stand for changes.

Caches in every worker (compiled promotions, rendered pages) compare the number they
were built under with the stored one: one tiny query says whether they are still good,
and a write anywhere (another worker, another server) is seen by all of them at once.
The bump runs in the writer's transaction, so a rolled-back write bumps nothing.
"""

from sqlalchemy import event, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from storefront.change_feed import VERSIONS, announce
from storefront.extensions import db


class VersionCounter:
    """Columns of a version table; the row with id 1 is the counter (created by its first bump)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=0)


def bump(counter: type[VersionCounter], session=None) -> None:
    """Add one to `counter` in the current transaction of `session` (the app's by default)."""
    session = session or db.session
    bumped = session.execute(
        update(counter).where(counter.id == 1).values(version=counter.version + 1)
    ).rowcount
    if not bumped:
        session.add(counter(id=1, version=1))
    announce(VERSIONS, session=session)


def watch(counter: type[VersionCounter], *models: type) -> None:
    """Bump `counter` in the same flush as any ORM insert, change or delete of `models`."""

    def bump_on_write(session: Session, _context, _instances) -> None:
        written = (
            obj
            for obj in (*session.new, *session.dirty, *session.deleted)
            if isinstance(obj, models)
        )
        if any(obj not in session.dirty or session.is_modified(obj) for obj in written):
            bump(counter, session)

    event.listen(Session, "before_flush", bump_on_write)
