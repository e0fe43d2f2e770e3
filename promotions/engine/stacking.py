"""Stacking policy: which qualifying promotions apply together, and why the others don't.

1. Qualifying. Candidates from the index are checked: dates (NOT_STARTED /
   EXPIRED), limits (LIMIT_REACHED when the promotion's uses reach
   `usage_limit`, the shopper's uses reach `usage_limit_per_customer`, or the
   entered code's uses reach its own limit; BUDGET_EXHAUSTED when the amount
   given reaches `budget_cents`), eligible items (NO_ELIGIBLE_ITEMS), then
   conditions in order (the first unmet one explains). Thresholds are measured
   on the eligible items' undiscounted subtotal. Only qualifying ones go on.
2. Alone. Each qualifying promotion is measured on its own against the
   undiscounted cart. One that takes nothing off is NO_DISCOUNT (PRICE_FLOOR
   when only the store's price floor stopped it) and blocks nothing.
3. Valid combinations. A set of promotions is valid when every pair in it is
   allowed together:
   - an exclusive promotion is alone;
   - two promotions of different classes, or two order or two shipping
     promotions, need each one's `combines_with` to list the other's class;
   - two product promotions always may be in one set: if both list "product"
     they compound on the lines they share, otherwise they are rivals there
     and each shared line keeps the one that takes more off it (ties:
     higher priority, then id); lines only one of them covers are not
     affected. Exception, one code per class: two product promotions switched
     on by codes that do not both list "product" are not allowed together.
   A missing `combines_with` means every class, except for product promotions,
   where it means order and shipping: product discounts don't compound unless
   the merchant lists "product" on both (the safe default).
4. What a set gives (promotions/engine/combination.py). Product discounts are
   each computed on the line's undiscounted price (as measured alone, caps
   shared over all their eligible lines), and a line keeps, per point 3,
   either its best rival or all its compounding promotions; nothing takes a
   line below its floor. Order discounts (percentages included) then apply,
   by priority (higher first, ties by id), to what remains after product
   discounts; shipping discounts to the shipping amount. `max_discount_cents`
   caps a promotion per order; a spend budget caps it at what is left. No line
   goes below zero or below the store's price floor (PriceFloor: a percentage
   of its price and/or of its cost), and no discount exceeds its base.
5. The best set. Among the maximal valid sets (a qualifying promotion that
   can join the chosen ones always joins, as Shopify applies every discount
   that combines), the engine applies the one with the largest total
   discount (merchandise + shipping) for the shopper; equal totals go to the
   set whose members rank first by priority, then id. (Leaving a compatible
   promotion out never gains more than a rounding cent: product promotions
   only win lines where they give more, and order discounts measured on a
   smaller remainder lose at most what was gained.) The search
   (promotions/engine/search.py) is exact (branch and bound) when at most
   EXACT_LIMIT promotions conflict with another one, greedy beyond that; the
   priced cart says which (`PricedCart.search`) and so do the explanations.
6. Explanations for the ones left out name what they lost to and what they
   would have given alone: BETTER_OFFER_APPLIED ("20% off mugs ($2.00 off)
   gives less than Spring sale on this item."), NOT_COMBINABLE ("X ($5.00
   off) can't be combined with Y, which saves you more.").
7. Order-level and capped product discounts are shared across eligible lines
   in proportion to their remaining totals with the largest-remainder method
   (lines sorted by sku), so shares add up exactly and the result is identical
   whatever the order of the input lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from .allocation import Grant, Ledger, Offer, measure
from .benefits import DiscountClass
from .combination import Outcome, application_key
from .explain import ExplanationStatus
from .rules import Promotion, Stacking, Trigger
from .search import SearchMode, best_combination

__all__ = ["Refusal", "Selection", "can_combine", "conflicts", "select"]

_S = ExplanationStatus
Signature = tuple[DiscountClass, frozenset[DiscountClass], Trigger]


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a qualifying promotion was not applied, what it yielded to, what it would have given."""

    status: ExplanationStatus
    other: str = ""
    would_cents: int = 0
    lines: int = 0  # > 0: it lost only on lines it shared with `other`


@dataclass(slots=True)
class Selection:
    """The winning promotions (in application order), the ledger after them, refusals by id."""

    applied: list[tuple[Offer, Grant]]
    ledger: Ledger
    refusals: dict[int, Refusal] = field(default_factory=dict)
    mode: SearchMode = SearchMode.EXACT


def can_combine(a: Promotion, b: Promotion) -> bool:
    """True when each promotion's `combines_with` lists the other's class."""
    return b.discount_class in a.combines_with and a.discount_class in b.combines_with


def conflicts(a: Promotion, b: Promotion) -> bool:
    """True when two combinable promotions may not be in one set (point 3 of the policy)."""
    return _conflicting(a.signature, b.signature)


@cache  # a few dozen signatures exist (3 classes x 8 combines_with x 2 triggers)
def _conflicting(a: Signature, b: Signature) -> bool:
    a_class, a_combines, a_trigger = a
    b_class, b_combines, b_trigger = b
    allowed = b_class in a_combines and a_class in b_combines
    if a_class is DiscountClass.PRODUCT and b_class is DiscountClass.PRODUCT:
        return a_trigger is Trigger.CODE and b_trigger is Trigger.CODE and not allowed
    return not allowed


def _describe(outcome: Outcome) -> str:
    first = outcome.applied[0][0].label
    count = len(outcome.applied)
    return first if count == 1 else f"{first} and {count - 1} more"


def _refuse(offer: Offer, outcome: Outcome, would: int) -> Refusal:
    """Why `offer`, left out of the winning set, lost: the first member it can't join."""
    promotion = offer.promotion
    winners = outcome.applied
    if promotion.stacking is Stacking.COMBINABLE:
        for other, _ in winners:
            if other.promotion.stacking is Stacking.EXCLUSIVE:
                break
            if conflicts(promotion, other.promotion):
                return Refusal(_S.NOT_COMBINABLE, other.label, would)
    return Refusal(_S.BETTER_OFFER_APPLIED, _describe(outcome), would)


def select(offers: Sequence[Offer], fresh: Ledger) -> Selection:
    """Choose the best valid combination for the shopper; `fresh` is left untouched."""
    alone = {offer.promotion.id: measure(offer, fresh) for offer in offers}
    refusals: dict[int, Refusal] = {}
    combinable: list[Offer] = []
    exclusive: list[Offer] = []
    for offer in sorted(offers, key=application_key):
        given = alone[offer.promotion.id]
        if not given.amount_cents:
            status = _S.PRICE_FLOOR if given.floored else _S.NO_DISCOUNT
            refusals[offer.promotion.id] = Refusal(status)
        elif offer.promotion.stacking is Stacking.EXCLUSIVE:
            exclusive.append(offer)
        else:
            combinable.append(offer)
    found = best_combination(combinable, exclusive, alone, fresh, conflicts)
    outcome = found.outcome
    applied = {offer.promotion.id for offer, _ in outcome.applied}
    for offer in (*combinable, *exclusive):
        pid = offer.promotion.id
        if pid in applied:
            continue
        loss = outcome.losses.get(pid)
        if loss is not None and loss.winner.promotion.id in applied:
            refusals[pid] = Refusal(
                _S.BETTER_OFFER_APPLIED, loss.label, loss.would_cents, loss.lines
            )
        else:
            refusals[pid] = _refuse(offer, outcome, alone[pid].amount_cents)
    return Selection(outcome.applied, outcome.ledger, refusals, found.mode)
