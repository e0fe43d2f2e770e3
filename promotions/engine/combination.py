"""One combination of promotions, priced: product discounts line by line, then order, then shipping.

Product discounts are measured once, each on its own against the undiscounted
cart (`alone`), and a combination only decides which of them each line keeps:
the promotions that list "product" compound on a line (each on the line's
original price, as Shopify does), every other one is a rival there, and the
line keeps whichever option takes more off (ties: higher priority, then id),
never going below its floor. Order discounts are then measured on what
remains, shipping discounts on the shipping amount, in application order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .allocation import Grant, Ledger, Offer, grant
from .benefits import DiscountClass

__all__ = ["APPLICATION_ORDER", "LineLoss", "Outcome", "application_key", "evaluate"]

_PRODUCT = DiscountClass.PRODUCT
APPLICATION_ORDER = {DiscountClass.PRODUCT: 0, DiscountClass.ORDER: 1, DiscountClass.SHIPPING: 2}


def application_key(offer: Offer) -> tuple[int, int, int]:
    """Product, then order, then shipping; within a class by priority, then id."""
    promotion = offer.promotion
    return (APPLICATION_ORDER[promotion.discount_class], -promotion.priority, promotion.id)


@dataclass(slots=True)
class LineLoss:
    """What a product promotion would have given on the lines it lost, and to whom."""

    winner: Offer
    label: str  # the winner, or "<winner> and N more" when compounding ones won together
    would_cents: int = 0
    lines: int = 0
    worst_cents: int = -1  # the line it lost most on names the winner


@dataclass(slots=True)
class Outcome:
    """A priced combination: applied grants in application order and the ledger after them."""

    total: int
    applied: list[tuple[Offer, Grant]]
    ledger: Ledger
    losses: dict[int, LineLoss] = field(default_factory=dict)

    @property
    def key(self) -> tuple[tuple[int, int], ...]:
        """Tie-break between equal totals: the higher-priority (then lower-id) members win."""
        return tuple(sorted(offer.promotion.sort_key for offer, _ in self.applied))

    def beats(self, other: Outcome | None) -> bool:
        """True when this gives the shopper more, or as much with a better tie-break key."""
        if other is None or self.total != other.total:
            return other is None or self.total > other.total
        return self.key < other.key


def _keepers(rivals: list[tuple[Offer, int]], room: int) -> list[tuple[Offer, int]]:
    """The option a line keeps: all compounding promotions together, or the best single one."""
    group = [rival for rival in rivals if _PRODUCT in rival[0].promotion.combines_with]
    best = group
    best_rank = (
        (-min(sum(cents for _, cents in group), room), min(o.promotion.sort_key for o, _ in group))
        if group
        else None
    )
    for offer, cents in rivals:
        if _PRODUCT in offer.promotion.combines_with:
            continue
        rank = (-min(cents, room), offer.promotion.sort_key)
        if best_rank is None or rank < best_rank:
            best, best_rank = [(offer, cents)], rank
    return best


def _product_phase(
    product: Sequence[Offer], alone: Mapping[int, Grant], ledger: Ledger, outcome: Outcome
) -> None:
    by_line: dict[int, list[tuple[Offer, int]]] = {}
    for offer in product:
        for position, cents in alone[offer.promotion.id].shares:
            by_line.setdefault(position, []).append((offer, cents))
    taken: dict[int, list[tuple[int, int]]] = {offer.promotion.id: [] for offer in product}
    remaining = ledger.remaining
    for position in sorted(by_line):
        rivals = by_line[position]
        room = ledger.room(position)
        left = room
        keepers = rivals if len(rivals) == 1 else _keepers(rivals, room)
        for offer, cents in keepers:  # already in application order
            got = min(cents, left)
            if got:
                left -= got
                taken[offer.promotion.id].append((position, got))
        remaining[position] -= room - left
        if len(keepers) == len(rivals):
            continue
        kept = {id(offer) for offer, _ in keepers}
        winner = keepers[0][0]
        label = winner.label if len(keepers) == 1 else f"{winner.label} and {len(keepers) - 1} more"
        losses = outcome.losses
        for offer, cents in rivals:
            if id(offer) in kept:
                continue
            loss = losses.get(offer.promotion.id)
            if loss is None:
                loss = losses[offer.promotion.id] = LineLoss(winner, label)
            loss.would_cents += cents
            loss.lines += 1
            if cents > loss.worst_cents:
                loss.winner, loss.label, loss.worst_cents = winner, label, cents
    for offer in product:
        shares = taken[offer.promotion.id]
        if shares:
            given = Grant(
                sum(cents for _, cents in shares), tuple(shares), alone[offer.promotion.id].floored
            )
            outcome.applied.append((offer, given))
            outcome.total += given.amount_cents


def evaluate(members: Sequence[Offer], alone: Mapping[int, Grant], fresh: Ledger) -> Outcome:
    """Price the combination `members` on a copy of the undiscounted ledger `fresh`."""
    ordered = sorted(members, key=application_key)
    ledger = fresh.copy()
    outcome = Outcome(0, [], ledger)
    product = [o for o in ordered if o.promotion.discount_class is DiscountClass.PRODUCT]
    if product:
        _product_phase(product, alone, ledger, outcome)
    for offer in ordered[len(product) :]:
        given = grant(offer, ledger)
        if given.amount_cents:
            outcome.applied.append((offer, given))
            outcome.total += given.amount_cents
    return outcome
