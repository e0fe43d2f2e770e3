"""Finding the best valid combination: exact branch and bound, or a greedy pass when too wide.

Combinable promotions that conflict with nobody always join (adding one never
lowers the total: product promotions only win lines where they give more,
and order discounts measured on a smaller remainder lose at most what was
gained). The rest, the "torn" ones, are searched over the maximal sets of
mutually compatible promotions: exactly, by branch and bound, when there are
at most `EXACT_LIMIT` of them, pruning a branch when even the sum of its
promotions' stand-alone amounts (an upper bound of what they can give
together) cannot beat the best total found; greedily otherwise (largest
stand-alone amount first, each one joining if it conflicts with none already
in). The exact search starts from the greedy answer and gives up, keeping the
best found so far, after `LEAF_BUDGET` priced combinations; it then reports
itself as greedy too. Exclusive promotions are options on their own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from .allocation import Grant, Ledger, Offer
from .combination import Outcome, evaluate
from .rules import Promotion

__all__ = ["EXACT_LIMIT", "LEAF_BUDGET", "Found", "SearchMode", "best_combination"]

EXACT_LIMIT = 20
LEAF_BUDGET = 2_000

Conflicts = Callable[[Promotion, Promotion], bool]


class SearchMode(StrEnum):
    """How the winning combination was found."""

    EXACT = "exact"
    GREEDY = "greedy"


@dataclass(frozen=True, slots=True)
class Found:
    """The best combination found, how, and how many promotions had to be searched."""

    outcome: Outcome
    mode: SearchMode
    torn: int


def conflict_masks(offers: Sequence[Offer], conflicts: Conflicts) -> list[int]:
    """For each offer, a bitmask of the offers it may not join (by position in `offers`).

    Offers are grouped by what decides conflicts (`Promotion.signature`), so the
    pairwise test runs per group pair, not per offer pair.
    """
    members: dict[tuple[object, ...], int] = {}
    sample: dict[tuple[object, ...], Promotion] = {}
    for position, offer in enumerate(offers):
        signature = offer.promotion.signature
        members[signature] = members.get(signature, 0) | (1 << position)
        sample.setdefault(signature, offer.promotion)
    against: dict[tuple[object, ...], int] = {}
    for signature, promotion in sample.items():
        mask = 0
        for other, bits in members.items():
            if conflicts(promotion, sample[other]):
                mask |= bits
        against[signature] = mask
    return [against[offer.promotion.signature] & ~(1 << i) for i, offer in enumerate(offers)]


def best_combination(
    offers: Sequence[Offer],
    exclusive: Sequence[Offer],
    alone: Mapping[int, Grant],
    fresh: Ledger,
    conflicts: Conflicts,
) -> Found:
    """The combination (or exclusive promotion) that gives the shopper the most."""
    ranked = sorted(
        offers,
        key=lambda o: (-alone[o.promotion.id].amount_cents, o.promotion.sort_key),
    )
    masks = conflict_masks(ranked, conflicts)
    free = [offer for offer, mask in zip(ranked, masks, strict=True) if not mask]
    torn = [i for i, mask in enumerate(masks) if mask]
    values = [alone[offer.promotion.id].amount_cents for offer in ranked]

    def price(chosen: int) -> Outcome:
        picked = [ranked[i] for i in torn if chosen >> i & 1]
        return evaluate(free + picked, alone, fresh)

    greedy = 0
    for i in torn:
        if not masks[i] & greedy:
            greedy |= 1 << i
    best = price(greedy)
    mode = SearchMode.GREEDY
    if len(torn) <= EXACT_LIMIT:
        search = _BranchAndBound(
            masks, values, price, best, sum(values[i] for i in range(len(ranked)) if not masks[i])
        )
        complete = search.run(sum(1 << i for i in torn))
        best = search.best
        mode = SearchMode.EXACT if complete else SearchMode.GREEDY
    for offer in exclusive:
        if alone[offer.promotion.id].amount_cents >= best.total:
            alone_outcome = evaluate([offer], alone, fresh)
            if alone_outcome.beats(best):
                best = alone_outcome
    return Found(best, mode, len(torn))


class _BranchAndBound:
    """Depth-first over maximal compatible sets of the torn offers (bitmasks, best value first)."""

    __slots__ = ("masks", "values", "price", "best", "base", "leaves")

    def __init__(
        self,
        masks: list[int],
        values: list[int],
        price: Callable[[int], Outcome],
        best: Outcome,
        base: int,
    ) -> None:
        self.masks, self.values, self.price = masks, values, price
        self.best, self.base, self.leaves = best, base, 0

    def run(self, candidates: int) -> bool:
        """Search everything under `candidates`; False when the leaf budget ran out."""
        bound = self.base + sum(self.values[i] for i in _bits(candidates))
        return self._visit(candidates, 0, 0, bound)

    def _visit(self, candidates: int, chosen: int, excluded: int, bound: int) -> bool:
        if bound < self.best.total:
            return True
        if not candidates:
            if any(not self.masks[i] & chosen for i in _bits(excluded)):
                return True  # not maximal: a bigger set of the same promotions does no worse
            self.leaves += 1
            outcome = self.price(chosen)
            if outcome.beats(self.best):
                self.best = outcome
            return self.leaves < LEAF_BUDGET
        low = candidates & -candidates
        i = low.bit_length() - 1
        rest = candidates & ~low
        keep = self._visit(
            rest & ~self.masks[i],
            chosen | low,
            excluded,
            bound - sum(self.values[j] for j in _bits(rest & self.masks[i])),
        )
        if not keep:
            return False
        if not self.masks[i] & (rest | chosen):
            return True  # nothing can block it: leaving it out is never maximal
        return self._visit(rest, chosen, excluded | low, bound - self.values[i])


def _bits(mask: int) -> list[int]:
    positions = []
    while mask:
        low = mask & -mask
        positions.append(low.bit_length() - 1)
        mask ^= low
    return positions
