"""Admin authentication: pages use the Flask-Login session, the API uses HTTP Basic."""

from functools import wraps

from flask import abort, g, redirect, request, url_for
from flask_login import current_user
from werkzeug.exceptions import Unauthorized

from storefront.accounts.models import STAFF_ROLES, Role, User
from storefront.accounts.service import authenticate

ADMIN_API_SECURITY = [{"basicAuth": []}]


class AdminUnauthorized(Unauthorized):
    description = "Sign in with an admin account's email and password (HTTP Basic)."

    def get_headers(self, environ=None, scope=None):
        return [("Content-Type", "application/json"), ("WWW-Authenticate", 'Basic realm="admin"')]


def api_user() -> User | None:
    auth = request.authorization
    if auth is None or auth.type != "basic" or not auth.username or not auth.password:
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


def admin_required(*roles: Role):
    """Admin pages: anonymous users go to the login page, the wrong role gets 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not current_user.is_authenticated or not current_user.is_staff:
                return redirect(url_for("admin.login", next=request.full_path))
            if roles and current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapper

    return decorator
