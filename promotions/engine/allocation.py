"""Turning a benefit into exact cents on lines: clamp, cap, share, record.

A `Ledger` holds what is left to discount on each line (lines sorted by sku)
and on shipping. `grant` applies one promotion to a ledger: the benefit's
per-line amounts are clamped to each line's remaining amount, capped by
`max_discount_cents` and the remaining budget, and a capped amount is shared
again across the eligible lines in proportion to their remaining totals with
the largest-remainder method, so shares always add up exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from .benefits import DiscountClass
from .cart import CartLine
from .conditions import Facts
from .eligibility import PromotionUsage
from .money import share
from .rules import Code, Promotion

__all__ = ["Grant", "Ledger", "Offer", "grant"]


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
    """What one promotion actually took off: total and per-line shares (nonzero only)."""

    amount_cents: int
    shares: tuple[tuple[int, int], ...]  # (line position, cents); empty for shipping


class Ledger:
    """What is left to discount on each line and on shipping (mutable working state)."""

    __slots__ = ("lines", "remaining", "shipping")

    def __init__(self, lines: Sequence[CartLine], remaining: list[int], shipping: int) -> None:
        self.lines = lines
        self.remaining = remaining
        self.shipping = shipping

    def copy(self) -> Ledger:
        """An independent ledger with the same amounts."""
        return Ledger(self.lines, self.remaining.copy(), self.shipping)


def _limit(offer: Offer) -> int | None:
    promotion = offer.promotion
    limit = promotion.benefit.max_discount_cents
    if promotion.budget_cents is not None:
        left = max(0, promotion.budget_cents - offer.usage.given_cents)
        limit = left if limit is None else min(limit, left)
    return limit


def grant(offer: Offer, ledger: Ledger) -> Grant | None:
    """Apply `offer` to `ledger`; None (ledger untouched) when it takes nothing off."""
    promotion = offer.promotion
    limit = _limit(offer)
    if promotion.discount_class is DiscountClass.SHIPPING:
        amount = min(promotion.benefit.shipping_discount(ledger.shipping), ledger.shipping)
        if limit is not None:
            amount = min(amount, limit)
        if amount <= 0:
            return None
        ledger.shipping -= amount
        return Grant(amount, ())
    positions = offer.positions
    remaining = ledger.remaining
    bases = [remaining[i] for i in positions]
    lines = ledger.lines
    raw = promotion.benefit.line_discounts([lines[i] for i in positions], bases, offer.facts)
    discounts = [min(max(d, 0), b) for d, b in zip(raw, bases, strict=True)]
    amount = sum(discounts)
    if limit is not None and amount > limit:
        discounts = share(limit, bases)
        amount = sum(discounts)
    if amount <= 0:
        return None
    shares = []
    for position, cents in zip(positions, discounts, strict=True):
        if cents:
            remaining[position] -= cents
            shares.append((position, cents))
    return Grant(amount, tuple(shares))
