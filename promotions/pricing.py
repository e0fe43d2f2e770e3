"""Prices a cart snapshot against the compiled active promotions and their usage counts."""

from datetime import UTC, datetime

from flask import current_app

from promotions.engine import CartSnapshot, PricedCart, PricingContext, PromotionIndex, price_cart

_EMPTY = PromotionIndex.build([])


def price_snapshot(cart: CartSnapshot, codes: tuple[str, ...]) -> PricedCart:
    context = PricingContext(
        now=datetime.now(UTC), codes=codes, timezone=current_app.config["STORE_TIMEZONE"]
    )
    return price_cart(cart, _EMPTY, context)
