"""Small builders with defaults for engine tests: carts, rules, a priced cart in one call."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from promotions.engine import (
    CartLine,
    CartSnapshot,
    PricedCart,
    PricingContext,
    Promotion,
    PromotionIndex,
    PromotionUsage,
    price_cart,
    promotion_from_rule,
)

NOW = datetime(2025, 6, 11, 16, 0, tzinfo=UTC)  # a Wednesday, noon in New York


def line(
    sku: str = "SKU-1",
    price: int = 1000,
    quantity: int = 1,
    *,
    department: str = "grocery",
    tags: tuple[str, ...] = (),
    product_id: int = 1,
) -> CartLine:
    """A cart line; defaults to one $10.00 grocery item."""
    return CartLine(sku, product_id, department, frozenset(tags), price, quantity)


def cart(*lines: CartLine, shipping: int = 0, **fields: Any) -> CartSnapshot:
    """A cart of `lines` with `shipping` cents of shipping."""
    return CartSnapshot(tuple(lines), shipping_cents=shipping, **fields)


def rule(benefit: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """An automatic, combinable rule named "Deal" giving `benefit`; override any field."""
    base: dict[str, Any] = {
        "name": "Deal",
        "description": "",
        "terms": "",
        "trigger": "automatic",
        "codes": [],
        "priority": 0,
        "stacking": "combinable",
        "banner": None,
        "eligible": {},
        "conditions": [],
        "benefit": benefit,
    }
    base.update(fields)
    return base


def code_rule(code: str, benefit: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """A code-triggered rule for `code`."""
    return rule(benefit, trigger="code", codes=[code], **fields)


def promotions(*rules: dict[str, Any]) -> list[Promotion]:
    """Promotions with ids 1, 2, ... in the order given."""
    return [promotion_from_rule(r, promotion_id=i) for i, r in enumerate(rules, start=1)]


def price(
    the_cart: CartSnapshot,
    *rules: dict[str, Any],
    codes: tuple[str, ...] = (),
    now: datetime = NOW,
    usage: dict[int, PromotionUsage] | None = None,
) -> PricedCart:
    """Price `the_cart` against `rules` (ids 1, 2, ...)."""
    index = PromotionIndex.build(promotions(*rules))
    context = PricingContext(now=now, codes=codes, usage=usage or {})
    return price_cart(the_cart, index, context)
