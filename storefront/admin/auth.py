"""Admin authentication.

Pages use the Flask-Login session, signed out after a spell of inactivity; the API takes
HTTP Basic (an admin's email and password) or a personal Bearer token. Both check the
role on the server: anonymous pages go to the login page, the anonymous API gets 401,
the wrong role gets 403.
"""

import time
from functools import wraps

from flask import abort, current_app, flash, g, redirect, request, session, url_for
from flask_login import current_user, logout_user
from werkzeug.exceptions import Unauthorized

from storefront.accounts.models import STAFF_ROLES, Role, User
from storefront.accounts.service import authenticate
from storefront.accounts.tokens import user_for_token

ADMIN_API_SECURITY = [{"basicAuth": []}, {"bearerAuth": []}]
LAST_SEEN = "admin_last_seen"
DEFAULT_IDLE_SECONDS = 30 * 60


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


def api_user() -> User | None:
    """The staff user named by the request's Basic credentials or Bearer token."""
    auth = request.authorization
    if auth is None:
        return None
    if auth.type == "bearer":
        return user_for_token(auth.token) if auth.token else None
    if auth.type != "basic" or not auth.username or not auth.password:
        return None
    user = authenticate(auth.username, auth.password)
    return user if user and user.role in STAFF_ROLES else None


def admin_api_required(*roles: Role):
    """Allow staff users (optionally only `roles`); anonymous 401, wrong role 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            user = api_user()
            if user is None:
                raise AdminUnauthorized()
            if roles and user.role not in roles:
                abort(403)
            g.admin_user = user
            return view(*args, **kwargs)

        return wrapper

    return decorator


def mark_seen() -> None:
    """Start (or continue) the idle clock of the signed-in admin."""
    session[LAST_SEEN] = int(time.time())


def _idle_too_long() -> bool:
    limit = current_app.config.get("ADMIN_IDLE_SECONDS", DEFAULT_IDLE_SECONDS)
    seen = session.get(LAST_SEEN)
    # A session without a clock (signed in before this check existed) starts one now.
    return isinstance(seen, int) and time.time() - seen > limit


def admin_required(*roles: Role):
    """Admin pages: anonymous or idle users go to the login page, the wrong role gets 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            signed_in = current_user.is_authenticated and current_user.is_active
            if not signed_in or not current_user.is_staff:
                return redirect(url_for("admin.login", next=request.full_path))
            if _idle_too_long():
                logout_user()
                session.clear()
                flash("You were signed out after a period of inactivity. Please sign in again.", "info")
                return redirect(url_for("admin.login", next=request.full_path))
            mark_seen()
            if roles and current_user.role not in roles:
                abort(403)
            g.admin_user = current_user
            return view(*args, **kwargs)

        return wrapper

    return decorator
