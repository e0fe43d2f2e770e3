"""Sign-in throttling: failed attempts are counted per account and per address.

Only failures count (Flask-Limiter's `deduct_when`), so a busy shop behind one address
is not locked out by its own successful sign-ins. Once a limit is reached every attempt
is refused with 429 until the window passes, even with the right password.
"""

from flask import current_app, request
from flask_limiter.util import get_remote_address

from storefront.accounts.service import normalise_email
from storefront.extensions import limiter

ACCOUNT_LIMIT = "5 per 15 minutes"
ADDRESS_LIMIT = "20 per 15 minutes"


def _account_key() -> str:
    return "admin-login-account:" + normalise_email(request.form.get("email", ""))[:254]


def _address_key() -> str:
    return "admin-login-address:" + (get_remote_address() or "unknown")


def _failed(response) -> bool:
    return response.status_code == 401


def throttled(view):
    """Wrap the login view in the per-account and per-address failure limits."""
    account = limiter.limit(
        lambda: current_app.config.get("ADMIN_LOGIN_ACCOUNT_LIMIT", ACCOUNT_LIMIT),
        key_func=_account_key,
        methods=["POST"],
        deduct_when=_failed,
        scope="admin-login-account",
    )
    address = limiter.limit(
        lambda: current_app.config.get("ADMIN_LOGIN_ADDRESS_LIMIT", ADDRESS_LIMIT),
        key_func=_address_key,
        methods=["POST"],
        deduct_when=_failed,
        scope="admin-login-address",
    )
    return address(account(view))
