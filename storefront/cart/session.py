"""The browser's cart: its token rides in the signed session cookie."""

from functools import cache

from flask import session
from sqlalchemy import bindparam, func, select

from core.reads import lone_rows
from core.versions import Versions, shared_versions, versions_of, versions_query
from storefront.cart.models import Cart, CartLine, CartStatus
from storefront.cart.reads import CartRecord, read_cart
from storefront.cart.service import CartNotFound, create_cart, find_cart

SESSION_KEY = "cart_token"

_ITEM_COUNT = (
    select(func.coalesce(func.sum(CartLine.quantity), 0))
    .join(Cart, Cart.id == CartLine.cart_id)
    .where(Cart.token == bindparam("token"), Cart.status == CartStatus.OPEN)
)


def current_cart() -> Cart | None:
    """The shopper's open cart, or None when they have none yet."""
    try:
        cart = find_cart(session.get(SESSION_KEY))
    except CartNotFound:
        return None
    return cart if cart.is_open else None


def shown_cart() -> tuple[CartRecord | None, Versions]:
    """The shopper's open cart, read for showing only, and the versions to show it with
    (storefront.cart.reads)."""
    cart, versions = read_cart(session.get(SESSION_KEY))
    return (cart if cart is not None and cart.is_open else None), versions


def cart_for_update() -> Cart:
    """The shopper's open cart, made on first use."""
    cart = current_cart()
    if cart is None:
        cart = create_cart()
        session[SESSION_KEY] = cart.token
    return cart


def forget_cart() -> None:
    session.pop(SESSION_KEY, None)


def cart_token() -> str | None:
    return session.get(SESSION_KEY)


def item_count() -> int:
    """The header badge: units in the shopper's open cart (one small query, none without one)."""
    token = cart_token()
    if not token:
        return 0
    return int(lone_rows(_ITEM_COUNT, {"token": token})[0][0] or 0)


def versions_and_item_count() -> tuple[Versions, int]:
    """The versions and the header badge's count: all that a kept shelf page reads. Without a
    cart, the versions alone (from the shared cache's mirror when there is one: no database);
    with one, both in one statement, so one round trip to the database."""
    token = cart_token()
    if not token:
        return shared_versions(), 0
    (row,) = lone_rows(_versions_and_count(), {"token": token})
    return versions_of(row), int(row[3] or 0)


@cache
def _versions_and_count():
    return select(*versions_query().subquery().c, _ITEM_COUNT.scalar_subquery())
