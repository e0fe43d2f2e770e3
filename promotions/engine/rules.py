"""Rule dicts (the admin API and storage format) -> engine `Promotion` objects."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from .benefits import BENEFITS, Benefit, DiscountClass
from .conditions import CONDITIONS, Condition
from .eligibility import Eligibility
from .money import normalize_code

__all__ = [
    "Code",
    "Promotion",
    "RuleError",
    "Stacking",
    "Trigger",
    "default_combines_with",
    "promotion_from_rule",
]


class RuleError(ValueError):
    """A rule names an unknown condition or benefit type, or lacks a field."""


class Stacking(StrEnum):
    """Whether a promotion may be combined with others."""

    EXCLUSIVE = "exclusive"
    COMBINABLE = "combinable"


class Trigger(StrEnum):
    """How a promotion is switched on for a cart."""

    AUTOMATIC = "automatic"
    CODE = "code"


@dataclass(frozen=True, slots=True)
class Code:
    """A code that switches on a promotion; `text` is normalized."""

    text: str
    usage_limit: int | None = None


ALL_CLASSES = frozenset(DiscountClass)
# Safe default: a product discount left unset does not compound with other product
# discounts on a line (as Shopify's default); other classes default to everything.
PRODUCT_DEFAULT = frozenset({DiscountClass.ORDER, DiscountClass.SHIPPING})


def default_combines_with(discount_class: DiscountClass) -> frozenset[DiscountClass]:
    """What a promotion of `discount_class` combines with when its rule does not say."""
    return PRODUCT_DEFAULT if discount_class is DiscountClass.PRODUCT else ALL_CLASSES


@dataclass(frozen=True, slots=True, eq=False)
class Promotion:
    """A compiled promotion. Compared and hashed by identity: build once, share."""

    id: int
    name: str
    trigger: Trigger
    benefit: Benefit
    codes: tuple[Code, ...] = ()
    priority: int = 0
    stacking: Stacking = Stacking.COMBINABLE
    combines_with: frozenset[DiscountClass] | None = None  # None: the class's default
    starts_at: datetime | None = None
    ends_at: datetime | None = None  # exclusive
    usage_limit: int | None = None
    usage_limit_per_customer: int | None = None
    budget_cents: int | None = None
    eligibility: Eligibility = Eligibility()
    conditions: tuple[Condition, ...] = ()
    discount_class: DiscountClass = field(init=False)
    sort_key: tuple[int, int] = field(init=False)
    # What decides whether two promotions may be combined (see stacking.conflicts).
    signature: tuple[DiscountClass, frozenset[DiscountClass], Trigger] = field(init=False)

    def __post_init__(self) -> None:
        discount_class = self.benefit.discount_class(self.eligibility.whole_order)
        object.__setattr__(self, "discount_class", discount_class)
        if self.combines_with is None:
            object.__setattr__(self, "combines_with", default_combines_with(discount_class))
        signature = (discount_class, self.combines_with, self.trigger)
        object.__setattr__(self, "signature", signature)
        object.__setattr__(self, "sort_key", (-self.priority, self.id))

    def __repr__(self) -> str:
        return (
            f"Promotion(id={self.id}, name={self.name!r}, {self.discount_class}, {self.stacking})"
        )

    def label(self, code: str | None) -> str:
        """How shoppers know it: by the code they typed, else by name."""
        return code or self.name


def _datetime(value: Any, field_name: str) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError as error:
            raise RuleError(f"{field_name} is not an ISO-8601 date-time: {value!r}") from error
    if not isinstance(value, datetime):
        raise RuleError(f"{field_name} must be a date-time")
    if value.tzinfo is None or value.utcoffset() is None:
        raise RuleError(f"{field_name} must carry a time-zone offset")
    return value


def _optional_int(rule: Mapping[str, Any], key: str) -> int | None:
    value = rule.get(key)
    return None if value is None else int(value)


def _build(registry: Mapping[str, Any], data: Mapping[str, Any], kind: str) -> Any:
    type_name = data.get("type")
    try:
        factory = registry[type_name]
    except KeyError:
        raise RuleError(f"unknown {kind} type {type_name!r}") from None
    try:
        return factory(data)
    except KeyError as error:
        raise RuleError(f"{kind} {type_name!r} is missing field {error.args[0]!r}") from None
    except (TypeError, ValueError, ArithmeticError) as error:
        raise RuleError(f"{kind} {type_name!r} has an invalid value: {error}") from None


def _required(rule: Mapping[str, Any], key: str) -> Any:
    try:
        return rule[key]
    except KeyError:
        raise RuleError(f"rule is missing field {key!r}") from None


def promotion_from_rule(
    rule: Mapping[str, Any],
    *,
    promotion_id: int,
    codes: Iterable[Code] | None = None,
) -> Promotion:
    """Build a `Promotion` from an already validated rule dict.

    `codes=None` builds codes from `rule["codes"]` with no per-code limit.
    A missing `combines_with` means "every class" for order and shipping
    discounts and "order and shipping" for product discounts (two product
    discounts share a line only when both list "product"); an empty list
    means "combines with nothing".
    """
    try:
        trigger = Trigger(_required(rule, "trigger"))
        stacking = Stacking(rule.get("stacking") or Stacking.COMBINABLE)
        combines = rule.get("combines_with")
        combines_with = None if combines is None else frozenset(DiscountClass(c) for c in combines)
    except ValueError as error:
        raise RuleError(str(error)) from None
    if codes is None:
        built_codes = tuple(Code(normalize_code(text)) for text in rule.get("codes") or ())
    else:
        built_codes = tuple(Code(normalize_code(code.text), code.usage_limit) for code in codes)
    conditions = tuple(
        _build(CONDITIONS, data, "condition") for data in rule.get("conditions") or ()
    )
    return Promotion(
        id=promotion_id,
        name=str(_required(rule, "name")),
        trigger=trigger,
        benefit=_build(BENEFITS, _required(rule, "benefit"), "benefit"),
        codes=built_codes,
        priority=int(rule.get("priority") or 0),
        stacking=stacking,
        combines_with=combines_with,
        starts_at=_datetime(rule.get("starts_at"), "starts_at"),
        ends_at=_datetime(rule.get("ends_at"), "ends_at"),
        usage_limit=_optional_int(rule, "usage_limit"),
        usage_limit_per_customer=_optional_int(rule, "usage_limit_per_customer"),
        budget_cents=_optional_int(rule, "budget_cents"),
        eligibility=Eligibility.from_rule(rule.get("eligible")),
        conditions=conditions,
    )
