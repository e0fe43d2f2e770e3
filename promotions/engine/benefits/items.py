"""Benefits that take an amount or a percentage off the eligible items."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..cart import CartLine
from ..conditions import Facts
from ..money import basis_points, percent_of, percent_of_basis_points, share
from ..wording import Words, dollars, percent
from .base import (
    DiscountClass,
    LineBenefit,
    cap_from_rule,
    capped,
    decimal_percent,
    register,
    target,
)

__all__ = ["AmountOffEach", "AmountOffOrder", "FixedPriceEach", "PercentOff"]


@register("amount_off_order")
@dataclass(frozen=True, slots=True)
class AmountOffOrder(LineBenefit):
    """A fixed amount off the eligible items, shared across them."""

    amount_cents: int
    max_discount_cents: int | None = None

    @classmethod
    def from_rule(cls, data: Mapping[str, Any]) -> AmountOffOrder:
        return cls(int(data["amount_cents"]), cap_from_rule(data))

    def discount_class(self, whole_order: bool) -> DiscountClass:
        return DiscountClass.ORDER

    def line_discounts(
        self, lines: Sequence[CartLine], remaining: Sequence[int], facts: Facts
    ) -> list[int]:
        return share(self.amount_cents, remaining)

    def describe(self, words: Words) -> str:
        """E.g. "$50 off orders of $200 or more"."""
        return capped(f"{dollars(self.amount_cents)} off {target(words)}", self.max_discount_cents)


@register("percent_off")
@dataclass(frozen=True, slots=True)
class PercentOff(LineBenefit):
    """A percentage off the eligible items' remaining total, rounded once."""

    percent: Decimal
    max_discount_cents: int | None = None
    # The percentage in whole basis points when it has one (the rounding is the same, faster).
    basis_points: int | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "basis_points", basis_points(self.percent))

    @classmethod
    def from_rule(cls, data: Mapping[str, Any]) -> PercentOff:
        return cls(decimal_percent(data["percent"]), cap_from_rule(data))

    def discount_class(self, whole_order: bool) -> DiscountClass:
        return DiscountClass.ORDER if whole_order else DiscountClass.PRODUCT

    def line_discounts(
        self, lines: Sequence[CartLine], remaining: Sequence[int], facts: Facts
    ) -> list[int]:
        points = self.basis_points
        total = sum(remaining)
        amount = (
            percent_of(total, self.percent)
            if points is None
            else percent_of_basis_points(total, points)
        )
        return share(amount, remaining)

    def describe(self, words: Words) -> str:
        """E.g. "20% off CBD items"."""
        return capped(f"{percent(self.percent)} off {target(words)}", self.max_discount_cents)


@register("amount_off_each")
@dataclass(frozen=True, slots=True)
class AmountOffEach(LineBenefit):
    """A fixed amount off every eligible unit."""

    amount_cents: int
    max_discount_cents: int | None = None

    @classmethod
    def from_rule(cls, data: Mapping[str, Any]) -> AmountOffEach:
        return cls(int(data["amount_cents"]), cap_from_rule(data))

    def line_discounts(
        self, lines: Sequence[CartLine], remaining: Sequence[int], facts: Facts
    ) -> list[int]:
        amount = self.amount_cents
        return [
            min(amount * line.quantity, left) for line, left in zip(lines, remaining, strict=True)
        ]

    def describe(self, words: Words) -> str:
        """E.g. "$2 off each of your items"."""
        text = f"{dollars(self.amount_cents)} off each of {words.items or 'your items'}"
        return capped(text, self.max_discount_cents)


@register("fixed_price_each")
@dataclass(frozen=True, slots=True)
class FixedPriceEach(LineBenefit):
    """Every eligible unit costs `price_cents`; units already cheaper get nothing."""

    price_cents: int
    max_discount_cents: int | None = None

    @classmethod
    def from_rule(cls, data: Mapping[str, Any]) -> FixedPriceEach:
        return cls(int(data["price_cents"]), cap_from_rule(data))

    def line_discounts(
        self, lines: Sequence[CartLine], remaining: Sequence[int], facts: Facts
    ) -> list[int]:
        price = self.price_cents
        return [
            max(0, left - price * line.quantity)
            for line, left in zip(lines, remaining, strict=True)
        ]

    def describe(self, words: Words) -> str:
        """E.g. "items tagged tea for $5 each"."""
        text = f"{words.items or 'every item'} for {dollars(self.price_cents)} each"
        return capped(text, self.max_discount_cents)
