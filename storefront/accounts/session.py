"""Flask-Login wiring: how a signed-in user is loaded back from the session, and sessions ended.

Sessions are signed cookies held by the browser, so clearing one in one browser revokes nothing
by itself. The id a cookie carries is "<user id>:<session version>" (User.get_id); moving the
user's version on makes every cookie issued before it load no user: signed out everywhere.
"""

from flask import session
from flask_login import LoginManager, current_user, logout_user

from core.extensions import db
from core.transactions import write_transaction
from storefront.accounts.models import User


def configure_login(login_manager: LoginManager) -> None:
    login_manager.session_protection = "strong"

    @login_manager.user_loader
    def load_user(session_id: str) -> User | None:
        user_id, _, version = session_id.partition(":")
        if not (user_id.isdigit() and version.isdigit()):
            return None  # a cookie from before versions existed, or a forged one
        user = db.session.get(User, int(user_id))
        return user if user is not None and user.session_version == int(version) else None


def end_sessions(user) -> None:
    """Revoke every session cookie of `user` issued so far (in the caller's transaction)."""
    user.session_version = (user.session_version or 1) + 1


def sign_out_everywhere() -> None:
    """End this session and every other cookie the signed-in user holds; start a clean session."""
    if current_user.is_authenticated:
        with write_transaction():
            end_sessions(current_user)
    logout_user()
    session.clear()
