"""Who a reader is, without accounts: a signed cookie id, and a keyed hash of their address.

The cookie keeps one vote per browser even across networks; the address hash stands in when a
client sends no cookie (API callers), and is stored so abuse from one address can be seen.
Addresses are never stored in the clear.
"""

import hashlib
import hmac
import secrets

from flask import Response, current_app, request
from itsdangerous import BadSignature, URLSafeSerializer

COOKIE_NAME = "reader"
COOKIE_MAX_AGE = 365 * 24 * 3600
_SALT = "storefront.content.reader"
_ENV_ID, _ENV_NEW = "storefront.reader_id", "storefront.reader_is_new"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def address_hash() -> str:
    """A keyed hash of the client address: stable per address, useless without our secret."""
    key = current_app.config["SECRET_KEY"].encode()
    address = (request.remote_addr or "unknown").encode()
    return hmac.new(key, address, hashlib.sha256).hexdigest()


def cookie_reader_id() -> str | None:
    """The reader id from a validly signed cookie, or None."""
    raw = request.cookies.get(COOKIE_NAME)
    if not raw:
        return None
    try:
        value = _serializer().loads(raw)
    except BadSignature:
        return None
    return value if isinstance(value, str) and 16 <= len(value) <= 64 else None


def ensure_reader_id() -> str:
    """The reader's id, minting one (and marking it to be set as a cookie) on first visit.

    Kept in the request's environ rather than `g`, which can outlive a request (tests share
    one app context across many requests).
    """
    if _ENV_ID not in request.environ:
        reader_id = cookie_reader_id()
        if reader_id is None:
            reader_id = secrets.token_urlsafe(18)
            request.environ[_ENV_NEW] = True
        request.environ[_ENV_ID] = reader_id
    return request.environ[_ENV_ID]


def voter_key(*, mint: bool) -> str:
    """Whose vote this is: the cookie id when there is one, else the address hash."""
    reader_id = ensure_reader_id() if mint else cookie_reader_id()
    return f"c:{reader_id}" if reader_id else f"a:{address_hash()}"


def is_new() -> bool:
    """True when this request handed the reader their id: they have voted on nothing yet."""
    return bool(request.environ.get(_ENV_NEW))


def set_cookie_if_new(response: Response) -> Response:
    """after_request: hand a new reader their signed id."""
    if is_new():
        response.set_cookie(
            COOKIE_NAME,
            _serializer().dumps(request.environ[_ENV_ID]),
            max_age=COOKIE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
        )
    return response
