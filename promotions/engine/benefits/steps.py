"""Benefits that step up with how much is bought: buy X get Y, and spend tiers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..cart import CartLine
from ..conditions import Facts
from ..explain import ExplanationStatus, NotMet
from ..money import percent_of, share
from ..wording import Words, dollars, percent
from .base import DiscountClass, LineBenefit, cap_from_rule, capped, decimal_percent, register

__all__ = ["BuyXGetY", "Tier", "Tiered"]


@register("buy_x_get_y")
@dataclass(frozen=True, slots=True)
class BuyXGetY(LineBenefit):
    """For every `buy` + `get` eligible units, the `get` cheapest are `percent` off."""

    buy: int
    get: int
    percent: Decimal = Decimal(100)
    repeat: bool = True
    max_discount_cents: int | None = None

    @classmethod
    def from_rule(cls, data: Mapping[str, Any]) -> BuyXGetY:
        return cls(
            int(data["buy"]),
            int(data["get"]),
            decimal_percent(data.get("percent", 100)),
            bool(data.get("repeat", True)),
            cap_from_rule(data),
        )

    def unmet(self, facts: Facts) -> NotMet | None:
        shortfall = self.buy + self.get - facts.quantity
        if shortfall > 0:
            return NotMet(ExplanationStatus.BELOW_QUANTITY, shortfall_quantity=shortfall)
        return None

    def line_discounts(
        self, lines: Sequence[CartLine], remaining: Sequence[int], facts: Facts
    ) -> list[int]:
        groups = facts.quantity // (self.buy + self.get)
        free = (groups if self.repeat else min(groups, 1)) * self.get
        discounts = [0] * len(lines)
        cheapest_first = sorted(
            range(len(lines)), key=lambda i: (lines[i].unit_price_cents, lines[i].sku)
        )
        for i in cheapest_first:
            if free <= 0:
                break
            line = lines[i]
            units = min(free, line.quantity)
            # The units' share of what is left on the line (exact when nothing applied before).
            discounts[i] = percent_of(remaining[i] * units // line.quantity, self.percent)
            free -= units
        return discounts

    def describe(self, words: Words) -> str:
        """E.g. "buy 2, get 1 free on items tagged gummies (once per order)"."""
        reward = "free" if self.percent == 100 else f"at {percent(self.percent)} off"
        text = f"buy {self.buy}, get {self.get} {reward}"
        if words.items:
            text += f" on {words.items}"
        if not self.repeat:
            text += " (once per order)"
        return capped(text, self.max_discount_cents)


@dataclass(frozen=True, slots=True)
class Tier:
    """One step of a tiered benefit: from `min_subtotal_cents`, an amount or a percentage off."""

    min_subtotal_cents: int
    amount_cents: int | None = None
    percent: Decimal | None = None

    def describe(self) -> str:
        """E.g. "15% off $200 or more"."""
        off = percent(self.percent) if self.percent is not None else dollars(self.amount_cents or 0)
        return f"{off} off {dollars(self.min_subtotal_cents)} or more"


@register("tiered")
@dataclass(frozen=True, slots=True)
class Tiered(LineBenefit):
    """The best tier the eligible subtotal reaches applies; below the lowest, nothing."""

    tiers: tuple[Tier, ...]  # ascending by min_subtotal_cents
    max_discount_cents: int | None = None

    @classmethod
    def from_rule(cls, data: Mapping[str, Any]) -> Tiered:
        tiers = []
        for tier in data["tiers"]:
            amount = tier.get("amount_cents")
            percent = tier.get("percent")
            if (amount is None) == (percent is None):
                raise KeyError("tiers[].amount_cents or tiers[].percent")
            tiers.append(
                Tier(
                    int(tier["min_subtotal_cents"]),
                    None if amount is None else int(amount),
                    None if percent is None else decimal_percent(percent),
                )
            )
        if not tiers:
            raise KeyError("tiers")
        return cls(tuple(sorted(tiers, key=lambda t: t.min_subtotal_cents)), cap_from_rule(data))

    def discount_class(self, whole_order: bool) -> DiscountClass:
        return DiscountClass.ORDER

    def unmet(self, facts: Facts) -> NotMet | None:
        shortfall = self.tiers[0].min_subtotal_cents - facts.subtotal_cents
        if shortfall > 0:
            return NotMet(ExplanationStatus.BELOW_SUBTOTAL, shortfall_cents=shortfall)
        return None

    def tier_for(self, subtotal_cents: int) -> Tier | None:
        """The highest tier reached by `subtotal_cents`."""
        reached = None
        for tier in self.tiers:
            if subtotal_cents >= tier.min_subtotal_cents:
                reached = tier
        return reached

    def line_discounts(
        self, lines: Sequence[CartLine], remaining: Sequence[int], facts: Facts
    ) -> list[int]:
        tier = self.tier_for(facts.subtotal_cents)
        if tier is None:
            return [0] * len(lines)
        if tier.percent is not None:
            return share(percent_of(sum(remaining), tier.percent), remaining)
        return share(tier.amount_cents or 0, remaining)

    def describe(self, words: Words) -> str:
        """E.g. "$10 off $100 or more; 15% off $200 or more on your order", lowest tier first."""
        steps = "; ".join(tier.describe() for tier in self.tiers)
        return capped(f"{steps} on {words.items or 'your order'}", self.max_discount_cents)
