"""Turning a benefit into exact cents on lines: clamp, cap, share, record.

A `Ledger` holds what is left to discount on each line (lines sorted by sku)
and on shipping, and the floor under each line. `measure` prices one promotion
on a ledger: the benefit's per-line amounts are clamped to each line's
remaining amount, capped by `max_discount_cents` and the remaining budget (a
capped amount is shared again across the eligible lines in proportion to their
remaining totals with the largest-remainder method, so shares always add up
exactly), then held above each line's floor. `grant` measures and takes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from .benefits import DiscountClass
from .cart import CartLine
from .conditions import Facts
from .eligibility import PromotionUsage
from .money import share, share_within
from .rules import Code, Promotion

__all__ = ["NOTHING", "Grant", "Ledger", "Offer", "grant", "measure"]


class Offer(NamedTuple):
    """A promotion that qualified for this cart, with what it covers."""

    promotion: Promotion
    code: Code | None
    positions: tuple[int, ...]  # eligible lines, as positions in the sku-sorted lines
    facts: Facts
    usage: PromotionUsage

    @property
    def label(self) -> str:
        """The code the shopper typed, else the promotion's name."""
        return self.code.text if self.code is not None else self.promotion.name


class Grant(NamedTuple):
    """What one promotion takes off: total and per-line shares (nonzero only).

    `floored` says the store's price floor held it below what it would give.
    """

    amount_cents: int
    shares: tuple[tuple[int, int], ...]  # (line position, cents); empty for shipping
    floored: bool = False


NOTHING = Grant(0, ())


class Ledger:
    """What is left on each line and on shipping, and the floor each line keeps (working state)."""

    __slots__ = ("lines", "remaining", "floors", "shipping")

    def __init__(
        self,
        lines: Sequence[CartLine],
        remaining: list[int],
        shipping: int,
        floors: Sequence[int] | None = None,  # None: no floor but zero
    ) -> None:
        self.lines = lines
        self.remaining = remaining
        self.shipping = shipping
        self.floors = floors  # None: no floor but zero

    def copy(self) -> Ledger:
        """An independent ledger with the same amounts."""
        return Ledger(self.lines, self.remaining.copy(), self.shipping, self.floors)

    def room(self, position: int) -> int:
        """How much more may come off the line at `position` before it reaches its floor."""
        floors = self.floors
        left = self.remaining[position]
        return left if floors is None else max(0, left - floors[position])

    def take(self, given: Grant, *, shipping: bool) -> None:
        """Subtract a measured grant."""
        if shipping:
            self.shipping -= given.amount_cents
            return
        remaining = self.remaining
        for position, cents in given.shares:
            remaining[position] -= cents


def _limit(offer: Offer) -> int | None:
    promotion = offer.promotion
    limit = promotion.benefit.max_discount_cents
    if promotion.budget_cents is not None:
        left = max(0, promotion.budget_cents - offer.usage.given_cents)
        limit = left if limit is None else min(limit, left)
    return limit


def measure(offer: Offer, ledger: Ledger) -> Grant:
    """What `offer` would take off `ledger` now (the ledger is not changed)."""
    promotion = offer.promotion
    limit = _limit(offer)
    if promotion.discount_class is DiscountClass.SHIPPING:
        amount = min(promotion.benefit.shipping_discount(ledger.shipping), ledger.shipping)
        if limit is not None:
            amount = min(amount, limit)
        return Grant(amount, ()) if amount > 0 else NOTHING
    positions = offer.positions
    remaining = ledger.remaining
    lines = ledger.lines
    if len(positions) == 1:  # most promotions touch one line of a cart: skip the sharing
        position = positions[0]
        base = remaining[position]
        raw = promotion.benefit.line_discounts([lines[position]], [base], offer.facts)[0]
        cents = min(max(raw, 0), base)
        if limit is not None and cents > limit:
            cents = limit
        allowed = min(cents, ledger.room(position))
        return Grant(allowed, ((position, allowed),) if allowed else (), allowed < cents)
    bases = [remaining[i] for i in positions]
    raw = promotion.benefit.line_discounts([lines[i] for i in positions], bases, offer.facts)
    discounts = [d if 0 <= d <= b else (0 if d < 0 else b) for d, b in zip(raw, bases, strict=True)]
    if limit is not None and sum(discounts) > limit:
        discounts = share(limit, bases)
    floors = ledger.floors
    if floors is None:
        shares = tuple((p, cents) for p, cents in zip(positions, discounts, strict=True) if cents)
        return Grant(sum(discounts), shares)
    rooms = [max(0, remaining[p] - floors[p]) for p in positions]
    allowed = [min(cents, room) for cents, room in zip(discounts, rooms, strict=True)]
    if allowed != discounts and promotion.discount_class is DiscountClass.ORDER:
        # An order discount is one amount: what a floored line can't take goes to the others.
        allowed = share_within(sum(discounts), bases, rooms)
    shares = tuple((p, cents) for p, cents in zip(positions, allowed, strict=True) if cents)
    amount = sum(allowed)
    return Grant(amount, shares, amount < sum(discounts))


def grant(offer: Offer, ledger: Ledger) -> Grant:
    """Measure `offer` on `ledger` and take it off (a zero grant changes nothing)."""
    given = measure(offer, ledger)
    ledger.take(given, shipping=offer.promotion.discount_class is DiscountClass.SHIPPING)
    return given
