"""Who may do what: staff roles and the guards of the admin pages and the admin JSON API.

catalog and promotions guard their admin pages with `admin_required` and their admin APIs
with `admin_api_required`. How a session or a request's credentials name a staff user
(Flask-Login, idle sign-out, HTTP Basic, Bearer tokens, throttling) is storefront's
business, plugged in by the app factory with `guard_admin_pages_with` and
`identify_api_users_with`.
"""

import enum
from collections.abc import Callable
from functools import wraps

from flask import Flask, abort, current_app, g
from werkzeug.exceptions import Unauthorized

ADMIN_API_SECURITY = [{"basicAuth": []}, {"bearerAuth": []}]
_API_USER = "admin_api_user"
_PAGE_GUARD = "admin_page_guard"


class Role(enum.StrEnum):
    OWNER = "owner"
    MARKETING = "marketing"
    CUSTOMER = "customer"


STAFF_ROLES = frozenset({Role.OWNER, Role.MARKETING})


class AdminUnauthorized(Unauthorized):
    description = (
        "Sign in with an admin account's email and password (HTTP Basic) "
        "or a personal API token (Bearer)."
    )

    def get_headers(self, environ=None, scope=None):
        return [
            ("Content-Type", "application/json"),
            ("WWW-Authenticate", 'Basic realm="admin"'),
            ("WWW-Authenticate", 'Bearer realm="admin"'),
        ]


def identify_api_users_with(app: Flask, api_user: Callable[[], object | None]) -> None:
    """Plug in what turns a request's credentials into a staff user (or None)."""
    app.extensions[_API_USER] = api_user


def guard_admin_pages_with(app: Flask, refusal: Callable[[tuple[Role, ...]], object | None]) -> None:
    """Plug in the check of an admin page: `refusal(roles)` answers the response that
    replaces the page (sign-in redirect, 403), or None to let the staff user through."""
    app.extensions[_PAGE_GUARD] = refusal


def admin_required(*roles: Role):
    """Admin pages: staff only (optionally only `roles`), as the plugged-in guard decides."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            refused = current_app.extensions[_PAGE_GUARD](roles)
            if refused is not None:
                return refused
            return view(*args, **kwargs)

        return wrapper

    return decorator


def admin_api_required(*roles: Role):
    """Allow staff users (optionally only `roles`); anonymous 401, wrong role 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            user = current_app.extensions[_API_USER]()
            if user is None:
                raise AdminUnauthorized()
            if roles and user.role not in roles:
                abort(403)
            g.admin_user = user
            return view(*args, **kwargs)

        return wrapper

    return decorator
