"""Extensions created unbound; create_app binds them with init_app."""

from flask import session
from flask_caching import Cache
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_mailman import Mail
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase


class StoreLoginManager(LoginManager):
    """Strong session protection for sessions that hold a signed-in user, and only those.

    Flask-Login treats any non-empty session without its client fingerprint as hijacked, so an
    anonymous shopper's session (cart and CSRF tokens) was re-signed, with a Set-Cookie, on
    every page. There is no user in such a session to protect.
    """

    def _session_protection_failed(self) -> bool:
        return "_user_id" in session and super()._session_protection_failed()


class Base(DeclarativeBase):
    """Declarative base shared by every model in catalog, promotions and storefront."""


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
csrf = CSRFProtect()
login_manager = StoreLoginManager()
mail = Mail()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
cache = Cache()  # shelf pages, shared by every worker and server through Redis in production
