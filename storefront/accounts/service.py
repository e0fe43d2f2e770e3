"""Creating and authenticating users."""

from sqlalchemy import func, select

from storefront.accounts.identity import same_customer
from storefront.accounts.models import Role, User
from storefront.accounts.passwords import hash_password, needs_rehash, verify_password
from storefront.extensions import db
from storefront.transactions import write_transaction


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user(email: str) -> User | None:
    """The account of the customer `email` stands for (`+tags` ignored), the exact address first."""
    exact = func.lower(User.email) == normalise_email(email)
    query = select(User).where(same_customer(User.email, email)).order_by(exact.desc(), User.id).limit(1)
    return db.session.scalar(query)


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
