"""Shelf prices: what a product costs after the automatic product promotions."""

from collections.abc import Iterable
from dataclasses import dataclass

from promotions.compile import compiled_promotions
from promotions.engine import CartSnapshot, price_cart
from promotions.quotes import pricing_context, product_line
from promotions.usage import load_usage


@dataclass(frozen=True, slots=True)
class SalePrice:
    """A product's price after automatic product promotions, and which ones."""

    price_cents: int
    was_cents: int
    promotions: tuple[str, ...]

    @property
    def saving_cents(self) -> int:
        return self.was_cents - self.price_cents


def _one_unit(product) -> CartSnapshot:
    return CartSnapshot(lines=(product_line(product, 1),))


def sale_prices(products: Iterable) -> dict[int, SalePrice]:
    """Automatic sale prices by product id, for products whose price a promotion lowers.

    Each product is priced as a one-unit cart against the automatic product-class
    promotions only; usage counters for all of them come in one query.
    """
    index = compiled_promotions().sale_index
    if not len(index):
        return {}
    carts = {product.id: _one_unit(product) for product in products}
    candidates = {p.id: p for cart in carts.values() for p in index.candidates(cart, ())}
    if not candidates:
        return {}
    context = pricing_context((), load_usage(candidates.values(), (), None))
    prices: dict[int, SalePrice] = {}
    for product_id, cart in carts.items():
        priced = price_cart(cart, index, context)
        line = priced.lines[0]
        if line.total_cents < line.subtotal_cents:
            names = tuple(discount.name for discount in priced.discounts)
            prices[product_id] = SalePrice(line.total_cents, line.subtotal_cents, names)
    return prices


def sale_price(product) -> SalePrice | None:
    """The automatic sale price of one product, or None."""
    return sale_prices([product]).get(product.id)
