"""The browser's cart: its token rides in the signed session cookie."""

from flask import session

from storefront.cart.models import Cart
from storefront.cart.service import CartNotFound, create_cart, find_cart
from storefront.cart.state import CartState, cart_state

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


def cart_token() -> str | None:
    return session.get(SESSION_KEY)


def open_cart_state() -> CartState | None:
    """The state of the shopper's open cart; None when they have none."""
    token = cart_token()
    state = cart_state(token) if token else None
    return state if state and state.is_open else None


def item_count() -> int:
    """The header badge."""
    state = open_cart_state()
    return state.item_count if state else 0
