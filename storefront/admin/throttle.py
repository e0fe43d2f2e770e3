"""Sign-in throttling shared by the admin sign-in form and the admin API (HTTP Basic, Bearer).

Failed attempts are counted per account and per address in Flask-Limiter's storage (Redis in
production, so every worker and server sees one count), under the same keys whichever door
they came through: five wrong passwords in the form and the API together lock the account.
Only failures count, so a busy shop behind one address is not locked out by its own
successful sign-ins. Once a limit is reached every attempt is refused with 429 and
Retry-After until the window passes, even with the right password. A bad Bearer token names
no account, so it counts against the address only.
"""

import time

from flask import current_app
from flask_limiter.util import get_remote_address
from limits import RateLimitItem, parse
from werkzeug.exceptions import TooManyRequests

from core.extensions import limiter
from storefront.accounts.service import normalise_email

ACCOUNT_LIMIT = "5 per 15 minutes"
ADDRESS_LIMIT = "20 per 15 minutes"


class TooManyAttempts(TooManyRequests):
    description = "Too many sign-in attempts. Please wait and try again."


def _counters(account: str | None) -> list[tuple[RateLimitItem, list[str]]]:
    """Each limit this attempt counts against, with the storage key's parts."""
    config = current_app.config
    prefix = [config["RATELIMIT_KEY_PREFIX"]] if config.get("RATELIMIT_KEY_PREFIX") else []
    counters = [
        (
            parse(config.get("ADMIN_LOGIN_ADDRESS_LIMIT", ADDRESS_LIMIT)),
            [*prefix, "admin-login-address", get_remote_address() or "unknown"],
        )
    ]
    if account is not None:
        counters.append(
            (
                parse(config.get("ADMIN_LOGIN_ACCOUNT_LIMIT", ACCOUNT_LIMIT)),
                [*prefix, "admin-login-account", normalise_email(account)[:254]],
            )
        )
    return counters


def retry_after(account: str | None) -> int | None:
    """Seconds until `account` (None: a token) may try again from this address; None if now."""
    if not limiter.enabled:
        return None
    waits = [
        int(limiter.limiter.get_window_stats(limit, *key).reset_time - time.time()) + 1
        for limit, key in _counters(account)
        if not limiter.limiter.test(limit, *key)
    ]
    return max(1, *waits) if waits else None


def refuse_if_locked(account: str | None) -> None:
    """Raise 429 with Retry-After while a limit of this attempt is exhausted."""
    wait = retry_after(account)
    if wait is not None:
        raise TooManyAttempts(retry_after=wait)


def record_failure(account: str | None) -> None:
    if limiter.enabled:
        for limit, key in _counters(account):
            limiter.limiter.hit(limit, *key)
