"""The free-gift benefit: a chosen product added at $0 while the promotion's conditions hold.

A gift takes nothing off the cart's lines, so it stays out of the stacking
search: it neither competes with discounts nor changes how they are shared.
Whenever a gift promotion qualifies (dates, limits, eligible items,
conditions, all measured on the cart without the gift), the priced cart
lists a `Gift` (sku, quantity, promotion); the store turns it into a $0 line
with its own product data and checks the gift's stock. The engine never sees
a gift as a cart line, so the gift's own price never counts towards any
threshold.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .benefits import DiscountClass, _LineBenefit, register
from .cart import CartLine
from .conditions import Facts

__all__ = ["FreeGift", "Gift"]


@register("free_gift")
@dataclass(frozen=True, slots=True)
class FreeGift(_LineBenefit):
    """`quantity` units of the product `sku`, free, once per order."""

    sku: str
    quantity: int = 1
    max_discount_cents: int | None = None  # a gift is never money off: nothing to cap

    @classmethod
    def from_rule(cls, data: Mapping[str, Any]) -> FreeGift:
        quantity = int(data.get("quantity", 1))
        if quantity < 1:
            raise ValueError("quantity must be at least 1")
        return cls(str(data["sku"]).strip(), quantity)

    def discount_class(self, whole_order: bool) -> DiscountClass:
        return DiscountClass.PRODUCT

    def describe(self) -> str:
        """The benefit in plain words."""
        return f"a free gift: {self.quantity} × {self.sku}"

    def line_discounts(
        self, lines: Sequence[CartLine], remaining: Sequence[int], facts: Facts
    ) -> list[int]:
        return [0] * len(lines)


@dataclass(frozen=True, slots=True)
class Gift:
    """A product the cart earned for free: which, how many, and the promotion that gave it."""

    promotion_id: int
    name: str  # the promotion's name
    code: str | None
    sku: str
    quantity: int
