"""Code-guessing throttle: refused codes are counted per client address and per cart.

Only refusals count (`deduct_when`), so shoppers who type valid codes are never slowed
down. The limits are shared by the cart page and the cart API, so switching between
them does not buy more guesses. Once a limit is reached every code attempt gets 429
with Retry-After until the window passes.
"""

from flask import current_app, request, session
from flask_limiter.util import get_remote_address

from core.extensions import limiter
from storefront.cart.session import SESSION_KEY

CODE_LIMIT = "10 per 10 minutes"
TOO_MANY_CODES = "Too many codes were refused. Please wait a few minutes before trying another code."


def _limit() -> str:
    return current_app.config.get("PROMO_CODE_LIMIT", CODE_LIMIT)


def _address_key() -> str:
    return "promo-code-address:" + (get_remote_address() or "unknown")


def _cart_key() -> str:
    token = (request.view_args or {}).get("token") or session.get(SESSION_KEY)
    return "promo-code-cart:" + (token or "none:" + (get_remote_address() or "unknown"))


def _refused(response) -> bool:
    return response.status_code == 422


def code_throttled(view):
    """Wrap a code-applying view in the per-address and per-cart refusal limits."""
    by_address = limiter.shared_limit(
        _limit, scope="promo-code-address", key_func=_address_key, deduct_when=_refused
    )
    by_cart = limiter.shared_limit(
        _limit, scope="promo-code-cart", key_func=_cart_key, deduct_when=_refused
    )
    return by_address(by_cart(view))
