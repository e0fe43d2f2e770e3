"""The cart snapshot the engine prices: plain values, no database rows."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CartLine", "CartSnapshot"]


@dataclass(frozen=True, slots=True)
class CartLine:
    """One line of a cart: a product at a unit price in cents, times a quantity."""

    sku: str
    product_id: int
    department: str
    tags: frozenset[str]
    unit_price_cents: int
    quantity: int
    unit_cost_cents: int | None = None  # what the store paid, when the catalog knows it

    @property
    def subtotal_cents(self) -> int:
        """Undiscounted line amount."""
        return self.unit_price_cents * self.quantity


@dataclass(frozen=True, slots=True)
class CartSnapshot:
    """Everything about a cart that promotions may look at. Skus are unique per cart."""

    lines: tuple[CartLine, ...]
    shipping_cents: int = 0
    region: str | None = None
    first_order: bool = False
    email: str | None = None

    @property
    def subtotal_cents(self) -> int:
        """Undiscounted merchandise total."""
        return sum(line.unit_price_cents * line.quantity for line in self.lines)
