"""Free gifts: the engine's `Gift`s become $0 cart lines with the catalog's product data.

The engine says which gifts the cart earned (sku, quantity, promotion); this module
decides which can be given. As Shopify does, a gift that can't be given is not added
and the shopper is told plainly why: its product is unknown, off sale, age-restricted
(never handed out unasked), or short of stock once the paid lines of the same product
have taken theirs. Checkout takes the gift's stock in the order's transaction and
places the order without it if the last units went in the meantime.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select

from catalog.models import Product
from core.errors import Invalid
from core.extensions import db
from promotions.engine import Gift


@dataclass(frozen=True, slots=True)
class GiftView:
    """A free gift line: shown at $0; `value_cents` is its retail value (the promotion's cost)."""

    sku: str
    name: str
    slug: str
    image: str | None
    product_id: int
    quantity: int
    unit_value_cents: int
    promotion_id: int
    promotion: str
    code: str | None
    unit_price_cents: int = 0
    total_cents: int = 0

    @property
    def value_cents(self) -> int:
        return self.unit_value_cents * self.quantity


@dataclass(frozen=True, slots=True)
class Gifts:
    """The gifts to give, what to tell the shopper, and the gift promotions not given."""

    given: tuple[GiftView, ...] = ()
    notes: tuple[str, ...] = ()
    withheld: frozenset[int] = frozenset()


NO_GIFTS = Gifts()


def _why_not(product: Product | None, needed: int) -> str | None:
    if product is None or not product.active or product.department.age_restricted:
        return "isn't available right now"
    if product.stock < needed:
        return "is out of stock"
    return None


def gifts_for(earned: tuple[Gift, ...], paid: Mapping[str, int]) -> Gifts:
    """Which `earned` gifts can be given beside the `paid` quantities (by sku); one query."""
    if not earned:
        return NO_GIFTS
    skus = {gift.sku for gift in earned}
    products = {
        product.sku: product
        for product in db.session.scalars(
            select(Product).where(Product.sku.in_(skus))  # the department is joined (catalog.models)
        )
    }
    needed = dict(paid)
    given: list[GiftView] = []
    notes: list[str] = []
    withheld: set[int] = set()
    for gift in earned:
        product = products.get(gift.sku)
        units = needed.get(gift.sku, 0) + gift.quantity
        why = _why_not(product, units)
        label = gift.code or gift.name
        if why is not None or product is None:
            what = f"The free gift {product.name}" if product is not None else "The free gift"
            notes.append(f"{what} from {label} {why}, so it isn't in your cart.")
            withheld.add(gift.promotion_id)
            continue
        needed[gift.sku] = units
        given.append(
            GiftView(
                sku=product.sku,
                name=product.name,
                slug=product.slug,
                image=product.image,
                product_id=product.id,
                quantity=gift.quantity,
                unit_value_cents=product.price_cents,
                promotion_id=gift.promotion_id,
                promotion=gift.name,
                code=gift.code,
            )
        )
    return Gifts(tuple(given), tuple(notes), frozenset(withheld))


def check_gift_product(rule: dict) -> None:
    """A promotions rule check: a free gift names a product the store can give away."""
    benefit = rule.get("benefit") or {}
    if benefit.get("type") != "free_gift":
        return
    sku = benefit["sku"]
    product = db.session.scalar(select(Product).where(Product.sku == sku))
    if product is None:
        message = f"No product has the SKU {sku}."
    elif product.department.age_restricted:
        message = f"{product.name} is age-restricted: it can't be given away."
    else:
        return
    raise Invalid(message, fields={"benefit": {"sku": [message]}})
