"""Customer accounts: registration and the guest cart that follows a shopper into their account."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from core.auth import Role
from core.errors import Conflict
from core.extensions import db
from core.transactions import write_transaction
from storefront.accounts.models import User
from storefront.accounts.passwords import hash_password
from storefront.accounts.service import find_user, normalise_email
from storefront.cart.models import Cart, CartLine, CartStatus
from storefront.cart.service import MAX_QUANTITY


class EmailTaken(Conflict):
    def __init__(self):
        super().__init__(
            "An account with that email already exists. Sign in instead.",
            fields={"email": ["An account with that email already exists."]},
        )


@write_transaction()
def register_customer(email: str, password: str, name: str = "") -> User:
    """A new customer; an existing email (customer or staff) is never taken over."""
    if find_user(email) is not None:
        raise EmailTaken()
    user = User(email=normalise_email(email), password_hash=hash_password(password), name=name,
                role=Role.CUSTOMER)
    db.session.add(user)
    return user


def _open_cart(user_id: int) -> Cart | None:
    query = (
        select(Cart)
        .options(selectinload(Cart.lines).joinedload(CartLine.product))
        .where(Cart.user_id == user_id, Cart.status == CartStatus.OPEN)
        .order_by(Cart.updated_at.desc(), Cart.id.desc())
        .limit(1)
    )
    return db.session.scalar(query)


@write_transaction()
def keep_cart_for(user: User, cart: Cart | None) -> None:
    """A cart filled while signed in belongs to the account, not to the browser."""
    if cart is not None and cart.is_open and cart.user_id is None:
        cart.user_id = user.id


@write_transaction()
def merge_guest_cart(user: User, guest: Cart | None) -> Cart | None:
    """The cart the signed-in shopper continues with: the guest's lines added to their own.

    Quantities add up but never past stock or the per-line maximum; codes are unioned.
    The emptied guest cart is deleted so its token leads nowhere.
    """
    own = _open_cart(user.id)
    if guest is None or not guest.is_open or guest.user_id == user.id:
        return own or guest
    if own is None:
        guest.user_id = user.id
        return guest
    lines = {line.product_id: line for line in own.lines}
    for line in guest.lines:
        limit = min(MAX_QUANTITY, line.product.stock)
        if line.product_id in lines:
            mine = lines[line.product_id]
            mine.quantity = max(mine.quantity, min(mine.quantity + line.quantity, limit))
        elif limit > 0:
            own.lines.append(CartLine(product_id=line.product_id, quantity=min(line.quantity, limit)))
    own.codes = list(dict.fromkeys([*(own.codes or []), *(guest.codes or [])]))
    db.session.delete(guest)
    return own
