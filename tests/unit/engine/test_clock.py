"""How long a price stays right as far as the clock goes: until a start, an end or a window turns."""

from datetime import timedelta

from promotions.engine import next_change, promotion_from_rule
from tests.unit.engine.builders import NOW, rule

TEN_OFF = {"type": "percent_off", "percent": 10}


def promotion(**fields):
    return promotion_from_rule(rule(TEN_OFF, **fields), promotion_id=1)


def at(hours: float) -> str:
    return (NOW + timedelta(hours=hours)).isoformat()


def test_promotions_without_dates_never_turn():
    assert next_change([promotion()], NOW) is None


def test_the_earliest_future_start_or_end_is_the_next_change():
    running = promotion(starts_at=at(-5), ends_at=at(3))
    upcoming = promotion(starts_at=at(2), ends_at=at(9))
    assert next_change([running, upcoming], NOW) == NOW + timedelta(hours=2)


def test_starts_and_ends_already_past_do_not_count():
    assert next_change([promotion(starts_at=at(-5), ends_at=at(-1))], NOW) is None


def test_a_weekly_window_can_turn_at_the_next_whole_minute():
    evening = {"type": "weekly_window", "days": ["fri"], "start": "17:00", "end": "21:00"}
    now = NOW + timedelta(seconds=12.5)
    assert next_change([promotion(conditions=[evening])], now) == NOW + timedelta(minutes=1)
