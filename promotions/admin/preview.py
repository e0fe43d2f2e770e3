"""Preview and conflict checks for a promotion being edited: live promotions plus the draft.

The draft replaces its saved version (same id) or joins as id 0 when new, so the
merchant sees exactly what shoppers would get once it is saved and active.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from flask import current_app

from core.errors import Invalid
from promotions.admin.store import store
from promotions.compile import compiled_promotions
from promotions.conflicts import ProductFacts, Warning, warnings_for
from promotions.engine import (
    CartSnapshot,
    PricedCart,
    Promotion,
    PromotionIndex,
    promotion_from_rule,
)
from promotions.pricing import price_with, product_line

NEW_ID = 0


@dataclass(frozen=True, slots=True)
class Preview:
    """The sample cart priced with the draft, and as it is priced today."""

    with_draft: PricedCart
    without_draft: PricedCart
    names: dict[str, str]  # sku -> product name
    draft_id: int


def draft_promotion(rule: dict, promotion_id: int | None) -> Promotion:
    return promotion_from_rule(rule, promotion_id=promotion_id or NEW_ID)


def _live() -> list[Promotion]:
    return list(compiled_promotions().index.promotions)


def sample_cart(quantities: dict[str, int]) -> tuple[CartSnapshot, dict[str, str]]:
    """A cart of catalog products by SKU; an unknown SKU is refused by name."""
    products = {p.sku: p for p in store().products_by_skus(list(quantities))}
    unknown = sorted(set(quantities) - set(products))
    if unknown:
        raise Invalid(f"Unknown SKU: {', '.join(unknown)}.", fields={"lines": [f"Unknown SKU {s}." for s in unknown]})
    lines = tuple(product_line(products[sku], quantity) for sku, quantity in quantities.items())
    cart = CartSnapshot(lines=lines, shipping_cents=store().shipping_cents(bool(lines)))
    return cart, {sku: products[sku].name for sku in quantities}


def preview(rule: dict, promotion_id: int | None, quantities: dict[str, int], codes: tuple[str, ...]) -> Preview:
    """Price the sample cart against every active promotion, with and without the draft."""
    draft = draft_promotion(rule, promotion_id)
    live = _live()
    cart, names = sample_cart(quantities)
    entered = tuple(dict.fromkeys(codes + tuple(rule.get("codes") or ())))
    others = [p for p in live if p.id != draft.id]
    with_draft = price_with(PromotionIndex.build([*others, draft]), cart, entered)
    without = price_with(PromotionIndex.build(live), cart, entered)
    return Preview(with_draft, without, names, draft.id)


def _product_facts() -> list[ProductFacts]:
    return [
        ProductFacts(p.sku, p.id, p.name, p.department.slug, frozenset(p.tags or ()), p.price_cents, p.cost_cents)
        for p in store().products() if p.active
    ]


def conflict_warnings(rule: dict, promotion_id: int | None) -> list[Warning]:
    """What the merchant should know before (or right after) this rule goes live."""
    draft = draft_promotion(rule, promotion_id)
    live = [p for p in _live() if p.id != draft.id]
    return warnings_for(
        draft, live, _product_facts(),
        now=datetime.now(UTC), timezone=current_app.config["STORE_TIMEZONE"],
    )
