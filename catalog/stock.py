"""Taking and giving back stock with conditional updates, in product-id order.

The database checks the level in the same statement that changes it, so two shoppers can
never both take the last unit; rows are locked in one order, so concurrent orders never
deadlock. (The catalog version moves with the commit: core.versions.)
"""

from collections.abc import Iterable

from sqlalchemy import update

from catalog.models import Product
from core.extensions import db

_PRODUCTS = Product.__table__


def _move(product_id: int, change: int, *conditions) -> int | None:
    """Add `change` to the stock when `conditions` hold; the level after, or None."""
    return db.session.execute(
        update(_PRODUCTS)
        .where(_PRODUCTS.c.id == product_id, *conditions)
        .values(stock=_PRODUCTS.c.stock + change)
        .returning(_PRODUCTS.c.stock)
    ).scalar()


def take_stock(quantities: Iterable[tuple[int, int]]) -> int | None:
    """Take each (product id, quantity); the id of the first product short of stock, else None.

    On a shortfall the caller rolls back: units already taken in this call go back with it.
    """
    for product_id, quantity in sorted(quantities):
        if _move(product_id, -quantity, _PRODUCTS.c.stock >= quantity) is None:
            return product_id
    return None


def give_back_stock(quantities: Iterable[tuple[int, int]]) -> None:
    """Return each (product id, quantity) to the shelf (a cancelled order)."""
    for product_id, quantity in sorted(quantities):
        _move(product_id, quantity)
