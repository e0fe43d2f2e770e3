"""Placing an order: one transaction that takes everything or nothing.

Order of work (the only order that never leaves half an order behind):
  1. outside any write lock: price the cart, check CBD rules, compare with what the shopper saw;
  2. authorise the payment (a decline stops here, nothing consumed);
  3. one write transaction (BEGIN IMMEDIATE on SQLite): complete the cart once, re-price,
     claim promotion/code/customer uses, take stock in product-id order, write the order,
     its lines, discounts, payment and confirmation mail, finish the idempotency key;
  4. any failure rolls back the transaction and voids the authorisation.
Locks are always taken in the same order (cart, promotions by id, codes, customer uses,
the promotions version, products by id, the catalog version), so concurrent checkouts wait for each other instead of deadlocking.
"""

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.exc import DBAPIError

from catalog.models import Product
from catalog.stock import take_stock
from core.errors import Conflict
from core.extensions import db
from core.transactions import StoreBusy, write_transaction
from promotions.engine import customer_key
from promotions.redemption import Claim, ClaimRefused, claim_all, frozen_rules
from storefront.cart.models import Cart, CartStatus
from storefront.cart.service import CartCompleted, find_cart
from storefront.checkout import gifts, mail
from storefront.checkout.models import Order, OrderDiscount, OrderLine, Payment, PaymentStatus
from storefront.checkout.payments import Authorization, Card, provider
from storefront.checkout.quote import Quote, changes, check_restrictions, quote
from storefront.mail.tasks import send_after_commit

RETRIES = 3


class CartChanged(Conflict):
    """Prices, promotions or stock moved since the shopper looked; they must confirm again."""

    code = "cart_changed"

    def __init__(self, notes: list[str]):
        super().__init__(" ".join(notes) or "Your cart changed. Please review it again.")
        self.notes = notes


@dataclass(frozen=True, slots=True)
class PlaceOrder:
    """A validated checkout request (CheckoutSchema output) plus who is asking."""

    cart_token: str
    data: dict
    user_id: int | None = None
    age_confirmed: bool = False


def prepare(request: PlaceOrder) -> tuple[Cart, Quote]:
    """Read-only checks and the price to authorise; raises before anything is spent."""
    cart = find_cart(request.cart_token)
    if not cart.is_open:
        raise CartCompleted()
    data = request.data
    region = data["shipping_address"]["region"]
    current = quote(cart, email=data["email"], region=region, method=data["shipping_method"])
    check_restrictions(
        cart, region=region, age_confirmed=request.age_confirmed or data.get("age_confirmed", False)
    )
    notes = changes(current, expected_total=data.get("expected_total_cents"), seen=data.get("fingerprint"))
    if notes:
        raise CartChanged(notes)
    return cart, current


def place_order(request: PlaceOrder, *, on_placed: Callable[[Order], None] | None = None) -> Order:
    """Place the order or raise a StoreError; `on_placed` runs inside the transaction."""
    cart, priced = prepare(request)
    payment = request.data["payment"]
    card = Card(payment["card_number"], payment["exp_month"], payment["exp_year"], payment["cvc"])
    authorization = provider().authorize(card, priced.total_cents, reference=cart.token)
    try:
        order, message_id = _commit_with_retries(request, priced, authorization, on_placed)
    except BaseException:
        provider().void(authorization.authorization_id)
        raise
    send_after_commit(message_id)
    return order


def _commit_with_retries(request, priced, authorization, on_placed) -> tuple[Order, int]:
    """A PostgreSQL deadlock or serialization failure rolled everything back: try again."""
    for attempt in range(RETRIES):
        try:
            return _commit(request, priced, authorization, on_placed)
        except DBAPIError as error:
            if getattr(error.orig, "sqlstate", None) not in {"40001", "40P01", "55P03"}:
                raise
            if attempt == RETRIES - 1:
                raise StoreBusy() from error
    raise StoreBusy()


def _complete_cart(cart: Cart) -> None:
    table = Cart.__table__
    done = db.session.execute(
        update(table)
        .where(table.c.id == cart.id, table.c.status == CartStatus.OPEN.value)
        .values(status=CartStatus.COMPLETED.value)
    ).rowcount
    if done != 1:
        raise CartCompleted()


