"""An independent definition of the best valid combination, by exhaustive search.

Written from the stacking policy's words, not from the engine's code: every
maximal subset of the qualifying promotions (nothing left out that could
join, as the policy says) is checked pair by pair, priced from the
benefits' own per-line amounts, and the largest total wins. Only the benefit
arithmetic (`line_discounts`, `shipping_discount`, `share`) is shared with the
engine; validity, per-line choice, order of application, caps and floors are
restated here. Slow on purpose (2^n subsets), for carts of a few lines.
"""

from __future__ import annotations

from itertools import combinations

from promotions.engine import CartSnapshot, DiscountClass, PriceFloor, Promotion, Stacking, Trigger
from promotions.engine.conditions import Facts, local_time
from promotions.engine.money import share, share_within

PRODUCT, ORDER, SHIPPING = DiscountClass.PRODUCT, DiscountClass.ORDER, DiscountClass.SHIPPING


class Case:
    """A cart, its promotions and what is known about them, ready to price any subset."""

    def __init__(self, cart, promotions, codes, given, floor: PriceFloor, now):
        self.lines = sorted(cart.lines, key=lambda line: line.sku)
        self.subtotals = [line.unit_price_cents * line.quantity for line in self.lines]
        self.floors = [floor.floor_cents(line) for line in self.lines]
        self.shipping = cart.shipping_cents
        self.given = given
        local_now = local_time(now, "America/New_York")
        self.qualifying: list[tuple[Promotion, list[int], Facts]] = []
        for promotion in promotions:
            if promotion.trigger is Trigger.CODE and not {c.text for c in promotion.codes} & codes:
                continue
            budget = promotion.budget_cents
            if budget is not None and given.get(promotion.id, 0) >= budget:
                continue
            eligible = [
                i for i, line in enumerate(self.lines) if promotion.eligibility.matches(line)
            ]
            if not eligible:
                continue
            facts = Facts(
                cart,
                local_now,
                sum(self.subtotals[i] for i in eligible),
                sum(self.lines[i].quantity for i in eligible),
            )
            if promotion.benefit.unmet(facts) is None:
                self.qualifying.append((promotion, eligible, facts))

    def limit(self, promotion: Promotion) -> int | None:
        caps = [promotion.benefit.max_discount_cents]
        if promotion.budget_cents is not None:
            caps.append(max(0, promotion.budget_cents - self.given.get(promotion.id, 0)))
        caps = [cap for cap in caps if cap is not None]
        return min(caps) if caps else None

    def amounts(self, entry, remaining: list[int], shipping: int) -> dict[int | str, int]:
        """What one promotion takes off `remaining` lines (or shipping), per line position."""
        promotion, eligible, facts = entry
        limit = self.limit(promotion)
        if promotion.discount_class is SHIPPING:
            cut = min(promotion.benefit.shipping_discount(shipping), shipping)
            return {"shipping": cut if limit is None else min(cut, limit)}
        bases = [remaining[i] for i in eligible]
        raw = promotion.benefit.line_discounts([self.lines[i] for i in eligible], bases, facts)
        cut = [max(0, min(r, b)) for r, b in zip(raw, bases, strict=True)]
        if limit is not None and sum(cut) > limit:
            cut = share(limit, bases)
        rooms = [max(0, remaining[i] - self.floors[i]) for i in eligible]
        if promotion.discount_class is ORDER and any(
            c > r for c, r in zip(cut, rooms, strict=True)
        ):
            cut = share_within(sum(cut), bases, rooms)  # one amount, passed on by floored lines
        return {i: min(c, r) for i, c, r in zip(eligible, cut, rooms, strict=True)}

    def valid(self, subset) -> bool:
        if len(subset) > 1 and any(p.stacking is Stacking.EXCLUSIVE for p, _, _ in subset):
            return False
        for (a, _, _), (b, _, _) in combinations(subset, 2):
            lists_each_other = (
                a.discount_class in b.combines_with and b.discount_class in a.combines_with
            )
            if a.discount_class is PRODUCT and b.discount_class is PRODUCT:
                both_codes = a.trigger is Trigger.CODE and b.trigger is Trigger.CODE
                if both_codes and not lists_each_other:
                    return False
            elif not lists_each_other:
                return False
        return True

    def value(self, subset) -> int:
        remaining = list(self.subtotals)
        total = 0
        product = [e for e in subset if e[0].discount_class is PRODUCT]
        alone = {e[0].id: self.amounts(e, self.subtotals, self.shipping) for e in product}
        for i in range(len(self.lines)):
            room = remaining[i] - self.floors[i]
            here = [(e[0], alone[e[0].id].get(i, 0)) for e in product if alone[e[0].id].get(i, 0)]
            stackers = [cents for p, cents in here if PRODUCT in p.combines_with]
            options = [sum(stackers)] + [c for p, c in here if PRODUCT not in p.combines_with]
            best = min(max(options), max(room, 0))
            remaining[i] -= best
            total += best
        shipping = self.shipping
        for cls in (ORDER, SHIPPING):
            members = sorted(
                (e for e in subset if e[0].discount_class is cls),
                key=lambda e: (-e[0].priority, e[0].id),
            )
            for entry in members:
                for where, cents in self.amounts(entry, remaining, shipping).items():
                    if where == "shipping":
                        shipping -= cents
                    else:
                        remaining[where] -= cents
                    total += cents
        return total

    def maximal(self, subset, offers) -> bool:
        """Nothing left out could join: every qualifying promotion that can be added is."""
        return not any(entry not in subset and self.valid((*subset, entry)) for entry in offers)

    def best_total(self) -> int:
        # A promotion that takes nothing off on its own never applies and blocks nothing.
        offers = [
            entry
            for entry in self.qualifying
            if sum(self.amounts(entry, self.subtotals, self.shipping).values())
        ]
        best = 0
        for size in range(1, len(offers) + 1):
            for subset in combinations(offers, size):
                if self.valid(subset) and self.maximal(subset, offers):
                    best = max(best, self.value(subset))
        return best


def best_total(cart: CartSnapshot, promotions, codes, given, floor, now) -> int:
    """The largest discount (merchandise + shipping) any valid combination gives."""
    return Case(cart, promotions, set(codes), given, floor, now).best_total()
