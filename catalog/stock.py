"""Taking and giving back stock with conditional updates, in product-id order.

The database checks the level in the same statement that changes it, so two shoppers can
never both take the last unit. When a change alters what shoppers are told ("Only 3
left", "Sold out"), the catalog version moves once, after every product row is locked,
so concurrent orders lock rows in one order and never deadlock.
"""

from collections.abc import Iterable

from sqlalchemy import update

from catalog.models import CatalogVersion, Product
from storefront.extensions import db
from storefront.versions import bump

_PRODUCTS = Product.__table__


def _move(product_id: int, change: int, *conditions) -> int | None:
    """Add `change` to the stock when `conditions` hold; the level after, or None."""
    return db.session.execute(
        update(_PRODUCTS)
        .where(_PRODUCTS.c.id == product_id, *conditions)
        .values(stock=_PRODUCTS.c.stock + change)
        .returning(_PRODUCTS.c.stock)
    ).scalar()


def _shown_changed(level: int, change: int) -> bool:
    return Product.shown_stock(level) != Product.shown_stock(level - change)


def take_stock(quantities: Iterable[tuple[int, int]]) -> int | None:
    """Take each (product id, quantity); the id of the first product short of stock, else None.

    On a shortfall the caller rolls back: units already taken in this call go back with it.
    """
    shown_changed = False
    for product_id, quantity in sorted(quantities):
        left = _move(product_id, -quantity, _PRODUCTS.c.stock >= quantity)
        if left is None:
            return product_id
        shown_changed |= _shown_changed(left, -quantity)
    if shown_changed:
        bump(CatalogVersion)
    return None


def give_back_stock(quantities: Iterable[tuple[int, int]]) -> None:
    """Return each (product id, quantity) to the shelf (a cancelled order)."""
    shown_changed = False
    for product_id, quantity in sorted(quantities):
        level = _move(product_id, quantity)
        if level is not None:
            shown_changed |= _shown_changed(level, quantity)
    if shown_changed:
        bump(CatalogVersion)
