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


def take_stock(quantities: Iterable[tuple[int, int]]) -> int | None:
    """Take each (product id, quantity); the id of the first product short of stock, else None.

    On a shortfall the caller rolls back: units already taken in this call go back with it.
    """
    shown_changed = False
    for product_id, quantity in sorted(quantities):
        left = db.session.execute(
            update(_PRODUCTS)
            .where(_PRODUCTS.c.id == product_id, _PRODUCTS.c.stock >= quantity)
            .values(stock=_PRODUCTS.c.stock - quantity)
            .returning(_PRODUCTS.c.stock)
        ).scalar()
        if left is None:
            return product_id
        shown_changed |= Product.shown_stock(left) != Product.shown_stock(left + quantity)
    if shown_changed:
        bump(CatalogVersion)
    return None


def give_back_stock(quantities: Iterable[tuple[int, int]]) -> None:
    """Return each (product id, quantity) to the shelf (a cancelled order)."""
    shown_changed = False
    for product_id, quantity in sorted(quantities):
        now = db.session.execute(
            update(_PRODUCTS)
            .where(_PRODUCTS.c.id == product_id)
            .values(stock=_PRODUCTS.c.stock + quantity)
            .returning(_PRODUCTS.c.stock)
        ).scalar()
        if now is not None:
            shown_changed |= Product.shown_stock(now) != Product.shown_stock(now - quantity)
    if shown_changed:
        bump(CatalogVersion)