def _take_stock(cart: Cart, wanted_gifts) -> frozenset[int]:
    """The first shortfall of a paid line stops the order (the caller rolls the transaction back).

    Returns the promotion ids of the gifts whose stock ran out (the order goes on without them).
    """
    lines = ((line.product_id, line.quantity) for line in cart.lines)
    short, missed = take_stock(lines, gifts.stock_wanted(wanted_gifts))
    if short is not None:
        left = db.session.scalar(select(Product.stock).where(Product.id == short)) or 0
        name = next(line.product.name for line in cart.lines if line.product_id == short)
        raise CartChanged([f"Only {left} left of {name}." if left > 0 else f"{name} is sold out."])
    return missed


def claims_for(current: Quote, email: str) -> list[Claim]:
    return [
        Claim(d.promotion_id, d.code or d.promotion, d.amount_cents, code=d.code, customer_key=customer_key(email))
        for d in current.view.discounts
    ] + gifts.gift_claims(current.view.gifts, customer_key(email))


def _commit(
    request: PlaceOrder, seen: Quote, authorization: Authorization, on_placed
) -> tuple[Order, int]:
    with write_transaction():
        cart = find_cart(request.cart_token)
        _complete_cart(cart)
        data = request.data
        current = quote(cart, email=data["email"], region=seen.region, method=seen.method)
        if current.fingerprint != seen.fingerprint or current.total_cents != authorization.amount_cents:
            raise CartChanged(changes(current, seen=seen.fingerprint))
        try:
            claim_all(claims_for(current, data["email"]))
        except ClaimRefused as refused:
            raise CartChanged([refused.message]) from refused
        missed = _take_stock(cart, current.view.gifts)
        given, notices = gifts.settle(
            current.view.priced.gifts, current.view.gifts, missed, customer_key(data["email"])
        )
        order = _build_order(request, cart, current, authorization, given)
        order.notices = notices
        db.session.add(order)
        db.session.flush()
        message = mail.enqueue_confirmation(order)
        if on_placed is not None:
            on_placed(order)
        db.session.flush()
        message_id = message.id
    return order, message_id


def _build_order(request: PlaceOrder, cart: Cart, current: Quote, authorization: Authorization, given) -> Order:
    data = request.data
    address = data["shipping_address"]
    view = current.view
    rules = frozen_rules([d.promotion_id for d in view.discounts] + [g.promotion_id for g in given])
    products = {line.product.sku: line.product for line in cart.lines}
    return Order(
        email=data["email"],
        user_id=request.user_id,
        cart_id=cart.id,
        ship_name=address["name"],
        ship_line1=address["line1"],
        ship_line2=address.get("line2", ""),
        ship_city=address["city"],
        ship_region=address["region"],
        ship_postal_code=address["postal_code"],
        ship_country=address["country"],
        shipping_method=str(current.method),
        subtotal_cents=view.subtotal_cents,
        discount_cents=view.discount_cents,
        shipping_cents=view.shipping_cents,
        shipping_discount_cents=view.shipping_discount_cents,
        tax_cents=view.tax_cents,
        total_cents=view.total_cents,
        lines=[
            OrderLine(
                product_id=products[line.sku].id,
                sku=line.sku,
                name=line.name,
                unit_price_cents=line.unit_price_cents,
                quantity=line.quantity,
                subtotal_cents=line.subtotal_cents,
                discount_cents=line.discount_cents,
                total_cents=line.total_cents,
            )
            for line in view.lines
        ]
        + gifts.gift_lines(given),
        discounts=[
            OrderDiscount(
                promotion_id=d.promotion_id,
                name=d.promotion,
                code=d.code,
                discount_class=d.discount_class,
                amount_cents=d.amount_cents,
                line_shares=[[share.sku, share.amount_cents] for share in d.lines],
                rule=rules.get(d.promotion_id),
                customer_key=customer_key(data["email"]),
            )
            for d in view.discounts
        ]
        + gifts.gift_discounts(given, rules, customer_key(data["email"])),
        payment=Payment(
            provider=authorization.provider,
            status=PaymentStatus.AUTHORIZED,
            authorization_id=authorization.authorization_id,
            amount_cents=authorization.amount_cents,
            brand=authorization.brand,
            last4=authorization.last4,
        ),
    )
