"""The admin thinks in the store's time zone; the database keeps UTC.

In the kernel because every package's admin pages read and type dates the same way.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app


def store_zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["STORE_TIMEZONE"])


def to_local(moment: datetime) -> datetime:
    """A stored instant (naive values are UTC, as SQLite returns them) in the store's zone."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(store_zone())


def from_local(wall_clock: datetime) -> datetime:
    """A wall-clock time typed in the admin, as an aware UTC instant."""
    return wall_clock.replace(tzinfo=store_zone()).astimezone(UTC)


def day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """[start of `first`, start of the day after `last`) in the store's zone, as UTC."""
    start = from_local(datetime.combine(first, time.min))
    end = from_local(datetime.combine(last + timedelta(days=1), time.min))
    return start, end


def format_datetime(moment: datetime | None, pattern: str = "%b %d, %Y %H:%M") -> str:
    """A stored instant as the store's wall clock: what shoppers and staff both read."""
    if moment is None:
        return ""
    return to_local(moment).strftime(pattern)


def register_filters(bp) -> None:
    """One filter for every date a person reads; `admin_datetime` is its older name."""
    bp.add_app_template_filter(format_datetime, "admin_datetime")
    bp.add_app_template_filter(format_datetime, "store_datetime")
