"""Conditions: what must be true of the cart, the shopper or the clock.

Each condition is a small class registered by its rule type name. `check`
returns None when the condition is met, or a `NotMet` result saying why not
and, for thresholds, how far off the cart is; `describe` is its phrase in the
promotion's plain-words summary ("" when it has nothing to add).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, NamedTuple, Protocol
from zoneinfo import ZoneInfo

from .cart import CartSnapshot
from .customers import customer_key
from .explain import ExplanationStatus, NotMet
from .wording import Words, dollars, either

__all__ = [
    "CONDITIONS",
    "Condition",
    "CustomerEmails",
    "Facts",
    "FirstOrder",
    "MinQuantity",
    "MinSubtotal",
    "Regions",
    "WeeklyWindow",
    "local_time",
]


class Facts(NamedTuple):
    """What a condition may look at for one promotion on one cart."""

    cart: CartSnapshot
    local_now: datetime  # the pricing instant in the store's time zone
    subtotal_cents: int  # undiscounted subtotal of the promotion's eligible items
    quantity: int  # units of the promotion's eligible items


class Condition(Protocol):
    """One requirement of a promotion."""

    def check(self, facts: Facts) -> NotMet | None: ...

    def describe(self, words: Words) -> str: ...


CONDITIONS: dict[str, Callable[[Mapping[str, Any]], Condition]] = {}


def register(type_name: str) -> Callable[[type], type]:
    """Register a condition class under its rule `type` name."""

    def decorator(cls: type) -> type:
        CONDITIONS[type_name] = cls.from_rule  # type: ignore[attr-defined]
        return cls

    return decorator


@lru_cache(maxsize=32)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local_time(now: datetime, timezone: str) -> datetime:
    """`now` as wall-clock time in `timezone` (DST handled by zoneinfo)."""
    return now.astimezone(_zone(timezone))


@register("min_subtotal")
@dataclass(frozen=True, slots=True)
class MinSubtotal:
    """Eligible items' undiscounted subtotal is at least `amount_cents` (inclusive)."""

    amount_cents: int

    @classmethod
    def from_rule(cls, data: Mapping[str, Any]) -> MinSubtotal:
        return cls(int(data["amount_cents"]))

    def check(self, facts: Facts) -> NotMet | None:
        shortfall = self.amount_cents - facts.subtotal_cents
        if shortfall > 0:
            return NotMet(ExplanationStatus.BELOW_SUBTOTAL, shortfall_cents=shortfall)
        return None

    def describe(self, words: Words) -> str:
        """Said here only for filtered items: otherwise the benefit names it ("orders of $75 or more")."""
        return f"when they add up to {dollars(self.amount_cents)} or more" if words.items else ""


@register("min_quantity")
@dataclass(frozen=True, slots=True)
class MinQuantity:
    """At least `quantity` eligible units are in the cart."""

    quantity: int

    @classmethod
    def from_rule(cls, data: Mapping[str, Any]) -> MinQuantity:
        return cls(int(data["quantity"]))

    def check(self, facts: Facts) -> NotMet | None:
        shortfall = self.quantity - facts.quantity
        if shortfall > 0:
            return NotMet(ExplanationStatus.BELOW_QUANTITY, shortfall_quantity=shortfall)
        return None

    def describe(self, words: Words) -> str:
        return f"when you buy {self.quantity} or more"


_FIRST_ORDER_ONLY = NotMet(ExplanationStatus.FIRST_ORDER_ONLY)
_NOT_FOR_CUSTOMER = NotMet(ExplanationStatus.NOT_FOR_CUSTOMER)


@register("first_order")
@dataclass(frozen=True, slots=True)
class FirstOrder:
    """The shopper has not ordered before."""

    @classmethod
    def from_rule(cls, data: Mapping[str, Any]) -> FirstOrder:
        return cls()

    def check(self, facts: Facts) -> NotMet | None:
        return None if facts.cart.first_order else _FIRST_ORDER_ONLY

    def describe(self, words: Words) -> str:
        return "on a first order"


