"""What the cart page and the API show: a stored cart priced by the live promotions."""

from dataclasses import dataclass, field

from promotions.compile import CompiledPromotions
from promotions.engine import CartSnapshot, PricedCart
from promotions.quotes import price_snapshot, product_line
from storefront.cart.gifts import GiftView, gifts_for
from storefront.cart.models import Cart
from storefront.cart.shipping import ShippingMethod, shipping_cents


@dataclass(frozen=True, slots=True)
class LineView:
    sku: str
    name: str
    slug: str
    image: str | None
    department: str
    quantity: int
    stock: int
    unit_price_cents: int
    subtotal_cents: int
    discount_cents: int
    total_cents: int


@dataclass(frozen=True, slots=True)
class DiscountShare:
    sku: str
    amount_cents: int


@dataclass(frozen=True, slots=True)
class DiscountView:
    promotion_id: int
    promotion: str
    code: str | None
    discount_class: str
    amount_cents: int
    lines: tuple[DiscountShare, ...]


@dataclass(frozen=True, slots=True)
class CodeView:
    """A code on the cart as the page lists it: what it takes off now, or that it gives a gift."""

    code: str
    saving_cents: int
    gives_gift: bool


@dataclass(frozen=True, slots=True)
class CartView:
    """What the cart page and the API show; built only from server-side prices."""

    token: str
    lines: tuple[LineView, ...]
    codes: tuple[str, ...]
    discounts: tuple[DiscountView, ...]
    subtotal_cents: int
    discount_cents: int
    shipping_cents: int
    shipping_discount_cents: int
    tax_cents: int
    total_cents: int
    messages: tuple[str, ...]
    priced: PricedCart = field(repr=False)
    gifts: tuple[GiftView, ...] = ()  # free products at $0, never part of the totals

    @property
    def item_count(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def is_empty(self) -> bool:
        return not self.lines

    @property
    def code_views(self) -> tuple[CodeView, ...]:
        return tuple(
            CodeView(
                code=code,
                saving_cents=sum(discount.amount_cents for discount in self.discounts if discount.code == code),
                gives_gift=any(gift.code == code for gift in self.gifts),
            )
            for code in self.codes
        )


@dataclass(frozen=True, slots=True)
class Shopper:
    """Who is buying, as far as promotions care."""

    email: str | None = None
    region: str | None = None
    first_order: bool = False


def snapshot(cart: Cart, shopper: Shopper, method: ShippingMethod) -> CartSnapshot:
    lines = tuple(product_line(line.product, line.quantity) for line in cart.lines)
    return CartSnapshot(
        lines=lines,
        shipping_cents=shipping_cents(method, bool(lines)),
        region=shopper.region,
        first_order=shopper.first_order,
        email=shopper.email,
    )


def cart_view(
    cart: Cart,
    shopper: Shopper = Shopper(),
    method: ShippingMethod = ShippingMethod.STANDARD,
    tax_cents: int = 0,
    notices: tuple[str, ...] = (),
    promotions: CompiledPromotions | None = None,
) -> CartView:
    """Price `cart` for `shopper`; tax is added by checkout once the address is known."""
    codes = tuple(cart.codes or ())
    priced = price_snapshot(snapshot(cart, shopper, method), codes, promotions)
    products = {line.product.sku: line.product for line in cart.lines}
    lines = tuple(
        LineView(
            sku=priced_line.sku,
            name=products[priced_line.sku].name,
            slug=products[priced_line.sku].slug,
            image=products[priced_line.sku].image,
            department=products[priced_line.sku].department.slug,
            quantity=priced_line.quantity,
            stock=products[priced_line.sku].stock,
            unit_price_cents=priced_line.unit_price_cents,
            subtotal_cents=priced_line.subtotal_cents,
            discount_cents=priced_line.discount_cents,
            total_cents=priced_line.total_cents,
        )
        for priced_line in priced.lines
    )
    discounts = tuple(
        DiscountView(
            promotion_id=applied.promotion_id,
            promotion=applied.name,
            code=applied.code,
            discount_class=str(applied.discount_class),
            amount_cents=applied.amount_cents,
            lines=tuple(DiscountShare(sku, cents) for sku, cents in applied.line_shares),
        )
        for applied in priced.discounts
    )
    gifts = gifts_for(priced.gifts, {line.sku: line.quantity for line in priced.lines})
    messages = (
        notices
        + tuple(
            explanation.message
            for explanation in priced.explanations
            if explanation.message and explanation.promotion_id not in gifts.withheld
        )
        + gifts.notes
    )
    return CartView(
        token=cart.token,
        lines=lines,
        codes=tuple(cart.codes or ()),
        discounts=discounts,
        subtotal_cents=priced.subtotal_cents,
        discount_cents=priced.discount_cents,
        shipping_cents=priced.shipping_cents,
        shipping_discount_cents=priced.shipping_discount_cents,
        tax_cents=tax_cents,
        total_cents=priced.total_cents + tax_cents,
        messages=messages,
        priced=priced,
        gifts=gifts.given,
    )
