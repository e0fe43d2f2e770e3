"""Benefits: what a promotion takes off, as per-line cents or a shipping amount.

Each benefit is a small class registered by its rule type name. Product and
order benefits return one discount per eligible line (aligned with the lines
they were given, computed on each line's remaining amount); the shipping
benefit returns an amount off the remaining shipping. Capping, budgets and
clamping to the base are done by the pricing step, once, for every benefit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any, Protocol

from .cart import CartLine
from .conditions import Facts
from .explain import ExplanationStatus, NotMet
from .money import basis_points, percent_of, percent_of_basis_points, share

__all__ = [
    "BENEFITS",
    "AmountOffEach",
    "AmountOffOrder",
    "Benefit",
    "BuyXGetY",
    "DiscountClass",
    "FixedPriceEach",
    "PercentOff",
    "Shipping",
    "Tier",
    "Tiered",
]


class DiscountClass(StrEnum):
    """What a discount lowers: items, the order as a whole, or shipping."""

    PRODUCT = "product"
    ORDER = "order"
    SHIPPING = "shipping"


class Benefit(Protocol):
    """What a promotion gives once its conditions are met."""

    max_discount_cents: int | None

    def discount_class(self, whole_order: bool) -> DiscountClass: ...

    def unmet(self, facts: Facts) -> NotMet | None: ...

    def line_discounts(
        self, lines: Sequence[CartLine], remaining: Sequence[int], facts: Facts
    ) -> list[int]: ...

    def shipping_discount(self, shipping_cents: int) -> int: ...


BENEFITS: dict[str, Callable[[Mapping[str, Any]], Benefit]] = {}


def register(type_name: str) -> Callable[[type], type]:
    """Register a benefit class under its rule `type` name."""

    def decorator(cls: type) -> type:
        BENEFITS[type_name] = cls.from_rule  # type: ignore[attr-defined]
        return cls

    return decorator


def _cap(data: Mapping[str, Any]) -> int | None:
    value = data.get("max_discount_cents")
    return None if value is None else int(value)


def _percent(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


class _LineBenefit:
    """Defaults for benefits that discount merchandise."""

    __slots__ = ()

    def discount_class(self, whole_order: bool) -> DiscountClass:
        return DiscountClass.PRODUCT

    def unmet(self, facts: Facts) -> NotMet | None:
        return None

    def shipping_discount(self, shipping_cents: int) -> int:
        return 0


@register("amount_off_order")
@dataclass(frozen=True, slots=True)
class AmountOffOrder(_LineBenefit):
    """A fixed amount off the eligible items, shared across them."""

    amount_cents: int
    max_discount_cents: int | None = None

    @classmethod
    def from_rule(cls, data: Mapping[str, Any]) -> AmountOffOrder:
        return cls(int(data["amount_cents"]), _cap(data))

    def discount_class(self, whole_order: bool) -> DiscountClass:
        return DiscountClass.ORDER

    def line_discounts(
        self, lines: Sequence[CartLine], remaining: Sequence[int], facts: Facts
    ) -> list[int]:
        return share(self.amount_cents, remaining)


@register("percent_off")
@dataclass(frozen=True, slots=True)
class PercentOff(_LineBenefit):
    """A percentage off the eligible items' remaining total, rounded once."""

    percent: Decimal
    max_discount_cents: int | None = None
    # The percentage in whole basis points when it has one (the rounding is the same, faster).
    basis_points: int | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "basis_points", basis_points(self.percent))

    @classmethod
    def from_rule(cls, data: Mapping[str, Any]) -> PercentOff:
        return cls(_percent(data["percent"]), _cap(data))

    def discount_class(self, whole_order: bool) -> DiscountClass:
        return DiscountClass.ORDER if whole_order else DiscountClass.PRODUCT

    def line_discounts(
        self, lines: Sequence[CartLine], remaining: Sequence[int], facts: Facts
    ) -> list[int]:
        points = self.basis_points
        total = sum(remaining)
        amount = (
            percent_of(total, self.percent)
            if points is None
            else percent_of_basis_points(total, points)
        )
        return share(amount, remaining)


@register("amount_off_each")
@dataclass(frozen=True, slots=True)
class AmountOffEach(_LineBenefit):
    """A fixed amount off every eligible unit."""

    amount_cents: int
    max_discount_cents: int | None = None

    @classmethod
    def from_rule(cls, data: Mapping[str, Any]) -> AmountOffEach:
        return cls(int(data["amount_cents"]), _cap(data))

    def line_discounts(
        self, lines: Sequence[CartLine], remaining: Sequence[int], facts: Facts
    ) -> list[int]:
        amount = self.amount_cents
        return [
            min(amount * line.quantity, left) for line, left in zip(lines, remaining, strict=True)
        ]


@register("fixed_price_each")
@dataclass(frozen=True, slots=True)
class FixedPriceEach(_LineBenefit):
    """Every eligible unit costs `price_cents`; units already cheaper get nothing."""

    price_cents: int
    max_discount_cents: int | None = None

    @classmethod
    def from_rule(cls, data: Mapping[str, Any]) -> FixedPriceEach:
        return cls(int(data["price_cents"]), _cap(data))

    def line_discounts(
        self, lines: Sequence[CartLine], remaining: Sequence[int], facts: Facts
    ) -> list[int]:
        price = self.price_cents
        return [
            max(0, left - price * line.quantity)
            for line, left in zip(lines, remaining, strict=True)
        ]


@register("buy_x_get_y")
@dataclass(frozen=True, slots=True)
class BuyXGetY(_LineBenefit):
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
            _percent(data.get("percent", 100)),
            bool(data.get("repeat", True)),
            _cap(data),
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


@dataclass(frozen=True, slots=True)
class Tier:
    """One step of a tiered benefit: from `min_subtotal_cents`, an amount or a percentage off."""

    min_subtotal_cents: int
    amount_cents: int | None = None
    percent: Decimal | None = None


@register("tiered")
@dataclass(frozen=True, slots=True)
class Tiered(_LineBenefit):
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
                    None if percent is None else _percent(percent),
                )
            )
        if not tiers:
            raise KeyError("tiers")
        return cls(tuple(sorted(tiers, key=lambda t: t.min_subtotal_cents)), _cap(data))

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


@register("shipping")
@dataclass(frozen=True, slots=True)
class Shipping:
    """A percentage or a fixed amount off shipping."""

    percent: Decimal | None = None
    amount_cents: int | None = None
    max_discount_cents: int | None = None

    @classmethod
    def from_rule(cls, data: Mapping[str, Any]) -> Shipping:
        percent = data.get("percent")
        amount = data.get("amount_cents")
        if percent is None and amount is None:
            raise KeyError("percent or amount_cents")
        return cls(
            None if percent is None else _percent(percent),
            None if amount is None else int(amount),
            _cap(data),
        )

    def discount_class(self, whole_order: bool) -> DiscountClass:
        return DiscountClass.SHIPPING

    def unmet(self, facts: Facts) -> NotMet | None:
        return None

    def line_discounts(
        self, lines: Sequence[CartLine], remaining: Sequence[int], facts: Facts
    ) -> list[int]:
        return [0] * len(lines)

    def shipping_discount(self, shipping_cents: int) -> int:
        if self.percent is not None:
            return min(percent_of(shipping_cents, self.percent), shipping_cents)
        return min(self.amount_cents or 0, shipping_cents)
