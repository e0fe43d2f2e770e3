"""Warnings before a promotion goes live: how far it stacks with others, and sales below cost.

Pure: engine promotions and plain product facts in, warnings out. For every product the
draft covers, a one-line cart is priced with the draft plus every live promotion that
could combine with it on that product, at a quantity that clears the usual thresholds,
with every code entered and the shopper fitting any customer condition. The worst line
is what the merchant should know about.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from math import ceil

from promotions.engine import (
    CartLine,
    CartSnapshot,
    PricingContext,
    Promotion,
    PromotionIndex,
    Stacking,
    price_cart,
)
from promotions.engine.conditions import CustomerEmails, MinQuantity, MinSubtotal, Regions
from promotions.engine.stacking import can_combine
from promotions.engine.wording import dollars

MAX_QUANTITY = 99


@dataclass(frozen=True, slots=True)
class ProductFacts:
    sku: str
    product_id: int
    name: str
    department: str
    tags: frozenset[str]
    price_cents: int
    cost_cents: int | None


@dataclass(frozen=True, slots=True)
class Warning:
    kind: str  # "stacking" or "below_cost"
    message: str


def _line(product: ProductFacts, quantity: int) -> CartLine:
    return CartLine(product.sku, product.product_id, product.department, product.tags,
                    product.price_cents, quantity)


def _quantity(product: ProductFacts, promotions: list[Promotion]) -> int:
    """Enough units to clear the subtotal and quantity thresholds of `promotions`."""
    wanted = 1
    for promotion in promotions:
        for condition in promotion.conditions:
            if isinstance(condition, MinQuantity):
                wanted = max(wanted, condition.quantity)
            elif isinstance(condition, MinSubtotal) and product.price_cents:
                wanted = max(wanted, ceil(condition.amount_cents / product.price_cents))
        buy, get = getattr(promotion.benefit, "buy", 0), getattr(promotion.benefit, "get", 0)
        wanted = max(wanted, buy + get)
    return min(wanted, MAX_QUANTITY)


def _shopper(promotions: list[Promotion]) -> dict:
    """A shopper every customer condition accepts, where one exists."""
    email, region = None, None
    for promotion in promotions:
        for condition in promotion.conditions:
            if isinstance(condition, CustomerEmails) and condition.emails:
                email = min(condition.emails)
            elif isinstance(condition, Regions) and condition.include:
                region = min(condition.include - condition.exclude, default=None)
    return {"email": email, "region": region, "first_order": True}


def _moment(promotions: list[Promotion], now: datetime) -> datetime:
    starts = [p.starts_at for p in promotions if p.starts_at is not None]
    return max([now, *starts]) + timedelta(seconds=1)


def stack_partners(draft: Promotion, live: list[Promotion]) -> list[Promotion]:
    """Live promotions that may combine with `draft` under the stacking rules."""
    if draft.stacking is Stacking.EXCLUSIVE:
        return []
    return [
        other for other in live
        if other.id != draft.id and other.stacking is Stacking.COMBINABLE and can_combine(draft, other)
    ]


def warnings_for(
    draft: Promotion, live: list[Promotion], products: list[ProductFacts], *, now: datetime, timezone: str
) -> list[Warning]:
    """Stacking and below-cost warnings for `draft` against the `live` promotions."""
    partners = stack_partners(draft, live)
    worst: tuple[float, ProductFacts, tuple[str, ...]] | None = None
    below: list[str] = []
    for product in products:
        probe = _line(product, 1)
        if not draft.eligibility.matches(probe):
            continue
        together = [draft] + [p for p in partners if p.eligibility.matches(probe)]
        quantity = _quantity(product, together)
        cart = CartSnapshot(lines=(_line(product, quantity),), **_shopper(together))
        codes = tuple(code.text for p in together for code in p.codes[:1])
        context = PricingContext(now=_moment(together, now), codes=codes, timezone=timezone)
        priced = price_cart(cart, PromotionIndex.build(together), context)
        line = priced.lines[0]
        applied = tuple(d.name for d in priced.discounts if d.promotion_id != draft.id and d.amount_cents)
        if not line.subtotal_cents or draft.id not in {d.promotion_id for d in priced.discounts}:
            continue
        share = line.discount_cents / line.subtotal_cents
        if applied and (worst is None or share > worst[0]):
            worst = (share, product, applied)
        unit_net = line.total_cents / quantity
        if product.cost_cents is not None and unit_net < product.cost_cents:
            below.append(
                f"{product.name} could sell for {dollars(int(unit_net))}, below its cost of "
                f"{dollars(product.cost_cents)}."
            )
    found = []
    if worst is not None:
        share, product, applied = worst
        names = ", ".join(f"'{name}'" for name in applied)
        found.append(Warning(
            "stacking",
            f"Combined with {names}, an order can get up to {share:.0%} off "
            f"(for example on {product.name}).",
        ))
    if below:
        more = f" And {len(below) - 5} more." if len(below) > 5 else ""
        found.append(Warning("below_cost", "Below cost: " + " ".join(below[:5]) + more))
    return found
