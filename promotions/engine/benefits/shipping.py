"""The shipping benefit: a percentage or an amount off the remaining shipping."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..cart import CartLine
from ..conditions import Facts
from ..explain import NotMet
from ..money import percent_of
from ..wording import Words, dollars, percent
from .base import DiscountClass, cap_from_rule, capped, decimal_percent, register

__all__ = ["Shipping"]


@register("shipping")
@dataclass(frozen=True, slots=True)
class Shipping:
    """A percentage or a fixed amount off shipping."""

    percent: Decimal | None = None
    amount_cents: int | None = None
    max_discount_cents: int | None = None

    @classmethod
    def from_rule(cls, data: Mapping[str, Any]) -> Shipping:
        percent = data.get("percent")
        amount = data.get("amount_cents")
        if percent is None and amount is None:
            raise KeyError("percent or amount_cents")
        return cls(
            None if percent is None else decimal_percent(percent),
            None if amount is None else int(amount),
            cap_from_rule(data),
        )

    def discount_class(self, whole_order: bool) -> DiscountClass:
        return DiscountClass.SHIPPING

    def unmet(self, facts: Facts) -> NotMet | None:
        return None

    def line_discounts(
        self, lines: Sequence[CartLine], remaining: Sequence[int], facts: Facts
    ) -> list[int]:
        return [0] * len(lines)

    def shipping_discount(self, shipping_cents: int) -> int:
        if self.percent is not None:
            return min(percent_of(shipping_cents, self.percent), shipping_cents)
        return min(self.amount_cents or 0, shipping_cents)

    def describe(self, words: Words) -> str:
        """E.g. "free shipping on orders of $75 or more", "$5 off shipping"."""
        if self.percent == 100:
            text = "free shipping"
        elif self.percent is not None:
            text = f"{percent(self.percent)} off shipping"
        else:
            text = f"{dollars(self.amount_cents or 0)} off shipping"
        if words.threshold_cents is not None:
            text += f" on orders of {dollars(words.threshold_cents)} or more"
        return capped(text, self.max_discount_cents)
