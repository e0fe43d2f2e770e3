"""price_cart: a cart snapshot + codes + time + usage + index -> a priced cart."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType

from .allocation import Grant, Ledger, Offer
from .benefits import DiscountClass, FreeGift
from .cart import CartSnapshot
from .conditions import Facts, local_time
from .eligibility import NO_USAGE, PromotionUsage, check_dates, check_limits
from .explain import Explanation, ExplanationStatus, NotMet, describe, describe_gift
from .floor import NO_FLOOR, PriceFloor
from .gifts import Gift
from .index import PromotionIndex
from .money import normalize_code
from .search import SearchMode
from .stacking import Refusal, select

__all__ = [
    "AppliedDiscount",
    "Explanation",
    "Gift",
    "PricedCart",
    "PricedLine",
    "PricingContext",
    "PromotionUsage",
    "SearchMode",
    "known_codes",
    "price_cart",
]

_NO_USAGE_BY_ID: Mapping[int, PromotionUsage] = MappingProxyType({})
_NO_ELIGIBLE_ITEMS = NotMet(ExplanationStatus.NO_ELIGIBLE_ITEMS)


@dataclass(frozen=True, slots=True)
class PricingContext:
    """When the cart is priced, with which codes, and how much each promotion was used."""

    now: datetime  # aware
    codes: tuple[str, ...] = ()
    usage: Mapping[int, PromotionUsage] = field(default_factory=lambda: _NO_USAGE_BY_ID)
    timezone: str = "America/New_York"
    floor: PriceFloor = NO_FLOOR  # the store's minimum price for a line

    def __post_init__(self) -> None:
        if self.now.tzinfo is None or self.now.utcoffset() is None:
            raise ValueError("PricingContext.now must be timezone-aware")


@dataclass(frozen=True, slots=True)
class PricedLine:
    """A cart line after discounts; total = subtotal - discount (product and order shares)."""

    sku: str
    quantity: int
    unit_price_cents: int
    subtotal_cents: int
    discount_cents: int
    total_cents: int


@dataclass(frozen=True, slots=True)
class AppliedDiscount:
    """One applied promotion: its amount and, for merchandise, its per-line shares by sku."""

    promotion_id: int
    name: str
    code: str | None
    discount_class: DiscountClass
    amount_cents: int
    line_shares: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class PricedCart:
    """The priced cart: lines in input order, discounts in application order, totals in cents."""

    lines: tuple[PricedLine, ...]
    discounts: tuple[AppliedDiscount, ...]
    explanations: tuple[Explanation, ...]
    subtotal_cents: int
    discount_cents: int  # merchandise only
    shipping_cents: int  # after the shipping discount
    shipping_discount_cents: int
    total_cents: int  # subtotal - discount + shipping; tax is not the engine's job
    codes: tuple[str, ...]
    search: SearchMode = SearchMode.EXACT  # how the applied combination was found
    gifts: tuple[Gift, ...] = ()  # free products earned, by promotion priority then id

    def explanation_for(self, promotion_id: int) -> Explanation | None:
        """The explanation for one promotion, if it was considered."""
        for explanation in self.explanations:
            if explanation.promotion_id == promotion_id:
                return explanation
        return None


def known_codes(codes: tuple[str, ...] | list[str], index: PromotionIndex) -> tuple[str, ...]:
    """Normalized, deduplicated codes that belong to a promotion in `index`."""
    normalized = dict.fromkeys(normalize_code(code) for code in codes)
    return tuple(code for code in normalized if code and index.find_code(code) is not None)


def price_cart(cart: CartSnapshot, index: PromotionIndex, context: PricingContext) -> PricedCart:
    """Price `cart`: apply the best allowed promotions and explain every one considered."""
    lines = sorted(cart.lines, key=lambda line: line.sku)
    subtotals = [line.unit_price_cents * line.quantity for line in lines]
    codes = known_codes(context.codes, index)
    now = context.now
    local_now = local_time(now, context.timezone)
    usage_by_id = context.usage

    # Step 1 of the stacking policy: who qualifies, and why not for the rest.
    outcomes: list[Offer | Explanation] = []
    offers: list[Offer] = []
    gift_offers: list[tuple[Offer, FreeGift]] = []
    for promotion, code, positions in index.gather(lines, codes):
        usage = usage_by_id.get(promotion.id, NO_USAGE)
        not_met = check_dates(promotion.starts_at, promotion.ends_at, now) or check_limits(
            promotion, code, usage
        )
        facts = None
        if not_met is None:
            if not positions:
                not_met = _NO_ELIGIBLE_ITEMS
            else:
                subtotal = 0
                quantity = 0
                for i in positions:
                    subtotal += subtotals[i]
                    quantity += lines[i].quantity
                facts = Facts(cart, local_now, subtotal, quantity)
                for condition in promotion.conditions:
                    not_met = condition.check(facts)
                    if not_met is not None:
                        break
                else:
                    not_met = promotion.benefit.unmet(facts)
        if not_met is None and facts is not None:
            offer = Offer(promotion, code, positions, facts, usage)
            if isinstance(promotion.benefit, FreeGift):  # outside the stacking search
                gift_offers.append((offer, promotion.benefit))
                outcomes.append(_explain_gift(offer))
                continue
            offers.append(offer)
            outcomes.append(offer)
        else:
            outcomes.append(
                _explain_not_met(promotion.id, promotion.name, code and code.text, not_met)
            )

    floor = context.floor
    floors = [floor.floor_cents(line) for line in lines] if floor else None
    selection = select(offers, Ledger(lines, subtotals.copy(), cart.shipping_cents, floors))
    granted: dict[int, Grant] = {offer.promotion.id: given for offer, given in selection.applied}
    greedy = selection.mode is SearchMode.GREEDY
    explanations = tuple(
        outcome
        if isinstance(outcome, Explanation)
        else _explain_offer(outcome, granted, selection.refusals, greedy)
        for outcome in outcomes
    )
    discounts = tuple(
        AppliedDiscount(
            offer.promotion.id,
            offer.promotion.name,
            offer.code.text if offer.code else None,
            offer.promotion.discount_class,
            given.amount_cents,
            tuple((lines[position].sku, cents) for position, cents in given.shares),
        )
        for offer, given in selection.applied
    )

    remaining = selection.ledger.remaining
    by_sku = {}
    discount_total = 0
    for position, line in enumerate(lines):
        line_subtotal = subtotals[position]
        line_total = remaining[position]
        discount_total += line_subtotal - line_total
        by_sku[line.sku] = PricedLine(
            line.sku,
            line.quantity,
            line.unit_price_cents,
            line_subtotal,
            line_subtotal - line_total,
            line_total,
        )
    subtotal_total = sum(subtotals)
    shipping = selection.ledger.shipping
    return PricedCart(
        lines=tuple(by_sku[line.sku] for line in cart.lines),
        discounts=discounts,
        explanations=explanations,
        subtotal_cents=subtotal_total,
        discount_cents=discount_total,
        shipping_cents=shipping,
        shipping_discount_cents=cart.shipping_cents - shipping,
        total_cents=subtotal_total - discount_total + shipping,
        codes=codes,
        search=selection.mode,
        gifts=_gifts(gift_offers),
    )


def _gifts(offers: list[tuple[Offer, FreeGift]]) -> tuple[Gift, ...]:
    """What the qualifying gift promotions give, by priority then id."""
    return tuple(
        Gift(
            offer.promotion.id,
            offer.promotion.name,
            offer.code.text if offer.code else None,
            gift.sku,
            gift.quantity,
        )
        for offer, gift in sorted(offers, key=lambda pair: pair[0].promotion.sort_key)
    )


def _explain_gift(offer: Offer) -> Explanation:
    promotion = offer.promotion
    code = offer.code.text if offer.code else None
    status = ExplanationStatus.APPLIED
    return Explanation(promotion.id, promotion.name, code, status, describe_gift(offer.label))


def _explain_not_met(
    promotion_id: int, name: str, code: str | None, not_met: NotMet
) -> Explanation:
    message = describe(
        not_met.status, label=code or name, is_code=code is not None, not_met=not_met
    )
    return Explanation(promotion_id, name, code, not_met.status, message, not_met.shortfall_cents)


def _explain_offer(
    offer: Offer, granted: Mapping[int, Grant], refusals: Mapping[int, Refusal], greedy: bool
) -> Explanation:
    promotion = offer.promotion
    code = offer.code.text if offer.code else None
    label = offer.label
    given = granted.get(promotion.id)
    if given is not None:
        status = ExplanationStatus.APPLIED
        message = describe(
            status,
            label=label,
            is_code=code is not None,
            amount_cents=given.amount_cents,
            shipping=promotion.discount_class is DiscountClass.SHIPPING,
            floored=given.floored,
        )
        return Explanation(promotion.id, promotion.name, code, status, message)
    refusal = refusals[promotion.id]
    message = describe(
        refusal.status,
        label=label,
        is_code=code is not None,
        other=refusal.other,
        would_cents=refusal.would_cents,
        lines=refusal.lines,
        greedy=greedy,
    )
    would = refusal.would_cents or None
    return Explanation(promotion.id, promotion.name, code, refusal.status, message, None, would)
