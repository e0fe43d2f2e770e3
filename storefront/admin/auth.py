"""Admin authentication.

Pages use the Flask-Login session, signed out after a spell of inactivity; the API takes
HTTP Basic (an admin's email and password) or a personal Bearer token. Both check the
role on the server: anonymous pages go to the login page, the anonymous API gets 401,
the wrong role gets 403.
"""

import time
from functools import partial

from flask import abort, current_app, flash, g, redirect, request, session, url_for
from flask_login import current_user, logout_user

from core.auth import STAFF_ROLES, Role
from storefront.accounts.models import User
from storefront.accounts.service import authenticate
from storefront.accounts.tokens import user_for_token
from storefront.admin import throttle
from storefront.errors import error_response

LAST_SEEN = "admin_last_seen"
DEFAULT_IDLE_SECONDS = 30 * 60


def api_user() -> User | None:
    """The staff user named by the request's Basic credentials or Bearer token.

    Failures count against the same limits as the sign-in form; once they are reached the
    request is refused with 429 before the credentials are even checked.
    """
    auth = request.authorization
    if auth is None:
        return None
    if auth.type == "bearer" and auth.token:
        account, check = None, partial(user_for_token, auth.token)
    elif auth.type == "basic" and auth.username and auth.password:
        account, check = auth.username, partial(authenticate, auth.username, auth.password)
    else:
        return None
    throttle.refuse_if_locked(account)
    user = check()
    if user is None or user.role not in STAFF_ROLES:
        throttle.record_failure(account)
        return None
    return user


def mark_seen() -> None:
    """Start (or continue) the idle clock of the signed-in admin."""
    session[LAST_SEEN] = int(time.time())


def _idle_too_long() -> bool:
    limit = current_app.config.get("ADMIN_IDLE_SECONDS", DEFAULT_IDLE_SECONDS)
    seen = session.get(LAST_SEEN)
    # A session without a clock (signed in before this check existed) starts one now.
    return isinstance(seen, int) and time.time() - seen > limit


def _customer_refused():
    """A signed-in shopper is told why, instead of being sent to a login they cannot pass."""
    message = (
        f"You are signed in as {current_user.email}, a customer account without admin rights. "
        "Sign out of the shop first to sign in as staff."
    )
    return error_response(403, "forbidden", message)


def page_refusal(roles: tuple[Role, ...]):
    """What an admin page answers instead of itself, or None for a staff user it lets in
    (core.auth.admin_required asks this): anonymous or idle users go to the login page,
    the wrong role gets 403."""
    signed_in = current_user.is_authenticated and current_user.is_active
    if signed_in and not current_user.is_staff:
        return _customer_refused()
    if not signed_in:
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
    return None
