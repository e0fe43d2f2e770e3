"""Prices a cart snapshot against the compiled active promotions and their usage counts.

Per cart: the version query (promotions.compile), then usage counters for the
candidate promotions that have limits only (at most two small queries, none when no
candidate is limited), then the pure engine.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

from flask import current_app
from sqlalchemy import and_, select

from core.extensions import db
from promotions.compile import CompiledPromotions, compiled_promotions
from promotions.engine import (
    CartLine,
    CartSnapshot,
    CodeCheck,
    PricedCart,
    PriceFloor,
    PricingContext,
    Promotion,
    PromotionIndex,
    PromotionUsage,
    check_code,
    customer_key,
    normalize_code,
    price_cart,
)
from promotions.models import Promotion as PromotionRow
from promotions.models import PromotionCode, PromotionCustomerUse


def load_usage(
    promotions: Iterable[Promotion], codes: Sequence[str], email: str | None
) -> dict[int, PromotionUsage]:
    """Counters for the limited ones among `promotions`: one query, two with limited codes."""
    key = customer_key(email)
    entered = {normalize_code(code) for code in codes}
    counted: list[int] = []
    limited_codes: list[str] = []
    for promotion in promotions:
        if (
            promotion.usage_limit is not None
            or promotion.budget_cents is not None
            or (key and promotion.usage_limit_per_customer is not None)
        ):
            counted.append(promotion.id)
        limited_codes.extend(
            code.text
            for code in promotion.codes
            if code.usage_limit is not None and code.text in entered
        )
    usage: dict[int, PromotionUsage] = {}
    if counted:
        rows = db.session.execute(
            select(
                PromotionRow.id,
                PromotionRow.times_used,
                PromotionRow.given_cents,
                PromotionCustomerUse.uses,
            )
            .outerjoin(
                PromotionCustomerUse,
                and_(
                    PromotionCustomerUse.promotion_id == PromotionRow.id,
                    PromotionCustomerUse.customer_key == (key or ""),
                ),
            )
            .where(PromotionRow.id.in_(counted))
        )
        for promotion_id, times_used, given_cents, customer_uses in rows:
            usage[promotion_id] = PromotionUsage(times_used, customer_uses or 0, given_cents)
    if limited_codes:
        rows = db.session.execute(
            select(PromotionCode.promotion_id, PromotionCode.code, PromotionCode.times_used).where(
                PromotionCode.code.in_(limited_codes)
            )
        )
        by_promotion: dict[int, dict[str, int]] = {}
        for promotion_id, code, times_used in rows:
            by_promotion.setdefault(promotion_id, {})[code] = times_used
        for promotion_id, code_uses in by_promotion.items():
            base = usage.get(promotion_id, PromotionUsage())
            usage[promotion_id] = PromotionUsage(
                base.uses, base.customer_uses, base.given_cents, code_uses
            )
    return usage


def _percent_setting(name: str) -> Decimal | None:
    value = current_app.config.get(name)
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise RuntimeError(f"{name} must be a percentage, got {value!r}") from None


def store_floor() -> PriceFloor:
    """The store's price floor from app config (PRICE_FLOOR_PERCENT_OF_PRICE / _OF_COST)."""
    return PriceFloor(
        _percent_setting("PRICE_FLOOR_PERCENT_OF_PRICE"),
        _percent_setting("PRICE_FLOOR_PERCENT_OF_COST"),
    )


def _context(codes: tuple[str, ...], usage: dict[int, PromotionUsage]) -> PricingContext:
    return PricingContext(
        now=datetime.now(UTC),
        codes=codes,
        usage=usage,
        timezone=current_app.config["STORE_TIMEZONE"],
        floor=store_floor(),
    )


def price_with(index: PromotionIndex, cart: CartSnapshot, codes: tuple[str, ...]) -> PricedCart:
    candidates = index.candidates(cart, codes)
    return price_cart(cart, index, _context(codes, load_usage(candidates, codes, cart.email)))


def price_snapshot(
    cart: CartSnapshot, codes: tuple[str, ...], promotions: CompiledPromotions | None = None
) -> PricedCart:
    """Price `cart` with `codes` against every active promotion (`promotions`: when known)."""
    return price_with((promotions or compiled_promotions()).index, cart, codes)


def check_entered_code(text: str, email: str | None = None) -> CodeCheck:
    """What to tell a shopper who typed `text` (dates and limits, not the cart's contents)."""
    index = compiled_promotions().index
    found = index.find_code(text)
    usage = load_usage([found[0]], (text,), email) if found else {}
    return check_code(text, index, _context((), usage))


# --- shelf prices -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SalePrice:
    """A product's price after automatic product promotions, and which ones."""

    price_cents: int
    was_cents: int
    promotions: tuple[str, ...]

    @property
    def saving_cents(self) -> int:
        return self.was_cents - self.price_cents


def product_line(product, quantity: int) -> CartLine:
    """An engine cart line for a catalog product at its current price."""
    return CartLine(
        sku=product.sku,
        product_id=product.id,
        department=product.department.slug,
        tags=frozenset(product.tags or ()),
        unit_price_cents=product.price_cents,
        quantity=quantity,
        unit_cost_cents=product.cost_cents,
    )


def _one_unit(product) -> CartSnapshot:
    return CartSnapshot(lines=(product_line(product, 1),))


def sale_prices(products: Iterable) -> dict[int, SalePrice]:
    """Automatic sale prices by product id, for products whose price a promotion lowers.

    Each product is priced as a one-unit cart against the automatic product-class
    promotions only; usage counters for all of them come in one query.
    """
    index = compiled_promotions().sale_index
    if not len(index):
        return {}
    carts = {product.id: _one_unit(product) for product in products}
    candidates = {p.id: p for cart in carts.values() for p in index.candidates(cart, ())}
    if not candidates:
        return {}
    context = _context((), load_usage(candidates.values(), (), None))
    prices: dict[int, SalePrice] = {}
    for product_id, cart in carts.items():
        priced = price_cart(cart, index, context)
        line = priced.lines[0]
        if line.total_cents < line.subtotal_cents:
            names = tuple(discount.name for discount in priced.discounts)
            prices[product_id] = SalePrice(line.total_cents, line.subtotal_cents, names)
    return prices


def sale_price(product) -> SalePrice | None:
    """The automatic sale price of one product, or None."""
    return sale_prices([product]).get(product.id)
