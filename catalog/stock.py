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


def take_stock(
    required: Iterable[tuple[int, int]], extras: Iterable[tuple[int, int, int]] = ()
) -> tuple[int | None, frozenset[int]]:
    """Take `required` (product id, quantity) and, where stock allows, each `extras` entry.

    Extras are (key, product id, quantity): units the order can go without (a free gift).
    All rows are taken in one product-id order (required before extras on the same
    product), so the lock order never changes. Returns the first required product short
    of stock, or None, and the keys of the extras not taken. On a shortfall the caller
    rolls back: units already taken in this call go back with it.
    """
    moves = [(product_id, 0, quantity, 0) for product_id, quantity in required]
    moves += [(product_id, 1, quantity, key) for key, product_id, quantity in extras]
    skipped: set[int] = set()
    for product_id, optional, quantity, key in sorted(moves):
        if _move(product_id, -quantity, _PRODUCTS.c.stock >= quantity) is None:
            if not optional:
                return product_id, frozenset(skipped)
            skipped.add(key)
    return None, frozenset(skipped)


def give_back_stock(quantities: Iterable[tuple[int, int]]) -> None:
    """Return each (product id, quantity) to the shelf (a cancelled order)."""
    for product_id, quantity in sorted(quantities):
        _move(product_id, quantity)
