"""What a priced cart says about free gifts: which product, how many, and which promotion.

The `free_gift` benefit itself is promotions/engine/benefits/gift.py. Whenever a gift
promotion qualifies (dates, limits, eligible items, conditions, all measured on the cart
without the gift), the priced cart lists a `Gift`; the store turns it into a $0 line with
its own product data and checks the gift's stock. The engine never sees a gift as a cart
line, so the gift's own price never counts towards any threshold.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Gift"]


@dataclass(frozen=True, slots=True)
class Gift:
    """A product the cart earned for free: which, how many, and the promotion that gave it."""

    promotion_id: int
    name: str  # the promotion's name
    code: str | None
    sku: str
    quantity: int
