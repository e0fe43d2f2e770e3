"""Flask-Login wiring: how a signed-in user is loaded back from the session."""

from flask_login import LoginManager

from storefront.extensions import db


def configure_login(login_manager: LoginManager) -> None:
    from storefront.accounts.models import User

    login_manager.session_protection = "strong"

    @login_manager.user_loader
    def load_user(user_id: str) -> User | None:
        return db.session.get(User, int(user_id)) if user_id.isdigit() else None