@register("customer_emails")
@dataclass(frozen=True, slots=True)
class CustomerEmails:
    """The shopper is on the list: emails compared as customers (case and `+tags` ignored)."""

    emails: frozenset[str]

    @classmethod
    def from_rule(cls, data: Mapping[str, Any]) -> CustomerEmails:
        return cls(frozenset(filter(None, (customer_key(email) for email in data["emails"]))))

    def check(self, facts: Facts) -> NotMet | None:
        if customer_key(facts.cart.email) in self.emails:
            return None
        return _NOT_FOR_CUSTOMER

    def describe(self, words: Words) -> str:
        """The list is private: the summary never shows whose addresses are on it."""
        return "for selected customers"


_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_MINUTES_PER_DAY = 24 * 60
_MINUTES_PER_WEEK = 7 * _MINUTES_PER_DAY


def _minutes(text: str) -> int:
    hours, _, minutes = text.partition(":")
    value = int(hours) * 60 + int(minutes or 0)
    if not 0 <= value <= _MINUTES_PER_DAY:
        raise ValueError(f"time out of range: {text!r}")
    return value


@register("weekly_window")
@dataclass(frozen=True, slots=True)
class WeeklyWindow:
    """Local time falls on one of `days` in [start, end); an end at or before start runs past midnight."""

    days: tuple[int, ...]  # 0 = Monday
    start_minute: int
    end_minute: int

    @classmethod
    def from_rule(cls, data: Mapping[str, Any]) -> WeeklyWindow:
        days = tuple(sorted({_DAYS.index(day.strip().lower()[:3]) for day in data["days"]}))
        return cls(days, _minutes(data["start"]), _minutes(data["end"]))

    def contains(self, local_now: datetime) -> bool:
        """True when the wall-clock `local_now` is inside one of the weekly intervals."""
        minute = local_now.weekday() * _MINUTES_PER_DAY + local_now.hour * 60 + local_now.minute
        length = (self.end_minute - self.start_minute) % _MINUTES_PER_DAY or _MINUTES_PER_DAY
        for day in self.days:
            start = day * _MINUTES_PER_DAY + self.start_minute
            if (minute - start) % _MINUTES_PER_WEEK < length:
                return True
        return False

    def check(self, facts: Facts) -> NotMet | None:
        if self.contains(facts.local_now):
            return None
        return NotMet(ExplanationStatus.OUTSIDE_WINDOW, detail=self.describe(Words()))

    def describe(self, words: Words) -> str:
        """E.g. "on Fri, Sat 17:00–21:00" (also the shopper's "only available …" detail)."""
        days = ", ".join(_DAYS[day].capitalize() for day in self.days)
        start, end = (f"{m // 60:02d}:{m % 60:02d}" for m in (self.start_minute, self.end_minute))
        return f"on {days} {start}\u2013{end}"


@register("regions")
@dataclass(frozen=True, slots=True)
class Regions:
    """The shipping region is in `include` (when given) and not in `exclude`."""

    include: frozenset[str]
    exclude: frozenset[str]

    @classmethod
    def from_rule(cls, data: Mapping[str, Any]) -> Regions:
        def codes(key: str) -> frozenset[str]:
            return frozenset(code.strip().upper() for code in data.get(key) or ())

        return cls(codes("include"), codes("exclude"))

    def check(self, facts: Facts) -> NotMet | None:
        region = facts.cart.region
        region = region.strip().upper() if region else None
        if self.include and region not in self.include:
            if region is None:
                return NotMet(
                    ExplanationStatus.REGION_EXCLUDED,
                    detail="needs a shipping address in an eligible region",
                )
            return NotMet(ExplanationStatus.REGION_EXCLUDED)
        if region is not None and region in self.exclude:
            return NotMet(ExplanationStatus.REGION_EXCLUDED)
        return None

    def describe(self, words: Words) -> str:
        """E.g. "shipping to CA or NY", "not shipping to AK or HI" (codes in alphabetical order)."""
        phrases = []
        if self.include:
            phrases.append(f"shipping to {either(sorted(self.include))}")
        if self.exclude:
            phrases.append(f"not shipping to {either(sorted(self.exclude))}")
        return " ".join(phrases)
