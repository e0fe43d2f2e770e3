"""The store-wide price floor: how low promotions may take a line (Sylius' minimumPrice).

A line never goes below `percent_of_price` % of its undiscounted amount, nor below
`percent_of_cost` % of its cost when the catalog knows the cost (a line without a
cost is held by the percent-of-price floor alone). Both are optional; the default
floor is zero, i.e. a line may become free. Rounded up, so the floor always holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .cart import CartLine
from .money import percent_of

__all__ = ["NO_FLOOR", "PriceFloor"]


@dataclass(frozen=True, slots=True)
class PriceFloor:
    """Store settings, as plain data: the lowest a line may go, as percentages."""

    percent_of_price: Decimal | None = None
    percent_of_cost: Decimal | None = None

    def __post_init__(self) -> None:
        for value in (self.percent_of_price, self.percent_of_cost):
            if value is not None and not Decimal(0) <= value <= Decimal(1000):
                raise ValueError("a price floor is a percentage between 0 and 1000")

    def __bool__(self) -> bool:
        return bool(self.percent_of_price) or bool(self.percent_of_cost)

    def floor_cents(self, line: CartLine) -> int:
        """The least `line` may cost after every discount (never above its subtotal)."""
        subtotal = line.unit_price_cents * line.quantity
        floor = 0
        if self.percent_of_price:
            floor = _at_least(subtotal, self.percent_of_price)
        if self.percent_of_cost and line.unit_cost_cents is not None:
            cost = line.unit_cost_cents * line.quantity
            floor = max(floor, _at_least(cost, self.percent_of_cost))
        return min(floor, subtotal)


def _at_least(amount_cents: int, percent: Decimal) -> int:
    """`percent` % of `amount_cents`, rounded up to the cent (a floor must not round away)."""
    rounded = percent_of(amount_cents, percent)
    return rounded + 1 if Decimal(rounded) * 100 < amount_cents * percent else rounded


NO_FLOOR = PriceFloor()
