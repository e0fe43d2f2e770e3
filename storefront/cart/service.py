"""Changing a cart: every change is validated against the catalog, never against the request."""

from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from catalog.models import Product
from core.columns import utcnow
from core.errors import Conflict, Invalid, NotFound, StoreError
from core.extensions import db
from core.transactions import write_transaction
from promotions.engine import CodeCheck, CodeStatus, normalize_code
from promotions.quotes import check_entered_code
from storefront.cart.models import Cart, CartLine, new_token

MAX_QUANTITY = 99
MAX_LINES = 100
MAX_CODES = 5


class CartNotFound(NotFound):
    def __init__(self):
        super().__init__("We couldn't find that cart. It may have expired.")


class CartCompleted(Conflict):
    def __init__(self):
        super().__init__("This cart has already been checked out.")


class UnknownProduct(Invalid):
    def __init__(self, sku: str):
        super().__init__(f"We don't sell a product with SKU {sku}.", fields={"sku": ["Unknown product."]})


class ProductUnavailable(Invalid):
    def __init__(self, product: Product):
        super().__init__(
            f"{product.name} is not available right now.", fields={"sku": ["Product unavailable."]}
        )


class NotEnoughStock(Invalid):
    def __init__(self, product: Product):
        text = (
            f"{product.name} is sold out."
            if product.stock <= 0
            else f"Only {product.stock} left of {product.name}."
        )
        super().__init__(text, fields={"quantity": [text]})


class LineNotInCart(NotFound):
    def __init__(self, sku: str):
        super().__init__(f"{sku} is not in your cart.")


class AgeNotConfirmed(StoreError):
    status = 403
    code = "age_confirmation_required"

    def __init__(self, product: Product):
        minimum = product.department.minimum_age or 21
        super().__init__(f"Please confirm you are {minimum} or older to buy {product.name}.")
        self.product = product


class TooManyLines(Invalid):
    def __init__(self):
        super().__init__(f"A cart can hold at most {MAX_LINES} different products.")


# Built once per process: composing the loader options costs more than running the query.
_CART_BY_TOKEN = (
    select(Cart)
    .options(joinedload(Cart.lines).joinedload(CartLine.product).joinedload(Product.department))
    .where(Cart.token == bindparam("token"))
)


def find_cart(token: str | None) -> Cart:
    """The cart with its lines, products and departments loaded in one query."""
    cart = (
        db.session.scalars(_CART_BY_TOKEN, {"token": token}).unique().one_or_none()
        if token
        else None
    )
    if cart is None:
        raise CartNotFound()
    return cart


def create_cart(user_id: int | None = None) -> Cart:
    with write_transaction():
        cart = Cart(token=new_token(), user_id=user_id, codes=[])
        db.session.add(cart)
    return cart


def _open(cart: Cart) -> Cart:
    """The cart, about to change: refused once completed; its activity time moves (line edits
    alone would not move `updated_at`, and the abandoned-cart expiry reads it)."""
    if not cart.is_open:
        raise CartCompleted()
    cart.updated_at = utcnow()
    return cart


def _sellable(sku: str) -> Product:
    product = db.session.scalar(select(Product).where(Product.sku == sku))
    if product is None:
        raise UnknownProduct(sku)
    if not product.active:
        raise ProductUnavailable(product)
    return product


def _check_stock(product: Product, quantity: int) -> None:
    if quantity > product.stock:
        raise NotEnoughStock(product)
    if quantity > MAX_QUANTITY:
        raise Invalid(
            f"You can buy at most {MAX_QUANTITY} of {product.name}.",
            fields={"quantity": [f"At most {MAX_QUANTITY}."]},
        )


def _line(cart: Cart, sku: str) -> CartLine:
    for line in cart.lines:
        if line.product.sku == sku:
            return line
    raise LineNotInCart(sku)


@write_transaction()
def add_item(cart: Cart, sku: str, quantity: int, *, age_confirmed: bool = True) -> Product:
    """Add `quantity` of `sku`, merging with a line already in the cart (read under the write lock)."""
    _open(cart)
    product = _sellable(sku)
    if product.department.age_restricted and not age_confirmed:
        raise AgeNotConfirmed(product)
    existing = next((line for line in cart.lines if line.product_id == product.id), None)
    if existing is None and len(cart.lines) >= MAX_LINES:
        raise TooManyLines()
    _check_stock(product, quantity + (existing.quantity if existing else 0))
    if existing:
        existing.quantity += quantity
    else:
        cart.lines.append(CartLine(product=product, quantity=quantity))
    return product


@write_transaction()
def set_quantity(cart: Cart, sku: str, quantity: int) -> None:
    _open(cart)
    line = _line(cart, sku)
    if not line.product.active:
        raise ProductUnavailable(line.product)
    _check_stock(line.product, quantity)
    line.quantity = quantity


@write_transaction()
def remove_item(cart: Cart, sku: str) -> None:
    _open(cart)
    cart.lines.remove(_line(cart, sku))


class CodeRefused(Invalid):
    """Unknown, expired, not started or used up: one message shape for all, by design."""

    code = "code_refused"

    def __init__(self, message: str):
        super().__init__(message, fields={"code": [message]})


class CodeNotInCart(NotFound):
    def __init__(self, code: str):
        super().__init__(f"Code {code} is not on your cart.")


class TooManyCodes(Invalid):
    def __init__(self):
        message = f"A cart can hold at most {MAX_CODES} codes. Remove one first."
        super().__init__(message, fields={"code": [message]})


@write_transaction()
def apply_code(cart: Cart, text: str, *, email: str | None = None) -> CodeCheck:
    """Keep a live code on the cart (normalized), even before the cart qualifies for it.

    Whether the cart meets the promotion's conditions is the priced cart's business
    ("Add $12.50 more to use BNR41921"); here only the code itself is checked.
    """
    _open(cart)
    check = check_entered_code(text, email)
    if check.status is not CodeStatus.ACCEPTED:
        raise CodeRefused(check.message)
    codes = list(cart.codes or [])
    if check.code not in codes:
        if len(codes) >= MAX_CODES:
            raise TooManyCodes()
        cart.codes = [*codes, check.code]
    return check


@write_transaction()
def remove_code(cart: Cart, text: str) -> None:
    _open(cart)
    code = normalize_code(text)
    codes = list(cart.codes or [])
    if code not in codes:
        raise CodeNotInCart(code)
    cart.codes = [existing for existing in codes if existing != code]
