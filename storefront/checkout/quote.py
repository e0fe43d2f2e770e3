"""A checkout quote: the cart priced for an address and method, with tax, and a fingerprint.

The fingerprint hashes everything the shopper is agreeing to (lines, unit prices, each
saving, shipping, tax, total). The review page sends it back; if the server's fresh quote
has a different fingerprint, something changed and the order is not placed.
"""

import dataclasses
import hashlib
import json

from sqlalchemy import exists, select

from catalog.models import Product
from core.errors import Invalid
from core.extensions import db
from promotions.engine import ExplanationStatus
from promotions.engine import format_cents as money
from storefront.cart.models import Cart
from storefront.cart.service import AgeNotConfirmed, ProductUnavailable
from storefront.cart.shipping import ShippingMethod
from storefront.cart.view_model import CartView, Shopper, cart_view
from storefront.checkout.models import Order, OrderStatus
from storefront.checkout.tax import tax_cents
from storefront.identity import same_customer


@dataclasses.dataclass(frozen=True, slots=True)
class Quote:
    view: CartView
    fingerprint: str
    region: str
    method: ShippingMethod

    @property
    def total_cents(self) -> int:
        return self.view.total_cents


class EmptyCart(Invalid):
    def __init__(self):
        super().__init__("Your cart is empty.")


class ShippingRestricted(Invalid):
    """A CBD item cannot go to a region its department may not ship to."""

    code = "shipping_restricted"

    def __init__(self, product: Product, region: str):
        message = f"We can't ship {product.name} to {region}. Please remove it or choose another address."
        super().__init__(message, fields={"shipping_address": {"region": [message]}})


def is_first_order(email: str | None) -> bool:
    if not email:
        return False
    placed = exists().where(same_customer(Order.email, email), Order.status == OrderStatus.PLACED)
    return not db.session.scalar(select(placed))


def fingerprint(view: CartView) -> str:
    """A short hash of every number the shopper sees on the review page."""
    facts = {
        "lines": [
            (line.sku, line.quantity, line.unit_price_cents, line.discount_cents, line.total_cents)
            for line in view.lines
        ],
        "discounts": [(d.promotion_id, d.code, d.amount_cents) for d in view.discounts],
        "shipping": [view.shipping_cents, view.shipping_discount_cents],
        "tax": view.tax_cents,
        "total": view.total_cents,
    }
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()[:32]


def quote(cart: Cart, *, email: str | None, region: str, method: ShippingMethod) -> Quote:
    """Price `cart` with the engine, then add tax on the discounted merchandise (and shipping)."""
    if not cart.lines:
        raise EmptyCart()
    shopper = Shopper(email=email, region=region, first_order=is_first_order(email))
    view = cart_view(cart, shopper, method)
    tax = tax_cents(
        region=region,
        merchandise_cents=view.subtotal_cents - view.discount_cents,
        shipping_cents=view.shipping_cents,
    )
    view = dataclasses.replace(view, tax_cents=tax, total_cents=view.total_cents + tax)
    return Quote(view=view, fingerprint=fingerprint(view), region=region, method=method)


def check_restrictions(cart: Cart, *, region: str, age_confirmed: bool) -> None:
    """CBD rules and availability: refuse before any money or stock is touched."""
    for line in cart.lines:
        product = line.product
        if not product.active:
            raise ProductUnavailable(product)
        if product.department.age_restricted and not age_confirmed:
            raise AgeNotConfirmed(product)
        if not product.department.ships_to(region):
            raise ShippingRestricted(product, region)


def changes(current: Quote, *, expected_total: int | None = None, seen: str | None = None) -> list[str]:
    """What differs from what the shopper saw, in words; empty when nothing did."""
    notes = [
        f"Only {line.stock} left of {line.name}." if line.stock > 0 else f"{line.name} is sold out."
        for line in current.view.lines
        if line.quantity > line.stock
    ]
    changed = (seen is not None and seen != current.fingerprint) or (
        expected_total is not None and expected_total != current.total_cents
    )
    if changed or notes:
        notes += [
            e.message
            for e in current.view.priced.explanations
            if e.message and e.status in (ExplanationStatus.LIMIT_REACHED, ExplanationStatus.BUDGET_EXHAUSTED,
                                          ExplanationStatus.EXPIRED)
        ]
    if changed and expected_total is not None and expected_total != current.total_cents:
        notes.append(f"Your total is now {money(current.total_cents)} (was {money(expected_total)}).")
    elif changed:
        notes.append(f"Your cart was re-priced; the total is now {money(current.total_cents)}.")
    return notes
