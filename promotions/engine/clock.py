"""When the clock alone changes what promotions give: results can be reused until then."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from .conditions import WeeklyWindow
from .rules import Promotion


def next_change(promotions: Iterable[Promotion], now: datetime) -> datetime | None:
    """The first moment after `now` at which a start, an end or a weekly window can turn.

    Weekly windows are whole minutes of local time (and every time zone is a whole number
    of minutes from UTC), so with one of them the answer is at most the next minute.
    None: nothing in `promotions` depends on the clock.
    """
    moments = []
    for promotion in promotions:
        moments += [
            m for m in (promotion.starts_at, promotion.ends_at) if m is not None and m > now
        ]
        if any(isinstance(condition, WeeklyWindow) for condition in promotion.conditions):
            moments.append(now.replace(second=0, microsecond=0) + timedelta(minutes=1))
    return min(moments, default=None)
