"""Stacking policy: which qualifying promotions apply together.

1. Candidates from the index are checked: dates (NOT_STARTED / EXPIRED),
   limits (LIMIT_REACHED when the promotion's uses reach `usage_limit`, the
   shopper's uses reach `usage_limit_per_customer`, or the entered code's uses
   reach its own limit; BUDGET_EXHAUSTED when the amount given reaches
   `budget_cents`), eligible items (NO_ELIGIBLE_ITEMS), then conditions in
   order (the first unmet one explains). Only qualifying ones go on.
2. Application order: PRODUCT class first, then ORDER, then SHIPPING; within
   a class by priority (higher first), ties by promotion id. Product discounts
   apply to each line's remaining amount; order-level discounts (including
   order percentages) apply to what remains after product discounts; shipping
   discounts to the shipping amount. No line is ever discounted below zero and
   no discount exceeds its base; a discount computed as 0 is NO_DISCOUNT, not
   applied (and does not block others).
3. Combinable set: qualifying combinable promotions are walked in that order;
   a promotion joins if, for every promotion already chosen, each one's
   `combines_with` contains the other's class (same class counts too: two
   product promotions combine only if both list "product"). An empty
   `combines_with` combines with nothing. At most one CODE promotion per class
   joins unless that promotion lists its own class in `combines_with`. A
   skipped one is NOT_COMBINABLE, naming what it can't be combined with.
4. Exclusive promotions: each qualifying exclusive promotion is an option on
   its own. The combinable set's total discount (merchandise + shipping) is
   compared with each exclusive option's, and the largest wins for the
   shopper; ties go to the higher-priority option (smallest sort_key; a set
   ranks as its best member). Promotions in losing options are
   BETTER_OFFER_APPLIED, naming the winner.
5. `max_discount_cents` caps a promotion's amount; with a budget, the amount is
   also capped at `budget_cents - given_cents`.
6. Order-level and capped product discounts are shared across eligible lines
   in proportion to their remaining totals with the largest-remainder method
   (lines sorted by sku), so shares add up exactly and the result is identical
   whatever the order of the input lines.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .allocation import Grant, Ledger, Offer
from .benefits import DiscountClass
from .explain import ExplanationStatus
from .rules import ALL_CLASSES, Promotion, Stacking, Trigger

__all__ = ["APPLICATION_ORDER", "Refusal", "Selection", "can_combine", "select"]

APPLICATION_ORDER = {DiscountClass.PRODUCT: 0, DiscountClass.ORDER: 1, DiscountClass.SHIPPING: 2}

Apply = Callable[[Offer, Ledger], Grant | None]


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a qualifying promotion was not applied, and the offer it yielded to."""

    status: ExplanationStatus
    other: str = ""


@dataclass(slots=True)
class Selection:
    """The winning promotions (in application order), the ledger after them, and refusals by id."""

    applied: list[tuple[Offer, Grant]]
    ledger: Ledger
    refusals: dict[int, Refusal] = field(default_factory=dict)


def can_combine(a: Promotion, b: Promotion) -> bool:
    """True when each promotion's `combines_with` lists the other's class."""
    return b.discount_class in a.combines_with and a.discount_class in b.combines_with


def _application_key(offer: Offer) -> tuple[int, int, int]:
    promotion = offer.promotion
    return (APPLICATION_ORDER[promotion.discount_class], -promotion.priority, promotion.id)


def _conflict(offer: Offer, chosen: Sequence[tuple[Offer, Grant]]) -> str:
    """The label of the first chosen promotion `offer` cannot join."""
    promotion = offer.promotion
    for other, _ in chosen:
        blocked_code = (
            promotion.trigger is Trigger.CODE
            and other.promotion.trigger is Trigger.CODE
            and other.promotion.discount_class is promotion.discount_class
            and promotion.discount_class not in promotion.combines_with
        )
        if blocked_code or not can_combine(promotion, other.promotion):
            return other.label
    return ""


def _describe(option: Sequence[tuple[Offer, Grant]]) -> str:
    first = option[0][0].label
    return first if len(option) == 1 else f"{first} and {len(option) - 1} more"


def select(offers: Sequence[Offer], apply: Apply, ledger: Ledger) -> Selection:
    """Choose and apply the best option for the shopper; `ledger` is left untouched."""
    ordered = sorted(offers, key=_application_key)
    refusals: dict[int, Refusal] = {}
    no_discount = Refusal(ExplanationStatus.NO_DISCOUNT)

    chosen: list[tuple[Offer, Grant]] = []
    work = ledger.copy()
    accepted_by_all = ALL_CLASSES  # classes every chosen promotion combines with
    chosen_classes: set[DiscountClass] = set()
    code_classes: set[DiscountClass] = set()
    exclusive: list[Offer] = []
    for offer in ordered:
        promotion = offer.promotion
        if promotion.stacking is Stacking.EXCLUSIVE:
            exclusive.append(offer)
            continue
        kind = promotion.discount_class
        is_code = promotion.trigger is Trigger.CODE
        if (
            kind not in accepted_by_all
            or not chosen_classes <= promotion.combines_with
            or (is_code and kind in code_classes and kind not in promotion.combines_with)
        ):
            refusals[promotion.id] = Refusal(
                ExplanationStatus.NOT_COMBINABLE, _conflict(offer, chosen)
            )
            continue
        granted = apply(offer, work)
        if granted is None:
            refusals[promotion.id] = no_discount
            continue
        chosen.append((offer, granted))
        accepted_by_all = accepted_by_all & promotion.combines_with
        chosen_classes.add(kind)
        if is_code:
            code_classes.add(kind)

    best = chosen
    best_ledger = work
    best_total = sum(granted.amount_cents for _, granted in chosen)
    best_key = min((offer.promotion.sort_key for offer, _ in chosen), default=None)
    for offer in exclusive:
        own = ledger.copy()
        granted = apply(offer, own)
        if granted is None:
            refusals[offer.promotion.id] = no_discount
            continue
        key = offer.promotion.sort_key
        total = granted.amount_cents
        if total > best_total or (total == best_total and (best_key is None or key < best_key)):
            best, best_ledger, best_total, best_key = [(offer, granted)], own, total, key

    if best:
        winner = _describe(best)
        winners = {offer.promotion.id for offer, _ in best}
        losing = Refusal(ExplanationStatus.BETTER_OFFER_APPLIED, winner)
        exclusive_won = best is not chosen
        for offer in ordered:
            pid = offer.promotion.id
            if pid in winners:
                continue
            refusal = refusals.get(pid)
            if refusal is None or (
                exclusive_won and refusal.status is ExplanationStatus.NOT_COMBINABLE
            ):
                refusals[pid] = losing
    return Selection(best, best_ledger, refusals)
