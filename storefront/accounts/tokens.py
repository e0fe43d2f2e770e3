"""Personal API tokens: a staff member's Bearer credential for the admin API.

Only a SHA-256 digest is stored. The token is 256 random bits, so a fast digest is
enough (a slow password hash buys nothing against guessing and costs on every call);
the clear token is shown once, when it is created.
"""

import hashlib
import secrets
from datetime import UTC, datetime

from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.auth import STAFF_ROLES
from core.errors import NotFound
from core.extensions import db
from core.transactions import write_transaction
from storefront.accounts.models import User

TOKEN_PREFIX = "vv_"


def _now() -> datetime:
    return datetime.now(UTC)


class ApiToken(db.Model):
    """A named, revocable credential acting with its owner's current role."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hint: Mapped[str] = mapped_column(String(16))  # the first characters, to tell tokens apart
    created_at: Mapped[datetime] = mapped_column(default=_now)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(lazy="joined")

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@write_transaction()
def issue_token(user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token for `user`; returns the row and the clear token (never stored)."""
    clear = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name.strip(), token_hash=digest(clear), hint=clear[:10])
    db.session.add(token)
    return token, clear


def user_for_token(clear: str) -> User | None:
    """The active staff user behind a live token, or None; records when it was last used."""
    if not clear.startswith(TOKEN_PREFIX) or len(clear) > 100:
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == digest(clear)))
    if token is None or not token.active or not token.user.active:
        return None
    if token.user.role not in STAFF_ROLES:
        return None
    with write_transaction():
        token.last_used_at = _now()
    return token.user


def tokens_of(user: User) -> list[ApiToken]:
    query = select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.created_at.desc())
    return list(db.session.scalars(query).unique())


@write_transaction()
def revoke_token(user: User, token_id: int) -> ApiToken:
    """Revoke one of `user`'s own tokens (an owner cannot be tricked into revoking others')."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound("No such token.")
    if token.revoked_at is None:
        token.revoked_at = _now()
    return token
