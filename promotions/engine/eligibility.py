"""Which items a promotion covers, and whether it is live and has uses left."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any

from .cart import CartLine
from .explain import ExplanationStatus, NotMet

__all__ = ["Eligibility", "PromotionUsage", "check_dates", "check_limits"]

_EMPTY: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Eligibility:
    """Items that count towards AND receive a promotion; exclusions always win."""

    departments: frozenset[str] = _EMPTY
    products: frozenset[str] = _EMPTY
    tags: frozenset[str] = _EMPTY
    exclude_departments: frozenset[str] = _EMPTY
    exclude_products: frozenset[str] = _EMPTY
    exclude_tags: frozenset[str] = _EMPTY
    has_includes: bool = field(init=False)
    has_excludes: bool = field(init=False)

    def __post_init__(self) -> None:
        includes = bool(self.departments or self.products or self.tags)
        excludes = bool(self.exclude_departments or self.exclude_products or self.exclude_tags)
        object.__setattr__(self, "has_includes", includes)
        object.__setattr__(self, "has_excludes", excludes)

    @classmethod
    def from_rule(cls, data: Mapping[str, Any] | None) -> Eligibility:
        """Build from the rule's `eligible` mapping (missing or empty means every item)."""
        data = data or {}
        return cls(**{name: frozenset(data.get(name) or ()) for name in _RULE_KEYS})

    @property
    def whole_order(self) -> bool:
        """True when every item is eligible whatever the cart holds."""
        return not (self.has_includes or self.has_excludes)

    def includes(self, line: CartLine) -> bool:
        """True when the line matches an include list (or there are none)."""
        return (
            not self.has_includes
            or line.sku in self.products
            or line.department in self.departments
            or not self.tags.isdisjoint(line.tags)
        )

    def excludes(self, line: CartLine) -> bool:
        """True when the line matches any exclude list."""
        return self.has_excludes and (
            line.sku in self.exclude_products
            or line.department in self.exclude_departments
            or not self.exclude_tags.isdisjoint(line.tags)
        )

    def matches(self, line: CartLine) -> bool:
        """True when the line is eligible."""
        return self.includes(line) and not self.excludes(line)


_RULE_KEYS = (
    "departments",
    "products",
    "tags",
    "exclude_departments",
    "exclude_products",
    "exclude_tags",
)


_NO_CODE_USES: Mapping[str, int] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class PromotionUsage:
    """How much a promotion has been used so far (all shoppers, this shopper, per code)."""

    uses: int = 0
    customer_uses: int = 0
    given_cents: int = 0
    code_uses: Mapping[str, int] = field(default_factory=lambda: _NO_CODE_USES)


NO_USAGE = PromotionUsage()

_NOT_STARTED = NotMet(ExplanationStatus.NOT_STARTED)
_EXPIRED = NotMet(ExplanationStatus.EXPIRED)
_USED_UP = NotMet(ExplanationStatus.LIMIT_REACHED)
_CUSTOMER_USED_UP = NotMet(
    ExplanationStatus.LIMIT_REACHED,
    detail="has already been used as many times as allowed for your account",
)
_BUDGET = NotMet(ExplanationStatus.BUDGET_EXHAUSTED)


def check_dates(
    starts_at: datetime | None, ends_at: datetime | None, now: datetime
) -> NotMet | None:
    """None when `now` is in [starts_at, ends_at); the end instant is exclusive."""
    if starts_at is not None and now < starts_at:
        return _NOT_STARTED
    if ends_at is not None and now >= ends_at:
        return _EXPIRED
    return None


def check_limits(promotion: Any, code: Any, usage: PromotionUsage) -> NotMet | None:
    """None when the promotion, this shopper and the entered code all have uses and budget left."""
    if promotion.usage_limit is not None and usage.uses >= promotion.usage_limit:
        return _USED_UP
    limit = promotion.usage_limit_per_customer
    if limit is not None and usage.customer_uses >= limit:
        return _CUSTOMER_USED_UP
    code_limit = None if code is None else code.usage_limit
    if code_limit is not None and usage.code_uses.get(code.text, 0) >= code_limit:
        return _USED_UP
    if promotion.budget_cents is not None and usage.given_cents >= promotion.budget_cents:
        return _BUDGET
    return None
