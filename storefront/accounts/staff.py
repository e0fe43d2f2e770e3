"""Managing staff accounts: the owner adds marketing colleagues and switches them off."""

from sqlalchemy import select

from core.auth import STAFF_ROLES, Role
from core.errors import Conflict, Invalid, NotFound
from core.extensions import db
from core.transactions import write_transaction
from storefront.accounts.models import User
from storefront.accounts.passwords import hash_password
from storefront.accounts.service import find_user, normalise_email
from storefront.accounts.session import end_sessions

MIN_PASSWORD = 10


def list_staff() -> list[User]:
    query = select(User).where(User.role.in_(list(STAFF_ROLES))).order_by(User.email)
    return list(db.session.scalars(query))


@write_transaction()
def create_staff(email: str, password: str, role: Role, name: str = "") -> User:
    """A new staff account; an existing email is refused rather than silently taken over."""
    if role not in STAFF_ROLES:
        raise Invalid("Staff are owners or marketing.", fields={"role": ["Choose a staff role."]})
    if len(password) < MIN_PASSWORD:
        raise Invalid(
            f"Use at least {MIN_PASSWORD} characters.",
            fields={"password": [f"Use at least {MIN_PASSWORD} characters."]},
        )
    if find_user(email) is not None:
        raise Conflict("An account with that email already exists.", fields={"email": ["Already exists."]})
    user = User(
        email=normalise_email(email), name=name.strip(), role=role, password_hash=hash_password(password)
    )
    db.session.add(user)
    return user


@write_transaction()
def set_active(user_id: int, active: bool, *, actor: User) -> User:
    """Switch a staff account on or off; nobody can switch off themselves (or the last owner)."""
    user = db.session.get(User, user_id)
    if user is None or user.role not in STAFF_ROLES:
        raise NotFound("No such staff account.")
    if not active and user.id == actor.id:
        raise Conflict("You cannot deactivate your own account.")
    if not active and user.role is Role.OWNER and _active_owners() <= 1:
        raise Conflict("The store needs at least one active owner.")
    user.active = active
    end_sessions(user)  # a reactivated account starts from a fresh sign-in, not an old cookie
    return user


@write_transaction()
def end_staff_sessions(user_id: int) -> User:
    """The staff page's "sign out everywhere": every session of that account ends now."""
    user = db.session.get(User, user_id)
    if user is None or user.role not in STAFF_ROLES:
        raise NotFound("No such staff account.")
    end_sessions(user)
    return user


def _active_owners() -> int:
    query = select(User.id).where(User.role == Role.OWNER, User.active.is_(True))
    return len(db.session.scalars(query).all())
