"""Shipping methods and their flat rates in cents."""

import enum
from dataclasses import dataclass


class ShippingMethod(enum.StrEnum):
    STANDARD = "standard"
    EXPRESS = "express"


@dataclass(frozen=True, slots=True)
class ShippingRate:
    method: ShippingMethod
    label: str
    cents: int
    days: str


RATES = {
    ShippingMethod.STANDARD: ShippingRate(ShippingMethod.STANDARD, "Standard", 695, "3–5 business days"),
    ShippingMethod.EXPRESS: ShippingRate(ShippingMethod.EXPRESS, "Express", 1995, "1–2 business days"),
}


def shipping_cents(method: ShippingMethod, has_items: bool) -> int:
    return RATES[method].cents if has_items else 0


def standard_shipping_cents(has_items: bool) -> int:
    """What the promotions admin's preview charges its sample cart for shipping."""
    return shipping_cents(ShippingMethod.STANDARD, has_items)
