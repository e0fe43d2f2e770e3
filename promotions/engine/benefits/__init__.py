"""Benefits: what a promotion takes off, as per-line cents or a shipping amount.

Each benefit is a small class registered by its rule type name (`@register` in
`base`). Product and order benefits return one discount per eligible line (aligned
with the lines they were given, computed on each line's remaining amount); the
shipping benefit returns an amount off the remaining shipping. Capping, budgets and
clamping to the base are done by the pricing step, once, for every benefit.

The types live in the modules below, grouped by how they work; importing this
package registers them all. A new type goes into one of them (or into a new module
imported here).
"""

from .base import BENEFITS, Benefit, DiscountClass, LineBenefit, register
from .gift import FreeGift
from .items import AmountOffEach, AmountOffOrder, FixedPriceEach, PercentOff
from .shipping import Shipping
from .steps import BuyXGetY, Tier, Tiered

__all__ = [
    "BENEFITS",
    "AmountOffEach",
    "AmountOffOrder",
    "Benefit",
    "BuyXGetY",
    "DiscountClass",
    "FixedPriceEach",
    "FreeGift",
    "LineBenefit",
    "PercentOff",
    "Shipping",
    "Tier",
    "Tiered",
    "register",
]
