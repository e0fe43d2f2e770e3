"""Creating and authenticating users."""

from sqlalchemy import func, select

from core.auth import Role
from core.errors import Invalid
from core.extensions import db
from core.transactions import write_transaction
from storefront.accounts.models import User
from storefront.accounts.passwords import (
    hash_password,
    needs_rehash,
    verify_nothing,
    verify_password,
)
from storefront.accounts.session import end_sessions
from storefront.identity import same_customer


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user(email: str) -> User | None:
    """The account of the customer `email` stands for (`+tags` ignored), the exact address first."""
    exact = func.lower(User.email) == normalise_email(email)
    query = select(User).where(same_customer(User.email, email)).order_by(exact.desc(), User.id).limit(1)
    return db.session.scalar(query)


@write_transaction()
def save_user(email: str, password: str, role: Role, name: str = "") -> User:
    """Create the user, or reset the password and role of an existing one (ending its sessions)."""
    user = find_user(email)
    if user is None:
        user = User(email=normalise_email(email))
    else:
        end_sessions(user)
    user.password_hash = hash_password(password)
    user.role = role
    user.name = name or user.name or ""
    user.active = True
    db.session.add(user)
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active user with these credentials, or None; upgrades stale hashes."""
    user = find_user(email)
    if user is None:
        verify_nothing(password)  # as slow as a wrong password: timing names no accounts
        return None
    if not verify_password(user.password_hash, password) or not user.active:
        return None
    if needs_rehash(user.password_hash):
        with write_transaction():
            user.password_hash = hash_password(password)
    return user


def change_password(user: User, current: str, new: str) -> None:
    """A new password once the current one is proven; every earlier session ends."""
    if not verify_password(user.password_hash, current):
        message = "That isn't your current password."
        raise Invalid(message, fields={"current": [message]})
    with write_transaction():
        user.password_hash = hash_password(new)
        end_sessions(user)
