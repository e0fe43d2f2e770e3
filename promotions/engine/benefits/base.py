"""What every benefit shares: its kind of discount, the protocol, the registry and defaults."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from enum import StrEnum
from typing import Any, Protocol

from ..cart import CartLine
from ..conditions import Facts
from ..explain import NotMet
from ..wording import Words, dollars

__all__ = [
    "BENEFITS",
    "Benefit",
    "DiscountClass",
    "LineBenefit",
    "cap_from_rule",
    "capped",
    "decimal_percent",
    "register",
    "target",
]


class DiscountClass(StrEnum):
    """What a discount lowers: items, the order as a whole, or shipping."""

    PRODUCT = "product"
    ORDER = "order"
    SHIPPING = "shipping"


class Benefit(Protocol):
    """What a promotion gives once its conditions are met."""

    max_discount_cents: int | None

    def discount_class(self, whole_order: bool) -> DiscountClass: ...

    def unmet(self, facts: Facts) -> NotMet | None: ...

    def line_discounts(
        self, lines: Sequence[CartLine], remaining: Sequence[int], facts: Facts
    ) -> list[int]: ...

    def shipping_discount(self, shipping_cents: int) -> int: ...

    def describe(self, words: Words) -> str:
        """The benefit's phrase in the promotion's summary, e.g. "20% off CBD items"."""
        ...


BENEFITS: dict[str, Callable[[Mapping[str, Any]], Benefit]] = {}


def register(type_name: str) -> Callable[[type], type]:
    """Register a benefit class under its rule `type` name (its `from_rule` builds it)."""

    def decorator(cls: type) -> type:
        BENEFITS[type_name] = cls.from_rule  # type: ignore[attr-defined]
        return cls

    return decorator


def cap_from_rule(data: Mapping[str, Any]) -> int | None:
    """The rule's optional `max_discount_cents`."""
    value = data.get("max_discount_cents")
    return None if value is None else int(value)


def decimal_percent(value: Any) -> Decimal:
    """A rule percentage (a JSON number) as an exact Decimal."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


def target(words: Words) -> str:
    """What an amount or percentage is taken off: the items, the qualifying orders, or the order."""
    if words.items:
        return words.items
    if words.threshold_cents is not None:
        return f"orders of {dollars(words.threshold_cents)} or more"
    return "your order"


def capped(text: str, max_discount_cents: int | None) -> str:
    """A benefit's phrase with its cap, if it has one: "30% off your order (up to $25.50)"."""
    if max_discount_cents is None:
        return text
    return f"{text} (up to {dollars(max_discount_cents)})"


class LineBenefit:
    """Defaults for benefits that discount merchandise."""

    __slots__ = ()

    def discount_class(self, whole_order: bool) -> DiscountClass:
        return DiscountClass.PRODUCT

    def unmet(self, facts: Facts) -> NotMet | None:
        return None

    def shipping_discount(self, shipping_cents: int) -> int:
        return 0
