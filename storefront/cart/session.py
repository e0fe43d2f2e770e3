"""The browser's cart: its token rides in the signed session cookie."""

from flask import session
from sqlalchemy import func, select

from storefront.cart.models import Cart, CartLine, CartStatus
from storefront.cart.service import CartNotFound, create_cart, find_cart
from storefront.extensions import db

SESSION_KEY = "cart_token"


def current_cart() -> Cart | None:
    """The shopper's open cart, or None when they have none yet."""
    try:
        cart = find_cart(session.get(SESSION_KEY))
    except CartNotFound:
        return None
    return cart if cart.is_open else None


def cart_for_update() -> Cart:
    """The shopper's open cart, made on first use."""
    cart = current_cart()
    if cart is None:
        cart = create_cart()
        session[SESSION_KEY] = cart.token
    return cart


def forget_cart() -> None:
    session.pop(SESSION_KEY, None)


def item_count() -> int:
    """Header badge count in one query."""
    token = session.get(SESSION_KEY)
    if not token:
        return 0
    total = db.session.scalar(
        select(func.coalesce(func.sum(CartLine.quantity), 0))
        .join(Cart, Cart.id == CartLine.cart_id)
        .where(Cart.token == token, Cart.status == CartStatus.OPEN)
    )
    return int(total or 0)
