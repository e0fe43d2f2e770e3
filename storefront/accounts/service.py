"""Creating and authenticating users."""

from sqlalchemy import func, select

from storefront.accounts.models import Role, User
from storefront.accounts.passwords import hash_password, needs_rehash, verify_password
from storefront.extensions import db
from storefront.transactions import write_transaction


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))


@write_transaction()
def save_user(email: str, password: str, role: Role, name: str = "") -> User:
    """Create the user, or reset the password and role of an existing one."""
    user = find_user(email) or User(email=normalise_email(email))
    user.password_hash = hash_password(password)
    user.role = role
    user.name = name or user.name or ""
    user.active = True
    db.session.add(user)
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active user with these credentials, or None; upgrades stale hashes."""
    user = find_user(email)
    if user is None or not user.active or not verify_password(user.password_hash, password):
        return None
    if needs_rehash(user.password_hash):
        with write_transaction():
            user.password_hash = hash_password(password)
    return user
