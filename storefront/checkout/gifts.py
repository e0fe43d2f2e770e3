"""Free gifts at checkout: claimed like any promotion, stock taken with the order's, never blocking it.

A gift promotion is claimed with the discounts, in the same promotion-id order: its use,
its code, the shopper's use, and the gift's retail value against any budget (a limit
reached in the meantime re-prices the cart like any promotion). Its stock is taken in the
same product-id pass as the paid lines (catalog.stock.take_stock), so the
database keeps stock from going below zero for gifts exactly as for paid units. When the
last units went to someone else in the meantime, the order is placed without the gift,
its claim is given back in the same transaction, and the shopper is told so. The gift is
not part of the review fingerprint for that reason: it never changes what the shopper pays.
"""

from collections.abc import Iterable

from promotions.engine import Gift
from promotions.redemption import Claim, release_all
from storefront.cart.gifts import GiftView
from storefront.checkout.models import GIFT_CLASS, OrderDiscount, OrderLine


def gift_claims(gifts: Iterable[GiftView], customer_key: str | None) -> list[Claim]:
    """One claim per gift promotion; its amount is the gift's retail value (its cost)."""
    return [
        Claim(gift.promotion_id, gift.code or gift.promotion, gift.value_cents, code=gift.code,
              customer_key=customer_key)
        for gift in gifts
    ]


def stock_wanted(gifts: Iterable[GiftView]) -> list[tuple[int, int, int]]:
    """(key, product id, quantity) for catalog.stock.take_stock; the key is the promotion."""
    return [(gift.promotion_id, gift.product_id, gift.quantity) for gift in gifts]


def settle(
    earned: tuple[Gift, ...], offered: tuple[GiftView, ...], missed: frozenset[int], customer_key: str | None
) -> tuple[tuple[GiftView, ...], tuple[str, ...]]:
    """The gifts given, and what to tell the shopper about each gift earned but not given.

    `offered` are the earned gifts the quote could give; `missed` the promotions among them
    whose stock ran out at the take: their claims are given back here.
    """
    ran_out = [gift for gift in offered if gift.promotion_id in missed]
    if ran_out:
        release_all(gift_claims(ran_out, customer_key))
    given = tuple(gift for gift in offered if gift.promotion_id not in missed)
    offered_ids = {gift.promotion_id for gift in offered}
    notes = [
        f"The free gift {gift.name} from {gift.code or gift.promotion} ran out of stock, "
        "so your order was placed without it."
        for gift in ran_out
    ]
    notes += [
        f"The free gift from {gift.code or gift.name} isn't available, "
        "so your order was placed without it."
        for gift in earned
        if gift.promotion_id not in offered_ids
    ]
    return given, tuple(notes)


def gift_lines(gifts: Iterable[GiftView]) -> list[OrderLine]:
    """Each gift as an order line at $0 that names the promotion that gave it."""
    return [
        OrderLine(
            product_id=gift.product_id,
            sku=gift.sku,
            name=gift.name,
            unit_price_cents=0,
            quantity=gift.quantity,
            subtotal_cents=0,
            discount_cents=0,
            total_cents=0,
            gift_promotion_id=gift.promotion_id,
        )
        for gift in gifts
    ]


def gift_discounts(
    gifts: Iterable[GiftView], rules: dict[int, dict], customer_key: str | None
) -> list[OrderDiscount]:
    """Each gift promotion as applied: its retail value is what it cost (reports, budget, release)."""
    return [
        OrderDiscount(
            promotion_id=gift.promotion_id,
            name=gift.promotion,
            code=gift.code,
            discount_class=GIFT_CLASS,
            amount_cents=gift.value_cents,
            line_shares=[],
            rule=rules.get(gift.promotion_id),
            customer_key=customer_key,
        )
        for gift in gifts
    ]
