"""Quotes from the live promotions: a cart snapshot priced with the compiled promotions.

Per cart: the version query (promotions.compile), then the usage counters of the limited
candidates (promotions.usage), then the pure engine. Also what to tell a shopper about a
code they typed, and the engine line for a catalog product.
"""

from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

from flask import current_app

from promotions.compile import CompiledPromotions, compiled_promotions
from promotions.engine import (
    CartLine,
    CartSnapshot,
    CodeCheck,
    PricedCart,
    PriceFloor,
    PricingContext,
    PromotionIndex,
    PromotionUsage,
    check_code,
    price_cart,
)
from promotions.usage import load_usage


def _percent_setting(name: str) -> Decimal | None:
    value = current_app.config.get(name)
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise RuntimeError(f"{name} must be a percentage, got {value!r}") from None


def store_floor() -> PriceFloor:
    """The store's price floor from app config (PRICE_FLOOR_PERCENT_OF_PRICE / _OF_COST)."""
    return PriceFloor(
        _percent_setting("PRICE_FLOOR_PERCENT_OF_PRICE"),
        _percent_setting("PRICE_FLOOR_PERCENT_OF_COST"),
    )


def pricing_context(codes: tuple[str, ...], usage: dict[int, PromotionUsage]) -> PricingContext:
    """The engine context for now: entered `codes`, their `usage` counters, the store floor."""
    return PricingContext(
        now=datetime.now(UTC),
        codes=codes,
        usage=usage,
        timezone=current_app.config["STORE_TIMEZONE"],
        floor=store_floor(),
    )


def price_with(index: PromotionIndex, cart: CartSnapshot, codes: tuple[str, ...]) -> PricedCart:
    """Price `cart` with `codes` against `index`, counting usage of its candidates only."""
    candidates = index.candidates(cart, codes)
    return price_cart(
        cart, index, pricing_context(codes, load_usage(candidates, codes, cart.email))
    )


def price_snapshot(
    cart: CartSnapshot, codes: tuple[str, ...], promotions: CompiledPromotions | None = None
) -> PricedCart:
    """Price `cart` with `codes` against every active promotion (`promotions`: when known)."""
    return price_with((promotions or compiled_promotions()).index, cart, codes)


def check_entered_code(text: str, email: str | None = None) -> CodeCheck:
    """What to tell a shopper who typed `text` (dates and limits, not the cart's contents)."""
    index = compiled_promotions().index
    found = index.find_code(text)
    usage = load_usage([found[0]], (text,), email) if found else {}
    return check_code(text, index, pricing_context((), usage))


def product_line(product, quantity: int) -> CartLine:
    """An engine cart line for a catalog product at its current price."""
    return CartLine(
        sku=product.sku,
        product_id=product.id,
        department=product.department.slug,
        tags=frozenset(product.tags or ()),
        unit_price_cents=product.price_cents,
        quantity=quantity,
        unit_cost_cents=product.cost_cents,
    )
