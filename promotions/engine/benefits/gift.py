"""The free-gift benefit: a chosen product added at $0 while the promotion's conditions hold.

A gift takes nothing off the cart's lines, so pricing keeps it out of the stacking search
(promotions/engine/pricing.py): it neither competes with discounts nor changes how they are
shared, and the priced cart lists it as a `Gift` (promotions/engine/gifts.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..cart import CartLine
from ..conditions import Facts
from ..wording import Words
from .base import LineBenefit, register, target

__all__ = ["FreeGift"]


@register("free_gift")
@dataclass(frozen=True, slots=True)
class FreeGift(LineBenefit):
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

    def line_discounts(
        self, lines: Sequence[CartLine], remaining: Sequence[int], facts: Facts
    ) -> list[int]:
        return [0] * len(lines)

    def describe(self, words: Words) -> str:
        """E.g. "a free gift (1 × Canvas Tote) with orders of $50 or more"."""
        text = f"a free gift ({self.quantity} × {words.names.get(self.sku, self.sku)})"
        if words.items or words.threshold_cents is not None:
            return f"{text} with {target(words)}"
        return text
