"""Password hashing with argon2id; a hash from weaker parameters is upgraded on login."""

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _stand_in_hash() -> str:
    return hash_password("no account has this password")


def verify_nothing(password: str) -> None:
    """Spend what verifying a real hash costs, so an unknown email answers no faster.

    Otherwise the time an answer takes tells an attacker which staff emails exist.
    """
    verify_password(_stand_in_hash(), password)


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)
