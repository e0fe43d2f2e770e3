"""The pure promotions pricing engine: standard library only, no I/O.

Build `Promotion`s from rule dicts with `promotion_from_rule`, compile them
with `PromotionIndex.build`, then `price_cart` a `CartSnapshot` in a
`PricingContext`; `check_code` answers a shopper who types a code.
"""

from .benefits import DiscountClass, FreeGift
from .cart import CartLine, CartSnapshot
from .clock import next_change
from .codes import CodeCheck, CodeStatus, check_code
from .customers import customer_key
from .explain import Explanation, ExplanationStatus
from .floor import NO_FLOOR, PriceFloor
from .gifts import Gift
from .index import PromotionIndex
from .money import allocate, format_cents, normalize_code, percent_of
from .pricing import (
    AppliedDiscount,
    PricedCart,
    PricedLine,
    PricingContext,
    PromotionUsage,
    SearchMode,
    price_cart,
)
from .rules import Code, Promotion, RuleError, Stacking, Trigger, promotion_from_rule

__all__ = [
    "NO_FLOOR",
    "AppliedDiscount",
    "CartLine",
    "CartSnapshot",
    "Code",
    "CodeCheck",
    "CodeStatus",
    "DiscountClass",
    "Explanation",
    "FreeGift",
    "Gift",
    "ExplanationStatus",
    "PricedCart",
    "PriceFloor",
    "PricedLine",
    "PricingContext",
    "Promotion",
    "PromotionIndex",
    "PromotionUsage",
    "RuleError",
    "SearchMode",
    "Stacking",
    "Trigger",
    "allocate",
    "check_code",
    "customer_key",
    "format_cents",
    "next_change",
    "normalize_code",
    "percent_of",
    "price_cart",
    "promotion_from_rule",
]
